package dashboards

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"skm/standard"
)

// selectOptions returns the values offered by the <select> with the given id.
func selectOptions(t *testing.T, page, id string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<select id="` + id + `"[^>]*>(.*?)</select>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no select %q on the page", id)
	}
	var out []string
	for _, o := range regexp.MustCompile(`<option value="([^"]*)"`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, o[1])
	}
	return out
}

// TestCaseFormOffersWhatIsAcceptedAndKeepsTheNumber: the case form's dropdowns offer exactly
// the choices the intake accepts; a refused submission shows the number field as the user
// left it (empty stays empty: the number is given when the case is saved).
func TestCaseFormOffersWhatIsAcceptedAndKeepsTheNumber(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "staf-kalbar")
	kb, _ := f.set.Agency("bppd-kalbar")
	page := f.do(http.MethodGet, "/cases/bppd-kalbar/baru", c, nil).Body.String()
	var channels, services, classes []string
	for _, ch := range standard.Channels {
		channels = append(channels, ch.Code)
	}
	for _, s := range kb.Services {
		services = append(services, s.Code)
	}
	for _, cl := range kb.ComplaintClasses {
		classes = append(classes, cl.Code)
	}
	for id, want := range map[string][]string{
		"channel": append([]string{""}, channels...),
		"service": append([]string{""}, services...),
		"class":   append([]string{""}, classes...),
		"kind":    standard.Kinds,
		"status":  {"diterima", "diproses", "selesai"},
	} {
		got := selectOptions(t, page, id)
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("select %s offers %v, the intake accepts %v", id, got, w)
		}
	}
	if !strings.Contains(page, "<option value=\"surat\">Surat</option>") {
		t.Error("the channel names are not shown")
	}

	for _, number := range []string{"", "SURAT/12/X"} {
		form := url.Values{"id": {number}, "kind": {"layanan"}, "service": {"konsultasi"}, "channel": {"merpati"},
			"received_at": {"2026-10-14T10:30"}}
		for range 2 {
			w := f.do(http.MethodPost, "/cases/bppd-kalbar/baru", c, form)
			if w.Code != http.StatusUnprocessableEntity {
				t.Fatalf("refused case: %d", w.Code)
			}
			body := w.Body.String()
			if !strings.Contains(body, `<input id="id" name="id" type="text" value="`+number+`"`) || (number == "" && strings.Contains(body, "REG-")) {
				t.Errorf("after a refusal the number field is not %q as left:\n%s", number, body)
			}
		}
	}
}

// TestCasePagesShowNames: the register and a case's page name the kind, class and status as
// people say them, and a status badge never wraps.
func TestCasePagesShowNames(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "kepala-kalbar")
	for _, target := range []string{"/cases/bppd-kalbar?month=2026-10", "/cases/bppd-kalbar/kasus?id=REG-7"} {
		body := f.do(http.MethodGet, target, c, nil).Body.String()
		for _, name := range []string{"Permohonan layanan", `<span class="badge">Diproses</span>`} {
			if !strings.Contains(body, name) {
				t.Errorf("%s lacks %q", target, name)
			}
		}
		for _, code := range []string{">layanan<", ">diproses<", ">normatif<", ">email<"} {
			if strings.Contains(body, code) {
				t.Errorf("%s shows the code %q", target, code)
			}
		}
	}
	if body := f.do(http.MethodGet, "/cases/bppd-kalbar/kasus?id=REG-7", c, nil).Body.String(); !strings.Contains(body, "Pengaduan bersifat normatif") {
		t.Error("the case page does not name the complaint class")
	}
	css, err := staticFS.Open("static/staff.css")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(css)
	if !regexp.MustCompile(`\.badge\{[^}]*white-space:nowrap`).Match(b) {
		t.Error("status badges may wrap mid-word: .badge lacks white-space:nowrap")
	}
}
