package dashboards

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/standard/standardtest"
	"skm/survey"
)

type fakeTokens map[string][5]string // id → agency, hash, revoked ("1"), found ("1"), kind

func (f fakeTokens) TokenHash(_ context.Context, id string) (string, string, string, bool, bool, error) {
	t, ok := f[id]
	return t[0], t[1], t[4], t[2] == "1", ok, nil
}

type fakeRecords struct {
	items     []survey.FollowUp
	pubs      []survey.Publication
	cases     []cases.Case
	casesDown bool
	asked     string
}

func (f *fakeRecords) SaveFollowUp(_ context.Context, it *survey.FollowUp, deleted bool) error {
	if it.ID == "" {
		it.ID = "new-1"
	}
	if !deleted {
		f.items = append(f.items, *it)
	}
	return nil
}

func (f *fakeRecords) SavePublication(_ context.Context, p *survey.Publication, _ bool) error {
	if p.ID == "" {
		p.ID = "pub-1"
	}
	f.pubs = append(f.pubs, *p)
	return nil
}

func (f *fakeRecords) FollowUps(context.Context, string, survey.Period) ([]survey.FollowUp, error) {
	return f.items, nil
}

func (f *fakeRecords) Publications(context.Context, string, survey.Period) ([]survey.Publication, error) {
	return f.pubs, nil
}

func hash(s string) string { return "h:" + s }

func server(t *testing.T) (*gin.Engine, *fakeRecords) {
	t.Helper()
	set := standardtest.Examples(t)
	rec := &fakeRecords{}
	tokens := fakeTokens{
		"aaa": {"bppd-kalbar", hash("s3cret"), "", "1"},
		"bbb": {"bppd-ntt", hash("other"), "", "1"},
		"ccc": {"bppd-kalbar", hash("old"), "1", "1"},
		"kkk": {"bppd-kalbar", hash("kios"), "", "1", survey.ChannelKiosk},
		"kxx": {"bppd-kalbar", hash("kios"), "1", "1", survey.ChannelKiosk},
	}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	now := func() time.Time { return time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC) }
	NewAPI(APIOptions{Set: set, Tokens: tokens, Store: rec, Reader: rec, Cases: rec, CaseReader: rec, HashSecret: hash, Now: now}).Register(r, nil)
	return r, rec
}

func call(h http.Handler, method, path, token, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// TestEveryRouteNeedsATokenOfItsOwnAgency walks every registered route with no token, a
// broken one, a revoked one, another agency's and the agency's own. A route added without
// an entry here makes the test fail.
func TestEveryRouteNeedsATokenOfItsOwnAgency(t *testing.T) {
	srv, _ := server(t)
	bodies := map[string]string{
		"GET /api/v1/agencies/:agency/rtl":           "",
		"POST /api/v1/agencies/:agency/rtl":          `{"element":"U3","action":"Papan standar waktu","target_quarter":"2026-Q4","person_in_charge":"Kasubbag","status":"direncanakan"}`,
		"GET /api/v1/agencies/:agency/publications":  "",
		"POST /api/v1/agencies/:agency/publications": `{"medium":"papan pengumuman","location":"Lobi","published_on":"2026-07-25"}`,
		"GET /api/v1/agencies/:agency/cases/summary": "",
		"POST /api/v1/cases":                         `{"id":"REG-1","agency":"bppd-kalbar","service":"konsultasi","channel":"surat","received_at":"2026-10-14T10:00:00+07:00"}`,
		"POST /api/v1/kiosk/status":                  `{"waiting":3,"refused":0}`,
	}
	routes := srv.Routes()
	if len(routes) != len(bodies) {
		t.Fatalf("%d routes registered, %d in this test: add the new route here", len(routes), len(bodies))
	}
	for _, rt := range routes {
		body, ok := bodies[rt.Method+" "+rt.Path]
		if !ok {
			t.Fatalf("route %s %s has no entry in this test", rt.Method, rt.Path)
		}
		path := strings.Replace(rt.Path, ":agency", "bppd-kalbar", 1) + "?period=2026-S1&month=2026-10"
		wants := map[string]int{
			"":               http.StatusUnauthorized,
			"garbage":        http.StatusUnauthorized,
			"skm_aaa_wrong":  http.StatusUnauthorized,
			"skm_ccc_old":    http.StatusUnauthorized, // revoked
			"skm_kxx_kios":   http.StatusUnauthorized, // a revoked kiosk device
			"skm_zzz_s3cret": http.StatusUnauthorized, // unknown id
			"skm_bbb_other":  http.StatusForbidden,    // another agency's token
			"skm_kkk_kios":   http.StatusForbidden,    // a kiosk device sends kiosk responses only
			"skm_aaa_s3cret": 0,                       // own agency: allowed
		}
		if rt.Path == "/api/v1/kiosk/status" { // the kiosk devices' own
			wants["skm_kkk_kios"], wants["skm_aaa_s3cret"] = 0, http.StatusForbidden
		}
		for token, want := range wants {
			w := call(srv, rt.Method, path, token, body)
			if want == 0 {
				if w.Code != http.StatusOK && w.Code != http.StatusCreated && w.Code != http.StatusAccepted {
					t.Errorf("%s %s with its own token: %d %s", rt.Method, path, w.Code, w.Body)
				}
				continue
			}
			if w.Code != want {
				t.Errorf("%s %s with token %q: %d, want %d", rt.Method, path, token, w.Code, want)
			}
		}
	}
}

func TestFollowUpAPI(t *testing.T) {
	srv, rec := server(t)
	tok := "skm_aaa_s3cret"
	w := call(srv, http.MethodPost, "/api/v1/agencies/bppd-kalbar/rtl?period=2026-S1", tok, `{"element":"U10","action":"","target_quarter":"Q4","status":"selesai","progress":50}`)
	var bad struct{ Errors map[string]string }
	_ = json.Unmarshal(w.Body.Bytes(), &bad)
	if w.Code != http.StatusUnprocessableEntity || bad.Errors["element"] == "" || bad.Errors["target_quarter"] == "" || bad.Errors["progress"] == "" {
		t.Errorf("invalid item: %d %s", w.Code, w.Body)
	}
	w = call(srv, http.MethodPost, "/api/v1/agencies/bppd-kalbar/rtl?period=2026-S1", tok,
		`{"element":"U3","action":"Papan standar waktu di loket","target_quarter":"2026-Q4","person_in_charge":"Kasubbag Umum","status":"selesai","progress":100}`)
	if w.Code != http.StatusCreated || len(rec.items) != 1 || rec.items[0].Agency != "bppd-kalbar" || rec.items[0].Period != "2026-S1" {
		t.Fatalf("create: %d %s %+v", w.Code, w.Body, rec.items)
	}
	w = call(srv, http.MethodGet, "/api/v1/agencies/bppd-kalbar/rtl?period=2026-S1", tok, "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"share":{"done":1,"mean_progress":100,"total":1}`) {
		t.Errorf("list: %d %s", w.Code, w.Body)
	}
	if w := call(srv, http.MethodGet, "/api/v1/agencies/bppd-kalbar/rtl", tok, ""); w.Code != http.StatusBadRequest {
		t.Errorf("without period: %d", w.Code)
	}
	w = call(srv, http.MethodPost, "/api/v1/agencies/bppd-kalbar/publications?period=2026-S1", tok, `{"medium":"situs web","location":"bppd.go.id","published_on":"2026-07-25"}`)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "location") {
		t.Errorf("publication without a full URL: %d %s", w.Code, w.Body)
	}
}
