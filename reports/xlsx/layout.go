package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Print layout. Neither excelize nor the readers (Excel, LibreOffice) size a row to its
// wrapped text when they open a file: a row keeps its stored height and the rest of a long
// service name is printed over the next row. So every row gets a height estimated from its
// text and its column's width. And a chart that crosses a page break is printed in two parts
// with the repeated table header over the second; so the writer follows where the printed
// pages break and puts a chart on the next page when it would not fit whole.

const (
	// defaultRowHeight is the height, in points, of a row of one line of 10-point text. Every
	// sheet declares it as its rows' height, so every reader prints the rows alike and the
	// page estimate below holds.
	defaultRowHeight = 15.0
	// maxRowHeight is Excel's largest row height.
	maxRowHeight = 409.0
	// pxPerWidth is one unit of column width in pixels: the width of "0" in the workbook's
	// default font (Calibri 11).
	pxPerWidth = 7.0
	// columnPadding is what Excel adds, in pixels, to every column's width; cellPadding what
	// a cell keeps empty beside its text.
	columnPadding, cellPadding = 5.0, 4.0
	// lineSpacing is the height of one line of text over its font size.
	lineSpacing = 1.3
	// A4 in points, and the margins of addSheet (0.5 inch on every side).
	a4Long, a4Short, pageMargins = 842.0, 595.0, 72.0
	// chartWidth and chartHeight are a chart's size in pixels.
	chartWidth, chartHeight = 720, 280
	// fitShare is how much of the estimated room left on a page a chart may take: the estimate
	// is of widths and heights the reader may draw a little larger.
	fitShare = 0.95
)

// look is what the height of a styled cell depends on.
type look struct {
	size       float64
	bold, wrap bool
}

// arialWidths are the advance widths of Arial (and of its metric twin, Liberation Sans,
// which LibreOffice prints with), in thousandths of an em, of the printable ASCII
// characters from the space on.
var arialWidths = [...]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
}

// charEm is the advance width of r in Arial, in ems; other characters count as a wide
// letter.
func charEm(r rune) float64 {
	if i := int(r) - ' '; i >= 0 && i < len(arialWidths) {
		return float64(arialWidths[i]) / 1000
	}
	return 0.72
}

// textPixels is the printed width of s in pixels (at 96 per inch).
func textPixels(s string, l look) float64 {
	em := 0.0
	for _, r := range s {
		em += charEm(r)
	}
	px := em * l.size * 96 / 72
	if l.bold {
		px *= 1.07 // Arial Bold is about this much wider
	}
	return px
}

// wrappedLines is how many lines s takes when wrapped at its spaces in a column width units
// wide; a word longer than the column is broken.
func wrappedLines(s string, width float64, l look) int {
	room := max(math.Trunc(width*pxPerWidth)+columnPadding-cellPadding, pxPerWidth)
	space := textPixels(" ", l)
	lines := 0
	for _, para := range strings.Split(s, "\n") {
		lines++
		line := 0.0
		for _, word := range strings.Fields(para) {
			w := textPixels(word, l)
			if line > 0 && line+space+w > room {
				lines++
				line = 0
			} else if line > 0 {
				line += space
			}
			line += w
			for line > room {
				lines++
				line -= room
			}
		}
	}
	return lines
}

// cellHeight is the row height, in points, that v needs in a cell of style over width units:
// the default unless it is text that wraps or is larger than 10 points.
func (b *book) cellHeight(v any, style int, width float64) float64 {
	s, ok := v.(string)
	l, styled := b.looks[style]
	if !ok || !styled || s == "" {
		return defaultRowHeight
	}
	lines := 1
	if l.wrap {
		lines = wrappedLines(s, width, l)
	}
	return min(maxRowHeight, max(defaultRowHeight, float64(lines)*l.size*lineSpacing+3))
}

// columnsWidth is the sum of the widths of columns first to last (1-based) of a sheet.
func (p *page) columnsWidth(first, last int) float64 {
	w := 0.0
	for c := first; c <= last; c++ {
		w += p.width(c)
	}
	return w
}

