package xlsx_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/reports"
	"skm/reports/xlsx"
	"skm/reports/xlsx/xlsxtest"
)

// The semester workbook's Tema Saran sheet, read back with openpyxl, counts hand-made saran:
// waktu 2 (one also antrean), sarana 1, perbatasan (Kalbar's own theme) 1, tanpa saran 1, of 5.
func TestSemesterWorkbookCountsSaranThemes(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	_, a, _ := agencies(t)
	var rows []ingest.ResponseRow
	for i, saran := range []string{"Antrinya lama", "Prosesnya lambat", "toilet kotor", "pelayanan di PLBN Entikong perlu ditambah", "Tidak ada saran", ""} {
		r := ingesttest.Response(a.Code, "konsultasi", time.Date(2026, 8, 3+i, 9, 0, 0, 0, a.Location), [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4})
		r.Saran = saran
		rows = append(rows, r)
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	path := write(t, "skm.xlsx", func(b *bytes.Buffer) error {
		return xlsx.Semester(ctx, q, a, period(t, "2026-S2"), time.Date(2027, 1, 10, 9, 0, 0, 0, a.Location), b, nil)
	})
	sh := xlsxtest.Read(t, path, false, true).Sheet(t, xlsx.SheetThemes)
	for label, want := range map[string]float64{"Waktu penyelesaian": 2, "Antrean": 1, "Sarana dan prasarana": 1, "Wilayah perbatasan": 1,
		"Tanpa saran / sudah puas": 1, "Lainnya": 0, "Biaya/tarif": 0} {
		if got := num(t, sh.Right(t, label, 2), label); got != want {
			t.Errorf("%s: %v saran, want %v", label, got, want)
		}
		if got := num(t, sh.Right(t, label, 3), label); !near(got, want/5) {
			t.Errorf("%s: share %v, want %v", label, got, want/5)
		}
	}
	if got := num(t, sh.Right(t, xlsx.ThemesTotal, 2), "total"); got != 5 {
		t.Errorf("total %v, want 5", got)
	}
	if ex, _ := sh.Right(t, "Waktu penyelesaian", 4).(string); ex != "Prosesnya lambat\nAntrinya lama" {
		t.Errorf("waktu examples %q, want the newest first, one a line", ex)
	}
	if el := sh.Right(t, "Waktu penyelesaian", 1); el != "U3" {
		t.Errorf("element %v, want U3", el)
	}
	if _, _, ok := sh.Find("TEMA SARAN DAN MASUKAN RESPONDEN"); !ok {
		t.Error("no title")
	}
}
