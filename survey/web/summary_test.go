package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"skm/survey"
)

// Issue 21, item 2: the error summary had one identical link per unanswered question
// ("Pertanyaan ini belum dijawab.") without saying which. Each line now names the question
// by its number on the form and its element, in page order (question 8 is U9, 9 is U8), and
// links to the question's fieldset; the title starts with "Kesalahan:".
func TestErrorSummaryNamesEachQuestion(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}, VisitCodes: survey.NewVisitCodes(make([]byte, 32))})
	f := answers("", "4", "4", "", "4", "4", "", "", "")
	f.Set("umur", "7")
	f.Set("kode", "ZZZZZ-ZZZZZ")
	w := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi", f)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	if n := len(body); n > 30*1024 {
		t.Errorf("the refused form is %d bytes, over the 30 KB budget", n)
	}
	summary := regexp.MustCompile(`(?s)<div class="summary"[^>]*>.*?</div>`).FindString(body)
	links := regexp.MustCompile(`<li><a href="#([^"]+)">([^<]+)</a></li>`).FindAllStringSubmatch(summary, -1)
	want := [][2]string{
		{"U1", "1. Persyaratan: belum dijawab"},
		{"U4", "4. Biaya/Tarif: belum dijawab"},
		{"U7", "7. Perilaku Pelaksana: belum dijawab"},
		{"U9", "8. Sarana dan Prasarana: belum dijawab"},
		{"U8", "9. Penanganan Pengaduan, Saran dan Masukan: belum dijawab"},
		{"umur", "Umur harus antara 10 dan 120 tahun"},
		{"kode", "Kode kunjungan tidak dikenal; periksa kembali tanda terima Saudara, atau kosongkan"},
	}
	if len(links) != len(want) {
		t.Fatalf("summary has %d links, want %d:\n%s", len(links), len(want), summary)
	}
	for i, l := range links {
		if l[1] != want[i][0] || l[2] != want[i][1] {
			t.Errorf("summary line %d: #%s %q, want #%s %q", i+1, l[1], l[2], want[i][0], want[i][1])
		}
		if !strings.Contains(body, `id="`+l[1]+`"`) {
			t.Errorf("summary links to #%s, which is not on the page", l[1])
		}
	}
	for _, w := range []string{"<title>Kesalahan: Survei Kepuasan Masyarakat — Pelayanan Konsultasi</title>", "<h2>Ada 7 isian yang perlu diperbaiki</h2>",
		`<fieldset id="U9" class="err" aria-describedby="U9-e">`, `<p class="msg" id="U9-e">Pertanyaan ini belum dijawab.</p>`,
		`aria-describedby="umur-e"`, `aria-describedby="kode-e"`, "<details open><summary>Punya kode kunjungan?"} {
		if !strings.Contains(body, w) {
			t.Errorf("the refused form lacks %q", w)
		}
	}
	en := do(srv, http.MethodPost, "/s/bppd-kalbar/konsultasi?lang=en", f).Body.String()
	for _, w := range []string{`<a href="#U9">8. Facilities and infrastructure: not answered</a>`, "<title>Error: "} {
		if !strings.Contains(en, w) {
			t.Errorf("the refused English form lacks %q", w)
		}
	}
}

// Issue 21, item 3: the Kalbar form opened with the visit-code field, which read like a login
// gate. The code comes after every question, behind "Punya kode kunjungan?", closed until a
// code is given.
func TestVisitCodeComesAfterTheQuestions(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}, VisitCodes: survey.NewVisitCodes(make([]byte, 32))})
	body := do(srv, http.MethodGet, "/s/bppd-kalbar/konsultasi", nil).Body.String()
	code := strings.Index(body, `name="kode"`)
	if code < 0 {
		t.Fatal("the Kalbar form has no visit code field")
	}
	for _, after := range []string{`name="U1"`, `name="U8"`, `name="x_info-layanan"`, `name="umur"`, `name="saran"`} {
		if i := strings.Index(body, after); i < 0 || i > code {
			t.Errorf("the visit code comes before %s", after)
		}
	}
	if !strings.Contains(body, "<details><summary>Punya kode kunjungan? (boleh dikosongkan)</summary>") {
		t.Error("the visit code is not behind a closed \"Punya kode kunjungan?\"")
	}
}
