package xlsx_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"skm/reports"
	"skm/reports/xlsx"
	"skm/reports/xlsx/xlsxtest"
	"skm/standard"
)

// printedSheet is what one sheet must show on paper: lines whole on its first page (the
// letterhead and the report's heading), and each of its charts whole on one page.
type printedSheet struct {
	lines  []string
	charts []printedChart
}

// printedChart is a chart's title and texts printed below it inside the chart: its first
// and last category, axis labels, the legend's series names. A chart split by a page break
// leaves them on the next page.
type printedChart struct {
	title string
	below []string
}

var spaces = regexp.MustCompile(`\s+`)

// flat is s with every run of spaces and line breaks made one space: a heading wrapped over
// two lines reads as one.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

// checkPrinted prints a workbook with LibreOffice, reads every page back with poppler and
// checks what staff see on paper: no "###", each sheet's letterhead and heading whole on its
// first page, each chart with everything below its title on that title's page, and no word
// printed over another (a long name overflowing its row). It returns the pages' text.
func checkPrinted(t *testing.T, path string, sheets []printedSheet) []string {
	t.Helper()
	pdf := xlsxtest.Convert(t, path, "pdf")
	xlsxtest.SavePages(t, pdf)
	pages := xlsxtest.PDFPageTexts(t, pdf)
	flats := make([]string, len(pages))
	for i, p := range pages {
		flats[i] = flat(p)
		if j := strings.Index(p, "###"); j >= 0 {
			t.Errorf("page %d prints ### for a value too wide for its column: …%s…", i+1, p[max(0, j-80):min(len(p), j+40)])
		}
	}
	for _, sh := range sheets {
		first := -1
		for i, f := range flats {
			if strings.Contains(f, flat(sh.lines[len(sh.lines)-1])) {
				first = i
				break
			}
		}
		if first < 0 {
			t.Errorf("no page prints the heading %q whole", sh.lines[len(sh.lines)-1])
			continue
		}
		for _, l := range sh.lines {
			if !strings.Contains(flats[first], flat(l)) {
				t.Errorf("page %d, the first of %q, does not print %q whole:\n%s", first+1, sh.lines[len(sh.lines)-1], l, pages[first])
			}
		}
		for _, c := range sh.charts {
			page, at := -1, -1
			for i := first; i < len(flats); i++ {
				if j := strings.LastIndex(flats[i], c.title); j >= 0 {
					page, at = i, j
				}
			}
			if page < 0 {
				t.Errorf("chart %q not printed", c.title)
				continue
			}
			for _, b := range c.below {
				if !strings.Contains(flats[page][at+len(c.title):], b) {
					t.Errorf("chart %q is split: %q is not below its title on page %d:\n%s", c.title, b, page+1, pages[page])
				}
			}
		}
	}
	for i, words := range xlsxtest.PDFWords(t, pdf) {
		if o := xlsxtest.Overlaps(words); len(o) > 0 {
			t.Errorf("page %d prints %d words over others, e.g. %q over %q", i+1, len(o), o[0][0].Text, o[0][1].Text)
		}
	}
	return pages
}

// letterhead is what the agency's letterhead prints above a heading.
func letterhead(a *standard.Agency, heading string) []string {
	return []string{strings.ToUpper(a.Parent), strings.ToUpper(a.Name), heading}
}

// monthlySheets are the sheets of the monthly workbook on paper; mark is " (SEMENTARA)" on
// a month not yet ended.
func monthlySheets(a *standard.Agency, mark, lastMonth string) []printedSheet {
	var services []string
	for _, s := range a.Services {
		services = append(services, s.Name)
	}
	return []printedSheet{
		{lines: letterhead(a, "LAPORAN EVALUASI KINERJA PELAYANAN BULANAN"+mark)},
		{lines: letterhead(a, "KEPATUHAN STANDAR WAKTU PER LAYANAN"+mark),
			charts: []printedChart{{"Persentase tepat waktu per layanan", append([]string{"100%", "0%", lastMonth}, services[:2]...)}}},
		{lines: letterhead(a, "PENGADUAN MASYARAKAT"+mark)},
		{lines: letterhead(a, "SURVEI KEPUASAN MASYARAKAT BERJALAN"+mark),
			charts: []printedChart{{"NRR per unsur", []string{"U1", "U9", "NRR"}}, {"IKM per periode survei", []string{"100", "50", "IKM"}}}},
		{lines: letterhead(a, "KASUS TERBUKA MELEWATI TENGGAT DI AKHIR BULAN"+mark)},
		{lines: letterhead(a, "RENCANA TINDAK LANJUT HASIL SKM"+mark)},
		{lines: letterhead(a, "SARAN DAN MASUKAN RESPONDEN"+mark)},
	}
}

