package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// Limits bound how many responses one network (IP address) and one device (cookie) may send.
// They are generous: an office of many people behind one NAT, or a counter kiosk, must never
// be locked out.
type Limits struct {
	// PerIP is the sustained rate per IP address, per minute, and IPBurst the burst.
	PerIP   float64
	IPBurst int
	// PerDevice and DeviceBurst are the same per device cookie.
	PerDevice   float64
	DeviceBurst int
	// APIPerIP and APIBurst bound machine API requests per IP address (a request may be a batch).
	APIPerIP float64
	APIBurst int
	// Off disables the limits (benchmarks on loopback).
	Off bool
}

// DefaultLimits allow per IP 120 responses a minute (bursts of 240), per device 12 a minute
// (bursts of 20: a kiosk serves one person a minute or so), and 600 API requests a minute.
func DefaultLimits() Limits {
	return Limits{PerIP: 120, IPBurst: 240, PerDevice: 12, DeviceBurst: 20, APIPerIP: 600, APIBurst: 600}
}

// limiter keeps a token bucket per key in memory. Keys are keyed hashes of IP addresses
// and device ids with a secret made at start, so not even memory holds a raw address for
// long, and nothing is ever written down.
type limiter struct {
	limits Limits
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

func newLimiter(l Limits, now func() time.Time) *limiter {
	lm := &limiter{limits: l, now: now, buckets: map[string]*bucket{}}
	_, _ = rand.Read(lm.secret[:])
	return lm
}

func (l *limiter) key(kind, v string) string {
	m := hmac.New(sha256.New, l.secret[:])
	m.Write([]byte(kind + "\x00" + v))
	return kind + hex.EncodeToString(m.Sum(nil)[:12])
}

func (l *limiter) take(key string, perMinute float64, burst int) bool {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	if l.calls%1024 == 0 {
		// Buckets idle for ten minutes are full again; forget them.
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(perMinute/60), burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// allow reports whether a form submission may go on: within the limits of its IP address
// and, when it has one, its device cookie.
func (l *limiter) allow(c *gin.Context) bool {
	if l.limits.Off {
		return true
	}
	if !l.take(l.key("ip", c.ClientIP()), l.limits.PerIP, l.limits.IPBurst) {
		return false
	}
	if dev, err := c.Cookie(deviceCookie); err == nil && dev != "" {
		return l.take(l.key("dev", dev), l.limits.PerDevice, l.limits.DeviceBurst)
	}
	return true
}

// allowAPI reports whether a machine API request may go on.
func (l *limiter) allowAPI(c *gin.Context) bool {
	if l.limits.Off {
		return true
	}
	return l.take(l.key("api", c.ClientIP()), l.limits.APIPerIP, l.limits.APIBurst)
}

const deviceCookie = "skm_perangkat"

// deviceCookie gives the browser a random device id, used only for rate limits.
func (h *Handler) deviceCookie(c *gin.Context) {
	if v, err := c.Cookie(deviceCookie); err == nil && v != "" {
		return
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	http.SetCookie(c.Writer, &http.Cookie{Name: deviceCookie, Value: hex.EncodeToString(b[:]), Path: "/",
		MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: h.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}
