package dashboards

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/reports"
	"skm/survey"
)

// fakeReportTexts keeps every saved version in memory; the newest non-empty one of a chapter
// is its text (the real store's reading is tested in reports against ClickHouse).
type fakeReportTexts struct {
	mu    sync.Mutex
	saved []survey.ReportText
	fail  bool
}

func (f *fakeReportTexts) ReportTexts(_ context.Context, agency string, p survey.Period) ([]survey.ReportText, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	newest := map[string]survey.ReportText{}
	for _, t := range f.saved {
		if t.Agency == agency && t.Period == p.Code() {
			newest[t.Chapter] = t
		}
	}
	var out []survey.ReportText
	for _, ch := range survey.ReportChapters {
		if t, ok := newest[ch.Code]; ok && t.Text != "" {
			out = append(out, t)
		}
	}
	return out, nil
}

func (f *fakeReportTexts) SaveReportText(_ context.Context, t *survey.ReportText) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return errors.New("clickhouse: connection refused")
	}
	f.saved = append(f.saved, *t)
	return nil
}

func (f *fakeReportTexts) versions() []survey.ReportText {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]survey.ReportText(nil), f.saved...)
}

// reportTextAudits are the report.text lines of the audit log, oldest first.
func reportTextAudits(f *staffFixture) []reports.AuditEntry {
	f.audit.mu.Lock()
	defer f.audit.mu.Unlock()
	var out []reports.AuditEntry
	for _, e := range f.audit.entries {
		if e.Action == "report.text" {
			out = append(out, e)
		}
	}
	return out
}

// chapterForm is the report page's form as a browser sends it: every chapter's text box
// (empty but for those given) with the versions the page carried.
func chapterForm(texts map[string]string, versions map[string]string) url.Values {
	form := url.Values{}
	for _, ch := range survey.ReportChapters {
		form.Set("teks_"+ch.Code, texts[ch.Code])
		form.Set("versi_"+ch.Code, versions[ch.Code])
	}
	return form
}

// mustContain fails for each of want the body lacks, as written or HTML-escaped.
func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(body, s) && !strings.Contains(body, templateEscape(s)) {
			t.Errorf("%s lacks %q", what, s)
		}
	}
}

