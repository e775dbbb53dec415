package dashboards

import (
	"net/http"
	"strings"
	"testing"
)

func TestSaranPageListsAThemeAndRefusesBadQueries(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodGet, "/saran/bppd-kalbar?period=2026-S2&tema=waktu", head, nil)
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(body, `<p id="saran-count" data-count="3">3 saran`) ||
		!strings.Contains(body, `<tr data-theme="waktu" data-count="3">`) || !strings.Contains(body, "Tema Waktu penyelesaian") ||
		strings.Contains(body, hostile) || !strings.Contains(body, "Lama 2 &lt;/script&gt;") {
		t.Fatalf("tema=waktu: %d %s", w.Code, body)
	}
	// Each theme links to its own list, keeping the period and the service.
	w = f.do(http.MethodGet, "/saran/bppd-kalbar?period=2026-10&service=konsultasi", head, nil)
	if body = w.Body.String(); w.Code != http.StatusOK || strings.Contains(body, `id="saran-count"`) ||
		!strings.Contains(body, `href="/saran/bppd-kalbar?period=2026-10&amp;service=konsultasi&amp;tema=antrean"`) {
		t.Fatalf("overview: %d %s", w.Code, body)
	}
	// An element lists the saran of its themes (U3: waktu and antrean).
	w = f.do(http.MethodGet, "/saran/bppd-kalbar?period=2026-S2&unsur=U3", head, nil)
	if body = w.Body.String(); w.Code != http.StatusOK || !strings.Contains(body, `data-count="3"`) || !strings.Contains(body, "Unsur U3 Waktu Penyelesaian") {
		t.Fatalf("unsur=U3: %d %s", w.Code, body)
	}
	for q, msg := range map[string]string{
		"period=2026-S3":                  "Periode tidak dikenal",
		"period=2026-S2&tema=cuaca":       "Tema saran tidak dikenal",
		"period=2026-S2&unsur=U10":        "Unsur harus U1 sampai U9",
		"tema=waktu&unsur=U3":             "tidak keduanya",
		"period=2026-S2&service=pajak":    "Layanan tidak dikenal",
		"period=2026-S2&tema=waktu&hal=0": "Nomor halaman",
	} {
		w = f.do(http.MethodGet, "/saran/bppd-kalbar?"+q, head, nil)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), msg) {
			t.Errorf("%s: %d, want 400 with %q", q, w.Code, msg)
		}
	}
	// A failing read is shown as such on the page, not as a crash.
	f.data.fail["SaranThemes"] = true
	w = f.do(http.MethodGet, "/saran/bppd-kalbar?period=2026-S2&tema=waktu", head, nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Saran sementara tidak dapat dimuat") {
		t.Errorf("failing read: %d %s", w.Code, w.Body)
	}
}

func TestDashboardAndRTLLinkSaranThemes(t *testing.T) {
	f := newStaffFixture(t)
	staff := f.login(t, "staf-kalbar")
	body := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", staff, nil).Body.String()
	if !strings.Contains(body, `<tr data-theme="waktu" data-count="3"><td><a href="/saran/bppd-kalbar?period=2026-10&amp;tema=waktu">Waktu penyelesaian</a>`) ||
		strings.Contains(body, `data-theme="biaya"`) || !strings.Contains(body, `id="chart-saran-tema"`) {
		t.Errorf("dashboard card:\n%s", body)
	}
	// The fake's lowest element is U9 (sarana), then U3 (waktu 3 saran, antrean 0).
	body = f.do(http.MethodGet, "/rtl/bppd-kalbar?period=2026-S2", staff, nil).Body.String()
	if !strings.Contains(body, `<a href="/saran/bppd-kalbar?period=2026-S2&amp;tema=waktu" data-theme="waktu" data-count="3">Waktu penyelesaian: 3 saran</a>`) ||
		!strings.Contains(body, `href="/saran/bppd-kalbar?period=2026-S2&amp;unsur=U9"`) {
		t.Errorf("RTL page:\n%s", body)
	}
	f.data.fail["SaranThemes"] = true
	body = f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", staff, nil).Body.String()
	if !strings.Contains(body, "Data bagian ini tidak dapat dimuat") || !strings.Contains(body, "Saran terbaru") {
		t.Errorf("a failing theme panel should fail alone:\n%s", body)
	}
}
