package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"skm/survey"
)

func postJSON(h http.Handler, body string) *httptest.ResponseRecorder {
	return postJSONAs(h, "", body)
}

// postJSONAs posts with "Authorization: Bearer token" (testToken is the fake caller's
// valid token of bppd-kalbar; any other is refused).
func postJSONAs(h http.Handler, token, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/responses", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.RemoteAddr = "10.0.0.1:1"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

const okResponse = `{"id":"6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10","agency":"bppd-kalbar","service":"konsultasi",
 "answers":{"U1":4,"U2":3,"U3":3,"U4":4,"U5":3,"U6":4,"U7":4,"U8":2,"U9":3},
 "respondent":{"umur":34,"jenis_kelamin":"P","pendidikan":"S1","pekerjaan":"PNS"},
 "saran":"Baik","channel":"kiosk","submitted_at":"2026-11-23T10:00:00+07:00"}`

func TestAPIOneResponse(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	w := postJSON(srv, okResponse)
	if w.Code != http.StatusAccepted {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var got map[string]string
	_ = json.Unmarshal(w.Body.Bytes(), &got)
	if got["id"] != "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10" || got["period"] != "2026-S2" {
		t.Errorf("body %s", w.Body)
	}
	r := rec.got[0]
	if r.Answer(survey.U8) != 2 || r.Answer(survey.U9) != 3 || r.Pendidikan != "D4/S1" || r.Channel != survey.ChannelKiosk {
		t.Errorf("recorded %+v", r)
	}
}

func TestAPIErrorsPerField(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	bad := strings.Replace(okResponse, `"U3":3`, `"U3":7`, 1)
	bad = strings.Replace(bad, `"umur":34`, `"umur":7`, 1)
	w := postJSON(srv, bad)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	var got struct{ Errors map[string]string }
	_ = json.Unmarshal(w.Body.Bytes(), &got)
	if got.Errors["answers.U3"] == "" || got.Errors["respondent.umur"] == "" || len(got.Errors) != 2 {
		t.Errorf("errors %v", got.Errors)
	}
	// A batch is all or nothing.
	batch := `{"responses":[` + okResponse + `,` + strings.Replace(okResponse, `,"U9":3}`, `}`, 1) + `]}`
	w = postJSONAs(srv, testToken, batch)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `"responses.1.answers.U9"`) {
		t.Errorf("batch with one invalid: %d %s", w.Code, w.Body)
	}
	if len(rec.got) != 0 {
		t.Errorf("%d recorded from invalid requests", len(rec.got))
	}
	for body, want := range map[string]int{
		`not json`:                       http.StatusBadRequest,
		`{"agency":"x","colour":1}`:      http.StatusBadRequest,
		`{"responses":[]}`:               http.StatusBadRequest,
		okResponse + ` {"again":1}`:      http.StatusBadRequest,
		`{"agency":"nope","answers":{}}`: http.StatusUnprocessableEntity,
	} {
		if w := postJSON(srv, body); w.Code != want {
			t.Errorf("%s: %d, want %d", body, w.Code, want)
		}
	}
	big := `{"saran":"` + strings.Repeat("x", maxAPIBytes) + `"}`
	if w := postJSON(srv, big); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized: %d", w.Code)
	}
}

func TestAPIBatch(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	second := strings.Replace(okResponse, "6d7c2f0e", "7d7c2f0e", 1)
	w := postJSONAs(srv, testToken, `{"responses":[`+okResponse+`,`+second+`]}`)
	if w.Code != http.StatusAccepted || len(rec.got) != 2 || !strings.Contains(w.Body.String(), "7d7c2f0e") {
		t.Errorf("batch: %d %s, recorded %d", w.Code, w.Body, len(rec.got))
	}
}

