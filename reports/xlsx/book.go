// Package xlsx builds the Excel workbooks staff print and file: the monthly evaluation
// meeting's report, the semester SKM report and the raw exports of responses and cases. The
// figures come from the reports package's questions, the same answers the dashboard and the
// API show; the semester report's per-respondent sheet computes the IKM with Excel formulas
// staff can follow. Every sheet is set up for A4 paper before it is written.
package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Number formats. Excel stores them in its own syntax and shows the separators of the
// reader's locale; dates carry the Indonesian locale (LCID 421) so month names are
// Indonesian whatever the reader's settings.
const (
	fmtInt      = "#,##0"
	fmtDec1     = "#,##0.0"
	fmtDec2     = "#,##0.00"
	fmtNRR      = "0.000"
	fmtWeighted = "0.0000"
	fmtPercent  = "0.0%"
	fmtDate     = "[$-421]d mmmm yyyy"
	fmtDateTime = "[$-421]d mmm yyyy hh:mm"
	fmtSigned2  = "+#,##0.00;-#,##0.00;0.00"
	fmtSigned3  = "+0.000;-0.000;0.000"
	fmtSignedP  = "+0.0%;-0.0%;0.0%"
	// Changes of counts, hours and percentages (in points) as the dashboard words them.
	fmtSignedInt    = "+#,##0;-#,##0;0"
	fmtSigned1      = "+#,##0.0;-#,##0.0;0.0"
	fmtSignedPoints = `+0.0" poin";-0.0" poin";0.0" poin"`
)

// book is a workbook with the styles every report uses.
type book struct {
	f      *excelize.File
	agency *standard.Agency
	title  string // the report's name, in every page footer
	// provisional marks a report of a period not yet ended: SEMENTARA in its title, its
	// sheets' headings and every page footer, and a note where the signature would be.
	provisional bool
	s           styles
	looks       map[int]look     // of the styles, what a row's height depends on
	pages       map[string]*page // of the sheets, their printed layout
}

// styles are the style ids of the workbook.
type styles struct {
	letterhead, name, small, title, subtitle, header, text, wrap, bold int
	integer, dec1, dec2, nrr, weighted, percent, date, datetime        int
	signed2, signed3, signedP, totalInt, totalDec2, totalNRR           int
	signedInt, signed1, signedPoints                                   int
	good, fair, poor, underline                                        int
	dash                                                               int // "–" for a figure there is none of, right-aligned
}

// newBook starts a workbook titled title (marked SEMENTARA when provisional) with its styles.
func newBook(a *standard.Agency, title string, provisional bool) (*book, error) {
	if provisional {
		title += " — " + reports.Provisional
	}
	b := &book{f: excelize.NewFile(), agency: a, title: title, provisional: provisional,
		looks: map[int]look{}, pages: map[string]*page{}}
	if err := b.f.SetDocProps(&excelize.DocProperties{Title: title + " — " + a.Name, Creator: "skm", Language: "id-ID"}); err != nil {
		return nil, fmt.Errorf("xlsx: properties: %w", err)
	}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "Arial", Size: size, Bold: bold}
	}
	// The letterhead's lines wrap, centred, where the sheet is narrower than they are; a
	// table's cells keep to the top of rows made higher for a neighbour's wrapped text.
	centered := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	top := &excelize.Alignment{Vertical: "top"}
	// A status in words wraps in its coloured cell: cut at the cell's edge it would read
	// "perlu perhatian · ta".
	topWrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	num := func(format string, bold bool) *excelize.Style {
		return &excelize.Style{Font: font(10, bold), Border: border, CustomNumFmt: &format, Alignment: top}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	defs := []struct {
		id *int
		st *excelize.Style
	}{
		{&b.s.letterhead, &excelize.Style{Font: font(11, true), Alignment: centered}},
		{&b.s.name, &excelize.Style{Font: font(14, true), Alignment: centered}},
		{&b.s.small, &excelize.Style{Font: font(9, false), Alignment: centered,
			Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 6}}}},
		{&b.s.title, &excelize.Style{Font: font(12, true), Alignment: centered}},
		{&b.s.subtitle, &excelize.Style{Font: font(10, false), Alignment: centered}},
		{&b.s.header, &excelize.Style{Font: font(10, true), Border: border, Fill: fill("DDEBF7"),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.s.text, &excelize.Style{Font: font(10, false), Border: border, Alignment: top}},
		{&b.s.dash, &excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}}},
		{&b.s.wrap, &excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.s.bold, &excelize.Style{Font: font(10, true)}},
		{&b.s.integer, num(fmtInt, false)},
		{&b.s.dec1, num(fmtDec1, false)},
		{&b.s.dec2, num(fmtDec2, false)},
		{&b.s.nrr, num(fmtNRR, false)},
		{&b.s.weighted, num(fmtWeighted, false)},
		{&b.s.percent, num(fmtPercent, false)},
		{&b.s.date, num(fmtDate, false)},
		{&b.s.datetime, num(fmtDateTime, false)},
		{&b.s.signed2, num(fmtSigned2, false)},
		{&b.s.signed3, num(fmtSigned3, false)},
		{&b.s.signedP, num(fmtSignedP, false)},
		{&b.s.signedInt, num(fmtSignedInt, false)},
		{&b.s.signed1, num(fmtSigned1, false)},
		{&b.s.signedPoints, num(fmtSignedPoints, false)},
		{&b.s.totalInt, num(fmtInt, true)},
		{&b.s.totalDec2, num(fmtDec2, true)},
		{&b.s.totalNRR, num(fmtNRR, true)},
		{&b.s.good, &excelize.Style{Font: font(10, true), Border: border, Fill: fill("C6EFCE"), Alignment: topWrap}},
		{&b.s.fair, &excelize.Style{Font: font(10, true), Border: border, Fill: fill("FFEB9C"), Alignment: topWrap}},
		{&b.s.poor, &excelize.Style{Font: font(10, true), Border: border, Fill: fill("FFC7CE"), Alignment: topWrap}},
		{&b.s.underline, &excelize.Style{Font: &excelize.Font{Family: "Arial", Size: 10, Bold: true, Underline: "single"}}},
	}
	for _, d := range defs {
		id, err := b.f.NewStyle(d.st)
		if err != nil {
			return nil, fmt.Errorf("xlsx: style: %w", err)
		}
		*d.id = id
		b.looks[id] = look{size: d.st.Font.Size, bold: d.st.Font.Bold, wrap: d.st.Alignment != nil && d.st.Alignment.WrapText}
	}
	return b, nil
}

