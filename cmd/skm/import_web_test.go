package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"skm/dashboards"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/standard"
	"skm/survey"
)

// paperHeader is the header row of the questionnaire template (ingest.ResponseColumns).
var paperHeader = strings.Join(ingest.ResponseColumns, ";")

// runningDay is a day of agency a's running survey period, in the past: its first day.
func runningDay(a *standard.Agency) string {
	first, _ := survey.PeriodOf(time.Now().In(a.Location), a.SurveyPeriods).Bounds()
	return first.Format(time.DateOnly)
}

// paperRow is a questionnaire without a number, on day at hh:mm, with answers all v and saran.
func paperRow(service, day string, minute, v int, saran string) string {
	a := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("%d;", v), 9), ";")
	return fmt.Sprintf(";%s;%s;09:%02d;%s;30;P;S1;Swasta;%s", service, day, minute, a, saran)
}

// writeFile writes body to a file name in a new temporary directory.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	mustWrite(t, path, body)
	return path
}

// zipBomb writes a copy of the XLSX file at path whose sheet's XML is padded with 1 GB of
// spaces: well-formed, about a megabyte on disk.
func zipBomb(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.LastIndex(body, []byte("</worksheet>"))
			_, _ = w.Write(body[:i])
			pad := bytes.Repeat([]byte(" "), 1<<20)
			for range 1024 {
				_, _ = w.Write(pad)
			}
			body = body[i:]
		}
		_, _ = w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	bomb := filepath.Join(t.TempDir(), "bom.xlsx")
	if err := os.WriteFile(bomb, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return bomb
}

