package dashboards

import (
	"net/http"
	"net/url"
	"testing"
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
