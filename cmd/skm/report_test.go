package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skm/ingest/chtest"
	"skm/reports/xlsx/xlsxtest"
)

func TestReportCommandWritesWorkbooksAndExports(t *testing.T) {
	db := chtest.NewDB(t)
	url := db.DSN
	dir := t.TempDir()
	base := []string{"--agency", "bppd-ntt", "--clickhouse", url, "--data-dir", t.TempDir()}
	for _, c := range []struct {
		args []string
		file string
	}{
		{[]string{"report", "monthly", "--month", "2026-10"}, "bulanan.xlsx"},
		{[]string{"report", "skm", "--period", "2026-S1"}, "skm.xlsx"},
		{[]string{"report", "responses", "--period", "2026-S2"}, "respons.csv"},
		{[]string{"report", "cases", "--period", "2026-10"}, "kasus.xlsx"},
		{[]string{"report", "laporan", "--period", "2026-S1"}, "laporan.pdf"},
	} {
		out := filepath.Join(dir, c.file)
		code, stdout, stderr := runCmd(t, nil, append(append(c.args, "-o", out), base...)...)
		if code != 0 || !strings.Contains(stdout, "ditulis ke "+out) {
			t.Errorf("%v: exit %d\n%s\n%s", c.args, code, stdout, stderr)
			continue
		}
		if strings.HasSuffix(out, ".pdf") {
			if text := xlsxtest.PDFText(t, out); !strings.Contains(text, "BAB I PENDAHULUAN") || !strings.Contains(text, "Semester I 2026") {
				t.Errorf("%s does not read as the SKM report of Semester I 2026:\n%.400s", out, text)
			}
		}
		if strings.HasSuffix(out, ".xlsx") {
			if wb := xlsxtest.Read(t, out, false, false); len(wb.Sheets) == 0 {
				t.Errorf("%s has no sheets", out)
			}
		}
	}
	// Bad input changes nothing: no file appears.
	for _, args := range [][]string{
		{"report", "monthly", "--month", "2026-S1", "-o", filepath.Join(dir, "x.xlsx")},
		{"report", "skm", "-o", filepath.Join(dir, "x.csv")},
		{"report", "lainnya", "-o", filepath.Join(dir, "x.xlsx")},
		{"report", "laporan", "--period", "2026-S1", "-o", filepath.Join(dir, "x.xlsx")},
		{"report", "laporan", "--period", "2026-10", "-o", filepath.Join(dir, "x.pdf")},
	} {
		if code, _, _ := runCmd(t, nil, append(args, base...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("%d files in the output directory, want the 5 reports", len(entries))
	}
}