// Staff open the running period's report page, write the analysis chapter, see it again
// with who changed it when; the same text again stores nothing, an emptied box removes it;
// each change is one version and one audit line with the chapter and its length, never the
// text.
func TestReportTextsSavedPerChapterAndAudited(t *testing.T) {
	f := newStaffFixture(t) // now: 23 November 2026 10.00 in Pontianak
	staff := f.login(t, "staf-kalbar")
	page := "/laporan/bppd-kalbar?period=2026-S2"
	w := f.do(http.MethodGet, page, staff, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("GET: %d %s", w.Code, w.Body)
	}
	body := w.Body.String()
	mustContain(t, "the page", body,
		"SEMENTARA — periode belum berakhir; laporan belum untuk ditandatangani.",
		"BAB I PENDAHULUAN", "BAB IV ANALISIS DAN RENCANA TINDAK LANJUT", "BAB V PENUTUP",
		"tuliskan penyebab unsur terendah dan rencana perbaikannya",
		`href="/reports/bppd-kalbar/laporan-skm.pdf?period=2026-S2"`, `href="/reports/bppd-kalbar/skm.xlsx?period=2026-S2"`,
		"persis seperti ditulis", "Paling banyak 10.000 karakter", "Belum ada teks tambahan untuk bab ini.",
		`<button type="submit" class="btn">Simpan teks yang berubah</button>`)
	// Periods from the first with responses (July 2025: Semester II 2025) to the current one.
	mustContain(t, "the period picker", body, `<option value="2026-S2" selected>Semester II 2026</option>`,
		`<option value="2026-S1">Semester I 2026</option>`, `<option value="2025-S2">Semester II 2025</option>`)
	if strings.Contains(body, `value="2025-S1"`) {
		t.Error("the picker offers Semester I 2025, before the first response")
	}

	const analysis = "Unsur waktu pelayanan (U3) terendah karena antrean pagi.\r\n\r\nRencana: loket tambahan mulai Januari 2027."
	// 56 + 2 line breaks + 43 characters: 101 (a CRLF is one line break).
	stored := "Unsur waktu pelayanan (U3) terendah karena antrean pagi.\n\nRencana: loket tambahan mulai Januari 2027."
	w = f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": "  " + analysis + "\r\n"}, nil))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/laporan/bppd-kalbar?disimpan=1&period=2026-S2" {
		t.Fatalf("save: %d %q %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	got := f.texts.versions()
	if len(got) != 1 || got[0].Chapter != "analisis" || got[0].Text != stored || got[0].Agency != "bppd-kalbar" ||
		got[0].Period != "2026-S2" || got[0].UpdatedBy != "staf-kalbar" || !got[0].UpdatedAt.Equal(f.now) {
		t.Fatalf("stored %+v", got)
	}
	audits := reportTextAudits(f)
	if len(audits) != 1 || audits[0].Target != "2026-S2" || audits[0].Detail != "analisis: 101 karakter" || audits[0].Username != "staf-kalbar" {
		t.Fatalf("audit %+v", audits)
	}
	if strings.Contains(audits[0].Detail, "antrean") {
		t.Error("the audit line carries the text")
	}

	w = f.do(http.MethodGet, page+"&disimpan=1", staff, nil)
	body = w.Body.String()
	mustContain(t, "the page after saving", body, "Teks 1 bab disimpan; laporan PDF Semester II 2026 memuatnya.",
		">"+stored+"</textarea>", "Terakhir diubah oleh staf-kalbar, 23 November 2026 10.00")
	version := f.texts.versions()[0].UpdatedAt.UnixNano()
	versions := map[string]string{"analisis": strconv.FormatInt(version, 10)}
	mustContain(t, "the page after saving", body, `name="versi_analisis" value="`+strconv.FormatInt(version, 10)+`"`)

	// The same text again: nothing changed, nothing stored or audited.
	f.now = f.now.Add(time.Minute)
	w = f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": analysis}, versions))
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "disimpan=0") {
		t.Fatalf("unchanged: %d %q", w.Code, w.Header().Get("Location"))
	}
	if n, a := len(f.texts.versions()), len(reportTextAudits(f)); n != 1 || a != 1 {
		t.Errorf("an unchanged save stored %d versions, %d audit lines", n, a)
	}
	mustContain(t, "the page", f.do(http.MethodGet, page+"&disimpan=0", staff, nil).Body.String(), "Tidak ada teks yang berubah.")

	// An emptied box removes the text: one version, audited as removed.
	w = f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": " \r\n "}, versions))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("remove: %d %s", w.Code, w.Body)
	}
	if got := f.texts.versions(); len(got) != 2 || got[1].Text != "" {
		t.Errorf("after removing: %+v", got)
	}
	if a := reportTextAudits(f); len(a) != 2 || a[1].Detail != "analisis: dihapus" {
		t.Errorf("removal audit %+v", a)
	}
	mustContain(t, "the page after removing", f.do(http.MethodGet, page, staff, nil).Body.String(), "Belum ada teks tambahan untuk bab ini.")
}

