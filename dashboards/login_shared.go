package dashboards

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"skm/ratelimit"
)

// LoginFailures is where the failed logins of every skm server sharing the database are
// kept, so that the login limits count them all: without it each server counts only its
// own, and two servers behind one address let a guesser try twice as often. Keys are
// keyed hashes (of the account and the network address), never the values.
type LoginFailures interface {
	// RecordLoginFailure records a failed login at at under each key; emptied names the key
	// whose bucket was emptied after it (or "").
	RecordLoginFailure(ctx context.Context, keys []string, emptied string, at time.Time) error
	// LoginFailures returns the failures recorded under keys since since.
	LoginFailures(ctx context.Context, keys []string, since time.Time) (map[string][]ratelimit.Event, error)
}

// sharedWindow is how far back the shared failures are read: every failure bucket is full
// again after it (pair 5 at 1/3 a minute, account 30 at 2 a minute: 15 minutes).
const sharedWindow = 15 * time.Minute

// failureBuckets answers for the three buckets of failed logins (per account and address,
// per address, per account) during one login attempt: from the shared log when there is
// one, else from this server's memory.
type failureBuckets struct {
	s                                *Staff
	pair, ipFail, account            string // keys of this server's buckets
	sharedPair, sharedIP, sharedUser string // keys in the shared log
	events                           map[string][]ratelimit.Event
}

// failureBucketsFor reads the shared failures of account and addr, if there is a log and it
// answers (a log that does not answer is logged, and memory counts alone).
func (s *Staff) failureBucketsFor(ctx context.Context, account, addr string) *failureBuckets {
	b := &failureBuckets{s: s, pair: s.limits.Key("user-ip", account+"\x00"+addr), ipFail: s.limits.Key("ipfail", addr),
		account: s.limits.Key("user", account)}
	if s.opts.LoginFailures == nil {
		return b
	}
	b.sharedPair, b.sharedIP, b.sharedUser = s.sharedKey("user-ip", account+"\x00"+addr), s.sharedKey("ipfail", addr), s.sharedKey("user", account)
	events, err := s.opts.LoginFailures.LoginFailures(ctx, []string{b.sharedPair, b.sharedIP, b.sharedUser}, s.opts.Now().Add(-sharedWindow))
	if err != nil {
		s.opts.Logger.Error("login: read the shared failures; counting this server's only", "err", err)
		return b
	}
	b.events = events
	return b
}

// sharedKey is the key of kind and v in the shared log: keyed with a secret every server
// sharing the session key derives alike.
func (s *Staff) sharedKey(kind, v string) string {
	m := hmac.New(sha256.New, s.failureKey)
	m.Write([]byte(kind + "\x00" + v))
	return kind + hex.EncodeToString(m.Sum(nil)[:12])
}

func (b *failureBuckets) tokens(local, shared string, perMinute float64, burst int) float64 {
	if b.events != nil {
		return ratelimit.Replay(b.events[shared], perMinute, burst, b.s.opts.Now())
	}
	if b.s.limits.Full(local, perMinute, burst) {
		return float64(burst)
	}
	if b.s.limits.Peek(local, perMinute, burst) {
		return 1
	}
	return 0
}

// open reports whether each bucket has a try left, and whether the account is past its
// ceiling (then only an address with no recent failure for it, a full pair bucket, may try).
func (b *failureBuckets) open() bool {
	pastCeiling := b.pastCeiling()
	pair := b.tokens(b.pair, b.sharedPair, pairPerMinute, pairBurst)
	return b.tokens(b.ipFail, b.sharedIP, ipFailPerMinute, ipFailBurst) >= 1 && pair >= 1 && (!pastCeiling || pair >= pairBurst)
}

func (b *failureBuckets) pastCeiling() bool {
	return b.tokens(b.account, b.sharedUser, accountPerMinute, accountBurst) < 1
}

// fail counts a failed login in every bucket, here and in the shared log; past the
// account's ceiling the pair gets one try, not five.
func (b *failureBuckets) fail(ctx context.Context, pastCeiling bool) {
	l := b.s.limits
	l.Allow(b.pair, pairPerMinute, pairBurst)
	l.Allow(b.ipFail, ipFailPerMinute, ipFailBurst)
	l.Allow(b.account, accountPerMinute, accountBurst)
	emptied := ""
	if pastCeiling {
		l.Empty(b.pair, pairPerMinute, pairBurst)
		emptied = b.sharedPair
	}
	if b.s.opts.LoginFailures == nil {
		return
	}
	if err := b.s.opts.LoginFailures.RecordLoginFailure(ctx, []string{b.sharedPair, b.sharedIP, b.sharedUser}, emptied, b.s.opts.Now()); err != nil {
		b.s.opts.Logger.Error("login: record the failure for the other servers", "err", err)
	}
}
