package dashboards

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

func (f *fakeRecords) Record(_ context.Context, batch []cases.Case) ([]cases.Record, error) {
	if f.casesDown {
		return nil, errors.New("spool full")
	}
	out := make([]cases.Record, len(batch))
	for i, c := range batch {
		// As the intake: unknown channels and missing times are refused, and a case of the
		// staff form without a number gets the next register number.
		if c.Channel == "merpati" {
			return nil, &cases.Refusal{Index: i, ID: c.ID, Fields: cases.FieldErrors{"channel": `Kanal "merpati" tidak dikenal.`}}
		}
		if c.ReceivedAt.IsZero() && c.NewNumber {
			return nil, &cases.Refusal{Index: i, ID: c.ID, Fields: cases.FieldErrors{"received_at": "Isi tanggal dan jam diterima."}}
		}
		f.cases = append(f.cases, c)
		if c.NewNumber && c.ID == "" {
			c.ID = "REG-2026-00008"
		}
		d := time.Date(2026, 10, 19, 9, 0, 0, 0, time.UTC)
		on := true
		out[i] = cases.Record{ID: c.ID, Status: cases.StatusSelesai, SLAAmount: 3, SLAUnit: string(standard.UnitHariKerja), DeadlineAt: &d, OnTime: &on}
	}
	return out, nil
}

func (f *fakeRecords) CaseSummary(_ context.Context, agency string, month survey.Period, service string, _ *time.Location) (reports.CaseSummary, error) {
	f.asked = agency + " " + month.Code() + " " + service
	s := reports.CaseStats{Received: 10, Completed: 8, WithLimit: 6, OnTime: 3, MedianMinutes: 90, P90Minutes: 100,
		OpenAtEnd: 4, OverdueAtEnd: 1, OpenByAge: []uint64{1, 1, 1, 1, 0}}
	return reports.CaseSummary{CaseStats: s, ByService: []reports.CaseGroup{{Key: "konsultasi", CaseStats: s}}}, nil
}

func (f *fakeRecords) OverdueCases(context.Context, string, survey.Period, string, *time.Location, int) ([]reports.OverdueCase, error) {
	return []reports.OverdueCase{{ID: "REG-9", Service: "pengaduan", Officer: "Rina", ReceivedAt: time.Date(2026, 10, 1, 2, 0, 0, 0, time.UTC),
		DeadlineAt: time.Date(2026, 10, 6, 9, 0, 0, 0, time.UTC)}}, nil
}

func TestCasesAPI(t *testing.T) {
	srv, rec := server(t)
	tok := "skm_aaa_s3cret"
	w := call(srv, http.MethodPost, "/api/v1/cases", tok,
		`{"id":"REG-1","service":"pengaduan","channel":"surat","received_at":"2026-10-14T10:00:00+07:00","completed_at":"2026-10-15T10:00:00+07:00"}`)
	if w.Code != http.StatusAccepted || !strings.Contains(w.Body.String(), `"deadline_at":"2026-10-19T16:00:00+07:00"`) ||
		!strings.Contains(w.Body.String(), `"sla":{"amount":3,"unit":"hari_kerja"}`) || !strings.Contains(w.Body.String(), `"on_time":true`) {
		t.Errorf("one case: %d %s", w.Code, w.Body)
	}
	if len(rec.cases) != 1 || rec.cases[0].Agency != "bppd-kalbar" || rec.cases[0].CompletedAt == nil {
		t.Errorf("recorded %+v", rec.cases)
	}
	w = call(srv, http.MethodPost, "/api/v1/cases", tok, `{"cases":[{"id":"A","service":"konsultasi","channel":"surat","received_at":"2026-10-14T10:00:00+07:00"},`+
		`{"id":"B","service":"konsultasi","channel":"merpati","received_at":"2026-10-14T10:00:00+07:00"}]}`)
	var bad struct{ Errors map[string]string }
	_ = json.Unmarshal(w.Body.Bytes(), &bad)
	if w.Code != http.StatusUnprocessableEntity || bad.Errors["cases[1].channel"] == "" {
		t.Errorf("bad batch: %d %s", w.Code, w.Body)
	}
	w = call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":"A","service":"konsultasi","channel":"surat","received_at":"14/10/2026"}`)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "RFC 3339") {
		t.Errorf("bad time: %d %s", w.Code, w.Body)
	}
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":"A","agency":"bppd-ntt"}`); w.Code != http.StatusForbidden {
		t.Errorf("another agency's case with a Kalbar token: %d", w.Code)
	}
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"cases":[]}`); w.Code != http.StatusBadRequest {
		t.Errorf("empty batch: %d", w.Code)
	}
	// A single case whose id happens to be "cases" is still one case.
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":"cases","service":"konsultasi","channel":"surat","received_at":"2026-10-14T10:00:00+07:00"}`); w.Code != http.StatusAccepted {
		t.Errorf("case with id \"cases\": %d %s", w.Code, w.Body)
	}
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":"A","nik":"3201"}`); w.Code != http.StatusBadRequest {
		t.Errorf("unknown field: %d", w.Code)
	}
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"cases":[{"id":"`+strings.Repeat("x", 5<<20)+`"}]}`); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("5 MiB body: %d", w.Code)
	}
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":`); w.Code != http.StatusBadRequest {
		t.Errorf("broken JSON: %d", w.Code)
	}
	rec.casesDown = true
	if w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":"A","service":"konsultasi","channel":"surat","received_at":"2026-10-14T10:00:00+07:00"}`); w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("intake down: %d", w.Code)
	}
}

