package main

import (
	"context"
	"strings"
	"testing"

	"skm/ingest/chtest"
)

func TestImportResponsesStoresOnceAndRefusesBadFiles(t *testing.T) {
	addr := chtest.ServerAddr(t)
	db := chtest.NewDB(t)
	url := "clickhouse://" + addr + "/" + db.Name
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
