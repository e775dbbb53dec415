package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/standard/standardtest"
)

// paperRows are questionnaires without a number; the last two are the same answers on the
// same day, as two respondents may well give.
var paperRows = []string{
	";konsultasi;2026-10-14;09:30;4;3;3;4;3;4;4;1;2;34;P;S1;Swasta;Ruang tunggu panas",
	";data-informasi;15/10/2026;;3;3;;3;3;3;3;4;3;;;;;",
	";narasumber;2026-10-16;;4;4;4;4;4;4;4;4;4;;;;;",
	";narasumber;2026-10-16;;4;4;4;4;4;4;4;4;4;;;;;",
}

const paperHeader = "nomor;layanan;tanggal;jam;P1_U1;P2_U2;P3_U3;P4_U4;P5_U5;P6_U6;P7_U7;P8_U9;P9_U8;umur;jenis_kelamin;pendidikan;pekerjaan;saran"

func writePaper(t *testing.T, name string, rows ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(paperHeader+"\n"+strings.Join(rows, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReimportWithOneRowAddedStoresJustThatRow(t *testing.T) {
	db := chtest.NewDB(t)
	set := standardtest.Examples(t)
	a, _ := set.Agency("bppd-kalbar")
	store := ingest.NewStore(db.Conn, db.Name)
	data := t.TempDir()
	importFile := func(path string) int {
		t.Helper()
		rs, err := ingest.ParseResponsesFile(path, a, nil)
		if err != nil {
			t.Fatal(err)
		}
		n, err := store.ImportResponses(context.Background(), set, data, rs, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := importFile(writePaper(t, "januari.csv", paperRows[:3]...)); n != 3 {
		t.Fatalf("first file stored %d, want 3", n)
	}
	// The same rows again, one added at the top and blank lines moved: only the new row.
	if n := importFile(writePaper(t, "januari-lengkap.csv", paperRows[3], "", paperRows[0], paperRows[1], "", paperRows[2])); n != 1 {
		t.Errorf("the file with one row added stored %d, want 1", n)
	}
	if n := importFile(writePaper(t, "januari-lagi.csv", paperRows...)); n != 0 {
		t.Errorf("the same rows a third time stored %d, want 0", n)
	}
	if n := countRows(t, db, "agency = 'bppd-kalbar' AND channel = 'paper'"); n != 4 {
		t.Errorf("%d paper responses stored, want 4 (two identical questionnaires count twice)", n)
	}
}
