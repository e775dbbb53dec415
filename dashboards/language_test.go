package dashboards

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"skm/survey/pagetest"
)

// TestStaffPagesSpeakIndonesian reads every staff page as each role sees it (every GET route
// of the route matrix, the refusals of every form, the error pages of bad months, periods,
// dates and unknown cases) and finds no English word in what a person reads.
func TestStaffPagesSpeakIndonesian(t *testing.T) {
	f := newStaffFixture(t)
	who := []string{"", "admin", "kepala-kalbar", "staf-kalbar", "kepala-ntt"}
	params := strings.NewReplacer(":agency", "bppd-kalbar", "*file", "staff.css", ":file", "monthly.xlsx", ":kode", "U3")
	var targets []string
	for _, rt := range f.h.(*gin.Engine).Routes() {
		if rt.Method == http.MethodGet && rt.Path != "/static/*file" && rt.Path != "/reports/:agency/:file" {
			targets = append(targets, params.Replace(rt.Path)+"?month=2026-10&id=REG-7&period=2026-S2")
		}
	}
	targets = append(targets, "/cases/bppd-kalbar?month=2026-13", "/dashboard/bppd-kalbar?month=Oktober", "/rtl/bppd-kalbar?period=2026-10",
		"/cases/bppd-kalbar/kasus?id=REG-404", "/dashboard/bppd-zzz", "/reports/bppd-kalbar/monthly.xlsx?month=2026",
		"/reports/bppd-kalbar/skm.xlsx?period=2026-10", "/reports/bppd-kalbar/skm.xlsx?period=semester", "/admin/audit?kind=tidak.ada",
		"/cases/bppd-kalbar?status=batal")
	posts := map[string]url.Values{
		"/cases/bppd-kalbar/baru":  {"received_at": {"kemarin"}, "channel": {"merpati"}},
		"/cases/bppd-kalbar/kasus": {"id": {"REG-7"}, "completed_at": {"besok"}},
		"/rtl/bppd-kalbar":         {"target_quarter": {"Q4"}, "progress": {"banyak"}},
		"/admin/holidays":          {"action": {"move"}, "date": {"kemarin"}, "kind": {"libur"}},
		"/periode/bppd-kalbar":     {},
		// The forms of the import, account, token, target, meeting, case and report screens, refused.
		"/admin/akun":                          {"username": {"x"}, "role": {"staff"}},
		"/admin/akun/ubah":                     {"akun": {"staf-kalbar"}, "aksi": {"hapus"}},
		"/admin/token":                         {},
		"/admin/token/cabut":                   {"id": {"tidak-ada"}},
		"/akun/setel-sandi":                    {"kode": {"salah"}},
		"/target/bppd-kalbar":                  {"tahun": {"2026"}, "ikm": {"seratus"}},
		"/rapat/bppd-kalbar":                   {"month": {"2026-10"}},
		"/rapat/bppd-kalbar/keputusan":         {"month": {"2026-10"}},
		"/rapat/bppd-kalbar/tutup":             {"month": {"2026-10"}},
		"/cases/bppd-kalbar/kasus/catatan":     {"id": {"REG-7"}},
		"/cases/bppd-kalbar/kasus/klasifikasi": {"id": {"REG-7"}},
		"/cases/bppd-kalbar/kasus/buka":        {"id": {"REG-7"}},
		"/impor/bppd-kalbar/simpan":            {"token": {"0123"}},
		"/laporan/bppd-kalbar?period=2026-S2":  {"teks_analisis": {"\u202e terbalik"}, "teks_penutup": {strings.Repeat("a", 10001)}},
	}
	cookies := map[string][]*http.Cookie{}
	for _, u := range who[1:] {
		cookies[u] = f.login(t, u)
	}
	read := func(u, method, target string, form url.Values) {
		w := f.do(method, target, cookies[u], form)
		if w.Code == http.StatusSeeOther {
			return
		}
		text := pagetest.Text(w.Body.String())
		if en := pagetest.English(text); len(en) > 0 {
			t.Errorf("%s %s as %q (%d) has English %q:\n%s", method, target, u, w.Code, en, text)
		}
		// An address (the ringkasan's link back in its share text) may carry a month's code.
		words := regexp.MustCompile(`https?://\S+`).ReplaceAllString(text, "")
		for _, hint := range []string{"TTTT", "2026-Q4", "2026-S1", "2026-S2", "2026-10"} {
			if strings.Contains(words, hint) {
				t.Errorf("%s %s as %q (%d) hints %q instead of the period's name:\n%s", method, target, u, w.Code, hint, text)
			}
		}
	}
	for _, u := range who[1:] {
		for _, target := range targets {
			read(u, http.MethodGet, target, nil)
		}
		for target, form := range posts {
			read(u, http.MethodPost, target, form)
		}
	}
	read("", http.MethodGet, "/login", nil)
	read("", http.MethodPost, "/login", url.Values{"username": {"siapa"}, "password": {"salah-sekali-123"}})
	read("", http.MethodGet, "/cases/bppd-kalbar", nil)
}
