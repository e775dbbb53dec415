package dashboards

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// tileLines returns each tile's label with its figure lines (the previous month, a year
// earlier), as the page shows them.
func tileLines(t *testing.T, body string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	tileRe := regexp.MustCompile(`(?s)<div class="tile[^"]*">\s*<div class="label">([^<]*)</div>(.*?)\n</div>`)
	changeRe := regexp.MustCompile(`<div class="change"[^>]*>([^<]*)</div>`)
	for _, m := range tileRe.FindAllStringSubmatch(body, -1) {
		for _, c := range changeRe.FindAllStringSubmatch(m[2], -1) {
			out[m[1]] = append(out[m[1]], html.UnescapeString(c[1]))
		}
	}
	if len(out) == 0 {
		t.Fatal("no tiles on the page")
	}
	return out
}

// TestTilesShowLastMonthAndAYearAgo: each tile shows its figure of the previous month and of
// the same month a year earlier with the changes, computed by hand from the fake's figures;
// the survey period's tiles compare the same period up to the same month's end; a year
// without data says so and shows no 0.
func TestTilesShowLastMonthAndAYearAgo(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "kepala-kalbar")
	get := func(month string) map[string][]string {
		t.Helper()
		w := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month="+month, c, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("dashboard %s: %d", month, w.Code)
		}
		return tileLines(t, w.Body.String())
	}
	// October 2026: the period's IKM 83,75 (every month alike) against Semester II 2025 up to
	// October 2025, 4 × 10 respondents answering all 3: NRR 3 × 25 = 75,00, +8,75; 80
	// respondents against 40. Cases: 40 received against 32; on time 25 of 28 = 89,3 % against
	// 20 of 20 = 100,0 %: -10,7 points; median 5,0 working hours against 4,0; 2 overdue
	// against 0; October 2025 had no complaints completed.
	oct := get("2026-10")
	for label, want := range map[string][]string{
		"IKM kumulatif periode survei":           {"bln lalu: 83,75 (■ 0,00)", "s.d. Okt 2025: 75,00 (▲ +8,75)"},
		"IKM bulanan (indikatif)":                {"bln lalu: 83,75 (■ 0,00)", "Okt 2025: 75,00 (▲ +8,75)"},
		"Responden kumulatif periode survei":     {"bln lalu: 60 (▲ +20)", "s.d. Okt 2025: 40 (▲ +40)"},
		"Kasus diterima dalam bulan":             {"bln lalu: 40 (■ 0)", "Okt 2025: 32 (▲ +8)"},
		"Kasus selesai dalam bulan":              {"bln lalu: 30 (■ 0)", "Okt 2025: 20 (▲ +10)"},
		"Selesai tepat waktu (kasus bertenggat)": {"bln lalu: 89,3 (■ 0,0)", "Okt 2025: 100,0 (▼ -10,7)"},
		"Median waktu penyelesaian (jam kerja)":  {"bln lalu: 5,0 (■ 0,0)", "Okt 2025: 4,0 (▲ +1,0)"},
		"Kasus terlambat di akhir bulan":         {"bln lalu: 2 (■ 0)", "Okt 2025: 0 (▲ +2)"},
		"Pengaduan selesai tepat waktu":          {"bln lalu: 94,1 (■ 0,0)", "Okt 2025: – (belum ada pengaduan bertenggat yang selesai)"},
	} {
		if got := oct[label]; strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("October 2026, tile %q: %q, want %q", label, got, want)
		}
	}
	// September 2026 beside September 2025: no cases recorded then (no data, not 0); the
	// survey had three months of Semester II 2025.
	sep := get("2026-09")
	if got := sep["Kasus diterima dalam bulan"]; len(got) != 2 || got[1] != "Sep 2025: – (belum ada data kasus)" {
		t.Errorf("September 2026, received: %q", got)
	}
	if got := sep["Responden kumulatif periode survei"]; len(got) != 2 || got[1] != "s.d. Sep 2025: 30 (▲ +30)" {
		t.Errorf("September 2026, respondents: %q", got)
	}
	// March 2026 beside March 2025: no survey then either.
	mar := get("2026-03")
	for _, label := range []string{"IKM kumulatif periode survei", "Responden kumulatif periode survei"} {
		if got := mar[label]; len(got) != 2 || got[1] != "s.d. Mar 2025: – (belum ada data survei)" {
			t.Errorf("March 2026, %s: %q", label, got)
		}
	}
	if got := mar["IKM bulanan (indikatif)"]; len(got) != 2 || got[1] != "Mar 2025: – (belum ada data survei)" {
		t.Errorf("March 2026, month's IKM: %q", got)
	}
}
