// Package ratelimit provides token buckets per key (an IP address, a device, an account),
// kept in memory and forgotten when idle. Keys are keyed hashes made with a secret drawn at
// start, so not even memory holds a raw IP address for long, and nothing is written down.
// Both web packages use it: the resident form against floods, the staff login against
// password guessing.
package ratelimit

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Keyed holds one token bucket per key.
type Keyed struct {
	now    func() time.Time
	secret [32]byte

	mu      sync.Mutex
	buckets map[string]*bucket
	calls   int
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// idle is how long a bucket is kept after its last use; every bucket in use here refills
// well within it, so forgetting it changes nothing.
const idle = 30 * time.Minute

// New returns an empty Keyed on the clock now (nil: time.Now).
func New(now func() time.Time) *Keyed {
	if now == nil {
		now = time.Now
	}
	k := &Keyed{now: now, buckets: map[string]*bucket{}}
	_, _ = rand.Read(k.secret[:])
	return k
}

// Key turns a kind ("ip", "dev", "user") and a value into a bucket key that does not reveal
// the value.
func (k *Keyed) Key(kind, v string) string {
	m := hmac.New(sha256.New, k.secret[:])
	m.Write([]byte(kind + "\x00" + v))
	return kind + hex.EncodeToString(m.Sum(nil)[:12])
}

// Allow takes one token from key's bucket (perMinute sustained, burst at once) and reports
// whether there was one.
func (k *Keyed) Allow(key string, perMinute float64, burst int) bool {
	return k.bucket(key, perMinute, burst).AllowN(k.now(), 1)
}

// Peek reports whether key's bucket has a token, without taking it.
func (k *Keyed) Peek(key string, perMinute float64, burst int) bool {
	return k.bucket(key, perMinute, burst).TokensAt(k.now()) >= 1
}

// Full reports whether key's bucket is full: nothing was taken from it lately.
func (k *Keyed) Full(key string, perMinute float64, burst int) bool {
	return k.bucket(key, perMinute, burst).TokensAt(k.now()) >= float64(burst)
}

// Empty takes every token left in key's bucket.
func (k *Keyed) Empty(key string, perMinute float64, burst int) {
	lim, now := k.bucket(key, perMinute, burst), k.now()
	if n := int(lim.TokensAt(now)); n > 0 {
		lim.AllowN(now, n)
	}
}

func (k *Keyed) bucket(key string, perMinute float64, burst int) *rate.Limiter {
	now := k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.calls%1024 == 0 {
		for key, b := range k.buckets {
			if now.Sub(b.seen) > idle {
				delete(k.buckets, key)
			}
		}
	}
	b, ok := k.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(perMinute/60), burst)}
		k.buckets[key] = b
	}
	b.seen = now
	return b.lim
}
