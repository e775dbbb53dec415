package web

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/standard/standardtest"
)

// pagesOnly serves the resident pages of the example agencies, as Register adds them.
func pagesOnly(t *testing.T) *gin.Engine {
	t.Helper()
	set := standardtest.Examples(t)
	gin.SetMode(gin.TestMode)
	r := gin.New()
	New(Options{Set: set}).Register(r)
	return r
}

func TestHomeListsEveryServiceWithItsTimeLimits(t *testing.T) {
	r := pagesOnly(t)
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`<html lang="id">`,
		"Badan Pengelola Perbatasan Daerah Provinsi Nusa Tenggara Timur",
		"SP4N-LAPOR!: 8 hari kalender",
		"Tatap muka: 15 menit",
		"Pengaduan ringan: 3 jam kerja",
		"Pengaduan berkadar pengawasan dan memerlukan pemeriksaan: 60 hari kerja",
		`<a href="/s/bppd-kalbar/konsultasi">Pelayanan Konsultasi</a><br><small>Biaya: Gratis</small></td><td>tanpa standar waktu</td>`,
		`Pelayanan Data, Laporan, dan Informasi</a><br><small>Biaya: Gratis</small></td><td>3 hari kalender</td>`,
		`<a href="/hasil/bppd-kalbar">Hasil Survei Kepuasan Masyarakat BPPD Provinsi Kalbar</a>`,
		`<a href="/hasil/bppd-ntt">Hasil Survei Kepuasan Masyarakat BPPD Provinsi NTT</a>`,
		`<a href="/privasi">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script") {
		t.Error("the public page must work without JavaScript")
	}
}

// TestRegisterLeavesTheAPIToTheMachineAPI checks that the resident pages register no /api
// route: the machine API (dashboards.API.Register) registers every one, these handlers too.
func TestRegisterLeavesTheAPIToTheMachineAPI(t *testing.T) {
	for _, rt := range pagesOnly(t).Routes() {
		if strings.HasPrefix(rt.Path, "/api/") {
			t.Errorf("%s %s is registered by the resident pages", rt.Method, rt.Path)
		}
	}
}

// TestTemplatesByNameAndFormat: /templat/{agency}/{kuesioner|kasus}.{xlsx|csv} asks for the
// named template of the agency in the format and names the download after both; any other
// name or format, or another agency, is 404, and a template that cannot be made is a 500
// with nothing of it sent.
func TestTemplatesByNameAndFormat(t *testing.T) {
	set := standardtest.Examples(t)
	gin.SetMode(gin.TestMode)
	var asked []string
	fail := false
	r := gin.New()
	New(Options{Set: set, Logger: slog.New(slog.DiscardHandler), Template: func(w io.Writer, name, format string, a *standard.Agency) error {
		asked = append(asked, name+" "+format+" "+a.Code)
		if fail {
			_, _ = io.WriteString(w, "separuh")
			return errors.New("disk full")
		}
		_, err := io.WriteString(w, "isi templat")
		return err
	}}).Register(r)
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	for path, want := range map[string]string{
		"/templat/bppd-kalbar/kuesioner.xlsx": `attachment; filename="kuesioner-bppd-kalbar.xlsx"`,
		"/templat/bppd-ntt/kasus.csv":         `attachment; filename="kasus-bppd-ntt.csv"`,
		"/templat/bppd-kalbar/kasus.xlsx":     `attachment; filename="kasus-bppd-kalbar.xlsx"`,
	} {
		w := get(path)
		if w.Code != http.StatusOK || w.Header().Get("Content-Disposition") != want || w.Body.String() != "isi templat" {
			t.Errorf("%s: %d %q %q", path, w.Code, w.Header().Get("Content-Disposition"), w.Body.String())
		}
	}
	if !slices.Contains(asked, "kasus csv bppd-ntt") || !slices.Contains(asked, "kuesioner xlsx bppd-kalbar") || len(asked) != 3 {
		t.Errorf("templates asked for: %v", asked)
	}
	for _, path := range []string{"/templat/bppd-kalbar/kasus.pdf", "/templat/bppd-kalbar/rahasia.xlsx", "/templat/bppd-kalbar/kasus",
		"/templat/tidak-ada/kasus.xlsx"} {
		if w := get(path); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
	fail = true
	if w := get("/templat/bppd-kalbar/kasus.xlsx"); w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "separuh") ||
		w.Header().Get("Content-Disposition") != "" {
		t.Errorf("a failed template: %d %q", w.Code, w.Body.String())
	}
}
