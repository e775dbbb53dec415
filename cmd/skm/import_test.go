package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"skm/ingest/chtest"
)

func TestImportResponsesStoresOnceAndRefusesBadFiles(t *testing.T) {
	db := chtest.NewDB(t)
	url := db.DSN
	data := t.TempDir()
	args := []string{"import", "responses", "../../ingest/testdata/kuesioner-baik.csv", "--agency", "bppd-kalbar", "--clickhouse", url, "--data-dir", data}

	code, out, errs := runCmd(t, nil, append(args, "--dry-run")...)
	if code != 0 || !strings.Contains(out, "3 kuesioner siap diimpor") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCmd(t, nil, args...)
	if code != 0 || !strings.Contains(out, "3 kuesioner diimpor untuk bppd-kalbar.") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runCmd(t, nil, args...)
	if code != 0 || !strings.Contains(out, "0 kuesioner diimpor untuk bppd-kalbar (3 sudah pernah diimpor") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}
	var n, u9 uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT count(), sum(u9) FROM "+db.Name+".survey_responses WHERE channel = 'paper'").Scan(&n, &u9); err != nil {
		t.Fatal(err)
	}
	if n != 3 || u9 != 1+4+4 {
		t.Errorf("stored %d paper responses with sum(u9) = %d, want 3 and 9", n, u9)
	}

	bad := []string{"import", "responses", "../../ingest/testdata/kuesioner-rusak.csv", "--agency", "bppd-kalbar", "--clickhouse", url, "--data-dir", data}
	code, out, _ = runCmd(t, nil, bad...)
	if code != 1 || !strings.Contains(out, "baris 3, kolom layanan") || !strings.Contains(out, "Tidak ada yang diimpor") {
		t.Errorf("bad file: exit %d\n%s", code, out)
	}
	if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".survey_responses").Scan(&n); err != nil || n != 3 {
		t.Errorf("a refused file changed the data: %d rows", n)
	}
	code, out, errs = runCmd(t, nil, "rollup", "verify", "--clickhouse", url, "--period", "2026-S2")
	if code != 0 || !strings.Contains(out, "rollup agrees") {
		t.Errorf("rollup verify: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runCmd(t, nil, "rollup", "rebuild", "--clickhouse", url, "--agency", "bppd-kalbar", "--period", "2026")
	if code != 0 || !strings.Contains(out, "rebuilt") || !strings.Contains(out, "agrees") {
		t.Errorf("rollup rebuild: exit %d\n%s", code, out)
	}
	code, out, errs = runCmd(t, nil, "population", "set", "--clickhouse", url, "--agency", "bppd-ntt", "--period", "2026-S2", "--estimate", "150")
	if code != 0 || !strings.Contains(out, "sampel minimal 108 responden") {
		t.Errorf("population set: exit %d\n%s%s", code, out, errs)
	}
	tpl := t.TempDir() + "/templat.xlsx"
	if code, out, _ := runCmd(t, nil, "import", "responses", "--agency", "bppd-ntt", "--template", tpl); code != 0 || !strings.Contains(out, tpl) {
		t.Errorf("template: exit %d %s", code, out)
	}
}

func TestImportCasesAndHolidayCommands(t *testing.T) {
	db := chtest.NewDB(t)
	url := db.DSN
	data := t.TempDir()
	dir := t.TempDir()
	good := dir + "/kasus.csv"
	bad := dir + "/kasus-rusak.csv"
	mustWrite(t, good, "nomor;layanan;saluran;klasifikasi;diterima;selesai;petugas\n"+
		"K-1;pengaduan;email;normatif;2026-10-14 10:00;;Rina\n"+
		"K-2;data-informasi;tatap-muka;;14/10/2026 10.00;16/10/2026 09.00;Budi\n")
	mustWrite(t, bad, "nomor;layanan;saluran;diterima\nK-3;pajak;email;2026-10-14 10:00\n")
	base := []string{"--agency", "bppd-kalbar", "--clickhouse", url, "--data-dir", data}
	count := func() (n uint64) {
		t.Helper()
		if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".cases").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if code, out, errs := runCmd(t, nil, append([]string{"import", "cases", good, "--dry-run"}, base...)...); code != 0 || !strings.Contains(out, "2 kasus siap diimpor") || count() != 0 {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := runCmd(t, nil, append([]string{"import", "cases", bad}, base...)...); code != 1 ||
		!strings.Contains(out, `baris 2, kolom layanan: layanan "pajak" tidak dikenal; pilih salah satu: "Pelayanan Konsultasi"`) || count() != 0 {
		t.Fatalf("bad file: exit %d\n%s", code, out)
	}
	if code, out, errs := runCmd(t, nil, append([]string{"import", "cases", good}, base...)...); code != 0 || !strings.Contains(out, "2 kasus diimpor untuk bppd-kalbar") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	deadline := func() time.Time {
		t.Helper()
		var d time.Time
		if err := db.Conn.QueryRow(context.Background(), "SELECT argMax(deadline_at, version) FROM "+db.Name+".cases WHERE id = 'K-1'").Scan(&d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	wib := time.FixedZone("WIB", 7*3600)
	if d := deadline(); !d.Equal(time.Date(2026, 10, 21, 16, 0, 0, 0, wib)) {
		t.Errorf("K-1 deadline %v, want Wed 21 Oct 16:00 WIB", d)
	}
	code, out, errs := runCmd(t, nil, "holiday", "add", "--date", "2026-10-15", "--name", "Hari Jadi", "--agency", "bppd-kalbar",
		"--clickhouse", url, "--data-dir", data, "--by", "admin")
	if code != 0 || !strings.Contains(out, "Tenggat 1 kasus terbuka dihitung ulang") {
		t.Fatalf("holiday add: exit %d\n%s%s", code, out, errs)
	}
	if d := deadline(); !d.Equal(time.Date(2026, 10, 22, 16, 0, 0, 0, wib)) {
		t.Errorf("K-1 deadline after the holiday %v, want Thu 22 Oct 16:00 WIB", d)
	}
	code, out, _ = runCmd(t, nil, "holiday", "move", "--date", "2026-10-15", "--to", "2026-10-16", "--name", "Hari Jadi", "--agency", "bppd-kalbar",
		"--clickhouse", url, "--data-dir", data)
	if code != 0 || deadline() != time.Date(2026, 10, 22, 9, 0, 0, 0, time.UTC) {
		t.Errorf("holiday move: exit %d %s, deadline %v", code, out, deadline())
	}
	code, out, _ = runCmd(t, nil, "holiday", "list", "--clickhouse", url, "--data-dir", data)
	if code != 0 || !strings.Contains(out, "2026-10-16  bppd-kalbar  libur: Hari Jadi (libur_daerah)") || !strings.Contains(out, "2026-10-15  bppd-kalbar  hari kerja") {
		t.Errorf("holiday list: exit %d\n%s", code, out)
	}
	if code, _, _ := runCmd(t, nil, "holiday", "add", "--date", "15-10-2026", "--name", "x", "--clickhouse", url); code != 2 {
		t.Errorf("bad date: exit %d, want 2", code)
	}
	tpl := t.TempDir() + "/kasus.xlsx"
	if code, out, _ := runCmd(t, nil, "import", "cases", "--agency", "bppd-ntt", "--template", tpl); code != 0 || !strings.Contains(out, tpl) {
		t.Errorf("template: exit %d %s", code, out)
	}
}

func mustWrite(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}
