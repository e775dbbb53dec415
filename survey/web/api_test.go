package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"skm/survey"
)

func postJSON(h http.Handler, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/responses", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "10.0.0.1:1"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

const okResponse = `{"id":"6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10","agency":"bppd-kalbar","service":"konsultasi",
 "answers":{"U1":4,"U2":3,"U3":3,"U4":4,"U5":3,"U6":4,"U7":4,"U8":2,"U9":3},
 "respondent":{"umur":34,"jenis_kelamin":"P","pendidikan":"S1","pekerjaan":"PNS"},
 "saran":"Baik","channel":"kiosk","submitted_at":"2026-10-14T10:00:00+07:00"}`

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
	w = postJSON(srv, batch)
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
	w := postJSON(srv, `{"responses":[`+okResponse+`,`+second+`]}`)
	if w.Code != http.StatusAccepted || len(rec.got) != 2 || !strings.Contains(w.Body.String(), "7d7c2f0e") {
		t.Errorf("batch: %d %s, recorded %d", w.Code, w.Body, len(rec.got))
	}
}
