package dashboards

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

// TestLoginNextIsOneOfOurPages: the target after login is a clean path of our own pages,
// whatever tricks the value holds; anything else is the dashboard.
func TestLoginNextIsOneOfOurPages(t *testing.T) {
	f := newStaffFixture(t)
	for next, want := range map[string]string{
		"/dashboard/bppd-ntt?month=2026-10":      "/dashboard/bppd-ntt?month=2026-10",
		"/reports/bppd-kalbar/monthly.xlsx":      "/reports/bppd-kalbar/monthly.xlsx",
		"/admin/audit?kind=login&agency=":        "/admin/audit?agency=&kind=login",
		"/":                                      "/dashboard",
		"/../\\evil.example":                     "/dashboard",
		"/\t/evil.example":                       "/dashboard",
		"//evil.example":                         "/dashboard",
		"/\\evil.example":                        "/dashboard",
		"/\\\\evil.example":                      "/dashboard",
		"/%2F%2Fevil.example":                    "/dashboard",
		"///evil.example":                        "/dashboard",
		"https://evil.example/":                  "/dashboard",
		"http:evil.example":                      "/dashboard",
		"/\r\nLocation: https://evil.example":    "/dashboard",
		"/%5Cevil.example":                       "/dashboard",
		"/.//evil.example":                       "/dashboard",
		"/./evil.example":                        "/dashboard",
		"/dashboard/../../\\evil.example":        "/dashboard",
		"/dashboard/%2e%2e/%2e%2e/evil.example":  "/dashboard",
		"/dashboard/bppd-ntt/../../evil.example": "/dashboard",
		"/dashboard/\u202e/evil.example":         "/dashboard",
		"/dashboard#//evil.example":              "/dashboard",
		"/dashboard?":                            "/dashboard",
		"/static/staff.css":                      "/dashboard",
		"/login":                                 "/dashboard",
		"/evil.example":                          "/dashboard",
	} {
		w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"admin"}, "password": {testPassword}, "next": {next}})
		if got := w.Header().Get("Location"); w.Code != http.StatusSeeOther || got != want {
			t.Errorf("next=%q: %d %q, want %q", next, w.Code, got, want)
		}
	}
}

func TestNetworkAddress(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7":            "192.0.2.7",
		"::ffff:192.0.2.7":     "192.0.2.7",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"not an address":       "not an address",
	} {
		if got := networkAddress(in); got != want {
			t.Errorf("networkAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

// fakeRevocations is a shared store of revoked sessions; fail makes it refuse.
type fakeRevocations struct {
	mu   sync.Mutex
	m    map[string]time.Time
	fail bool
}

func (f *fakeRevocations) RevokeSession(_ context.Context, id string, until time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return errors.New("clickhouse: connection refused")
	}
	f.m[id] = until
	return nil
}

func (f *fakeRevocations) RevokedSessions(_ context.Context, now time.Time) (map[string]time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return nil, errors.New("clickhouse: connection refused")
	}
	out := map[string]time.Time{}
	for id, t := range f.m {
		if t.After(now) {
			out[id] = t
		}
	}
	return out, nil
}

// TestLogoutIsSharedThroughTheStore: a logout on one server is refused by another server of
// the same store within revokedTTL, and a logout the store refused is stored later.
func TestLogoutIsSharedThroughTheStore(t *testing.T) {
	store := &fakeRevocations{m: map[string]time.Time{}}
	a, b := newStaffFixtureWith(t, store), newStaffFixtureWith(t, store)
	b.now = a.now
	c := a.login(t, "staf-kalbar")
	if w := b.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil); w.Code != http.StatusOK {
		t.Fatalf("the other server: %d", w.Code)
	}
	if w := a.do(http.MethodPost, "/logout", c, url.Values{}); w.Code != http.StatusSeeOther || len(store.m) != 1 {
		t.Fatalf("logout: %d, %d stored", w.Code, len(store.m))
	}
	b.now = b.now.Add(revokedTTL)
	if w := b.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil); w.Code != http.StatusSeeOther {
		t.Errorf("the other server accepts a logged-out cookie after %s: %d", revokedTTL, w.Code)
	}
	// The store fails at logout: the session ends here at once, and is stored once it works.
	c = a.login(t, "staf-kalbar")
	store.mu.Lock()
	store.fail = true
	store.mu.Unlock()
	a.do(http.MethodPost, "/logout", c, url.Values{})
	if w := a.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil); w.Code != http.StatusSeeOther {
		t.Errorf("logged-out cookie with the store down: %d", w.Code)
	}
	store.mu.Lock()
	store.fail = false
	store.mu.Unlock()
	a.now = a.now.Add(revokedTTL)
	a.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil)
	if store.m == nil || len(store.m) != 2 {
		t.Errorf("the refused revocation was not stored later: %d stored", len(store.m))
	}
}
