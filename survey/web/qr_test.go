package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"skm/survey/pagetest"
)

// TestQRDecodesToTheSurveyURL has an independent reader (zbarimg, Debian's zbar-tools) scan
// the PNG code: it must say the survey's address. It fails under CI=true without zbarimg.
func TestQRDecodesToTheSurveyURL(t *testing.T) {
	zbar := pagetest.Tool(t, "zbarimg", "zbar-tools")
	srv := newServer(t, Options{PublicURL: "https://skm.kalbarprov.go.id/"})
	w := do(srv, http.MethodGet, "/s/bppd-kalbar/data-informasi/qr.png", nil)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	path := filepath.Join(t.TempDir(), "qr.png")
	if err := os.WriteFile(path, w.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--quiet", "--raw", path).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != "https://skm.kalbarprov.go.id/s/bppd-kalbar/data-informasi" {
		t.Errorf("the QR code says %q", got)
	}
}

// Issue 15, defect 8: without a configured public URL the QR code and the poster took the
// request's Host header and were cached publicly for a day, so a forged Host could put an
// attacker's address on the posters an office prints. The Host header must never reach them.
func TestForgedHostNeverReachesQRCodeOrPoster(t *testing.T) {
	get := func(srv http.Handler, path, host string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = host
		req.RemoteAddr = "10.1.2.3:5555"
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		return w
	}
	paths := []string{"/s/bppd-kalbar/narasumber/poster", "/s/bppd-kalbar/narasumber/qr.svg", "/s/bppd-kalbar/narasumber/qr.png"}

	// Without a public URL there is nothing trustworthy to print: no poster, no code.
	bare := newServer(t, Options{})
	for _, p := range paths {
		w := get(bare, p, "evil.example")
		if w.Code == http.StatusOK || strings.Contains(w.Body.String(), "evil.example") {
			t.Errorf("GET %s with Host evil.example and no public URL: %d, want a refusal", p, w.Code)
		}
		if cc := w.Header().Get("Cache-Control"); strings.Contains(cc, "public") {
			t.Errorf("GET %s refusal is cached publicly: %q", p, cc)
		}
	}

	// With one, the forged Host changes nothing.
	srv := newServer(t, Options{PublicURL: "https://skm.kalbarprov.go.id"})
	for _, p := range paths {
		forged, honest := get(srv, p, "evil.example"), get(srv, p, "skm.kalbarprov.go.id")
		if forged.Code != http.StatusOK {
			t.Errorf("GET %s: %d", p, forged.Code)
		}
		if strings.Contains(forged.Body.String(), "evil.example") || forged.Body.String() != honest.Body.String() {
			t.Errorf("GET %s: the forged Host header changed the answer", p)
		}
	}
	if body := get(srv, paths[0], "evil.example").Body.String(); !strings.Contains(body, "https://skm.kalbarprov.go.id/s/bppd-kalbar/4") {
		t.Errorf("the poster does not print the public URL:\n%.500s", body)
	}
}
