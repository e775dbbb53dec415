package dashboards

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"skm/standard/standardtest"
	"skm/survey"
)

// Staff register their agency's counter tablets: the setup link (with the device token) is
// shown once, never listed; heads see and revoke them; another agency's staff can do
// neither; kiosk devices are not API tokens (and the other way round); every change is
// audited without the secret; a bad name changes nothing.
func TestKioskDevicesScreen(t *testing.T) {
	f := newStaffFixture(t)
	staff, head, other := f.login(t, "staf-kalbar"), f.login(t, "kepala-kalbar"), f.login(t, "staf-ntt")
	before := len(f.audit.actions())
	for _, name := range []string{"", "  ", strings.Repeat("x", 101)} {
		w := f.do(http.MethodPost, "/kios/bppd-kalbar", staff, url.Values{"name": {name}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Isi nama perangkat") {
			t.Errorf("name %q: %d", name, w.Code)
		}
	}
	if w := f.do(http.MethodPost, "/kios/bppd-kalbar", other, url.Values{"name": {"Kios curian"}}); w.Code != http.StatusForbidden {
		t.Errorf("another agency's staff registers: %d", w.Code)
	}
	if l, _ := f.store.Tokens(context.Background(), ""); len(l) != 0 || len(f.audit.actions()) != before {
		t.Fatalf("refused registrations left %v, audit %v", l, f.audit.actions()[before:])
	}
	w := f.do(http.MethodPost, "/kios/bppd-kalbar", staff, url.Values{"name": {"Kios loket 1"}})
	link := regexp.MustCompile(`href="(/k/bppd-kalbar#pasang=(skm_[0-9a-f]+_[A-Za-z0-9_-]+)&amp;nama=Kios%20loket%201)"`).FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || link == nil || w.Header().Get("Cache-Control") != "no-store" ||
		!strings.Contains(w.Body.String(), `src="data:image/png;base64,`) || !strings.Contains(w.Body.String(), "hanya ditampilkan sekali") {
		t.Fatalf("register: %d\n%s", w.Code, w.Body)
	}
	token := link[2]
	list, _ := f.store.Tokens(context.Background(), "")
	if len(list) != 1 || list[0].Kind != survey.ChannelKiosk || list[0].Agency != "bppd-kalbar" || list[0].Name != "Kios loket 1" {
		t.Fatalf("stored: %+v", list)
	}
	id := list[0].ID
	page := f.do(http.MethodGet, "/kios/bppd-kalbar", head, nil).Body.String()
	if !strings.Contains(page, id) || strings.Contains(page, token) || !strings.Contains(page, "belum terlihat sejak server dinyalakan") {
		t.Errorf("the list lacks the device or shows its token:\n%s", page)
	}
	f.kiosks.told(id, 4, 1)
	page = f.do(http.MethodGet, "/kios/bppd-kalbar", head, nil).Body.String()
	if !regexp.MustCompile(`23/11/2026 10\.00</td>\s*<td class="num">4</td><td class="num">1</td>`).MatchString(page) {
		t.Errorf("the list does not show when it was seen and what waits:\n%s", page)
	}
	if strings.Contains(f.do(http.MethodGet, "/admin/token", head, nil).Body.String(), id) {
		t.Error("a kiosk device is listed among the API tokens")
	}
	if w := f.do(http.MethodPost, "/admin/token/cabut", head, url.Values{"id": {id}}); w.Code != http.StatusNotFound {
		t.Errorf("revoked as an API token: %d", w.Code)
	}
	if w := f.do(http.MethodPost, "/kios/bppd-kalbar/cabut", other, url.Values{"id": {id}}); w.Code != http.StatusForbidden {
		t.Errorf("another agency's staff revokes: %d", w.Code)
	}
	if w := f.do(http.MethodPost, "/kios/bppd-kalbar/cabut", head, url.Values{"id": {"ffff"}}); w.Code != http.StatusNotFound {
		t.Errorf("an unknown device: %d", w.Code)
	}
	if l, _ := f.store.Tokens(context.Background(), ""); l[0].Revoked {
		t.Fatal("revoked by a refused request")
	}
	w = f.do(http.MethodPost, "/kios/bppd-kalbar/cabut", head, url.Values{"id": {id}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/kios/bppd-kalbar?dicabut="+id {
		t.Fatalf("revoke: %d %s", w.Code, w.Header().Get("Location"))
	}
	if l, _ := f.store.Tokens(context.Background(), ""); !l[0].Revoked {
		t.Error("not revoked")
	}
	if page := f.do(http.MethodGet, "/kios/bppd-kalbar?dicabut="+id, head, nil).Body.String(); !strings.Contains(page, "dicabut") || strings.Contains(page, ">Cabut</button>") {
		t.Error("the list does not say revoked")
	}
	got := strings.Join(f.audit.actions()[before:], " ")
	if got != "kiosk.register:staf-kalbar kiosk.revoke:kepala-kalbar" {
		t.Errorf("audit: %s", got)
	}
	for _, e := range f.audit.entries {
		if strings.Contains(e.Detail+e.Target, token[len(token)-10:]) {
			t.Errorf("audit line holds the secret: %+v", e)
		}
	}
	for _, k := range []string{"kiosk.register", "kiosk.revoke"} {
		if !knownAuditKind(k) {
			t.Errorf("audit kind %s is not in the filter list", k)
		}
	}
}

// The page warns when it is reached over plain HTTP at an address other than localhost,
// where browsers run no service worker and the kiosk has no offline mode.
func TestKioskDevicesWarnsWithoutHTTPS(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	for _, tc := range []struct {
		host, proto string
		warn        bool
	}{
		{"skm.bppd.kalbarprov.go.id", "", true}, {"10.20.0.5:8080", "", true},
		{"skm.bppd.kalbarprov.go.id", "https", false}, {"localhost:8080", "", false}, {"127.0.0.1:8080", "", false}, {"[::1]:8080", "", false},
	} {
		req := httptest.NewRequest(http.MethodGet, "/kios/bppd-kalbar", nil)
		req.Host = tc.host
		if tc.proto != "" {
			req.Header.Set("X-Forwarded-Proto", tc.proto)
		}
		for _, c := range head {
			req.AddCookie(c)
		}
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		if warned := strings.Contains(w.Body.String(), `id="https"`); w.Code != http.StatusOK || warned != tc.warn {
			t.Errorf("%s %s: %d, warning %v, want %v", tc.proto, tc.host, w.Code, warned, tc.warn)
		}
	}
}

// A kiosk device's token is a caller of the residents' API limited to channel kiosk; it
// reports on /api/v1/kiosk/status what it holds, which the device list shows.
func TestKioskDeviceCallerAndStatus(t *testing.T) {
	set := standardtest.Examples(t)
	kiosks := NewKioskSightings(nil)
	api := NewAPI(APIOptions{Set: set, Tokens: fakeTokens{
		"kkk": {"bppd-kalbar", hash("kios"), "", "1", survey.ChannelKiosk},
		"aaa": {"bppd-kalbar", hash("s3cret"), "", "1"},
	}, HashSecret: hash, Kiosks: kiosks})
	r := gin.New()
	api.Register(r, nil)
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest(http.MethodPost, "/api/v1/responses", nil)
	c.Request.Header.Set("Authorization", "Bearer skm_kkk_kios")
	caller, ok, err := api.CallerOf(c)
	if err != nil || !ok || caller != (Caller{Agency: "bppd-kalbar", Actor: "token:kkk", Role: RoleKiosk, Channel: survey.ChannelKiosk}) {
		t.Errorf("kiosk caller: %+v %v %v", caller, ok, err)
	}
	if s, seen := kiosks.Sighting("kkk"); !seen || s.Waiting != -1 {
		t.Errorf("a kiosk's submission is not seen: %+v %v", s, seen)
	}
	w := call(r, http.MethodPost, "/api/v1/kiosk/status", "skm_kkk_kios", `{"waiting":5,"refused":2}`)
	if s, _ := kiosks.Sighting("kkk"); w.Code != http.StatusOK || s.Waiting != 5 || s.Refused != 2 {
		t.Errorf("status: %d %s, %+v", w.Code, w.Body, s)
	}
	for body, want := range map[string]int{`{"waiting":-1}`: 400, `nonsense`: 400} {
		if w := call(r, http.MethodPost, "/api/v1/kiosk/status", "skm_kkk_kios", body); w.Code != want {
			t.Errorf("%s: %d, want %d", body, w.Code, want)
		}
	}
}
