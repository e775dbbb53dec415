package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/standard/standardtest"
	"skm/survey"
)

// testToken is the agency token fakeCaller accepts: bppd-kalbar's; kioskToken is a Kalbar
// kiosk device's.
const (
	testToken  = "skm_t1_secret"
	kioskToken = "skm_k1_kios"
)

// fakeCaller stands for the staff API's token check.
func fakeCaller(c *gin.Context) (Caller, bool, error) {
	switch h := c.GetHeader("Authorization"); h {
	case "":
		return Caller{}, false, nil
	case "Bearer " + testToken:
		return Caller{Agency: "bppd-kalbar", Actor: "token:t1", Role: "token"}, true, nil
	case "Bearer " + kioskToken:
		return Caller{Agency: "bppd-kalbar", Actor: "token:k1", Role: "kiosk", Channel: survey.ChannelKiosk}, true, nil
	}
	return Caller{}, false, &CallerRefused{Status: http.StatusUnauthorized, Message: "token tidak sah"}
}

// fakeRecorder keeps what it is given; fail makes it refuse.
type fakeRecorder struct {
	mu   sync.Mutex
	got  []*survey.Response
	fail bool
}

func (f *fakeRecorder) Record(_ context.Context, rs ...*survey.Response) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return nil, errors.New("spool full")
	}
	var periods []string
	for _, r := range rs {
		if r.ID == "" {
			r.ID = "00000000-0000-4000-8000-000000000001"
		}
		f.got = append(f.got, r)
		periods = append(periods, "2026-S2")
	}
	return periods, nil
}

func newTestServer(t *testing.T, rec Recorder, limits *Limits) *gin.Engine {
	t.Helper()
	return newServer(t, Options{Recorder: rec, Limits: limits})
}

// newServer serves the example agencies (or opts.Set) at a fixed now (2026-11-23 10:00 WIB)
// with opts.
func newServer(t *testing.T, opts Options) *gin.Engine {
	t.Helper()
	gin.SetMode(gin.TestMode)
	r := gin.New()
	if opts.Set == nil {
		opts.Set = standardtest.Examples(t)
	}
	opts.Now = func() time.Time { return time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC) }
	if opts.Caller == nil {
		opts.Caller = fakeCaller
	}
	h := New(opts)
	registerAll(r, h)
	r.NoRoute(h.NotFound) // as the product's router
	return r
}

// registerAll adds the resident pages and the two machine API routes whose handlers they
// hold, at the addresses the product's machine API gives them.
func registerAll(r gin.IRouter, h *Handler) {
	h.Register(r)
	r.POST("/api/v1/responses", h.APIResponses)
	r.GET("/api/v1/agencies/:agency/ikm", h.APIIKM)
}

func do(r http.Handler, method, target string, form url.Values) *httptest.ResponseRecorder {
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	req.RemoteAddr = "10.1.2.3:5555"
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w
}

func answers(vals ...string) url.Values {
	f := url.Values{}
	for i, v := range vals {
		f.Set(survey.Elements[i].Code(), v)
	}
	return f
}

func TestFormPageIsSmallAccessibleAndOfficial(t *testing.T) {
	srv := newTestServer(t, &fakeRecorder{}, nil)
	w := do(srv, http.MethodGet, "/s/bppd-kalbar/data-informasi", nil)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	if n := len(body); n > 30*1024 {
		t.Errorf("form page is %d bytes, over the 30 KB budget", n)
	}
	for _, want := range []string{
		`<html lang="id">`, "Pelayanan Data, Laporan, dan Informasi", "Badan Pengelola Perbatasan Daerah Provinsi Kalimantan Barat",
		`<legend>8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?</legend>`,
		`<legend>9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?</legend>`,
		`<input type="radio" name="U9" value="1"><span>Buruk</span>`,
		`<input type="radio" name="U8" value="4"><span>Dikelola dengan baik</span>`,
		`name="website"`, `name="id" value="`, "kurang dari 2 menit",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}
	if strings.Contains(body, "<script") {
		t.Error("the form must need no JavaScript")
	}
	// Question 8 comes before question 9 on the page.
	if strings.Index(body, `name="U9"`) > strings.Index(body, `name="U8"`) {
		t.Error("U9 (question 8) must come before U8 (question 9)")
	}
	if fs := strings.Count(body, "<fieldset"); fs < 9 {
		t.Errorf("%d fieldsets, want one per question", fs)
	}
	en := do(srv, http.MethodGet, "/s/bppd-kalbar/data-informasi?lang=en", nil).Body.String()
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "How good is the quality of the facilities") {
		t.Error("English form missing")
	}
}

