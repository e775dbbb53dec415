package ingest_test

import (
	"context"
	"errors"
	"fmt"
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

// A file's rows say how each questionnaire is known (number or content) and where it is;
// rows of a closed period are refused row by row before anything is stored; and the rows
// stored already are counted before storing again.
func TestResponsesFileRowsClosedPeriodsAndKnownRows(t *testing.T) {
	db := chtest.NewDB(t)
	set := standardtest.Examples(t)
	a, _ := set.Agency("bppd-kalbar")
	store := ingest.NewStore(db.Conn, db.Name)
	ctx := context.Background()
	numbered := "Q-7;konsultasi;2026-10-20;10:00;4;4;3;3;4;4;4;3;3;;;;;"
	old := ";konsultasi;2025-02-10;10:00;4;4;3;3;4;4;4;3;3;;;;;" // Semester I 2025, long closed
	f, err := ingest.ReadResponsesFile(writePaper(t, "campur.csv", paperRows[0], "", numbered, old, paperRows[1]), a, ingest.WebImportLimits, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Responses) != 4 || f.Numbered != 1 || fmt.Sprint(f.Rows) != "[2 4 5 6]" {
		t.Fatalf("%d responses, %d numbered, rows %v; want 4, 1, [2 4 5 6]", len(f.Responses), f.Numbered, f.Rows)
	}
	err = f.CheckPeriods(ctx, ingest.NewPeriodGate(store, nil), a)
	var rowErrs ingest.ImportErrors
	if !errors.As(err, &rowErrs) || len(rowErrs) != 1 || rowErrs[0].Row != 5 ||
		!strings.HasPrefix(rowErrs[0].String(), "baris 5: periode Semester I 2025 sudah ditutup (batas pemasukan kuesioner kertas") {
		t.Fatalf("closed period: %v", err)
	}
	open := ingest.ResponsesFile{Responses: append(f.Responses[:2:2], f.Responses[3]), Rows: []int{2, 4, 6}}
	if err := open.CheckPeriods(ctx, ingest.NewPeriodGate(store, nil), a); err != nil {
		t.Fatalf("open periods refused: %v", err)
	}
	if n, err := store.KnownResponses(ctx, open.Responses); err != nil || n != 0 {
		t.Fatalf("known before storing: %d %v", n, err)
	}
	if n, err := store.ImportResponses(ctx, set, t.TempDir(), open.Responses[:2], nil); err != nil || n != 2 {
		t.Fatalf("stored %d %v", n, err)
	}
	if n, err := store.KnownResponses(ctx, open.Responses); err != nil || n != 2 {
		t.Errorf("known after storing two of three: %d %v", n, err)
	}
}
