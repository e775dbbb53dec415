package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/xuri/excelize/v2"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/spool"
	"skm/standard"
)

type caseRig struct {
	db      *chtest.DB
	set     *standard.Set
	dir     string
	spool   *spool.Spool
	metrics *ingest.Metrics
	cals    *ingest.Calendars
	intake  *ingest.CaseIntake
}

func newCaseRig(t *testing.T, db *chtest.DB, dir string) *caseRig {
	t.Helper()
	r := &caseRig{db: db, set: examples(t), dir: dir}
	sp, err := ingest.OpenSpool(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.spool = sp
	r.metrics = ingest.NewMetrics(prometheus.NewRegistry(), sp)
	r.cals = ingest.NewCalendars(r.set, ingest.NewStore(db.Conn, db.Name))
	r.intake, err = ingest.NewCaseIntake(sp, ingest.NewStore(db.Conn, db.Name), r.set, r.cals, r.metrics, func() time.Time { return caseNow })
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *caseRig) flush(t *testing.T) {
	t.Helper()
	b := ingest.NewBatcher(r.spool, ingest.NewStore(r.db.Conn, r.db.Name), ingest.BatcherOptions{Metrics: r.metrics})
	if _, err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func (r *caseRig) current(t *testing.T, id string) cases.Record {
	t.Helper()
	rows, err := ingest.NewStore(r.db.Conn, r.db.Name).CurrentCases(context.Background(), "bppd-kalbar", []string{id})
	if err != nil || len(rows) != 1 {
		t.Fatalf("case %s: %v %v", id, rows, err)
	}
	return rows[0]
}

func TestCaseIntakeKeepsStatusForwardBeforeAndAfterTheBatcher(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	dir := t.TempDir()
	r := newCaseRig(t, db, dir)
	recv := tm(wib, 10, 14, 10, 0)
	out, err := r.intake.Record(ctx, []cases.Case{
		{ID: "A-1", Agency: "bppd-kalbar", Service: "pengaduan", Channel: "email", Class: "normatif", ReceivedAt: recv, Status: "diproses"},
		{ID: "A-2", Agency: "bppd-kalbar", Service: "konsultasi", Channel: "tatap-muka", ReceivedAt: recv},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].DeadlineAt.Equal(tm(wib, 10, 21, 16, 0)) {
		t.Errorf("deadline %v", out[0].DeadlineAt)
	}
	// Not in ClickHouse yet: the pending version still stops a step backwards.
	_, err = r.intake.Record(ctx, []cases.Case{{ID: "A-1", Agency: "bppd-kalbar", Status: "diterima"}})
	var ce *cases.Refusal
	if !errors.As(err, &ce) || !strings.Contains(ce.Fields["status"], "mundur") {
		t.Fatalf("backwards before the batcher ran: %v", err)
	}
	// A restart finds the pending version in the spool.
	if err := r.spool.Close(); err != nil {
		t.Fatal(err)
	}
	r = newCaseRig(t, db, dir)
	if _, err = r.intake.Record(ctx, []cases.Case{{ID: "A-1", Agency: "bppd-kalbar", Status: "diterima"}}); !errors.As(err, &ce) {
		t.Fatalf("backwards after a restart: %v", err)
	}
	r.flush(t)
	if _, err = r.intake.Record(ctx, []cases.Case{{ID: "A-1", Agency: "bppd-kalbar", Status: "diterima"}}); !errors.As(err, &ce) {
		t.Fatalf("backwards after the batcher stored it: %v", err)
	}
	// Completing it: stored fields kept, the deadline kept, on time computed.
	out, err = r.intake.Record(ctx, []cases.Case{{ID: "A-1", Agency: "bppd-kalbar", CompletedAt: new(tm(wib, 10, 22, 9, 0))}})
	if err != nil {
		t.Fatal(err)
	}
	r.flush(t)
	got := r.current(t, "A-1")
	if got.Status != "selesai" || got.Class != "normatif" || got.Channel != "email" || *got.OnTime ||
		!got.DeadlineAt.Equal(tm(wib, 10, 21, 16, 0)) || got.Version != out[0].Version {
		t.Errorf("stored after completion: %+v", got)
	}
	// A batch with one bad case stores nothing.
	_, err = r.intake.Record(ctx, []cases.Case{
		{ID: "A-3", Agency: "bppd-kalbar", Service: "konsultasi", Channel: "surat", ReceivedAt: recv},
		{ID: "A-4", Agency: "bppd-kalbar", Service: "konsultasi", Channel: "merpati", ReceivedAt: recv},
	})
	if !errors.As(err, &ce) || ce.Index != 1 || ce.Fields["channel"] == "" {
		t.Fatalf("bad batch: %v", err)
	}
	if d := r.spool.Depth(); d != 0 {
		t.Errorf("a refused batch reached the spool: depth %d", d)
	}
}

func TestHolidayChangeRecomputesOpenCasesOnly(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	r := newCaseRig(t, db, t.TempDir())
	recv := tm(wib, 10, 14, 10, 0) // 3 hari kerja → Mon 19 Oct 16:00
	if _, err := r.intake.Record(ctx, []cases.Case{
		{ID: "OPEN", Agency: "bppd-kalbar", Service: "pengaduan", Channel: "email", Class: "normatif", ReceivedAt: recv},
		{ID: "DONE", Agency: "bppd-kalbar", Service: "pengaduan", Channel: "email", Class: "normatif", ReceivedAt: recv,
			CompletedAt: new(tm(wib, 10, 21, 15, 0))},
		{ID: "NTT", Agency: "bppd-ntt", Service: "pengaduan", Channel: "surat", ReceivedAt: recv},
	}); err != nil {
		t.Fatal(err)
	}
	r.flush(t)
	day, _ := standard.ParseDate("2026-10-15")
	if err := ingest.NewStore(db.Conn, db.Name).SaveHolidayChanges(ctx, []standard.HolidayChange{
		{Agency: "bppd-kalbar", Date: day, Off: true, Kind: standard.HolidayDaerah, Name: "Hari jadi"}}, "admin", caseNow); err != nil {
		t.Fatal(err)
	}
	r.cals.Invalidate()
	n, err := ingest.NewStore(db.Conn, db.Name).RecomputeOpenCases(ctx, r.cals, "", caseNow.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d cases moved, want 1 (the open Kalbar case)", n)
	}
	if got := r.current(t, "OPEN"); !got.DeadlineAt.Equal(tm(wib, 10, 22, 16, 0)) {
		t.Errorf("open case deadline %v, want Thu 22 Oct 16:00 (5 hari kerja skipping the new holiday)", got.DeadlineAt)
	}
	if got := r.current(t, "DONE"); !got.DeadlineAt.Equal(tm(wib, 10, 21, 16, 0)) || !*got.OnTime {
		t.Errorf("closed case changed: %+v", got)
	}
	// Running it again moves nothing.
	if n, err := ingest.NewStore(db.Conn, db.Name).RecomputeOpenCases(ctx, r.cals, "bppd-kalbar", caseNow.Add(2*time.Minute)); err != nil || n != 0 {
		t.Errorf("second run moved %d (%v)", n, err)
	}
	changes, err := ingest.NewStore(db.Conn, db.Name).HolidayChanges(ctx)
	if err != nil || len(changes) != 1 || changes[0].Name != "Hari jadi" || !changes[0].Off {
		t.Errorf("changes %+v %v", changes, err)
	}
}

func TestImportCasesRefusesABadFileWholeAndImportsAGoodOne(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	cal := kb.WorkCalendar(set)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	count := func() uint64 {
		var n uint64
		if err := db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".cases").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	bad := write("rusak.csv", "\ufeffnomor;jenis;layanan;saluran;klasifikasi;status;diterima;selesai;petugas;rujukan\n"+
		"R-1;;pengaduan;email;normatif;;2026-10-14 10:00;;Rina;\n"+
		"R-2;;pajak;email;;;2026-10-14 10:00;;;\n"+
		"R-3;;konsultasi;merpati;;;14/10/2026 10.00;;;\n"+
		"R-4;;konsultasi;surat;;;kemarin;;;\n"+
		"R-1;;konsultasi;surat;;;2026-10-14 10:00;;;\n"+
		"R-5;;konsultasi;surat;;selesai;2026-10-14 10:00;2026-10-13 10:00;;\n")
	_, err := ingest.NewStore(db.Conn, db.Name).ImportCases(ctx, bad, kb, cal, ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
	var ie ingest.ImportErrors
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	text := ie.Error()
	for _, want := range []string{"baris 3, kolom layanan: layanan \"pajak\" tidak dikenal; pilih salah satu: \"Pelayanan Konsultasi\"",
		"baris 4, kolom saluran: saluran \"merpati\" tidak dikenal; pilih salah satu: \"Tatap muka\"",
		"baris 5, kolom diterima: waktu diterima \"kemarin\"", "baris 6, kolom nomor: nomor \"R-1\" sudah ada di baris 2",
		"baris 7, kolom selesai: Tanggal dan jam selesai tidak boleh sebelum"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "baris 2") && !strings.Contains(text, "sudah ada di baris 2") {
		t.Errorf("the good row 2 was reported:\n%s", text)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d rows stored from a bad file", n)
	}

	good := write("baik.csv", "nomor;layanan;saluran;klasifikasi;diterima;selesai;petugas\n"+
		"G-1;pengaduan;email;normatif;2026-10-14 10:00;2026-10-21 15:00;Rina\n"+
		"G-2;data-informasi;tatap-muka;;14/10/2026 10.00;;Budi\n")
	res, err := ingest.NewStore(db.Conn, db.Name).ImportCases(ctx, good, kb, cal, ingest.CaseImportOptions{Now: func() time.Time { return caseNow }, DryRun: true})
	if err != nil || res.Rows != 2 || count() != 0 {
		t.Fatalf("dry run: %+v %v, %d stored", res, err, count())
	}
	res, err = ingest.NewStore(db.Conn, db.Name).ImportCases(ctx, good, kb, cal, ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
	if err != nil || res.Stored != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	var staged uint64
	if err := db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".cases_import").Scan(&staged); err != nil || staged != 0 {
		t.Errorf("%d rows left in the staging table (%v)", staged, err)
	}
	r := &caseRig{db: db}
	if g := r.current(t, "G-1"); !*g.OnTime || *g.WorkingMinutes != 2490 || g.Officer != "Rina" {
		t.Errorf("G-1: %+v", g)
	}
	if g := r.current(t, "G-2"); !g.DeadlineAt.Equal(time.Date(2026, 10, 17, 23, 59, 59, 0, wib)) {
		t.Errorf("G-2 deadline %v", g.DeadlineAt)
	}

	// Stored G-1 is selesai: a file saying it is diproses is refused, and nothing of it stored.
	back := write("mundur.csv", "nomor;layanan;saluran;status;diterima\nG-3;konsultasi;surat;;2026-10-15 09:00\nG-1;pengaduan;email;diproses;2026-10-14 10:00\n")
	_, err = ingest.NewStore(db.Conn, db.Name).ImportCases(ctx, back, kb, cal, ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
	if !errors.As(err, &ie) || !strings.Contains(ie.Error(), "baris 3, kolom status: Status tidak boleh mundur") {
		t.Fatalf("backwards file: %v", err)
	}
	if n := count(); n != 2 {
		t.Errorf("%d rows after a refused update, want 2", n)
	}
}

func TestImportCasesMapsAnSP4NLaporExport(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	set := examples(t)
	ntt, _ := set.Agency("bppd-ntt")
	p := filepath.Join(t.TempDir(), "lapor.csv")
	body := "No.;Nomor Tracking;Judul Laporan;Tanggal Laporan;Status;Tanggal Selesai\n" +
		"1;1234567;Jalan rusak;2 Maret 2026 09.15;Terdisposisi Selesai;5 Maret 2026 10.00\n" +
		"2;1234568;Pelayanan lambat;2026-03-10 08:00;Terdisposisi sedang diproses;\n" +
		"3;1234569;Spam;2026-03-11 08:00;Arsip;\n" +
		"4;1234570;Izin;2026-03-12 08:00;Belum terverifikasi;\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := ingest.NewStore(db.Conn, db.Name).ImportCases(ctx, p, ntt, ntt.WorkCalendar(set), ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != ingest.CaseFormatLapor || res.Rows != 3 || res.Skipped != 1 || res.Stored != 3 {
		t.Errorf("result %+v", res)
	}
	rows, err := ingest.NewStore(db.Conn, db.Name).CurrentCases(ctx, "bppd-ntt", []string{"1234567", "1234568", "1234570"})
	if err != nil || len(rows) != 3 {
		t.Fatalf("%v %v", rows, err)
	}
	byID := map[string]cases.Record{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	done := byID["1234567"]
	// NTT: SP4N-LAPOR! 8 hari → end of 10 March WITA; completed 5 March → on time.
	if done.Kind != "pengaduan" || done.Channel != "sp4n-lapor" || done.Service != "pengaduan" || done.ExternalRef != "1234567" ||
		done.Status != "selesai" || !done.DeadlineAt.Equal(time.Date(2026, 3, 10, 23, 59, 59, 0, wita)) || !*done.OnTime ||
		!done.ReceivedAt.Equal(tm(wita, 3, 2, 9, 15)) {
		t.Errorf("selesai report: %+v", done)
	}
	if byID["1234568"].Status != "diproses" || byID["1234570"].Status != "diterima" {
		t.Errorf("buckets: %q %q", byID["1234568"].Status, byID["1234570"].Status)
	}
}

func TestImportCasesFromXLSXReadsExcelDates(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	p := filepath.Join(t.TempDir(), "kasus.xlsx")
	if err := ingest.WriteCasesTemplate(p, kb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Staff type dates into Excel: they are stored as serial numbers with a display format.
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	for cell, v := range map[string]any{"A2": "X-1", "C2": "pengaduan", "D2": "email", "E2": "normatif", "F2": "",
		"G2": time.Date(2026, 10, 14, 10, 0, 0, 0, time.UTC), "H2": time.Date(2026, 10, 21, 15, 0, 0, 0, time.UTC)} {
		if err := f.SetCellValue("Kasus", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	_ = f.SetCellStyle("Kasus", "G2", "H2", style)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	res, err := ingest.NewStore(db.Conn, db.Name).ImportCases(ctx, p, kb, kb.WorkCalendar(set), ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
	if err != nil || res.Stored != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	r := &caseRig{db: db}
	if g := r.current(t, "X-1"); !g.ReceivedAt.Equal(tm(wib, 10, 14, 10, 0)) || *g.WorkingMinutes != 2490 || !*g.OnTime {
		t.Errorf("X-1: received %v, %+v", g.ReceivedAt, g)
	}
}

// TestCaseIntakeNumbersCasesOfTheStaffForm: a case entered without a number gets the next of
// the register's numbers of its year (REG-2026-00042 after a stored REG-2026-00041), counting
// cases stored and those still in the spool; a refused case uses up no number.
func TestCaseIntakeNumbersCasesOfTheStaffForm(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	r := newCaseRig(t, db, t.TempDir())
	recv := tm(wib, 10, 14, 10, 0)
	in := func(id string) cases.Case {
		return cases.Case{ID: id, Agency: "bppd-kalbar", Service: "konsultasi", Channel: "tatap-muka", ReceivedAt: recv, NewNumber: id == ""}
	}
	if _, err := r.intake.Record(ctx, []cases.Case{in("REG-2026-00041"), in("REG-2025-00900"), in("SURAT/7")}); err != nil {
		t.Fatal(err)
	}
	r.flush(t)
	bad := in("")
	bad.Service = ""
	var ce *cases.Refusal
	if _, err := r.intake.Record(ctx, []cases.Case{bad}); !errors.As(err, &ce) || ce.Fields["service"] != "Pilih layanan." {
		t.Fatalf("refused case: %v", err)
	}
	out, err := r.intake.Record(ctx, []cases.Case{in(""), in("")})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].ID != "REG-2026-00042" || out[1].ID != "REG-2026-00043" {
		t.Errorf("numbers %s, %s; want REG-2026-00042, REG-2026-00043", out[0].ID, out[1].ID)
	}
	// Before the batcher stores them, the next number still counts them.
	out, err = r.intake.Record(ctx, []cases.Case{in("")})
	if err != nil || out[0].ID != "REG-2026-00044" {
		t.Errorf("number with unstored cases: %v %v", out, err)
	}
}
