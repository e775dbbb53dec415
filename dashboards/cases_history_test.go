package dashboards

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"skm/cases"
	"skm/reports"
)

// Notes, reclassifications and reopenings: refused input gets an Indonesian message (422)
// and changes nothing; accepted ones are stored by the signed-in account and audited.
func TestCaseNoteReclassifyAndReopenForms(t *testing.T) {
	f := newStaffFixture(t)
	staff := f.login(t, "staf-kalbar")
	post := func(path string, form url.Values) (int, string, string) {
		form.Set("id", "REG-7")
		w := f.do(http.MethodPost, "/cases/bppd-kalbar/kasus/"+path, staff, form)
		return w.Code, html.UnescapeString(w.Body.String()), w.Header().Get("Location")
	}
	for _, c := range []struct {
		path, field, value, msg string
	}{
		{"catatan", "note", "   ", "Tulis catatan."},
		{"catatan", "note", strings.Repeat("é", maxNoteRunes+1), "Catatan paling panjang 2.000 karakter; persingkat catatan."},
		{"catatan", "note", "ada\x00nol", "Teks berisi karakter yang tidak sah."},
		{"buka", "reason", "Pemohon keberatan", "Hanya kasus yang sudah selesai yang dapat dibuka kembali."}, // REG-7 is Diproses
		{"klasifikasi", "service", "konsultasi", "Pilih layanan, jenis atau kelas yang berbeda dari yang tersimpan."},
	} {
		code, body, _ := post(c.path, url.Values{c.field: {c.value}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, c.msg) {
			t.Errorf("%s %s=%.20q: %d, want 422 with %q", c.path, c.field, c.value, code, c.msg)
		}
	}
	if len(f.notes.saved) != 0 || len(f.recorder.cases) != 0 {
		t.Fatalf("refused forms stored %v %v", f.notes.saved, f.recorder.cases)
	}
	w := f.do(http.MethodPost, "/cases/bppd-kalbar/kasus/catatan", staff, url.Values{"id": {"REG-404"}, "note": {"x"}})
	if w.Code != http.StatusNotFound {
		t.Errorf("note on an unknown case: %d", w.Code)
	}

	code, _, loc := post("catatan", url.Values{"note": {" Pemohon ditelepon. "}})
	if code != http.StatusSeeOther || loc != "/cases/bppd-kalbar/kasus?id=REG-7#riwayat" {
		t.Errorf("note: %d %s", code, loc)
	}
	if len(f.notes.saved) != 1 || f.notes.saved[0] != "bppd-kalbar REG-7 staf-kalbar false Pemohon ditelepon." {
		t.Errorf("note saved: %v", f.notes.saved)
	}
	code, body, _ := post("klasifikasi", url.Values{"service": {"pengaduan"}, "kind": {"pengaduan"}, "class": {"ringan"}})
	if code != http.StatusOK || !strings.Contains(body, "tenggat") {
		t.Errorf("reclassify: %d\n%s", code, body)
	}
	if n := len(f.recorder.cases); n != 1 || f.recorder.cases[0].Service != "pengaduan" || f.recorder.cases[0].Class != "ringan" ||
		f.recorder.cases[0].By != "staf-kalbar" || f.recorder.cases[0].Status != "" {
		t.Errorf("reclassification submitted: %+v", f.recorder.cases)
	}
	var actions []string
	for _, e := range f.audit.entries {
		if strings.HasPrefix(e.Action, "case.") {
			actions = append(actions, e.Action+":"+e.Username+":"+e.Target)
		}
	}
	if strings.Join(actions, " ") != "case.note:staf-kalbar:REG-7 case.reclassify:staf-kalbar:REG-7" {
		t.Errorf("audited: %v", actions)
	}
}

// The case page shows the history in labels, with who changed what; text from the data is
// escaped.
func TestCasePageShowsHistoryInLabels(t *testing.T) {
	f := newStaffFixture(t)
	w := f.do(http.MethodGet, "/cases/bppd-kalbar/kasus?id=REG-7", f.login(t, "kepala-kalbar"), nil)
	body := html.UnescapeString(w.Body.String())
	for _, want := range []string{"Riwayat kasus", "Status: Diterima → Diproses", "aplikasi lain lewat API (token ab12)",
		"Catatan: Pemohon ditelepon", "Kasus dicatat: Permohonan layanan"} {
		if !strings.Contains(body, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	if strings.Contains(w.Body.String(), hostile) {
		t.Error("a hostile note or officer is not escaped")
	}
	if strings.Contains(body, `action="/cases/bppd-kalbar/kasus/catatan"`) {
		t.Error("a head is offered the note form")
	}
	// Earlier versions are listed first, the note between them by time.
	if i, j := strings.Index(body, "Kasus dicatat"), strings.Index(body, "Catatan: "); i < 0 || j < i || strings.Index(body, "Status: Diterima") < j {
		t.Error("history out of order")
	}
}

// The register's filters are kept and checked; the backlog links to the filtered register.
func TestRegisterFiltersAndBacklog(t *testing.T) {
	f := newStaffFixture(t)
	staff := f.login(t, "staf-kalbar")
	for target, want := range map[string]int{
		"/cases/bppd-kalbar?month=semua&status=terbuka&petugas=-&terlambat=1": http.StatusOK,
		"/cases/bppd-kalbar?status=hilang":                                    http.StatusBadRequest,
		"/cases/bppd-kalbar?terlambat=ya":                                     http.StatusBadRequest,
		"/cases/bppd-kalbar?petugas=" + strings.Repeat("x", 101):              http.StatusBadRequest,
		"/cases/bppd-kalbar/petugas?month=1999-13":                            http.StatusBadRequest,
	} {
		if w := f.do(http.MethodGet, target, staff, nil); w.Code != want {
			t.Errorf("GET %s: %d, want %d", target, w.Code, want)
		}
	}
	w := f.do(http.MethodGet, "/cases/bppd-kalbar?month=semua&status=terbuka&petugas=-&terlambat=1", staff, nil)
	body := w.Body.String()
	for _, want := range []string{`<option value="semua" selected>`, `<option value="terbuka" selected>`, `<option value="-" selected>Belum ada petugas`, `name="terlambat" type="checkbox" value="1" checked`} {
		if !strings.Contains(body, want) {
			t.Errorf("register does not keep its filter: %s", want)
		}
	}
	w = f.do(http.MethodGet, "/cases/bppd-kalbar/petugas", staff, nil)
	body = html.UnescapeString(w.Body.String())
	if w.Code != http.StatusOK || strings.Contains(w.Body.String(), hostile) {
		t.Fatalf("backlog: %d (hostile name escaped?)", w.Code)
	}
	for _, want := range []string{"Belum ada petugas", "/cases/bppd-kalbar?month=semua&petugas=-&status=terbuka",
		"terlambat=1", "12 hari", "<th>4</th><th>2</th>"} {
		if !strings.Contains(body, want) {
			t.Errorf("backlog lacks %q", want)
		}
	}
}

// A reopened case's history line names the reason.
func TestCaseHistoryWordsAReopening(t *testing.T) {
	f := newStaffFixture(t)
	a, _ := f.set.Agency("bppd-kalbar")
	done := time.Date(2026, 10, 8, 2, 0, 0, 0, time.UTC)
	v1 := cases.Record{Kind: "pengaduan", Service: "pengaduan", Channel: "email", Class: "ringan", Status: "selesai", CompletedAt: &done,
		ReceivedAt: done.Add(-time.Hour), UpdatedAt: done, RecordedBy: "impor:kasus.xlsx"}
	v2 := v1
	v2.Status, v2.CompletedAt, v2.RecordedBy, v2.UpdatedAt = "diproses", nil, "staf-kalbar", done.Add(time.Hour)
	lines := caseHistory(a, []cases.Record{v1, v2}, []reports.CaseNote{{At: done.Add(time.Hour), Username: "staf-kalbar", Reopen: true, Text: "Jawaban belum diterima"}})
	if len(lines) != 3 || lines[0].Who != "impor berkas kasus.xlsx" || !strings.Contains(strings.Join(lines[1].Changes, "|"), "Status: Selesai → Diproses") ||
		!strings.Contains(strings.Join(lines[1].Changes, "|"), "Selesai: 08/10/2026 09.00 → –") || !lines[2].Reopen {
		t.Errorf("history of a reopening: %+v", lines)
	}
}