// page is the printed layout of one sheet: its columns and what fits on one sheet of paper.
type page struct {
	widths []float64
	// room is the height of a printed page in the sheet's points: the paper's less its
	// margins, over the scale that fits the columns to the paper's width.
	room float64
}

// newPage works out the printed layout of a sheet with columns widths on A4.
func newPage(widths []float64, landscape bool) *page {
	paperW, paperH := a4Short, a4Long
	if landscape {
		paperW, paperH = a4Long, a4Short
	}
	p := &page{widths: widths}
	// The printed width of the columns, or of a chart where it is wider; fit to one page
	// wide only ever shrinks.
	px := 0.0
	for c := range widths {
		px += math.Trunc(p.width(c+1)*pxPerWidth) + columnPadding
	}
	px = max(px, chartWidth+10)
	scale := min(1, (paperW-pageMargins)/(px*0.75))
	p.room = (paperH - pageMargins) / scale
	return p
}

// width is the width of column col (1-based), Excel's default where none was set.
func (p *page) width(col int) float64 {
	if col <= len(p.widths) {
		return p.widths[col-1]
	}
	return 8.43
}

// advance moves the writer's estimate of its place on the printed page down by h points:
// to the next page, under the repeated header, where the row does not fit.
func (w *writer) advance(h float64) {
	if w.y+h > w.page.room {
		w.y = w.titleHeight
		w.guessed = true
	}
	w.y += h
}

// keep starts a new printed page at the current row unless h more points fit on this one,
// so that a block (a chart, the signature) is never split. After a page break the writer
// guessed, rather than one it made, it always starts a new page: the guess may be some rows
// off.
func (w *writer) keep(h float64) {
	if w.err != nil || (!w.guessed && w.y+h <= w.page.room*fitShare) {
		return
	}
	if w.y <= w.titleHeight {
		return // already at the top of a page
	}
	if w.err = w.b.f.InsertPageBreak(w.sheet, w.ref(1)); w.err != nil {
		w.err = fmt.Errorf("page break: %w", w.err)
		return
	}
	w.y, w.guessed = w.titleHeight, false
}

// axis is the value axis of a chart: its range and number format.
type axis struct {
	lo, hi float64
	format string
}

// chart places a native chart at the current row, on the next page when it does not fit
// whole on this one, and moves the writer below it. Each series' name is a cell reference,
// so the legend shows the table's own Indonesian header.
func (w *writer) chart(typ excelize.ChartType, title string, series []excelize.ChartSeries, y axis) {
	const offset = 5
	h := float64(chartHeight+2*offset) * 0.75
	w.keep(h)
	if w.err != nil {
		return
	}
	one := false
	c := &excelize.Chart{Type: typ, Series: series, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		Format:     excelize.GraphicOptions{OffsetX: offset, OffsetY: offset},
		VaryColors: &one}
	if y.hi > y.lo {
		c.YAxis = excelize.ChartAxis{Minimum: &y.lo, Maximum: &y.hi}
	}
	if y.format != "" {
		c.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: y.format}
	}
	if err := w.b.f.AddChart(w.sheet, w.ref(1), c); err != nil {
		w.err = fmt.Errorf("chart %s: %w", title, err)
		return
	}
	w.skip(int(math.Ceil(h/defaultRowHeight)) + 1)
}

// fitWidth is the column width, within lo and hi, that holds the widest of texts on one
// line.
func fitWidth(texts []string, l look, lo, hi float64) float64 {
	px := 0.0
	for _, t := range texts {
		px = max(px, textPixels(t, l))
	}
	return min(hi, max(lo, math.Ceil((px+cellPadding-columnPadding)/pxPerWidth)))
}

// serviceWidth is the width, within lo and hi, of a column that holds the agency's longest
// service name on one line.
func (b *book) serviceWidth(lo, hi float64) float64 {
	names := make([]string, len(b.agency.Services))
	for i, sv := range b.agency.Services {
		names[i] = sv.Name
	}
	return fitWidth(names, b.looks[b.s.wrap], lo, hi)
}