// exampleSet is the standards skm runs on without --standards.
func exampleSet(t *testing.T) *standard.Set {
	t.Helper()
	set, err := loadStandards(&env{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: io.Discard}, "")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// importApp is the part of a server the web import uses, on db.
func importApp(t *testing.T, db *chtest.DB) *app {
	t.Helper()
	set := exampleSet(t)
	store := ingest.NewStore(db.Conn, db.Name)
	a := &app{set: set, store: store, logger: slog.New(slog.DiscardHandler),
		gate: ingest.NewPeriodGate(store, nil), calendars: ingest.NewCalendars(set, store)}
	a.flags.db.dataDir = t.TempDir()
	return a
}

// The web import's adapter on a real ClickHouse: the preview counts what a file holds and
// how much of it is stored already, "Simpan" stores it once, a re-import with a row added
// stores that row, and a file with problems (bad answers, a closed period, a zip bomb)
// shows them row by row and stores nothing, at the preview and at "Simpan".
func TestWebImporterPreviewsAndStoresOnce(t *testing.T) {
	db := chtest.NewDB(t)
	a := importApp(t, db)
	w := webImporter{a}
	ctx := context.Background()
	kb, _ := a.set.Agency("bppd-kalbar")
	day := runningDay(kb)
	period := survey.PeriodOf(time.Now().In(kb.Location), kb.SurveyPeriods).Code()
	paper := func() (n uint64) {
		t.Helper()
		if err := db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".survey_responses WHERE channel = 'paper'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	rows := []string{
		paperRow("konsultasi", day, 1, 4, "Ruang tunggu panas"),
		paperRow("konsultasi", day, 2, 3, ""),
		paperRow("narasumber", day, 3, 4, ""),
		paperRow("narasumber", day, 3, 4, ""), // the same answers by a second respondent
		"Q-17;narasumber;" + day + ";10:00;4;4;4;4;4;4;4;4;4;;;;;",
	}
	good := writeFile(t, "kuesioner.csv", paperHeader+"\n"+strings.Join(rows, "\n")+"\n")
	p, err := w.CheckImport(ctx, kb, dashboards.ImportResponses, good)
	if err != nil || len(p.Problems) > 0 {
		t.Fatalf("check: %v %v", err, p.Problems)
	}
	if p.Rows != 5 || p.Numbered != 1 || p.Known != 0 || paper() != 0 {
		t.Errorf("preview: %d rows, %d numbered, %d known, %d stored; want 5, 1, 0, 0", p.Rows, p.Numbered, p.Known, paper())
	}
	want := fmt.Sprint([]dashboards.ImportCount{{By: "layanan", Value: "konsultasi", N: 2}, {By: "periode", Value: period, N: 5}, {By: "layanan", Value: "narasumber", N: 3}})
	if got := fmt.Sprint(p.Counts); got != want {
		t.Errorf("counts %s, want %s", got, want)
	}
	if p, err = w.StoreImport(ctx, kb, dashboards.ImportResponses, good, "impor:test"); err != nil || p.Stored != 5 || paper() != 5 {
		t.Fatalf("store: %d stored (%v), %d in ClickHouse; want 5", p.Stored, err, paper())
	}
	if p, err = w.CheckImport(ctx, kb, dashboards.ImportResponses, good); err != nil || p.Known != 5 {
		t.Errorf("the same file again: the preview knows %d stored (%v), want 5", p.Known, err)
	}
	if p, err = w.StoreImport(ctx, kb, dashboards.ImportResponses, good, "impor:test"); err != nil || p.Stored != 0 || p.Known != 5 || paper() != 5 {
		t.Errorf("the same file again stored %d (%v), %d in ClickHouse; want 0 and 5", p.Stored, err, paper())
	}
	more := writeFile(t, "kuesioner-tambah.csv", paperHeader+"\n"+strings.Join(append(rows, paperRow("konsultasi", day, 4, 2, "")), "\n")+"\n")
	if p, err = w.CheckImport(ctx, kb, dashboards.ImportResponses, more); err != nil || p.Rows != 6 || p.Known != 5 {
		t.Errorf("one row added: preview of %d rows, %d known (%v); want 6 and 5", p.Rows, p.Known, err)
	}
	if p, err = w.StoreImport(ctx, kb, dashboards.ImportResponses, more, "impor:test"); err != nil || p.Stored != 1 || paper() != 6 {
		t.Errorf("one row added stored %d (%v), %d in ClickHouse; want 1 and 6", p.Stored, err, paper())
	}

	bad := writeFile(t, "rusak.csv", paperHeader+"\n"+strings.Replace(paperRow("konsultasi", day, 5, 4, ""), ";4;", ";5;", 1)+"\n\n"+paperRow("pajak", day, 6, 4, "")+"\n")
	closed := writeFile(t, "lama.csv", paperHeader+"\n"+paperRow("konsultasi", day, 7, 4, "")+"\n"+paperRow("konsultasi", "2025-02-10", 7, 4, "")+"\n")
	bomb := filepath.Join(t.TempDir(), "kuesioner.xlsx")
	if err := ingest.WriteResponsesTemplate(bomb, kb); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want []string
	}{
		{bad, []string{`baris 2, kolom P1_U1: jawaban "5" harus 1, 2, 3 atau 4`, `baris 4, kolom layanan: layanan "pajak" tidak dikenal`}},
		{closed, []string{"baris 3: periode Semester I 2025 sudah ditutup (batas pemasukan kuesioner kertas"}},
		{zipBomb(t, bomb), []string{`("bom zip") ditolak`}},
	} {
		for _, do := range []func(context.Context, *standard.Agency, string, string) (dashboards.ImportPreview, error){w.CheckImport, func(ctx context.Context, a *standard.Agency, kind, path string) (dashboards.ImportPreview, error) {
			return w.StoreImport(ctx, a, kind, path, "impor:test")
		}} {
			p, err := do(ctx, kb, dashboards.ImportResponses, c.path)
			if err != nil || len(p.Problems) != len(c.want) || p.Stopped {
				t.Errorf("%s: %v, problems %q; want %d", filepath.Base(c.path), err, p.Problems, len(c.want))
				continue
			}
			for i, w := range c.want {
				if !strings.Contains(p.Problems[i], w) {
					t.Errorf("%s: problem %q, want %q", filepath.Base(c.path), p.Problems[i], w)
				}
			}
		}
	}
	if n := paper(); n != 6 {
		t.Errorf("files with problems changed the data: %d paper responses, want 6", n)
	}
	var broken []string
	for i := range 250 {
		broken = append(broken, paperRow("pajak", day, 10+i, 4, ""))
	}
	p, err = w.CheckImport(ctx, kb, dashboards.ImportResponses, writeFile(t, "rusak-semua.csv", paperHeader+"\n"+strings.Join(broken, "\n")+"\n"))
	if err != nil || !p.Stopped || len(p.Problems) != 201 || !strings.Contains(p.Problems[200], "pemeriksaan dihentikan") {
		t.Errorf("250 bad rows: stopped %v after %d problems (%v); want the check stopped after 200", p.Stopped, len(p.Problems), err)
	}
}

