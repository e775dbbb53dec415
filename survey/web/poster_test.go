package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// /s/{agency}/{n} is the n-th service of the agency's standard: a 302 to its form, the
// query kept; a number without a service, or an unknown agency, is the residents' 404.
func TestShortLinkLeadsToTheNthService(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}})
	for path, want := range map[string]string{
		"/s/bppd-kalbar/1":         "/s/bppd-kalbar/konsultasi",
		"/s/bppd-kalbar/3":         "/s/bppd-kalbar/fasilitasi-audiensi",
		"/s/bppd-kalbar/5?lang=en": "/s/bppd-kalbar/pengaduan?lang=en",
		"/s/bppd-ntt/1":            "/s/bppd-ntt/pengaduan",
	} {
		w := do(srv, http.MethodGet, path, nil)
		if w.Code != http.StatusFound || w.Header().Get("Location") != want {
			t.Errorf("GET %s: %d %q, want 302 %s", path, w.Code, w.Header().Get("Location"), want)
		}
	}
	for _, path := range []string{"/s/bppd-kalbar/0", "/s/bppd-kalbar/6", "/s/bppd-ntt/2", "/s/tidak-ada/1", "/s/bppd-kalbar/99999"} {
		if w := do(srv, http.MethodGet, path, nil); w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "Halaman tidak ditemukan") {
			t.Errorf("GET %s: %d, want the residents' 404", path, w.Code)
		}
	}
}

// Issue 21, item 5: the poster's address broke mid-word ("konsultas/i") and the survey's
// name was not on it. It prints the short address on one line (no wrapping, the type sized
// to the sheet) and "Survei Kepuasan Masyarakat", on A4 or A5, the code as SVG or PNG.
func TestPosterNamesTheSurveyAndPrintsTheShortAddress(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}, PublicURL: "https://skm.kalbarprov.go.id"})
	pt := regexp.MustCompile(`\.url\{font:700 ([\d.]+)pt/1\.2 [^}]*white-space:nowrap`)
	for _, c := range []struct {
		query, page, qr string
		maxPt, minPt    float64
	}{
		{"", "size:A4 portrait;margin:15mm", "/s/bppd-kalbar/fasilitasi-audiensi/qr.svg", 20, 14},
		{"?ukuran=A5", "size:A5 portrait;margin:10mm", "/s/bppd-kalbar/fasilitasi-audiensi/qr.svg", 14, 10},
		{"?ukuran=a5&qr=png", "size:A5 portrait;margin:10mm", "/s/bppd-kalbar/fasilitasi-audiensi/qr.png", 14, 10},
	} {
		w := do(srv, http.MethodGet, "/s/bppd-kalbar/fasilitasi-audiensi/poster"+c.query, nil)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("poster%s: %d", c.query, w.Code)
		}
		for _, want := range []string{c.page, "<h1>Survei Kepuasan Masyarakat</h1>", `<p class="url">https://skm.kalbarprov.go.id/s/bppd-kalbar/3</p>`,
			`<img src="` + c.qr + `"`, "Fasilitasi Rapat/Audiensi"} {
			if !strings.Contains(body, want) {
				t.Errorf("poster%s lacks %q", c.query, want)
			}
		}
		m := pt.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("poster%s: the address is not set on one line", c.query)
		}
		if size, _ := strconv.ParseFloat(m[1], 64); size > c.maxPt || size < c.minPt {
			t.Errorf("poster%s: the address in %s pt, want %v–%v", c.query, m[1], c.minPt, c.maxPt)
		}
	}
	if w := do(srv, http.MethodGet, "/s/bppd-kalbar/narasumber/poster?ukuran=A3", nil); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "Ukuran poster harus A4 atau A5") {
		t.Errorf("poster?ukuran=A3: %d", w.Code)
	}
}

// The address's type shrinks with its length so that it always fits the line: 45
// characters fill 172 mm at 17,1 pt (0,63 em a character), capped at the sheet's maximum.
func TestURLPointsFitTheLine(t *testing.T) {
	for _, c := range []struct {
		n            int
		width, maxPt float64
		want         float64
	}{
		{45, 172, 20, 17.1}, {45, 121.9, 14, 12.1}, {20, 172, 20, 20}, {90, 172, 20, 8.5},
	} {
		got := urlPoints(c.n, c.width, c.maxPt)
		if got != c.want {
			t.Errorf("urlPoints(%d, %v, %v) = %v, want %v", c.n, c.width, c.maxPt, got, c.want)
		}
		if chars := c.width / (got / 72 * 25.4 * monoAdvance); chars < float64(c.n) {
			t.Errorf("at %v pt only %.1f characters fit, want %d", got, chars, c.n)
		}
	}
}
