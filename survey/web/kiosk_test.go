package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"skm/survey"
	"skm/survey/pagetest"
)

// kioskPage is a kiosk page as a browser without JavaScript has it: the form of the screen
// shown (its method, address and hidden fields) and the page itself.
type kioskPage struct {
	t       *testing.T
	srv     http.Handler
	status  int
	body    string
	method  string
	action  string
	hidden  url.Values
	located string // the redirect's target, for a 303
}

var (
	kioskMain   = regexp.MustCompile(`(?s)<main id="kios"[^>]*>(.*)</main>`)
	kioskForm   = regexp.MustCompile(`<form class="layar" method="(get|post)" action="([^"]*)"`)
	kioskHidden = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
)

func openKiosk(t *testing.T, srv http.Handler, target string) kioskPage {
	t.Helper()
	w := do(srv, http.MethodGet, target, nil)
	return readKiosk(t, srv, w.Code, w.Body.String(), w.Header().Get("Location"))
}

func readKiosk(t *testing.T, srv http.Handler, status int, body, location string) kioskPage {
	t.Helper()
	p := kioskPage{t: t, srv: srv, status: status, body: body, hidden: url.Values{}, located: location}
	m := kioskMain.FindStringSubmatch(body)
	if m == nil {
		return p
	}
	if f := kioskForm.FindStringSubmatch(m[1]); f != nil {
		p.method, p.action = strings.ToUpper(f[1]), f[2]
	}
	for _, h := range kioskHidden.FindAllStringSubmatch(m[1], -1) {
		p.hidden.Add(h[1], html.UnescapeString(h[2]))
	}
	return p
}

// screen is the visible screen's markup (the start page also holds every screen as a
// template, for the browser's script).
func (p kioskPage) screen() string {
	if m := kioskMain.FindStringSubmatch(p.body); m != nil {
		return m[1]
	}
	return ""
}

// press taps the button name=value of the screen, as a browser without JavaScript sends it.
func (p kioskPage) press(name, value string) kioskPage {
	p.t.Helper()
	button := `<button type="submit" name="` + name + `" value="` + html.EscapeString(value) + `"`
	if !strings.Contains(p.screen(), button) {
		p.t.Fatalf("no button %s=%s on the screen:\n%s", name, value, p.screen())
	}
	f := url.Values{}
	for k, v := range p.hidden {
		f[k] = append([]string(nil), v...)
	}
	f.Set(name, value)
	if p.method == http.MethodGet {
		return openKiosk(p.t, p.srv, p.action+"?"+f.Encode())
	}
	w := do(p.srv, http.MethodPost, p.action, f)
	return readKiosk(p.t, p.srv, w.Code, w.Body.String(), w.Header().Get("Location"))
}