// Cases through the web import's adapter: our template and an SP4N-LAPOR! export, counted
// by service, month and status in the preview, stored by "Simpan"; the same file again
// adds no case.
func TestWebImporterStoresCasesAndLaporExports(t *testing.T) {
	db := chtest.NewDB(t)
	a := importApp(t, db)
	w := webImporter{a}
	ctx := context.Background()
	kb, _ := a.set.Agency("bppd-kalbar")
	ntt, _ := a.set.Agency("bppd-ntt")
	distinct := func(agency string) (n uint64) {
		t.Helper()
		if err := db.Conn.QueryRow(ctx, "SELECT uniqExact(id) FROM "+db.Name+".cases WHERE agency = ?", agency).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	ours := writeFile(t, "kasus.csv", "nomor;layanan;saluran;klasifikasi;diterima;selesai;petugas\n"+
		"K-1;pengaduan;email;normatif;2026-10-14 10:00;;Rina\n"+
		"K-2;data-informasi;tatap-muka;;14/10/2026 10.00;16/10/2026 09.00;Budi\n")
	p, err := w.CheckImport(ctx, kb, dashboards.ImportCases, ours)
	if err != nil || len(p.Problems) > 0 || p.Rows != 2 || p.Source != "" || distinct(kb.Code) != 0 {
		t.Fatalf("check: %+v %v", p, err)
	}
	want := fmt.Sprint([]dashboards.ImportCount{{By: "layanan", Value: "pengaduan", N: 1}, {By: "bulan", Value: "2026-10", N: 2},
		{By: "status", Value: "diterima", N: 1}, {By: "layanan", Value: "data-informasi", N: 1}, {By: "status", Value: "selesai", N: 1}})
	if got := fmt.Sprint(p.Counts); got != want {
		t.Errorf("counts %s, want %s", got, want)
	}
	for range 2 {
		if p, err = w.StoreImport(ctx, kb, dashboards.ImportCases, ours, "impor:test"); err != nil || len(p.Problems) > 0 || distinct(kb.Code) != 2 {
			t.Errorf("store: %+v %v, %d cases; want 2", p, err, distinct(kb.Code))
		}
	}

	lapor := writeFile(t, "lapor.csv", "No.;Nomor Tracking;Judul Laporan;Tanggal Laporan;Status;Tanggal Selesai\n"+
		"1;1234567;Jalan rusak;2 Maret 2026 09.15;Terdisposisi Selesai;5 Maret 2026 10.00\n"+
		"2;1234568;Pelayanan lambat;2026-03-10 08:00;Terdisposisi sedang diproses;\n"+
		"3;1234569;Spam;2026-03-11 08:00;Arsip;\n")
	if p, err = w.CheckImport(ctx, ntt, dashboards.ImportCases, lapor); err != nil || len(p.Problems) > 0 ||
		p.Rows != 2 || p.Skipped != 1 || p.Source != "ekspor SP4N-LAPOR!" {
		t.Fatalf("check an SP4N-LAPOR! export: %+v %v", p, err)
	}
	if p, err = w.StoreImport(ctx, ntt, dashboards.ImportCases, lapor, "impor:test"); err != nil || p.Stored != 2 || distinct(ntt.Code) != 2 {
		t.Errorf("store an SP4N-LAPOR! export: %+v %v, %d cases; want 2", p, err, distinct(ntt.Code))
	}
	backwards := writeFile(t, "lapor-mundur.csv", "No.;Nomor Tracking;Judul Laporan;Tanggal Laporan;Status;Tanggal Selesai\n"+
		"1;1234567;Jalan rusak;2 Maret 2026 09.15;Belum terverifikasi;\n")
	if p, err = w.StoreImport(ctx, ntt, dashboards.ImportCases, backwards, "impor:test"); err != nil || len(p.Problems) != 1 ||
		!strings.HasPrefix(p.Problems[0], "baris 2, kolom Status: Status tidak boleh mundur") {
		t.Errorf("a status going back: %q %v", p.Problems, err)
	}
}

// skm import reports rows of a closed survey period row by row, as the web preview does,
// and stores nothing from the file.
func TestImportCommandReportsClosedPeriodsByRow(t *testing.T) {
	db := chtest.NewDB(t)
	kb, _ := exampleSet(t).Agency("bppd-kalbar")
	day := runningDay(kb)
	file := writeFile(t, "lama.csv", paperHeader+"\n"+paperRow("konsultasi", day, 1, 4, "")+"\n"+paperRow("konsultasi", "2025-02-10", 2, 4, "")+"\n")
	code, out, errs := runCmd(t, nil, "import", "responses", file, "--agency", "bppd-kalbar", "--clickhouse", db.DSN, "--data-dir", t.TempDir())
	if code != 1 || !strings.Contains(out, "baris 3: periode Semester I 2025 sudah ditutup") || !strings.Contains(out, "Tidak ada yang diimpor") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	var n uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".survey_responses").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d responses stored (%v), want none", n, err)
	}
}
