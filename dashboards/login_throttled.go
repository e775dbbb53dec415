package dashboards

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"skm/reports"
)

// throttledFlushEvery is how often finished minutes of throttled logins are written.
const throttledFlushEvery = 10 * time.Second

// throttledMaxAddresses bounds the addresses counted in memory at once; attempts from
// further addresses are counted together under "*".
const throttledMaxAddresses = 10_000

// throttledLog counts refused-for-throttling login attempts per network address and
// minute, so that a flood writes one audit line per address and minute with a count
// instead of one fsync'd line per request. Addresses are kept only as keyed hashes.
type throttledLog struct {
	mu sync.Mutex
	m  map[throttledKey]*throttledCount
}

type throttledKey struct {
	addr   string // keyed hash of the network address
	minute int64  // Unix minute
}

type throttledCount struct {
	n     int
	users []string // the first few usernames tried
	last  time.Time
}

// maxThrottledUsers is how many of the usernames tried a line names.
const maxThrottledUsers = 5

func (l *throttledLog) add(addr, username string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil {
		l.m = map[throttledKey]*throttledCount{}
	}
	k := throttledKey{addr: addr, minute: at.Unix() / 60}
	tc, ok := l.m[k]
	if !ok && len(l.m) >= throttledMaxAddresses {
		k.addr = "*"
		tc, ok = l.m[k]
	}
	if !ok {
		tc = &throttledCount{}
		l.m[k] = tc
	}
	tc.n++
	tc.last = at
	if len(tc.users) < maxThrottledUsers && !slices.Contains(tc.users, username) {
		tc.users = append(tc.users, username)
	}
}

// take removes and returns the audit lines of the minutes over by now (every minute when
// all is set), oldest first.
func (l *throttledLog) take(now time.Time, all bool) []reports.AuditEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []reports.AuditEntry
	current := now.Unix() / 60
	for k, tc := range l.m {
		if !all && k.minute >= current {
			continue
		}
		delete(l.m, k)
		e := reports.AuditEntry{At: time.Unix(k.minute*60, 0).UTC(), Action: "login.throttled", Target: "alamat " + k.addr,
			Detail: fmt.Sprintf("%d percobaan ditahan dalam menit ini (attempts throttled this minute); akun: %s", tc.n, strings.Join(tc.users, ", "))}
		if len(tc.users) == 1 {
			e.Username = tc.users[0]
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b reports.AuditEntry) int { return a.At.Compare(b.At) })
	return out
}

// Run writes the counts of throttled logins to the audit log once each minute is over,
// until ctx ends; then it writes the running minute's too. The caller owns it: start it
// with the server and wait for it to return before closing what the Auditor writes to.
func (s *Staff) Run(ctx context.Context) {
	t := time.NewTicker(throttledFlushEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			s.writeThrottled(fctx, s.throttled.take(s.opts.Now(), true))
			cancel()
			return
		case <-t.C:
			s.writeThrottled(ctx, s.throttled.take(s.opts.Now(), false))
		}
	}
}

func (s *Staff) writeThrottled(ctx context.Context, lines []reports.AuditEntry) {
	for _, e := range lines {
		if err := s.opts.Auditor.Audit(ctx, e); err != nil {
			s.opts.Logger.Error("audit", "action", e.Action, "err", err)
		}
	}
}
