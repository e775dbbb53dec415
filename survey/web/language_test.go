package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"skm/standard"
	"skm/survey"
	"skm/survey/pagetest"
)

// TestResidentPagesSpeakIndonesianWithOneFormOfAddress reads every page a resident may see in
// Indonesian (each form, its refusal, thanks with and without the complaint channels, kiosk,
// posters, privacy note, results, not found, busy, too large, refused visit code) and finds no English word and only "Saudara", the form of
// address of the official questions.
func TestResidentPagesSpeakIndonesianWithOneFormOfAddress(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newServer(t, Options{Recorder: rec, Results: &fakeResults{tally: survey.Tally{Respondents: 0}}, VisitCodes: survey.NewVisitCodes(make([]byte, 32)), PublicURL: "https://skm.example.go.id"})
	type page struct {
		method, target string
		form           url.Values
	}
	pages := []page{{http.MethodGet, "/", nil}, {http.MethodGet, "/k/bppd-kalbar", nil}, {http.MethodGet, "/hasil/bppd-kalbar", nil},
		{http.MethodGet, "/hasil/bppd-kalbar?period=2026-S1", nil}, {http.MethodGet, "/hasil/bppd-kalbar?tv=1", nil},
		{http.MethodGet, "/hasil/bppd-kalbar/papan", nil}, {http.MethodGet, "/hasil/bppd-kalbar/papan?ukuran=A5", nil},
		{http.MethodGet, "/hasil/bppd-kalbar/laporan-skm-2026-S2.pdf", nil}, {http.MethodGet, "/s/nope/nope", nil}, {http.MethodGet, "/k/nope", nil},
		{http.MethodGet, "/privasi", nil}, {http.MethodGet, "/privasi?instansi=bppd-kalbar&k=1", nil}, {http.MethodGet, "/s/bppd-kalbar/9", nil}}
	for _, svc := range []string{"bppd-kalbar/konsultasi", "bppd-kalbar/pengaduan", "bppd-ntt/pengaduan"} {
		pages = append(pages, page{http.MethodGet, "/s/" + svc, nil}, page{http.MethodGet, "/s/" + svc + "/poster", nil},
			page{http.MethodGet, "/s/" + svc + "/terima-kasih", nil}, page{http.MethodGet, "/s/" + svc + "/nope", nil},
			page{http.MethodGet, "/s/" + svc + "/poster?ukuran=A5", nil}, page{http.MethodGet, "/s/" + svc + "/poster?ukuran=A3", nil},
			page{http.MethodPost, "/s/" + svc, answers("1", "4", "4", "4", "4", "4", "4", "4", "4")}, // the thanks page with complaint channels
			page{http.MethodPost, "/s/" + svc, answers("", "", "", "", "", "", "", "", "")},
			page{http.MethodPost, "/s/" + svc, url.Values{"umur": {"abc"}, "kode": {"XXXXX-XXXXX"}}},
			page{http.MethodPost, "/s/" + svc, url.Values{"saran": {strings.Repeat("x", 40<<10)}}})
	}
	var all []string
	read := func(srv http.Handler, p page) {
		w := do(srv, p.method, p.target, p.form)
		if w.Code == http.StatusSeeOther {
			w = do(srv, http.MethodGet, w.Header().Get("Location"), nil)
		}
		text := pagetest.Text(w.Body.String())
		if text == "" {
			t.Errorf("%s %s: empty page (%d)", p.method, p.target, w.Code)
		}
		if en := pagetest.English(text); len(en) > 0 {
			t.Errorf("%s %s (%d) has English %q:\n%s", p.method, p.target, w.Code, en, text)
		}
		if a := pagetest.Addresses(text); slices.Contains(a, "Anda") {
			t.Errorf("%s %s says %v; the questions say Saudara:\n%s", p.method, p.target, a, text)
		}
		all = append(all, text)
	}
	for _, p := range pages {
		read(srv, p)
	}
	// The results with data: the plan, the publications, the board with its QR code, a
	// report that fails.
	full := newServer(t, Options{Results: published(), PublicURL: "https://skm.example.go.id",
		Report: func(context.Context, io.Writer, *standard.Agency, survey.Period) error { return errors.New("no font") }})
	for _, target := range []string{"/hasil/bppd-kalbar", "/hasil/bppd-kalbar?tv=1", "/hasil/bppd-kalbar/papan?ukuran=A3", "/hasil/bppd-kalbar/laporan-skm-2026-S1.pdf"} {
		read(full, page{http.MethodGet, target, nil})
	}
	rec.fail = true
	read(srv, page{http.MethodPost, "/s/bppd-ntt/pengaduan", answers("4", "4", "4", "4", "4", "4", "4", "4", "4")})
	if a := pagetest.Addresses(strings.Join(all, " ")); !slices.Equal(a, []string{"Saudara"}) {
		t.Errorf("the resident pages address the reader as %v, want Saudara only", a)
	}
}
