package web

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestQRDecodesToTheSurveyURL has an independent reader (zbarimg, Debian's zbar-tools) scan
// the PNG code: it must say the survey's address. It fails under CI=true without zbarimg.
func TestQRDecodesToTheSurveyURL(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and zbarimg is not installed (scripts/install-deps.sh installs zbar-tools)")
		}
		t.Skip("zbarimg not installed")
	}
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