func TestFormSubmitRedirectsAndRecordsByElement(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	f := answers("4", "3", "2", "4", "3", "3", "4", "1", "2")
	f.Set("id", "3f2b8c1e-5a4d-4c8e-9b1a-2d7e6f0a1c3b")
	f.Set("umur", "34")
	f.Set("jenis_kelamin", "P")
	f.Set("pendidikan", "D4/S1")
	f.Set("saran", "  Tambah kursi  ")
	w := do(srv, http.MethodPost, "/s/bppd-ntt/pengaduan?lang=en", f)
	// An answer of 1 (U8): the thanks page offers the complaint channels.
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/s/bppd-ntt/pengaduan/terima-kasih?aduan=1&lang=en" {
		t.Fatalf("status %d, location %q", w.Code, w.Header().Get("Location"))
	}
	if len(rec.got) != 1 {
		t.Fatalf("recorded %d", len(rec.got))
	}
	r := rec.got[0]
	if r.Answer(survey.U8) != 1 || r.Answer(survey.U9) != 2 || r.Answer(survey.U1) != 4 {
		t.Errorf("answers by element: %v", r.Answers)
	}
	if r.ID != "3f2b8c1e-5a4d-4c8e-9b1a-2d7e6f0a1c3b" || r.Umur != 34 || r.Saran != "Tambah kursi" || r.Channel != survey.ChannelWeb {
		t.Errorf("recorded %+v", r)
	}
	thanks := do(srv, http.MethodGet, "/s/bppd-ntt/pengaduan/terima-kasih?lang=en", nil)
	if thanks.Code != 200 || !strings.Contains(thanks.Body.String(), "Thank you") {
		t.Errorf("thanks page %d", thanks.Code)
	}
}

