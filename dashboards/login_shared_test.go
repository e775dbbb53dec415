package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"skm/ratelimit"
)

// sharedFailures is a LoginFailures in memory, shared by the fixtures of a test as the
// servers share their database.
type sharedFailures struct {
	mu sync.Mutex
	m  map[string][]ratelimit.Event
}

func (f *sharedFailures) RecordLoginFailure(_ context.Context, keys []string, emptied string, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]ratelimit.Event{}
	}
	for _, k := range keys {
		f.m[k] = append(f.m[k], ratelimit.Event{At: at, Empty: k == emptied})
	}
	return nil
}

func (f *sharedFailures) LoginFailures(_ context.Context, keys []string, since time.Time) (map[string][]ratelimit.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string][]ratelimit.Event{}
	for _, k := range keys {
		for _, e := range f.m[k] {
			if !e.At.Before(since) {
				out[k] = append(out[k], e)
			}
		}
	}
	return out, nil
}

// Two servers behind one address, sharing the database: a guesser alternating between
// them gets the five tries one server gives, not ten; the wait after them is the same as on
// one server. Each server counting only its own gives ten (the case before the shared log).
func TestLoginLimitsHoldForTwoServersTogether(t *testing.T) {
	for _, shared := range []bool{true, false} {
		log := &sharedFailures{}
		var servers []*staffFixture
		for range 2 {
			servers = append(servers, newStaffFixtureOpts(t, func(o *StaffOptions) {
				if shared {
					o.LoginFailures = log
				}
			}))
		}
		tries := 0
		for i := range 2 * pairBurst {
			w := servers[i%2].do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {"tebakan-" + string(rune('a'+i))}})
			if w.Code == http.StatusTooManyRequests {
				break
			}
			if w.Code != http.StatusUnauthorized {
				t.Fatalf("shared=%v try %d: %d", shared, i, w.Code)
			}
			tries++
		}
		want := pairBurst
		if !shared {
			want = 2 * pairBurst
		}
		if tries != want {
			t.Errorf("shared=%v: %d wrong passwords answered before the limit, want %d", shared, tries, want)
		}
		if !shared {
			continue
		}
		// The owner waits on either server; after one token's time (3 minutes) either lets
		// them in.
		for _, f := range servers {
			if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {testPassword}}); w.Code != http.StatusTooManyRequests {
				t.Errorf("right password right after the guesses: %d, want 429", w.Code)
			}
			f.now = f.now.Add(3*time.Minute + time.Second)
		}
		if w := servers[1].do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {testPassword}}); w.Code != http.StatusSeeOther {
			t.Errorf("after waiting: %d, want 303", w.Code)
		}
		if n := len(log.m); n != 3 || !slices.ContainsFunc(keysOf(log.m), func(k string) bool { return len(k) > 4 && k[:4] == "user" }) {
			t.Errorf("shared log keys %v: want the pair, address and account keys", keysOf(log.m))
		}
	}
}

func keysOf(m map[string][]ratelimit.Event) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