func TestCaseSummaryAPI(t *testing.T) {
	srv, rec := server(t)
	tok := "skm_aaa_s3cret"
	w := call(srv, http.MethodGet, "/api/v1/agencies/bppd-kalbar/cases/summary?month=2026-10&service=pengaduan", tok, "")
	body := w.Body.String()
	for _, want := range []string{`"on_time_percent":50`, `"median_working_hours":1.5`, `"p90_working_hours":1.67`, `"without_limit":2`,
		`"overdue":1`, `"bucket":"0–7 hari","open":1`, `"key":"konsultasi"`, `"officer":"Rina"`, `"deadline_at":"2026-10-06T16:00:00+07:00"`} {
		if !strings.Contains(body, want) {
			t.Errorf("summary lacks %s: %s", want, body)
		}
	}
	if rec.asked != "bppd-kalbar 2026-10 pengaduan" {
		t.Errorf("asked %q", rec.asked)
	}
	for _, q := range []string{"", "?month=2026-S2", "?month=2026-10&service=pajak"} {
		if w := call(srv, http.MethodGet, "/api/v1/agencies/bppd-kalbar/cases/summary"+q, tok, ""); w.Code != http.StatusBadRequest {
			t.Errorf("%q: %d", q, w.Code)
		}
	}
}

// The GET routes take a staff login instead of a token: own agency, or any for an admin;
// writes still need a token.
func TestAPIAcceptsALoginForReading(t *testing.T) {
	set := standardtest.Examples(t)
	rec := &fakeRecords{}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	session := func(c *gin.Context) (string, bool, bool) {
		switch c.GetHeader("X-Test-User") {
		case "head-kalbar":
			return "bppd-kalbar", false, true
		case "admin":
			return "", true, true
		}
		return "", false, false
	}
	NewAPI(APIOptions{Set: set, Tokens: fakeTokens{}, Store: rec, Reader: rec, Cases: rec, CaseReader: rec, HashSecret: hash,
		Session: session}).Register(r, nil)
	for _, tc := range []struct {
		user, method, path string
		want               int
	}{
		{"head-kalbar", "GET", "/api/v1/agencies/bppd-kalbar/cases/summary?month=2026-10", 200},
		{"head-kalbar", "GET", "/api/v1/agencies/bppd-ntt/cases/summary?month=2026-10", 403},
		{"admin", "GET", "/api/v1/agencies/bppd-ntt/cases/summary?month=2026-10", 200},
		{"", "GET", "/api/v1/agencies/bppd-kalbar/cases/summary?month=2026-10", 401},
		{"head-kalbar", "POST", "/api/v1/agencies/bppd-kalbar/rtl?period=2026-S2", 401},
	} {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader("{}"))
		req.Header.Set("X-Test-User", tc.user)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != tc.want {
			t.Errorf("%s %s as %q: %d, want %d", tc.method, tc.path, tc.user, w.Code, tc.want)
		}
	}
}

// TestCasesAPIRefusalsAreReadable: a body that is not the expected JSON is refused in
// Indonesian, naming the field, never with the decoder's English; the error keys stay the
// machine's field names.
func TestCasesAPIRefusalsAreReadable(t *testing.T) {
	srv, _ := server(t)
	tok := "skm_aaa_s3cret"
	for body, want := range map[string]string{
		`{"id":"A","nomor":"1"}`: `kolom \"nomor\" tidak dikenal`,
		`{"id":"A",`:             "isi permintaan bukan JSON yang sah",
		`{"id":7}`:               `kolom \"id\" berisi jenis nilai yang salah`,
		``:                       "isi permintaan kosong",
	} {
		w := call(srv, http.MethodPost, "/api/v1/cases", tok, body)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), want) || strings.Contains(w.Body.String(), "json:") {
			t.Errorf("%s: %d %s, want %s", body, w.Code, w.Body, want)
		}
	}
	w := call(srv, http.MethodPost, "/api/v1/cases", tok, `{"id":"B","service":"konsultasi","channel":"merpati","received_at":"2026-10-14T10:00:00+07:00"}`)
	var bad struct{ Errors map[string]string }
	_ = json.Unmarshal(w.Body.Bytes(), &bad)
	if w.Code != http.StatusUnprocessableEntity || bad.Errors["channel"] != `Kanal "merpati" tidak dikenal.` {
		t.Errorf("refused case: %d %s", w.Code, w.Body)
	}
}
