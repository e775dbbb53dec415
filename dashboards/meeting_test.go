package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/standard"
	"skm/survey"
)

// fakeMeetings keeps meetings and decisions in memory, the newest version of each winning
// (the as-of reading is the real store's, tested in reports against ClickHouse).
type fakeMeetings struct {
	mu        sync.Mutex
	meetings  map[string]survey.Meeting // by agency/month
	decisions []survey.Decision         // newest version of each, in recording order
	saves     int
}

func (f *fakeMeetings) Meeting(_ context.Context, a *standard.Agency, month survey.Period) (survey.Meeting, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, ok := f.meetings[a.Code+"/"+month.Code()]
	if !ok {
		m = survey.Meeting{Agency: a.Code, Month: month.Code()}
	}
	m.Decisions = nil
	for _, d := range f.decisions {
		if d.Agency == a.Code && d.Month == month.Code() {
			m.Decisions = append(m.Decisions, d)
		}
	}
	return m, nil
}

func (f *fakeMeetings) OpenDecisions(_ context.Context, agency string, asOf time.Time) ([]survey.Decision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []survey.Decision
	for _, d := range f.decisions {
		if d.Agency == agency && d.Open() && d.RecordedAt.Before(asOf) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (f *fakeMeetings) SaveMeeting(_ context.Context, m *survey.Meeting) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.meetings == nil {
		f.meetings = map[string]survey.Meeting{}
	}
	f.meetings[m.Agency+"/"+m.Month] = *m
	f.saves++
	return nil
}

func (f *fakeMeetings) SaveDecision(_ context.Context, d *survey.Decision) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saves++
	for i := range f.decisions {
		if f.decisions[i].ID == d.ID {
			d.RecordedAt, d.RecordedBy = f.decisions[i].RecordedAt, f.decisions[i].RecordedBy
			f.decisions[i] = *d
			return nil
		}
	}
	d.ID = "K-" + string(rune('A'+len(f.decisions)))
	d.RecordedAt, d.RecordedBy = d.ChangedAt, d.ChangedBy
	f.decisions = append(f.decisions, *d)
	return nil
}

func (f *fakeMeetings) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.saves
}