// Bad texts are refused with 422 and the message at the chapter, every typed text kept and
// nothing stored or audited: over 10 000 characters, a bidi override, a control character.
// An unknown period answers 400.
func TestReportTextsRefusedKeepTheTextsAndStoreNothing(t *testing.T) {
	f := newStaffFixture(t)
	staff := f.login(t, "staf-kalbar")
	page := "/laporan/bppd-kalbar?period=2026-S2"
	for _, c := range []struct {
		name, text, want string
	}{
		{"too long", strings.Repeat("a", survey.MaxReportText+1), "Teks paling banyak 10.000 karakter."},
		{"bidi override", "Pembayaran \u202eRp 000.05\u202c lunas", "Teks berisi karakter tersembunyi atau karakter kendali"},
		{"control character", "Bunyi\x07 bel", "Teks berisi karakter tersembunyi atau karakter kendali"},
	} {
		w := f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": c.text, "penutup": "Kesimpulan: layanan baik."}, nil))
		if w.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, w.Code)
		}
		body := w.Body.String()
		mustContain(t, c.name, body, c.want, "Teks laporan belum disimpan; tidak ada yang berubah.", ">Kesimpulan: layanan baik.</textarea>")
		// The message stands at the analysis chapter: after its box, before the next chapter.
		box, next := strings.Index(body, `id="teks-analisis"`), strings.Index(body, `id="bab-penutup"`)
		if msg := strings.Index(body[max(box, 0):], templateEscape(c.want)); box < 0 || msg < 0 || box+msg > next {
			t.Errorf("%s: the message is not at the analysis chapter", c.name)
		}
	}
	if n, a := len(f.texts.versions()), len(reportTextAudits(f)); n != 0 || a != 0 {
		t.Errorf("refused saves stored %d versions, %d audit lines", n, a)
	}
	for _, p := range []string{"2026-10", "semester", "2027-S1"} {
		if w := f.do(http.MethodGet, "/laporan/bppd-kalbar?period="+p, staff, nil); w.Code != http.StatusBadRequest {
			t.Errorf("period %s: %d, want 400", p, w.Code)
		}
		if w := f.do(http.MethodPost, "/laporan/bppd-kalbar?period="+p, staff, chapterForm(map[string]string{"analisis": "x"}, nil)); w.Code != http.StatusBadRequest {
			t.Errorf("POST period %s: %d, want 400", p, w.Code)
		}
	}
	if n := len(f.texts.versions()); n != 0 {
		t.Errorf("%d versions stored for bad periods", n)
	}
	// A store that fails: 503, nothing audited.
	f.texts.fail = true
	if w := f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": "Teks"}, nil)); w.Code != http.StatusServiceUnavailable {
		t.Errorf("failing store: %d", w.Code)
	}
	if a := len(reportTextAudits(f)); a != 0 {
		t.Errorf("a failed save was audited %d times", a)
	}
}

// A chapter changed by someone else since the page was opened is not overwritten: 409, the
// stored text shown beside the typed one, which is kept; saving again after that is on
// purpose and stores it.
func TestReportTextsChangedMeanwhileAreNotOverwritten(t *testing.T) {
	f := newStaffFixture(t)
	staff, head := f.login(t, "staf-kalbar"), f.login(t, "kepala-kalbar")
	page := "/laporan/bppd-kalbar?period=2026-S2"
	// Both open the page with no text; the head saves first.
	if w := f.do(http.MethodPost, page, head, chapterForm(map[string]string{"analisis": "Versi kepala."}, nil)); w.Code != http.StatusSeeOther {
		t.Fatalf("head: %d %s", w.Code, w.Body)
	}
	f.now = f.now.Add(5 * time.Minute)
	w := f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": "Versi staf."}, nil))
	if w.Code != http.StatusConflict {
		t.Fatalf("conflict: %d, want 409", w.Code)
	}
	body := w.Body.String()
	mustContain(t, "the conflict", body, "teks bab ini diubah oleh kepala-kalbar, 23 November 2026 10.00", "<pre>Versi kepala.</pre>",
		">Versi staf.</textarea>")
	if n := len(f.texts.versions()); n != 1 {
		t.Fatalf("%d versions after the conflict", n)
	}
	version := strconv.FormatInt(f.texts.versions()[0].UpdatedAt.UnixNano(), 10)
	mustContain(t, "the conflict", body, `name="versi_analisis" value="`+version+`"`)
	w = f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": "Versi kepala. Versi staf."}, map[string]string{"analisis": version}))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("merged save: %d %s", w.Code, w.Body)
	}
	if got := f.texts.versions(); len(got) != 2 || got[1].Text != "Versi kepala. Versi staf." || got[1].UpdatedBy != "staf-kalbar" {
		t.Errorf("after merging: %+v", got)
	}
}

