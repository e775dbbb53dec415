package ingest_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"skm/ingest"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

func kalbar(t *testing.T) *standard.Agency { return standardtest.Agency(t, "bppd-kalbar") }

func TestParseGoodCSVMapsPaperOrderToElements(t *testing.T) {
	rs, err := ingest.ParseResponsesFile("testdata/kuesioner-baik.csv", kalbar(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d responses, want 3 (the blank line skipped)", len(rs))
	}
	r := rs[0]
	// Column P8_U9 (question 8, sarana) holds 1 and P9_U8 holds 2.
	if r.Answer(survey.U9) != 1 || r.Answer(survey.U8) != 2 || r.Pendidikan != "D4/S1" || r.Channel != survey.ChannelPaper {
		t.Errorf("row 2 parsed as %+v", r)
	}
	if got := r.SubmittedAt.Format("2006-01-02 15:04 MST"); got != "2026-10-14 09:30 WIB" {
		t.Errorf("submitted at %s", got)
	}
	if rs[1].Answer(survey.U3) != 0 || rs[1].SubmittedAt.Format("2006-01-02") != "2026-10-15" {
		t.Errorf("row 3: blank U3 must stay unanswered: %+v", rs[1])
	}
	if rs[2].JenisKelamin != "L" || rs[2].Pekerjaan != "PNS" || rs[2].SubmittedAt.Format("15:04") != "14:15" {
		t.Errorf("row 5: %+v", rs[2])
	}
	again, _ := ingest.ParseResponsesFile("testdata/kuesioner-baik.csv", kalbar(t), nil)
	if again[0].ID != r.ID || r.ID == "" {
		t.Error("ids of an imported file must be stable, so that a re-import counts nothing twice")
	}
}

func TestParseBadCSVReportsEveryRowColumnAndReason(t *testing.T) {
	_, err := ingest.ParseResponsesFile("testdata/kuesioner-rusak.csv", kalbar(t), nil)
	var errs ingest.ImportErrors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v, want ImportErrors", err)
	}
	text := errs.Error()
	for _, want := range []string{
		`baris 3, kolom layanan: layanan "rapat" tidak dikenal`,
		`baris 4, kolom tanggal: tanggal "14-Okt-2026" tidak terbaca`,
		`baris 4, kolom jam: jam "25:00" tidak terbaca`,
		`baris 4, kolom U2: jawaban "5" harus 1, 2, 3 atau 4`,
		`baris 4, kolom U5: jawaban "x" harus 1, 2, 3 atau 4`,
		`baris 4, kolom umur: umur "9" harus bilangan 10 sampai 120`,
		`baris 4, kolom jenis_kelamin: jenis kelamin "W" harus Laki-laki atau Perempuan (L atau P)`,
		`baris 4, kolom pekerjaan: pekerjaan "Petani" tidak dikenal`,
		`baris 5, kolom U1: Tidak ada satu pun pertanyaan yang dijawab.`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "baris 2") {
		t.Errorf("row 2 is fine but was reported:\n%s", text)
	}
}

func TestXLSXTemplateRoundTrip(t *testing.T) {
	a := kalbar(t)
	path := filepath.Join(t.TempDir(), "templat.xlsx")
	if err := ingest.WriteResponsesTemplate(path, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := []any{"7", "pengaduan", "2026-11-02", "10:00", 4, 4, 3, 3, 4, 4, 4, 2, 1, 50, "L", "S2", "Wirausaha", "ok"}
	if err := f.SetSheetRow("Kuesioner", "A2", &row); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rs, err := ingest.ParseResponsesFile(path, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Answer(survey.U9) != 2 || rs[0].Answer(survey.U8) != 1 || rs[0].Service != "pengaduan" {
		t.Errorf("parsed %+v", rs)
	}
	csvPath := filepath.Join(t.TempDir(), "templat.csv")
	if err := ingest.WriteResponsesTemplate(csvPath, a); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.ParseResponsesFile(csvPath, a, nil); err == nil || !strings.Contains(err.Error(), "tidak ada baris jawaban") {
		t.Errorf("blank template: %v", err)
	}
}

// A CSV's blank lines are rows and a quoted cell over two lines is one row, as a spreadsheet
// shows the file, so "baris N" points at the row people see.
func TestCSVRowNumbersCountBlankLinesAndNotLineBreaksInCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baris.csv")
	body := paperHeader + "\n\n" +
		";konsultasi;2026-10-14;09:30;4;3;3;4;3;4;4;1;2;;;;;\"Ruang tunggu\npanas\"\n" +
		";konsultasi;2026-10-14;09:30;5;3;3;4;3;4;4;1;2;;;;;\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ingest.ParseResponsesFile(path, kalbar(t), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "baris 4, kolom P1_U1:") {
		t.Errorf("want the problem at row 4 (header, blank, a two-line cell, the bad row), got %v", err)
	}
}