// TestMeetingFormsRefuseBadInputInIndonesianKeepingValues sends meetings and decisions with
// problems: each is refused with 422, the field's Indonesian message and the typed values
// kept, and nothing is stored or audited; a month not yet begun cannot be recorded.
func TestMeetingFormsRefuseBadInputInIndonesianKeepingValues(t *testing.T) {
	f := newStaffFixture(t) // now: 23 November 2026
	staff := f.login(t, "staf-kalbar")
	for _, c := range []struct {
		name, path string
		form       url.Values
		want       []string
	}{
		{"empty meeting", "/rapat/bppd-kalbar?month=2026-10", url.Values{},
			[]string{"Isi tanggal rapat.", "Tuliskan peserta rapat, satu nama per baris."}},
		{"future date", "/rapat/bppd-kalbar?month=2026-11", url.Values{"tanggal": {"2026-11-30"}, "peserta": {"Kepala BPPD\nSekretaris"}},
			[]string{"Tanggal rapat tidak boleh di masa depan.", "Kepala BPPD\nSekretaris"}},
		{"unreadable date", "/rapat/bppd-kalbar?month=2026-10", url.Values{"tanggal": {"kemarin"}, "peserta": {"Kepala"}},
			[]string{"Tanggal rapat tidak terbaca; tulis misalnya 28/10/2026.", `value="kemarin"`}},
		{"date of another month", "/rapat/bppd-kalbar?month=2026-09", url.Values{"tanggal": {"20/11/2026"}, "peserta": {"Kepala"}},
			[]string{"Rapat evaluasi September 2026 diadakan pada bulan itu atau bulan berikutnya."}},
		{"decision before the meeting", "/rapat/bppd-kalbar/keputusan?month=2026-10",
			url.Values{"keputusan": {"Tambah petugas loket"}, "penanggung_jawab": {"Kasubbag"}, "tenggat": {"2026-11-30"}},
			[]string{"Catat dulu tanggal dan peserta rapat Oktober 2026.", `value="Tambah petugas loket"`}},
	} {
		w := f.do(http.MethodPost, c.path, staff, c.form)
		body := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, w.Code)
		}
		for _, s := range c.want {
			if !strings.Contains(body, s) && !strings.Contains(body, templateEscape(s)) {
				t.Errorf("%s: the page lacks %q", c.name, s)
			}
		}
	}
	// With October's meeting recorded, a decision's own problems.
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar?month=2026-10", staff,
		url.Values{"tanggal": {"2026-11-03"}, "peserta": {" Kepala BPPD \n\n Sekretaris "}, "catatan": {"bahas kasus terlambat"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("record October's meeting: %d %s", w.Code, w.Body)
	}
	saved := f.meetings.count()
	for _, c := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"empty decision", url.Values{}, []string{"Tuliskan keputusan rapat.", "Tuliskan penanggung jawab (nama atau jabatan).", "Isi tanggal tenggat, misalnya 30/11/2026."}},
		{"unknown service, bad date", url.Values{"keputusan": {"Perbaiki antrean"}, "penanggung_jawab": {"Kasubbag"}, "tenggat": {"31/02/2026"}, "layanan": {"tidak-ada"}},
			[]string{"Pilih layanan dari daftar.", "Tanggal tenggat tidak terbaca; tulis misalnya 30/11/2026.", `value="Perbaiki antrean"`, `value="Kasubbag"`}},
		{"unknown RTL item", url.Values{"keputusan": {"Perbaiki antrean"}, "penanggung_jawab": {"Kasubbag"}, "tenggat": {"2026-12-01"}, "rtl": {"bukan-rtl"}},
			[]string{"Pilih butir RTL dari daftar periode survei bulan ini."}},
		{"too long", url.Values{"keputusan": {strings.Repeat("a", 501)}, "penanggung_jawab": {"Kasubbag"}, "tenggat": {"2026-12-01"}},
			[]string{"Keputusan paling banyak 500 karakter."}},
	} {
		w := f.do(http.MethodPost, "/rapat/bppd-kalbar/keputusan?month=2026-10", staff, c.form)
		if w.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, w.Code)
		}
		for _, s := range c.want {
			if !strings.Contains(w.Body.String(), s) && !strings.Contains(w.Body.String(), templateEscape(s)) {
				t.Errorf("%s: the page lacks %q", c.name, s)
			}
		}
	}
	// A month not yet begun.
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar?month=2026-12", staff, url.Values{"tanggal": {"2026-11-20"}, "peserta": {"Kepala"}}); w.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(w.Body.String(), "belum dapat dicatat") {
		t.Errorf("December's meeting in November: %d", w.Code)
	}
	if got := f.meetings.count(); got != saved {
		t.Errorf("%d saves after refused forms, want %d", got, saved)
	}
	if got := f.audit.actions(); slices.Contains(got, "decision.save:staf-kalbar") ||
		len(slices.DeleteFunc(slices.Clone(got), func(a string) bool { return a != "meeting.save:staf-kalbar" })) != 1 {
		t.Errorf("audited %v; only the one meeting saved", got)
	}
	m, _ := f.meetings.Meeting(context.Background(), mustAgency(t, f, "bppd-kalbar"), survey.Period{Kind: survey.Month, Year: 2026, N: 10})
	if !slices.Equal(m.Attendees, []string{"Kepala BPPD", "Sekretaris"}) || m.ChangedBy != "staf-kalbar" {
		t.Errorf("stored meeting %+v: attendees one a line, trimmed, blank lines dropped", m)
	}
}

