package dashboards

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"skm/reports/xlsx/xlsxtest"
)

func TestReportDownloads(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	files := map[string]string{
		"/reports/bppd-kalbar/monthly.xlsx?month=2026-10":     "laporan-bulanan-bppd-kalbar-2026-10.xlsx",
		"/reports/bppd-kalbar/skm.xlsx?period=2026-S1":        "laporan-skm-bppd-kalbar-2026-S1.xlsx",
		"/reports/bppd-kalbar/responses.xlsx?period=2026-S2":  "respons-bppd-kalbar-2026-S2.xlsx",
		"/reports/bppd-kalbar/responses.csv?period=2026-10":   "respons-bppd-kalbar-2026-10.csv",
		"/reports/bppd-kalbar/cases.xlsx?period=2026-Q4":      "kasus-bppd-kalbar-2026-Q4.xlsx",
		"/reports/bppd-kalbar/cases.csv?period=2026":          "kasus-bppd-kalbar-2026.csv",
		"/reports/bppd-kalbar/monthly.xlsx":                   "laporan-bulanan-bppd-kalbar-2026-11.xlsx", // this month
		"/reports/bppd-kalbar/skm.xlsx":                       "laporan-skm-bppd-kalbar-2026-S2.xlsx",     // this period
		"/reports/bppd-kalbar/responses.xlsx?period=2026-S9":  "",                                         // no such semester
		"/reports/bppd-kalbar/laporan-skm.pdf?period=2026-S1": "laporan-skm-bppd-kalbar-2026-S1.pdf",
	}
	for url, name := range files {
		w := f.do(http.MethodGet, url, head, nil)
		if name == "" {
			if w.Code != http.StatusBadRequest {
				t.Errorf("%s: %d, want 400", url, w.Code)
			}
			continue
		}
		if w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", url, w.Code, w.Body)
			continue
		}
		if got := w.Header().Get("Content-Disposition"); got != `attachment; filename="`+name+`"` {
			t.Errorf("%s: Content-Disposition %q", url, got)
		}
		if strings.HasSuffix(name, ".csv") {
			// The hostile saran or officer name arrives as text (CSV quoting doubles its quotes).
			if !bytes.HasPrefix(w.Body.Bytes(), []byte("\ufeff")) || !strings.Contains(w.Body.String(), strings.ReplaceAll(hostile, `"`, `""`)) {
				t.Errorf("%s: CSV without BOM or without the row's text:\n%s", url, w.Body)
			}
			continue
		}
		if strings.HasSuffix(name, ".pdf") {
			if !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) || w.Header().Get("Content-Type") != "application/pdf" {
				t.Errorf("%s: not a PDF (%s)", url, w.Header().Get("Content-Type"))
			}
			continue
		}
		if !bytes.HasPrefix(w.Body.Bytes(), []byte("PK")) {
			t.Errorf("%s: not a zip file", url)
		}
		if strings.HasPrefix(name, "laporan-bulanan-bppd-kalbar-2026-10") {
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, w.Body.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if wb := xlsxtest.Read(t, path, false, true); len(wb.Sheets) != 8 || !slices.Contains(wb.Order, "Keputusan Rapat") {
				t.Errorf("monthly workbook has sheets %v", wb.Order)
			}
		}
	}
	audited := 0
	for _, e := range f.audit.entries {
		if e.Action == "report.download" && e.Username == "kepala-kalbar" && e.Agency == "bppd-kalbar" {
			audited++
		}
	}
	if audited != len(files)-1 {
		t.Errorf("%d downloads audited, want %d", audited, len(files)-1)
	}
	for url, code := range map[string]int{
		"/reports/bppd-kalbar/monthly.xlsx?month=2026-S2":     http.StatusBadRequest, // not a month
		"/reports/bppd-kalbar/skm.xlsx?period=2026-10":        http.StatusBadRequest, // not a survey period
		"/reports/bppd-kalbar/monthly.xlsx?month=2027-05":     http.StatusBadRequest, // not begun
		"/reports/bppd-kalbar/monthly.csv?month=2026-10":      http.StatusNotFound,   // workbooks only
		"/reports/bppd-kalbar/lainnya.xlsx":                   http.StatusNotFound,
		"/reports/bppd-kalbar/laporan-skm.xlsx":               http.StatusNotFound,   // a PDF only
		"/reports/bppd-kalbar/skm.pdf":                        http.StatusNotFound,   // a workbook only
		"/reports/bppd-kalbar/skm.csv":                        http.StatusNotFound,   // a workbook only
		"/reports/bppd-kalbar/laporan-skm.csv":                http.StatusNotFound,   // a PDF only
		"/reports/bppd-kalbar/responses.pdf":                  http.StatusNotFound,   // xlsx or csv only
		"/reports/bppd-kalbar/responses":                      http.StatusNotFound,   // no ending
		"/reports/bppd-kalbar/laporan-skm.pdf?period=2026-10": http.StatusBadRequest, // not a survey period
		"/reports/bppd-ntt/monthly.xlsx?month=2026-10":        http.StatusForbidden,  // another agency
	} {
		if w := f.do(http.MethodGet, url, head, nil); w.Code != code {
			t.Errorf("%s: %d, want %d", url, w.Code, code)
		}
	}
	// A failing database is an error page, not a cut-off file.
	f.data.fail["EachResponse"] = true
	if w := f.do(http.MethodGet, "/reports/bppd-kalbar/responses.csv?period=2026-S2", head, nil); w.Code != http.StatusServiceUnavailable ||
		w.Header().Get("Content-Disposition") != "" {
		t.Errorf("failing export: %d %q", w.Code, w.Header().Get("Content-Disposition"))
	}
	// And the narrative report: its figures not read, no PDF at all.
	f.data.fail["Semester"] = true
	if w := f.do(http.MethodGet, "/reports/bppd-kalbar/laporan-skm.pdf?period=2026-S1", head, nil); w.Code != http.StatusServiceUnavailable ||
		w.Header().Get("Content-Disposition") != "" || bytes.Contains(w.Body.Bytes(), []byte("%PDF-")) {
		t.Errorf("failing narrative report: %d %q", w.Code, w.Header().Get("Content-Disposition"))
	}
}
