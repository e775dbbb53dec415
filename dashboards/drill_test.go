package dashboards

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// The dashboard links its tiles, chart points and officers to the figures behind them; the
// element page shows the element per service with its answers and the saran link; bad
// drill-down values are refused with a message and change nothing.
func TestDrillDownLinksAndElementPage(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10&service=konsultasi", head, nil)
	body := html.UnescapeString(w.Body.String())
	for _, want := range []string{
		`href="/cases/bppd-kalbar?layanan=konsultasi&month=2026-10&terlambat=akhir"`,                          // the overdue tile
		`href="/cases/bppd-kalbar?layanan=konsultasi&month=2026-10&tanggal=selesai&tepat=ya"`,                 // on time
		`href="/cases/bppd-kalbar?jenis=pengaduan&layanan=konsultasi&month=2026-10&tanggal=selesai&tepat=ya"`, // complaints on time
		`href="/dashboard/bppd-kalbar/unsur/U9?month=2026-10&service=konsultasi"`,                             // an element
		`href="/dashboard/bppd-kalbar?month=2026-10&service=konsultasi"`,                                      // a service
		`"link":"/dashboard/bppd-kalbar/unsur/U1?month=2026-10\u0026service=konsultasi"`,                      // a bar's link
		`href="/cases/bppd-kalbar?layanan=konsultasi&month=2026-10&petugas=-&terlambat=akhir"`,                // no officer
	} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	if strings.Contains(w.Body.String(), hostile) {
		t.Error("a hostile officer's name is not escaped")
	}
	w = f.do(http.MethodGet, "/dashboard/bppd-kalbar/unsur/U3?month=2026-10", head, nil)
	body = html.UnescapeString(w.Body.String())
	// The fake's konsultasi: 60 respondents, U3 sum 310 (NRR 5,17 is what the fake's sums
	// give: they are not answers 1-4), answers 2 8 30 20 of 60.
	for _, want := range []string{"U3 Waktu Penyelesaian", `href="/saran/bppd-kalbar?period=2026-S2&unsur=U3"`, "Tidak cepat",
		`<td class="n jawaban">60</td>`, "30 <small class=\"muted\">(50,0 %)</small>"} {
		if !strings.Contains(body, want) {
			t.Errorf("element page lacks %q", want)
		}
	}
	for target, want := range map[string]int{
		"/dashboard/bppd-kalbar/unsur/U10":               http.StatusNotFound,
		"/dashboard/bppd-kalbar/unsur/U3?month=2026-13":  http.StatusBadRequest,
		"/dashboard/bppd-kalbar/unsur/U3?service=tidak":  http.StatusBadRequest,
		"/cases/bppd-kalbar?layanan=tidak-ada":           http.StatusBadRequest,
		"/cases/bppd-kalbar?jenis=lain":                  http.StatusBadRequest,
		"/cases/bppd-kalbar?tanggal=kemarin":             http.StatusBadRequest,
		"/cases/bppd-kalbar?tepat=mungkin":               http.StatusBadRequest,
		"/cases/bppd-kalbar?month=semua&terlambat=akhir": http.StatusBadRequest,
		"/cases/bppd-kalbar?month=2026-10&terlambat=akhir&layanan=konsultasi&tanggal=selesai&tepat=tidak&jenis=pengaduan": http.StatusOK,
	} {
		if w := f.do(http.MethodGet, target, head, nil); w.Code != want {
			t.Errorf("GET %s: %d, want %d", target, w.Code, want)
		}
	}
}