// TestMeetingDecisionRecordedCarriedAndClosedByTheHead: staff record a decision of October
// linked to a service and a case; November's page carries it with links; the head's close
// needs a status and a note, is audited, and a second close is refused (409); staff cannot
// close, heads cannot record.
func TestMeetingDecisionRecordedCarriedAndClosedByTheHead(t *testing.T) {
	f := newStaffFixture(t)
	staff, head := f.login(t, "staf-kalbar"), f.login(t, "kepala-kalbar")
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar?month=2026-10", staff, url.Values{"tanggal": {"28/10/2026"}, "peserta": {"Kepala BPPD"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("meeting: %d", w.Code)
	}
	w := f.do(http.MethodPost, "/rapat/bppd-kalbar/keputusan?month=2026-10", staff, url.Values{"keputusan": {"Tambah petugas loket pengaduan"},
		"penanggung_jawab": {"Kasubbag Umum"}, "petugas": {"Budi"}, "tenggat": {"2026-11-15"}, "layanan": {"pengaduan"}, "kasus": {"REG-7"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/rapat/bppd-kalbar?month=2026-10&disimpan=keputusan" {
		t.Fatalf("decision: %d %s", w.Code, w.Header().Get("Location"))
	}
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar/keputusan?month=2026-10", head, url.Values{"keputusan": {"x"}}); w.Code != http.StatusForbidden {
		t.Errorf("a head recorded a decision: %d", w.Code)
	}
	page := f.do(http.MethodGet, "/rapat/bppd-kalbar?month=2026-11", head, nil).Body.String()
	for _, s := range []string{"Tambah petugas loket pengaduan", "dibawa dari rapat Oktober 2026", "lewat tenggat",
		`href="/cases/bppd-kalbar/kasus?id=REG-7"`, `href="/dashboard/bppd-kalbar?month=2026-11&amp;service=pengaduan"`,
		`href="/cases/bppd-kalbar?month=2026-11&amp;petugas=Budi"`, `action="/rapat/bppd-kalbar/tutup?month=2026-11"`} {
		if !strings.Contains(page, s) {
			t.Errorf("November's page lacks %q", s)
		}
	}
	if strings.Contains(page, `id="keputusan"`) {
		t.Errorf("the head is offered the decision form")
	}
	id := f.meetings.decisions[0].ID
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar/tutup?month=2026-11", staff, url.Values{"id": {id}, "status": {"selesai"}, "catatan": {"ok"}}); w.Code != http.StatusForbidden {
		t.Errorf("staff closed a decision: %d", w.Code)
	}
	w = f.do(http.MethodPost, "/rapat/bppd-kalbar/tutup?month=2026-11", head, url.Values{"id": {id}, "status": {"terbuka"}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Pilih selesai atau dibatalkan.") ||
		!strings.Contains(w.Body.String(), templateEscape("Tuliskan catatan penutupan: apa yang sudah dilakukan, atau mengapa dibatalkan.")) {
		t.Errorf("a close without status and note: %d", w.Code)
	}
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar/tutup?month=2026-11", head, url.Values{"id": {"tidak-ada"}, "status": {"selesai"}, "catatan": {"x"}}); w.Code != http.StatusNotFound {
		t.Errorf("closing an unknown decision: %d", w.Code)
	}
	w = f.do(http.MethodPost, "/rapat/bppd-kalbar/tutup?month=2026-11", head, url.Values{"id": {id}, "status": {"selesai"}, "catatan": {"dua petugas bertugas sejak 10 November"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("close: %d %s", w.Code, w.Body)
	}
	d := f.meetings.decisions[0]
	if d.Status != survey.StatusDone || d.Note != "dua petugas bertugas sejak 10 November" || d.ChangedBy != "kepala-kalbar" ||
		d.What != "Tambah petugas loket pengaduan" || d.Month != "2026-10" || d.Service != "pengaduan" {
		t.Errorf("closed decision %+v", d)
	}
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar/tutup?month=2026-10", head, url.Values{"id": {id}, "status": {"dibatalkan"}, "catatan": {"lagi"}}); w.Code != http.StatusConflict {
		t.Errorf("a second close: %d, want 409", w.Code)
	}
	if w := f.do(http.MethodPost, "/rapat/bppd-kalbar/keputusan?month=2026-10", staff, url.Values{"id": {id}, "keputusan": {"ubah"},
		"penanggung_jawab": {"x"}, "tenggat": {"2026-12-01"}}); w.Code != http.StatusConflict {
		t.Errorf("changing a closed decision: %d, want 409", w.Code)
	}
	var kinds []string
	for _, e := range f.audit.entries {
		if strings.HasPrefix(e.Action, "meeting.") || strings.HasPrefix(e.Action, "decision.") {
			kinds = append(kinds, e.Action+" "+e.Username)
			if !knownAuditKind(e.Action) {
				t.Errorf("audit kind %s is not in the audit page's list", e.Action)
			}
		}
	}
	if want := []string{"meeting.save staf-kalbar", "decision.save staf-kalbar", "decision.close kepala-kalbar"}; !slices.Equal(kinds, want) {
		t.Errorf("audited %v, want %v", kinds, want)
	}
	if page := f.do(http.MethodGet, "/rapat/bppd-kalbar?month=2026-11", head, nil).Body.String(); strings.Contains(page, "Tambah petugas loket pengaduan") {
		t.Errorf("a closed decision is still carried")
	}
}

func mustAgency(t *testing.T, f *staffFixture, code string) *standard.Agency {
	t.Helper()
	a, ok := f.set.Agency(code)
	if !ok {
		t.Fatal(code)
	}
	return a
}

// templateEscape is s as html/template writes it in text.
func templateEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "\"", "&#34;", "<", "&lt;", ">", "&gt;").Replace(s)
}