// semesterSheets are the sheets of the SKM report on paper.
func semesterSheets(a *standard.Agency, mark, prev, cur string) []printedSheet {
	return []printedSheet{
		{lines: letterhead(a, "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT"+mark)},
		{lines: []string{a.Name, "PENGOLAHAN IKM PER RESPONDEN DAN PER UNSUR PELAYANAN"}},
		{lines: letterhead(a, "NRR DAN IKM PER LAYANAN"+mark)},
		{lines: letterhead(a, "PROFIL RESPONDEN"+mark)},
		{lines: letterhead(a, "PERBANDINGAN DENGAN PERIODE SEBELUMNYA"+mark),
			charts: []printedChart{{"NRR per unsur: dua periode", []string{"U1", "U9", "NRR " + prev, "NRR " + cur}}}},
		{lines: letterhead(a, "SARAN DAN MASUKAN RESPONDEN"+mark)},
		{lines: letterhead(a, "RENCANA TINDAK LANJUT HASIL SKM"+mark)},
	}
}

// Both workbooks, of closed and running periods, on the demo's data, print cleanly through
// LibreOffice. A month or semester not yet ended is SEMENTARA in every heading and footer
// and has no signature block.
func TestWorkbooksPrintCleanly(t *testing.T) {
	db, a, now := demo(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	for _, c := range []struct {
		period, prev, cur, last string
		running                 bool
	}{
		{period: "2026-10", last: "Okt 26"},
		{period: "2026-11", last: "Nov 26", running: true},
		{period: "2025-S2", prev: "Semester I 2025", cur: "Semester II 2025"},
		{period: "2026-S1", prev: "Semester II 2025", cur: "Semester I 2026"},
		{period: "2026-S2", prev: "Semester I 2026", cur: "Semester II 2026", running: true},
	} {
		t.Run(c.period, func(t *testing.T) {
			p := period(t, c.period)
			mark := ""
			if c.running {
				mark = " (" + reports.Provisional + ")"
			}
			var path string
			var sheets []printedSheet
			if c.last != "" {
				path = write(t, "bulanan-"+c.period+".xlsx", func(b *bytes.Buffer) error { return xlsx.Monthly(ctx, q, a, p, now, b) })
				sheets = monthlySheets(a, mark, c.last)
			} else {
				path = write(t, "skm-"+c.period+".xlsx", func(b *bytes.Buffer) error { return xlsx.Semester(ctx, q, a, p, now, b, nil) })
				sheets = semesterSheets(a, mark, c.prev, c.cur)
			}
			pages := checkPrinted(t, path, sheets)
			text := flat(strings.Join(pages, " "))
			if strings.Contains(text, " ikm ") {
				t.Error(`a chart legend says "ikm"`)
			}
			if !c.running {
				if strings.Contains(text, reports.Provisional) || !strings.Contains(text, a.Head.Name) {
					t.Errorf("the workbook of an ended period is marked %s or has no signature of %s", reports.Provisional, a.Head.Name)
				}
				return
			}
			marked := 0
			for _, pg := range pages {
				if strings.Contains(pg, reports.Provisional) {
					marked++
				}
			}
			if marked != len(pages) {
				t.Errorf("%d of %d pages say %s", marked, len(pages), reports.Provisional)
			}
			if !strings.Contains(text, reports.ProvisionalNote) || strings.Contains(text, a.Head.Name) {
				t.Errorf("the workbook of a running period lacks the note %q or has a signature block", reports.ProvisionalNote)
			}
		})
	}
}
