package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

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
		"SP4N-LAPOR!: 8 hari",
		"Tatap muka: 15 menit",
		"Pengaduan ringan: 3 jam kerja",
		"Pengaduan berkadar pengawasan dan memerlukan pemeriksaan: 60 hari kerja",
		`<a href="/s/bppd-kalbar/konsultasi">Pelayanan Konsultasi</a></td><td>tanpa standar waktu</td>`,
		`Pelayanan Data, Laporan, dan Informasi</a></td><td>3 hari</td>`,
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