// The stuffing attempt of issue 15: anonymous batches and earlier dates are refused with a
// clear message and nothing is recorded; the same with an agency token is taken and audited;
// an anonymous response is dated by the server and counts against the per-address limit.
func TestAnonymousCallersSendOneResponseDatedNow(t *testing.T) {
	rec := &fakeRecorder{}
	var audited []string
	limits := Limits{PerIP: 3, IPBurst: 3, PerDevice: 100, DeviceBurst: 100, APIPerIP: 600, APIBurst: 600}
	srv := newServer(t, Options{Recorder: rec, Limits: &limits,
		Audit: func(_ context.Context, c Caller, agency, action, detail string) error {
			audited = append(audited, c.Actor+" "+agency+" "+action+" "+detail)
			return nil
		}})
	second := strings.Replace(okResponse, "6d7c2f0e", "7d7c2f0e", 1)
	batch := `{"responses":[` + okResponse + `,` + second + `]}`
	backdated := strings.Replace(okResponse, "2026-11-23T10:00:00+07:00", "2026-03-01T10:00:00+07:00", 1)
	for name, body := range map[string]string{"batch": batch, "backdated": backdated} {
		w := postJSON(srv, body)
		if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "token instansi") {
			t.Errorf("anonymous %s: %d %s, want 401 naming the token", name, w.Code, w.Body)
		}
	}
	if w := postJSONAs(srv, "skm_forged_x", okResponse); w.Code != http.StatusUnauthorized {
		t.Errorf("forged token: %d", w.Code)
	}
	if len(rec.got) != 0 {
		t.Fatalf("%d responses recorded from refused submissions", len(rec.got))
	}
	// One response, its own clock a few minutes off: taken, dated by the server.
	skewed := strings.Replace(okResponse, "2026-11-23T10:00:00+07:00", "2026-11-23T10:04:00+07:00", 1)
	if w := postJSON(srv, skewed); w.Code != http.StatusAccepted {
		t.Fatalf("anonymous single: %d %s", w.Code, w.Body)
	}
	if !rec.got[0].SubmittedAt.IsZero() {
		t.Errorf("an anonymous response kept its own date %v; the server dates it", rec.got[0].SubmittedAt)
	}
	// The limit counts responses per address: 3 a minute here.
	codes := []int{}
	for range 3 {
		codes = append(codes, postJSON(srv, okResponse).Code)
	}
	if codes[2] != http.StatusTooManyRequests {
		t.Errorf("anonymous responses 2-4 from one address: %v, want the fourth refused", codes)
	}
	// With the agency's token: the batch and the earlier date are taken, and audited.
	n := len(rec.got)
	if w := postJSONAs(srv, testToken, batch); w.Code != http.StatusAccepted {
		t.Errorf("token batch: %d %s", w.Code, w.Body)
	}
	if w := postJSONAs(srv, testToken, backdated); w.Code != http.StatusAccepted || rec.got[len(rec.got)-1].SubmittedAt.IsZero() {
		t.Errorf("token backdated: %d %s", w.Code, w.Body)
	}
	if len(rec.got) != n+3 || len(audited) != 2 || !strings.Contains(audited[0], "token:t1 bppd-kalbar responses.submit 2 respons") {
		t.Errorf("recorded %d, audited %q", len(rec.got)-n, audited)
	}
	// A token sends for its own agency only.
	ntt := strings.NewReplacer(`"agency":"bppd-kalbar","service":"konsultasi"`, `"agency":"bppd-ntt","service":"pengaduan"`).Replace(okResponse)
	if w := postJSONAs(srv, testToken, ntt); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "instansinya sendiri") {
		t.Errorf("token of another agency: %d %s", w.Code, w.Body)
	}
}

func TestClosedPeriodIsRefusedWithItsReason(t *testing.T) {
	rec := &closedRecorder{}
	srv := newTestServer(t, rec, nil)
	second := strings.Replace(okResponse, "6d7c2f0e", "7d7c2f0e", 1)
	w := postJSONAs(srv, testToken, `{"responses":[`+okResponse+`,`+second+`]}`)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `"responses.1.submitted_at"`) ||
		!strings.Contains(w.Body.String(), "sudah ditutup") {
		t.Errorf("closed period: %d %s", w.Code, w.Body)
	}
}

// closedRecorder refuses the second response of every submission as a closed period.
type closedRecorder struct{}

func (closedRecorder) Record(_ context.Context, rs ...*survey.Response) ([]string, error) {
	if len(rs) > 1 {
		return nil, &survey.ClosedPeriodError{Index: 1, Agency: "bppd-kalbar", Period: "2026-S1", Reason: "hasil dipublikasikan 10 Juli 2026"}
	}
	return []string{"2026-S2"}, nil
}

func TestAPIVisitCodes(t *testing.T) {
	rec := &fakeRecorder{}
	codes := survey.NewVisitCodes([]byte("0123456789abcdef0123456789abcdef"))
	srv := newServer(t, Options{Recorder: rec, VisitCodes: codes})
	good := codes.Issue("bppd-kalbar", 42)
	with := func(code string) string {
		return strings.Replace(okResponse, `"saran":"Baik"`, `"saran":"Baik","visit_code":"`+code+`"`, 1)
	}
	if w := postJSON(srv, with("ZZZZ-ZZZZ")); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "visit_code") {
		t.Errorf("forged visit code: %d %s", w.Code, w.Body)
	}
	if w := postJSON(srv, with(good)); w.Code != http.StatusAccepted {
		t.Fatalf("valid visit code: %d %s", w.Code, w.Body)
	}
	if w := postJSON(srv, with(good)); w.Code != http.StatusAccepted || rec.got[0].ID != rec.got[1].ID {
		t.Errorf("the same code twice must carry the same id (stored once): %s, %s", rec.got[0].ID, rec.got[1].ID)
	}
}