// sheet is one printed sheet: its name, columns and the table header row that repeats on
// every printed page.
type sheet struct {
	name   string
	widths []float64
}

// addSheet creates a sheet and sets it up for printing on A4 (landscape or portrait), fit to
// one page wide, with the report's name and page numbers in the footer. It must come before
// a stream writer of the sheet is made: page setup is dropped after the stream's Flush.
func (b *book) addSheet(sh sheet, landscape bool) error {
	name := sh.name
	if b.f.SheetCount == 1 && b.f.GetSheetName(0) == "Sheet1" {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", name, err)
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return fmt.Errorf("xlsx: sheet %s: %w", name, err)
	}
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	a4, one, zero := 9, 1, 0
	fit := true
	if err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return fmt.Errorf("xlsx: sheet %s page: %w", name, err)
	}
	height, custom := defaultRowHeight, true
	if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit, DefaultRowHeight: &height, CustomHeight: &custom}); err != nil {
		return fmt.Errorf("xlsx: sheet %s page: %w", name, err)
	}
	margin, edge := 0.5, 0.3
	if err := b.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin,
		Header: &edge, Footer: &edge}); err != nil {
		return fmt.Errorf("xlsx: sheet %s margins: %w", name, err)
	}
	footer := "&L&8" + escapeHF(b.agency.ShortName+" — "+b.title) + "&R&8Halaman &P dari &N"
	if err := b.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("xlsx: sheet %s footer: %w", name, err)
	}
	for i, w := range sh.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(name, col, col, w); err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", name, err)
		}
	}
	b.pages[name] = newPage(sh.widths, landscape)
	return nil
}

// printTitles repeats row (a table's header) at the top of every printed page of sheet.
func (b *book) printTitles(sheet string, row int) error {
	if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, row, row)}); err != nil {
		return fmt.Errorf("xlsx: sheet %s print titles: %w", sheet, err)
	}
	return nil
}