// heading is the screen's question.
func (p kioskPage) heading() string {
	m := regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`).FindStringSubmatch(p.screen())
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// A visitor at the NTT kiosk (one service: no list to pick from) answers by taps only:
// "Mulai", the nine questions in the official order, the age on the keypad and three profile
// taps. Every screen goes back to the start after the agency's idle time without
// JavaScript, says where the visitor is, and weighs under 30 KB; nothing is stored before
// the last tap, which stores exactly one response with channel kiosk, dated by the server.
func TestKioskByTapsStoresOneKioskResponse(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newServer(t, Options{Recorder: rec})
	p := openKiosk(t, srv, "/k/bppd-ntt")
	if p.status != http.StatusOK || strings.Contains(p.screen(), `name="layanan" value="pengaduan">Pelayanan`) ||
		!strings.Contains(p.screen(), `<button type="submit" name="layanan" value="pengaduan" class="mulai">Mulai</button>`) {
		t.Fatalf("start screen of a one-service agency: %d\n%s", p.status, p.screen())
	}
	var pages []kioskPage
	tap := func(name, value string) {
		t.Helper()
		p = p.press(name, value)
		if len(rec.got) > 0 && p.status != http.StatusSeeOther {
			t.Fatalf("stored before the last tap (%s=%s)", name, value)
		}
		pages = append(pages, p)
	}
	tap("layanan", "pengaduan")
	want := map[string]int{"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 3, "U7": 4, "U9": 2, "U8": 1}
	for i, q := range survey.Questionnaire(survey.ID) {
		if p.heading() != q.Text || !strings.Contains(p.screen(), "Pertanyaan "+string(rune('1'+i))+" dari 9") {
			t.Fatalf("screen %d: %q, want question %d %q", i+1, p.heading(), q.Number, q.Text)
		}
		if strings.Contains(p.screen(), `value="lewati"`) {
			t.Errorf("question %d can be skipped; the official nine are required", q.Number)
		}
		tap("v", string(rune('0'+want[q.Element.Code()])))
	}
	if p.heading() != "Berapa umur Saudara?" || !strings.Contains(p.screen(), `<button type="submit" name="tombol" value="0">0</button>`) {
		t.Fatalf("after the nine: %q", p.heading())
	}
	tap("tombol", "3")
	tap("tombol", "5")
	tap("tombol", "hapus")
	tap("tombol", "4")
	if !strings.Contains(p.screen(), "<output>34</output>") {
		t.Errorf("keypad shows %s", p.screen())
	}
	tap("aksi", "lanjut")
	tap("v", "P")
	tap("v", "D4/S1")
	if p.method != http.MethodPost {
		t.Errorf("the last screen sends with %s; it stores, so POST", p.method)
	}
	tap("v", "Swasta")
	// U8 answered 1: the thanks screen offers the complaint channels (a flag, never the answers).
	if p.status != http.StatusSeeOther || p.located != "/k/bppd-ntt/terima-kasih?aduan=1" {
		t.Fatalf("last tap: %d → %q\n%s", p.status, p.located, p.body)
	}
	if len(rec.got) != 1 {
		t.Fatalf("%d responses stored, want 1", len(rec.got))
	}
	r := rec.got[0]
	for code, v := range want {
		e, _ := survey.ElementByCode(code)
		if int(r.Answer(e)) != v {
			t.Errorf("%s stored %d, want %d", code, r.Answer(e), v)
		}
	}
	if r.Channel != survey.ChannelKiosk || r.Service != "pengaduan" || r.Umur != 34 || r.JenisKelamin != "P" ||
		r.Pendidikan != "D4/S1" || r.Pekerjaan != "Swasta" || !r.SubmittedAt.Equal(time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)) {
		t.Errorf("stored %+v", r)
	}
	low := openKiosk(t, srv, p.located)
	if !strings.Contains(low.body, `<meta http-equiv="refresh" content="30;url=/k/bppd-ntt">`) ||
		!strings.Contains(low.body, `<section class="complaint" aria-labelledby="aduan"><h2 id="aduan">Kurang puas dengan pelayanan kami?</h2>`) ||
		!strings.Contains(low.body, `href="https://www.lapor.go.id"`) {
		t.Errorf("thanks screen after a low score, with the complaint channels for 30 s:\n%s", low.body)
	}
	thanks := openKiosk(t, srv, "/k/bppd-ntt/terima-kasih")
	pages = append(pages, openKiosk(t, srv, "/k/bppd-ntt"), thanks)
	if !strings.Contains(thanks.body, `<meta http-equiv="refresh" content="10;url=/k/bppd-ntt">`) || thanks.heading() != "Terima kasih" ||
		!strings.Contains(thanks.body, `<a class="mulai" href="/k/bppd-ntt">Mulai lagi</a>`) || strings.Contains(thanks.body, `<section class="complaint"`) {
		t.Errorf("thanks screen:\n%s", thanks.body)
	}
	for i, pg := range pages[:len(pages)-1] {
		if pg.status == http.StatusSeeOther {
			continue
		}
		if !strings.Contains(pg.body, `<meta http-equiv="refresh" content="60;url=/k/bppd-ntt">`) {
			t.Errorf("screen %d (%q) does not go back to the start by itself", i, pg.heading())
		}
		if n := len(pg.body); n > 30<<10 {
			t.Errorf("screen %d (%q) weighs %d bytes, over 30 KB", i, pg.heading(), n)
		}
		if en := pagetest.English(pagetest.Text(pg.body)); len(en) > 0 {
			t.Errorf("screen %d (%q) has English %v", i, pg.heading(), en)
		}
	}
}

// Kalbar has five services (picked by tap), one question of its own (a choice) and visit
// codes: the code is asked on a keypad of its letters and digits, checked by the server,
// and can be skipped; the profile too.
func TestKioskPicksTheServiceAndAsksTheVisitCodeOnAKeypad(t *testing.T) {
	rec := &fakeRecorder{}
	codes := survey.NewVisitCodes(make([]byte, 32))
	srv := newServer(t, Options{Recorder: rec, VisitCodes: codes})
	p := openKiosk(t, srv, "/k/bppd-kalbar")
	for _, s := range []string{"konsultasi", "data-informasi", "fasilitasi-audiensi", "narasumber", "pengaduan"} {
		if !strings.Contains(p.screen(), `name="layanan" value="`+s+`"`) {
			t.Errorf("start screen lacks service %s", s)
		}
	}
	p = p.press("layanan", "narasumber")
	for range 9 {
		p = p.press("v", "3")
	}
	if p.heading() != "Dari mana Saudara mengetahui layanan ini?" || !strings.Contains(p.screen(), ">Media sosial</button>") {
		t.Fatalf("the agency's own question: %q", p.heading())
	}
	p = p.press("v", "2")
	if p.heading() != "Kode kunjungan pada tanda terima" || !strings.Contains(p.screen(), `name="tombol" value="Z">Z</button>`) ||
		strings.Contains(p.screen(), `value="O"`) {
		t.Fatalf("visit code screen: %q\n%s", p.heading(), p.screen())
	}
	for _, k := range strings.Split("ABCDE12345", "") {
		p = p.press("tombol", k)
	}
	if !strings.Contains(p.screen(), "<output>ABCDE-12345</output>") {
		t.Errorf("the code as typed: %s", p.screen())
	}
	p = p.press("aksi", "lanjut")
	if !strings.HasPrefix(p.body[strings.Index(p.body, "<title>")+7:], "Kesalahan:") ||
		!strings.Contains(p.screen(), `role="alert">Kode kunjungan tidak dikenal`) {
		t.Fatalf("a forged code is not refused on its screen:\n%s", p.screen())
	}
	for range 10 {
		p = p.press("tombol", "hapus")
	}
	code := strings.ReplaceAll(codes.Issue("bppd-kalbar", 77), "-", "")
	for _, k := range strings.Split(code, "") {
		p = p.press("tombol", k)
	}
	p = p.press("aksi", "lanjut")
	if p.heading() != "Berapa umur Saudara?" {
		t.Fatalf("after a good code: %q\n%s", p.heading(), p.screen())
	}
	p = p.press("tombol", "9")
	p = p.press("aksi", "lanjut")
	if !strings.Contains(p.screen(), "Umur harus antara 10 dan 120 tahun.") {
		t.Errorf("age 9 is not refused")
	}
	for _, skip := range []string{"umur", "jenis_kelamin", "pendidikan", "pekerjaan"} {
		p = p.press("aksi", "lewati")
		_ = skip
	}
	if p.status != http.StatusSeeOther || len(rec.got) != 1 {
		t.Fatalf("after skipping the profile: %d, %d stored", p.status, len(rec.got))
	}
	r := rec.got[0]
	if r.Service != "narasumber" || r.ID != visitResponseID("bppd-kalbar", 77) || r.Umur != 0 || r.JenisKelamin != "" ||
		len(r.Extra) != 1 || r.Extra[0].Value != "Media sosial" || r.Answer(survey.U5) != 3 {
		t.Errorf("stored %+v", r)
	}
	// Without visit codes (NTT) there is no code screen.
	ntt := openKiosk(t, srv, "/k/bppd-ntt").press("layanan", "pengaduan")
	for range 9 {
		ntt = ntt.press("v", "4")
	}
	if ntt.heading() != "Berapa umur Saudara?" {
		t.Errorf("NTT after the nine: %q", ntt.heading())
	}
}

// Kembali goes one screen back with the answer given there still marked and kept, from the
// first question to the start; Batal is a link to the start; the answers travel in the
// page and nothing is stored until the last tap; a tampered answer moves nothing.
func TestKioskBackCancelAndTampering(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newServer(t, Options{Recorder: rec})
	p := openKiosk(t, srv, "/k/bppd-ntt").press("layanan", "pengaduan")
	if !strings.Contains(p.screen(), `<a class="batal" href="/k/bppd-ntt">Batal</a>`) {
		t.Errorf("no Batal on a question:\n%s", p.screen())
	}
	p = p.press("v", "4").press("v", "2")
	p = p.press("aksi", "kembali")
	if !strings.Contains(p.screen(), "Pertanyaan 2 dari 9") || !strings.Contains(p.screen(), `value="2" class="p2" aria-current="true">`) {
		t.Fatalf("Kembali from question 3:\n%s", p.screen())
	}
	p = p.press("aksi", "kembali")
	if p.hidden.Get("U2") != "2" || p.hidden.Get("U1") != "4" {
		t.Errorf("answers lost on the way back: %v", p.hidden)
	}
	p = p.press("aksi", "kembali")
	if !strings.Contains(p.screen(), `class="mulai">Mulai</button>`) {
		t.Errorf("Kembali from question 1 does not reach the start:\n%s", p.screen())
	}
	tampered := openKiosk(t, srv, "/k/bppd-ntt?layanan=pengaduan&n=0&v=9")
	if !strings.Contains(tampered.screen(), "Pertanyaan 1 dari 9") {
		t.Errorf("an answer 9 moved on: %s", tampered.screen())
	}
	// The last screen asked with GET (a link, a crawler) stores nothing.
	q := url.Values{"layanan": {"pengaduan"}, "n": {"12"}, "v": {"PNS"}}
	for _, e := range survey.Elements {
		q.Set(e.Code(), "3")
	}
	if g := openKiosk(t, srv, "/k/bppd-ntt?"+q.Encode()); g.status != http.StatusOK || len(rec.got) != 0 {
		t.Errorf("GET of the last tap: %d, %d stored", g.status, len(rec.got))
	}
	// A POST of the last tap with an answer taken out goes back to that question.
	q.Del("U4")
	w := do(srv, http.MethodPost, "/k/bppd-ntt", q)
	back := readKiosk(t, srv, w.Code, w.Body.String(), "")
	if len(rec.got) != 0 || !strings.Contains(back.screen(), "Pertanyaan 4 dari 9") || !strings.Contains(back.screen(), "belum dijawab") {
		t.Errorf("a POST without U4: %d, %d stored\n%s", w.Code, len(rec.got), back.screen())
	}
	if len(rec.got) != 0 {
		t.Errorf("%d stored", len(rec.got))
	}
}

// The start page carries every screen as a template for the script and lets our own script
// (and only it) run; the screens of the page-per-screen kiosk run no script at all.
func TestKioskStartPageHoldsTheScreensForTheScript(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}, VisitCodes: survey.NewVisitCodes(make([]byte, 32))})
	w := do(srv, http.MethodGet, "/k/bppd-kalbar", nil)
	body := w.Body.String()
	csp := w.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "connect-src 'self'") || !strings.Contains(csp, "worker-src 'self'") ||
		strings.Contains(csp, "unsafe-eval") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("start page CSP %q", csp)
	}
	for _, want := range []string{`<script src="/k/kiosk.js" defer></script>`, `<template id="k-0">`, `<template id="k-14">`,
		`<template id="k-thanks">`, `<noscript><meta http-equiv="refresh" content="60;url=/k/bppd-kalbar"></noscript>`,
		`data-idle="60"`, `data-thanks="10"`, `data-waiting="%s jawaban menunggu dikirim."`} {
		if !strings.Contains(body, want) {
			t.Errorf("start page lacks %q", want)
		}
	}
	if strings.Contains(body, `<template id="k-15">`) {
		t.Error("more screens than Kalbar has (9 + 1 of its own + the code + 4 profile = 15)")
	}
	if n := len(body); n > 30<<10 {
		t.Errorf("start page weighs %d bytes, over 30 KB", n)
	}
	en := do(srv, http.MethodGet, "/k/bppd-kalbar?lang=en", nil).Body.String()
	for _, want := range []string{`<html lang="en">`, `<input type="hidden" name="lang" value="en">`, "Question 1 of 9", `class="p1">Not appropriate</button>`,
		`value="lewati">Skip</button>`, "How did you learn about this service?", `data-waiting="%s answers waiting to be sent."`} {
		if !strings.Contains(en, want) {
			t.Errorf("the English start page lacks %q", want)
		}
	}
	step := do(srv, http.MethodGet, "/k/bppd-kalbar?layanan=konsultasi", nil)
	if strings.Contains(step.Body.String(), "<script") || strings.Contains(step.Header().Get("Content-Security-Policy"), "script-src") {
		t.Error("a screen of the page-per-screen kiosk runs a script")
	}
	for _, js := range []string{"/k/kiosk.js", "/k/sw.js"} {
		w := do(srv, http.MethodGet, js, nil)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" || w.Header().Get("ETag") == "" {
			t.Errorf("%s: %d %s", js, w.Code, w.Header().Get("Content-Type"))
		}
		req, _ := http.NewRequest(http.MethodGet, js, nil)
		req.Header.Set("If-None-Match", w.Header().Get("ETag"))
		again := do304(srv, req)
		if again != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d", js, again)
		}
	}
}

func do304(srv http.Handler, req *http.Request) int {
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	return w.Code
}

// A kiosk device's token sends its agency's responses through channel kiosk only; earlier
// dated ones (kept on the tablet while the link was down) keep their time and are audited,
// those sent at once are not; a revoked device's are refused with 401 and nothing stored.
func TestKioskDeviceTokenSendsKioskResponsesOfItsAgency(t *testing.T) {
	rec := &fakeRecorder{}
	var audited []string
	srv := newServer(t, Options{Recorder: rec, Audit: func(_ context.Context, c Caller, agency, action, detail string) error {
		audited = append(audited, c.Actor+" "+agency+" "+action+" "+detail)
		return nil
	}})
	body := func(id, agency, service, channel, at string) string {
		return `{"id":"` + id + `","agency":"` + agency + `","service":"` + service + `","channel":"` + channel + `","submitted_at":"` + at + `",
		 "answers":{"U1":4,"U2":3,"U3":3,"U4":4,"U5":3,"U6":4,"U7":4,"U8":2,"U9":3}}`
	}
	const now, hourAgo = "2026-11-23T10:00:00+07:00", "2026-11-23T09:00:00+07:00"
	for name, tc := range map[string]struct {
		body, field string
	}{
		"web":      {body("11111111-1111-4111-8111-111111111111", "bppd-kalbar", "konsultasi", "web", now), "channel"},
		"paper":    {body("11111111-1111-4111-8111-111111111112", "bppd-kalbar", "konsultasi", "paper", hourAgo), "channel"},
		"ntt":      {body("11111111-1111-4111-8111-111111111113", "bppd-ntt", "pengaduan", "kiosk", now), "agency"},
		"tomorrow": {body("11111111-1111-4111-8111-111111111114", "bppd-kalbar", "konsultasi", "kiosk", "2026-11-24T10:00:00+07:00"), "submitted_at"},
	} {
		w := postJSONAs(srv, kioskToken, tc.body)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `"`+tc.field+`"`) {
			t.Errorf("%s: %d %s, want 422 on %s", name, w.Code, w.Body, tc.field)
		}
	}
	if len(rec.got) != 0 {
		t.Fatalf("%d refused responses recorded", len(rec.got))
	}
	earlier := body("22222222-2222-4222-8222-222222222221", "bppd-kalbar", "konsultasi", "kiosk", hourAgo)
	if w := postJSONAs(srv, kioskToken, earlier); w.Code != http.StatusAccepted {
		t.Fatalf("an answer kept for an hour: %d %s", w.Code, w.Body)
	}
	if got := rec.got[0]; got.Channel != survey.ChannelKiosk || !got.SubmittedAt.Equal(time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("stored %s at %v; want kiosk at its own time", got.Channel, got.SubmittedAt)
	}
	if len(audited) != 1 || !strings.Contains(audited[0], "token:k1 bppd-kalbar responses.submit 1 respons periode 2026-S2 lewat kiosk") {
		t.Errorf("audit of the earlier-dated answer: %q", audited)
	}
	// Given and sent at once, without a channel: a kiosk response, not audited.
	atOnce := strings.Replace(body("22222222-2222-4222-8222-222222222222", "bppd-kalbar", "konsultasi", "", now), `"channel":"",`, "", 1)
	if w := postJSONAs(srv, kioskToken, atOnce); w.Code != http.StatusAccepted || rec.got[1].Channel != survey.ChannelKiosk {
		t.Errorf("sent at once: %d %s", w.Code, w.Body)
	}
	if len(audited) != 1 {
		t.Errorf("an answer sent at once was audited: %q", audited)
	}
	if w := postJSONAs(srv, "skm_k2_dicabut", earlier); w.Code != http.StatusUnauthorized || len(rec.got) != 2 {
		t.Errorf("a revoked device: %d, %d stored", w.Code, len(rec.got))
	}
}
