package xlsx_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/reports/xlsx"
	"skm/reports/xlsx/xlsxtest"
	"skm/survey"
)

// TestMonthlyWorkbookListsTheMeetingAndCarriedDecisions records September's meeting with a
// decision still open, one closed in October and one closed in November, and October's
// meeting with a decision: October's workbook, read back by openpyxl, has the sheet
// "Keputusan Rapat" set up for A4 with October's date, attendees and decision, and carries
// the two September decisions open at October's end (the one closed in November as open),
// not the one closed in October.
func TestMonthlyWorkbookListsTheMeetingAndCarriedDecisions(t *testing.T) {
	db := chtest.NewDB(t)
	_, a, _ := agencies(t)
	ctx := context.Background()
	store := ingest.NewStore(db.Conn, db.Name)
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, a.Location) }
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, m := range []survey.Meeting{
		{Agency: a.Code, Month: "2026-09", HeldOn: day(9, 29), Attendees: []string{"Kepala BPPD"}, ChangedBy: "staf", ChangedAt: at(9, 29)},
		{Agency: a.Code, Month: "2026-10", HeldOn: day(10, 30), Attendees: []string{"Kepala BPPD", "Sekretaris"}, Note: "Bahas antrean",
			ChangedBy: "staf", ChangedAt: at(10, 30)},
	} {
		if err := store.SaveMeeting(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	save := func(d survey.Decision) survey.Decision {
		t.Helper()
		d.Agency, d.ChangedBy = a.Code, "staf"
		if d.Status == "" {
			d.Status = survey.DecisionOpen
		}
		if err := store.SaveDecision(ctx, &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	save(survey.Decision{Month: "2026-09", What: "Pasang papan standar waktu", Responsible: "Sekretaris", Due: day(10, 15), ChangedAt: at(9, 29)})
	doneOct := save(survey.Decision{Month: "2026-09", What: "Perbaiki kursi ruang tunggu", Responsible: "Kasubbag Umum", Due: day(10, 10), ChangedAt: at(9, 29)})
	doneNov := save(survey.Decision{Month: "2026-09", What: "Latih petugas loket", Responsible: "Kepala Bidang", Due: day(10, 31), ChangedAt: at(9, 29)})
	doneOct.Status, doneOct.Note, doneOct.ChangedAt = survey.StatusDone, "sudah diganti", at(10, 12)
	save(doneOct)
	doneNov.Status, doneNov.Note, doneNov.ChangedAt = survey.StatusDone, "pelatihan 5 November", at(11, 6)
	save(doneNov)
	save(survey.Decision{Month: "2026-10", What: "Tambah petugas pengaduan", Responsible: "Kasubbag Umum", Due: day(11, 30),
		Service: "pengaduan", CaseID: "REG-7", ChangedAt: at(10, 30)})

	q := reports.New(db.Conn, db.Name)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, a.Location)
	path := write(t, "bulanan-rapat.xlsx", func(b *bytes.Buffer) error { return xlsx.Monthly(ctx, q, a, period(t, "2026-10"), now, b) })
	wb := xlsxtest.Read(t, path, false, true)
	checkPrint(t, wb)
	checkPDF(t, path, len(wb.Order))
	sh := wb.Sheet(t, "Keputusan Rapat")
	var texts []string
	for _, v := range sh.Cells {
		if s, ok := v.(string); ok {
			texts = append(texts, s)
		}
	}
	all := strings.Join(texts, "\n")
	for _, s := range []string{"Rapat Oktober 2026, 30 Oktober 2026", "Peserta: Kepala BPPD; Sekretaris", "Catatan: Bahas antrean",
		"Tambah petugas pengaduan", "layanan Penanganan Pengaduan, Saran, dan Masukan; kasus REG-7", "Pasang papan standar waktu", "Latih petugas loket", "September 2026"} {
		if !strings.Contains(all, s) {
			t.Errorf("the sheet lacks %q", s)
		}
	}
	if strings.Contains(all, "Perbaiki kursi ruang tunggu") {
		t.Errorf("a decision closed in October is carried into October's end")
	}
	if strings.Contains(all, "pelatihan 5 November") {
		t.Errorf("a close of November shows in October's workbook")
	}
	if got := sh.Right(t, "Latih petugas loket", 3); got != "Terbuka" {
		t.Errorf("status of the decision closed in November, in October's workbook: %v, want Terbuka", got)
	}
	if f := sh.RightFormat(t, "Tambah petugas pengaduan", 2); !strings.Contains(f, "mmmm") {
		t.Errorf("due date format %q", f)
	}
	if _, row, _ := sh.Find("Pasang papan standar waktu"); row == 0 {
		t.Fatal("no carried row")
	}
}