// Who may write: staff, heads and admins of the agency (admins any); others are refused and
// nothing is stored, as is a save sent from another site.
func TestReportTextsWritersByRoleAndAgency(t *testing.T) {
	f := newStaffFixture(t)
	text := map[string]string{"penutup": "Layanan perlu dipertahankan."}
	for _, c := range []struct {
		who, agency string
		want        int
	}{
		{"", "bppd-kalbar", http.StatusUnauthorized},
		{"staf-ntt", "bppd-kalbar", http.StatusForbidden},
		{"kepala-ntt", "bppd-kalbar", http.StatusForbidden},
		{"staf-kalbar", "bppd-kalbar", http.StatusSeeOther},
		{"kepala-kalbar", "bppd-kalbar", http.StatusSeeOther},
		{"admin", "bppd-ntt", http.StatusSeeOther},
	} {
		var cookies []*http.Cookie
		if c.who != "" {
			cookies = f.login(t, c.who)
		}
		before := len(f.texts.versions())
		text["penutup"] += " " + c.who // a change each time
		w := f.do(http.MethodPost, "/laporan/"+c.agency+"?period=2026-S2", cookies, chapterForm(text, nil))
		if w.Code != c.want {
			t.Errorf("%q on %s: %d, want %d", c.who, c.agency, w.Code, c.want)
		}
		stored := len(f.texts.versions()) - before
		if (c.want == http.StatusSeeOther) != (stored == 1) {
			t.Errorf("%q on %s: %d versions stored", c.who, c.agency, stored)
		}
		if c.want == http.StatusSeeOther {
			f.texts.mu.Lock()
			f.texts.saved = nil // the next one starts without a text again
			f.texts.mu.Unlock()
		}
	}
	if got := reportTextAudits(f); len(got) != 3 || got[2].Agency != "bppd-ntt" || got[2].Username != "admin" {
		t.Errorf("audits %+v", got)
	}
	// From another site (CSRF): refused, nothing stored.
	req := httptest.NewRequest(http.MethodPost, "/laporan/bppd-kalbar?period=2026-S2", strings.NewReader(chapterForm(text, nil).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	for _, ck := range f.login(t, "staf-kalbar") {
		req.AddCookie(ck)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	if w.Code != http.StatusForbidden || len(f.texts.versions()) != 0 {
		t.Errorf("cross-site save: %d, %d versions", w.Code, len(f.texts.versions()))
	}
}

// Once a period's results are published its texts are printed in a report the public has:
// staff read them (no save button) and are refused; the head and admins may still correct
// them, told that the published PDF changes too, and the audit line says after publication.
func TestReportTextsAfterPublicationOnlyHeadAndAdmin(t *testing.T) {
	f := newStaffFixture(t)
	f.periods.published = map[string]time.Time{"2026-S1": time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC)}
	staff, head := f.login(t, "staf-kalbar"), f.login(t, "kepala-kalbar")
	page := "/laporan/bppd-kalbar?period=2026-S1"
	body := f.do(http.MethodGet, page, staff, nil).Body.String()
	mustContain(t, "staff's page", body,
		"Periode berakhir 30 Juni 2026; laporan final siap ditandatangani oleh Kepala Badan Pengelola Perbatasan Daerah Provinsi Kalimantan Barat.",
		"Hasilnya dipublikasikan 10 Juli 2026.",
		"teks laporannya kini hanya dapat diubah oleh kepala atau admin", `name="teks_analisis" rows="8" aria-describedby="petunjuk-analisis" readonly>`)
	if strings.Contains(body, "Simpan teks yang berubah") || strings.Contains(body, "SEMENTARA") {
		t.Error("staff's page of a published period offers saving, or says provisional")
	}
	w := f.do(http.MethodPost, page, staff, chapterForm(map[string]string{"analisis": "Perubahan"}, nil))
	if w.Code != http.StatusForbidden || len(f.texts.versions()) != 0 {
		t.Errorf("staff after publication: %d, %d versions", w.Code, len(f.texts.versions()))
	}
	mustContain(t, "staff's refusal", w.Body.String(), "Hasil Semester I 2026 sudah dipublikasikan 10 Juli 2026")
	body = f.do(http.MethodGet, page, head, nil).Body.String()
	mustContain(t, "head's page", body, "Perubahan teks ikut mengubah laporan PDF periode ini", "Simpan teks yang berubah")
	if w := f.do(http.MethodPost, page, head, chapterForm(map[string]string{"analisis": "Koreksi ejaan."}, nil)); w.Code != http.StatusSeeOther {
		t.Fatalf("head after publication: %d %s", w.Code, w.Body)
	}
	if a := reportTextAudits(f); len(a) != 1 || a[0].Detail != "analisis: 14 karakter; setelah hasil dipublikasikan 10 Juli 2026" {
		t.Errorf("audit %+v", a)
	}
}

// Every chapter of the report has a hint on what belongs in it.
func TestEveryReportChapterHasAHint(t *testing.T) {
	for _, ch := range survey.ReportChapters {
		if chapterHints[ch.Code] == "" {
			t.Errorf("chapter %s has no hint", ch.Code)
		}
	}
}