func TestInvalidSubmissionKeepsValuesAndNamesEachField(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	f := answers("4", "3", "", "4", "3", "3", "4", "", "2")
	f.Set("umur", "abc")
	f.Set("saran", "<b>tetap</b>")
	w := do(srv, http.MethodPost, "/s/bppd-ntt/pengaduan", f)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		"<title>Kesalahan: ", "Ada 3 isian yang perlu diperbaiki", `href="#U3"`, `href="#U8"`, `href="#umur"`,
		`<input type="radio" name="U1" value="4" checked>`, `value="abc"`, "&lt;b&gt;tetap&lt;/b&gt;",
		`<fieldset id="U3" class="err"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}
	if len(rec.got) != 0 {
		t.Error("an invalid response was recorded")
	}
}

func TestHoneypotBusyAndNotFound(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	f := answers("4", "4", "4", "4", "4", "4", "4", "4", "4")
	f.Set("website", "http://spam.example")
	if w := do(srv, http.MethodPost, "/s/bppd-ntt/pengaduan", f); w.Code != http.StatusSeeOther || len(rec.got) != 0 {
		t.Errorf("honeypot: status %d, recorded %d", w.Code, len(rec.got))
	}
	rec.fail = true
	f.Del("website")
	w := do(srv, http.MethodPost, "/s/bppd-ntt/pengaduan", f)
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "belum tersimpan") {
		t.Errorf("spool full: status %d", w.Code)
	}
	for _, path := range []string{"/s/nope/pengaduan", "/s/bppd-ntt/nope", "/k/nope", "/s/bppd-ntt/nope/poster"} {
		w := do(srv, http.MethodGet, path, nil)
		if w.Code != 404 || !strings.Contains(w.Body.String(), "Halaman tidak ditemukan") {
			t.Errorf("%s: %d", path, w.Code)
		}
	}
	big := url.Values{"saran": {strings.Repeat("x", 40<<10)}}
	if w := do(srv, http.MethodPost, "/s/bppd-ntt/pengaduan", big); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized form: %d", w.Code)
	}
}

func TestRateLimitPerDeviceLetsAnOfficeThrough(t *testing.T) {
	rec := &fakeRecorder{}
	lim := Limits{PerIP: 60, IPBurst: 30, PerDevice: 6, DeviceBurst: 3, APIPerIP: 60, APIBurst: 5}
	srv := newTestServer(t, rec, &lim)
	f := answers("4", "4", "4", "4", "4", "4", "4", "4", "4")
	post := func(device string) int {
		req := httptest.NewRequest(http.MethodPost, "/s/bppd-ntt/pengaduan", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = "10.9.9.9:1"
		if device != "" {
			req.AddCookie(&http.Cookie{Name: deviceCookie, Value: device})
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		return w.Code
	}
	for i := range 3 {
		if c := post("kiosk-1"); c != http.StatusSeeOther {
			t.Fatalf("submission %d from one device: %d", i, c)
		}
	}
	if c := post("kiosk-1"); c != http.StatusTooManyRequests {
		t.Errorf("4th quick submission from one device: %d, want 429", c)
	}
	// Other people in the same office (same IP, other devices) are not locked out.
	for i := range 10 {
		if c := post("phone-" + string(rune('a'+i))); c != http.StatusSeeOther {
			t.Errorf("colleague %d behind the same NAT: %d", i, c)
		}
	}
}

func TestKioskPosterAndQR(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}, PublicURL: "http://example.com"})
	k := do(srv, http.MethodGet, "/k/bppd-kalbar", nil)
	if k.Code != 200 || !strings.Contains(k.Body.String(), `name="layanan" value="narasumber"`) {
		t.Errorf("kiosk: %d", k.Code)
	}
	f := answers("4", "4", "4", "4", "4", "4", "4", "4", "4")
	w := do(srv, http.MethodPost, "/s/bppd-kalbar/narasumber?k=1", f)
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "k=1") {
		t.Fatalf("kiosk submit: %d %s", w.Code, w.Header().Get("Location"))
	}
	th := do(srv, http.MethodGet, w.Header().Get("Location"), nil).Body.String()
	if !strings.Contains(th, `<meta http-equiv="refresh" content="8;url=/k/bppd-kalbar">`) || !strings.Contains(th, "Mulai lagi") {
		t.Error("kiosk thanks page does not return to the start by itself")
	}
	p := do(srv, http.MethodGet, "/s/bppd-kalbar/narasumber/poster", nil)
	if p.Code != 200 || !strings.Contains(p.Body.String(), "http://example.com/s/bppd-kalbar/4") || !strings.Contains(p.Body.String(), "size:A4") {
		t.Errorf("poster: %d", p.Code)
	}
	svg := do(srv, http.MethodGet, "/s/bppd-kalbar/narasumber/qr.svg", nil)
	if svg.Code != 200 || svg.Header().Get("Content-Type") != "image/svg+xml" || !regexp.MustCompile(`^<svg [^>]*viewBox="0 0 \d+ \d+"`).MatchString(svg.Body.String()) {
		t.Errorf("qr.svg: %d %s", svg.Code, svg.Header().Get("Content-Type"))
	}
	png := do(srv, http.MethodGet, "/s/bppd-kalbar/narasumber/qr.png", nil)
	if png.Code != 200 || !strings.HasPrefix(png.Body.String(), "\x89PNG") {
		t.Errorf("qr.png: %d", png.Code)
	}
}

func TestVisitCodeAllowsOneResponsePerCode(t *testing.T) {
	set := standardtest.Examples(t)
	codes := survey.NewVisitCodes([]byte("0123456789abcdef-test"))
	rec := &fakeRecorder{}
	gin.SetMode(gin.TestMode)
	srv := gin.New()
	registerAll(srv, New(Options{Set: set, Recorder: rec, VisitCodes: codes}))

	page := do(srv, http.MethodGet, "/s/bppd-kalbar/konsultasi", nil).Body.String()
	if !strings.Contains(page, `name="kode"`) {
		t.Fatal("bppd-kalbar uses visit codes but the form has no code field")
	}
	if strings.Contains(do(srv, http.MethodGet, "/s/bppd-ntt/pengaduan", nil).Body.String(), `name="kode"`) {
		t.Error("bppd-ntt does not use visit codes but the form asks for one")
	}
	f := answers("4", "4", "4", "4", "4", "4", "4", "4", "4")
	f.Set("kode", "ZZZZZ-ZZZZZ")
	w := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi", f)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Kode kunjungan tidak dikenal") {
		t.Errorf("forged code: %d", w.Code)
	}
	code := codes.Issue("bppd-kalbar", 77)
	f.Set("kode", strings.ToLower(code))
	for range 2 {
		f.Set("id", "")
		if w := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi", f); w.Code != http.StatusSeeOther {
			t.Fatalf("valid code: %d", w.Code)
		}
	}
	if len(rec.got) != 2 || rec.got[0].ID != rec.got[1].ID {
		t.Errorf("two responses with one code must share an id (stored once): %d responses", len(rec.got))
	}
	// Without a code the response is still welcome: the code is optional.
	f.Del("kode")
	if w := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi", f); w.Code != http.StatusSeeOther {
		t.Errorf("no code: %d", w.Code)
	}
}

func TestAgencyExtraQuestionsAreAskedAndStoredApart(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newTestServer(t, rec, nil)
	page := do(srv, http.MethodGet, "/s/bppd-kalbar/konsultasi", nil).Body.String()
	if !strings.Contains(page, "Dari mana Saudara mengetahui layanan ini?") || !strings.Contains(page, `name="x_info-layanan" value="2"><span>Media sosial</span>`) {
		t.Fatal("the agency's extra question is not on the form")
	}
	// It comes after the nine official questions.
	if strings.Index(page, `name="x_info-layanan"`) < strings.Index(page, `name="U8"`) {
		t.Error("the extra question comes before the official ones")
	}
	f := answers("4", "4", "4", "4", "4", "4", "4", "4", "4")
	f.Set("x_info-layanan", "9")
	w := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi", f)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `href="#x_info-layanan"`) {
		t.Errorf("invalid extra answer: %d", w.Code)
	}
	f.Set("x_info-layanan", "2")
	if w := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi", f); w.Code != http.StatusSeeOther {
		t.Fatalf("valid: %d", w.Code)
	}
	got := rec.got[0]
	if len(got.Extra) != 1 || got.Extra[0] != (survey.ExtraAnswer{Key: "info-layanan", Value: "Media sosial"}) {
		t.Errorf("extra stored as %+v", got.Extra)
	}
	if got.Answers != [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4} {
		t.Errorf("the extra answer touched the official answers: %v", got.Answers)
	}
	// The API takes the wording in either language, and refuses unknown questions.
	w = postJSON(srv, strings.Replace(okResponse, `"saran":"Baik"`, `"saran":"Baik","extra":{"info-layanan":"Website"}`, 1))
	if w.Code != http.StatusAccepted || rec.got[1].Extra[0].Value != "Situs web" {
		t.Errorf("API extra: %d %s", w.Code, w.Body)
	}
	w = postJSON(srv, strings.Replace(okResponse, `"saran":"Baik"`, `"saran":"Baik","extra":{"warna":"biru"}`, 1))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "extra.warna") {
		t.Errorf("unknown extra question: %d %s", w.Code, w.Body)
	}
}