// save writes the workbook to w as a zip stream. excelize's own WriteTo first builds the
// whole file in a buffer (for a million-row export, around 100 MB, and twice that while the
// buffer grows); with our zip writer on w the parts go straight out and its buffer stays
// empty. Parts over 4 GiB (zip64), which it patches in that buffer, cannot occur here.
func (b *book) save(w io.Writer) error {
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// escapeHF escapes the ampersands of text for a page header or footer.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// writer writes rows of one sheet (without streaming) from row 1 down, each as high as its
// text needs, and follows where the printed pages break.
type writer struct {
	b     *book
	sheet string
	row   int
	cols  int // the width of the letterhead and titles
	err   error
	page  *page
	// y is the estimated height, in points, used on the current printed page; titleHeight
	// that of the header row repeated on every page; guessed tells that an automatic page
	// break was estimated since the last known page start.
	y, titleHeight float64
	guessed        bool
}

func (b *book) writer(sheet string, cols int) *writer {
	return &writer{b: b, sheet: sheet, row: 1, cols: cols, page: b.pages[sheet]}
}

// cell is a value with its style.
type cell struct {
	v     any
	style int
}

// put writes cells from column A of the current row, makes the row as high as its wrapped
// text needs, and moves down.
func (w *writer) put(cells ...cell) {
	h := defaultRowHeight
	for i, c := range cells {
		h = max(h, w.b.cellHeight(c.v, c.style, w.page.width(i+1)))
	}
	w.write(h, cells)
}

// write writes cells from column A of the current row, h points high, and moves down.
func (w *writer) write(h float64, cells []cell) {
	for i, c := range cells {
		if w.err != nil {
			return
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, w.row)
		switch v := c.v.(type) {
		case nil:
		case formula:
			w.err = w.b.f.SetCellFormula(w.sheet, ref, string(v))
		default:
			w.err = w.b.f.SetCellValue(w.sheet, ref, v)
		}
		if w.err == nil && c.style != 0 {
			w.err = w.b.f.SetCellStyle(w.sheet, ref, ref, c.style)
		}
	}
	if w.err == nil && h != defaultRowHeight {
		w.err = w.b.f.SetRowHeight(w.sheet, w.row, h)
	}
	w.advance(h)
	w.row++
}

// header writes a table's header row, repeated on every printed page.
func (w *writer) header(cells ...cell) {
	if w.err == nil {
		w.err = w.b.printTitles(w.sheet, w.row)
	}
	before := w.y
	w.put(cells...)
	w.titleHeight = w.y - before
}

// line writes one value across the letterhead's width, merged.
func (w *writer) line(v any, style int) {
	if w.err != nil {
		return
	}
	first, _ := excelize.CoordinatesToCellName(1, w.row)
	last, _ := excelize.CoordinatesToCellName(w.cols, w.row)
	if w.err = w.b.f.MergeCell(w.sheet, first, last); w.err != nil {
		return
	}
	w.write(w.b.cellHeight(v, style, w.page.columnsWidth(1, w.cols)), []cell{{v, style}})
	if w.err == nil {
		w.err = w.b.f.SetCellStyle(w.sheet, first, last, style)
	}
}

// skip leaves n rows empty.
func (w *writer) skip(n int) {
	for range n {
		w.advance(defaultRowHeight)
	}
	w.row += n
}

// ref is the cell name of column col (1-based) in the current row.
func (w *writer) ref(col int) string {
	r, _ := excelize.CoordinatesToCellName(col, w.row)
	return r
}

// formula is a cell formula, without the leading "=".
type formula string

// letterhead writes the agency's letterhead (kop surat) and the report's title lines.
func (w *writer) letterhead(titles ...string) {
	a := w.b.agency
	if a.Parent != "" {
		w.line(strings.ToUpper(a.Parent), w.b.s.letterhead)
	}
	w.line(strings.ToUpper(a.Name), w.b.s.name)
	if a.Address != "" {
		w.line(a.Address, w.b.s.subtitle)
	}
	w.line(reports.ContactLine(a.Contact), w.b.s.small)
	w.skip(1)
	for i, t := range titles {
		style := w.b.s.subtitle
		if i == 0 {
			style = w.b.s.title
			if w.b.provisional {
				t += " (" + reports.Provisional + ")"
			}
		}
		w.line(t, style)
	}
	w.skip(1)
}

// closing ends a report's first sheet: the signature block at column col, or, on a
// provisional report, the note that it is not for signing.
func (w *writer) closing(col int, date time.Time) {
	if w.b.provisional {
		w.skip(1)
		w.put(cell{nil, 0}, cell{reports.ProvisionalNote, w.b.s.bold})
		return
	}
	w.signature(col, date)
}

// signature writes the signature block at the right, whole on one page: the place and
// date, the head's title, room to sign, and the head's name.
func (w *writer) signature(col int, date time.Time) {
	if w.err != nil {
		return
	}
	w.skip(1)
	w.keep(7 * defaultRowHeight)
	place := ""
	if w.b.agency.City != "" {
		place = w.b.agency.City + ", "
	}
	at := func(v any, style int) {
		if w.err != nil {
			return
		}
		ref := w.ref(col)
		if w.err = w.b.f.SetCellValue(w.sheet, ref, v); w.err == nil && style != 0 {
			w.err = w.b.f.SetCellStyle(w.sheet, ref, ref, style)
		}
		w.skip(1)
	}
	at(place+survey.DateLabel(date, survey.ID), 0)
	at(w.b.agency.Head.Title, 0)
	w.skip(3)
	at(w.b.agency.Head.Name, w.b.s.underline)
}

// wall is t's wall clock in loc as a UTC time: Excel has no time zones, and the reader
// should see the agency's local time.
func wall(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}

// serviceName is a service's name in the standard, or its code when it has none.
func serviceName(a *standard.Agency, code string) string { return a.ServiceName(code) }

// ratio is part/whole, or nil (an empty cell) when whole is 0.
func ratio(part, whole uint64) any {
	if whole == 0 {
		return nil
	}
	return float64(part) / float64(whole)
}
