package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Page geometry in millimetres: A4 portrait with the wide left margin of bound official
// documents.
const (
	pageW, pageH     = 210.0, 297.0
	marginL, marginR = 25.0, 20.0
	marginT, marginB = 24.0, 20.0
	contentW         = pageW - marginL - marginR
	// bottom is the lowest line content may reach; the footer sits below it.
	bottom = pageH - marginB
)

// Type sizes in points and the line height of body text in millimetres.
const (
	bodySize  = 10.5
	smallSize = 8.5
	lineH     = 5.2
)

// Greys and the one sober colour of the charts; all print clearly in greyscale.
var (
	black     = [3]int{0, 0, 0}
	grey      = [3]int{90, 90, 90}
	ruleGrey  = [3]int{150, 150, 150}
	headFill  = [3]int{225, 229, 235}
	shadeFill = [3]int{200, 207, 218}
	barFill   = [3]int{68, 84, 106}
	markGrey  = [3]int{235, 235, 235}
)

// doc is the report being set: the PDF, the figures it states and where its headings fell.
type doc struct {
	pdf *fpdf.Fpdf
	f   *reports.SemesterFigures
	a   *standard.Agency
	opt Options
	// toc are the headings set so far with their pages, for the Daftar Isi.
	toc []tocEntry
	// clipped caches texts cut to a column's width (the recap's service names).
	clipped map[clipKey]string
	// chapterNo and sectionNo number the sections ("1.2"); 0: the chapter's sections are
	// not numbered.
	chapterNo, sectionNo int
}

// tocEntry is a heading of the Daftar Isi: level 0 a chapter, 1 a section.
type tocEntry struct {
	level int
	title string
	page  int
}

func newDoc(f *reports.SemesterFigures, opt Options) *doc {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	d := &doc{pdf: pdf, f: f, a: f.Agency, opt: opt, clipped: map[clipKey]string{}}
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, marginB)
	pdf.SetCellMargin(1.2)
	addFonts(pdf)
	title := "Laporan Survei Kepuasan Masyarakat " + label(f.Period) + " — " + f.Agency.Name
	pdf.SetTitle(title, true)
	pdf.SetSubject("Survei Kepuasan Masyarakat menurut PermenPANRB Nomor 14 Tahun 2017", true)
	pdf.SetAuthor(f.Agency.Name, true)
	pdf.SetCreator("skm", true)
	pdf.SetLang("id-ID")
	pdf.SetCreationDate(f.Now)
	pdf.SetModificationDate(f.Now)
	pdf.SetCatalogSort(true)
	pdf.SetHeaderFuncMode(d.header, true)
	d.font("", bodySize)
	return d
}

// font sets the style ("", "B", "I", "BI", with "U" to underline) and size.
func (d *doc) font(style string, size float64) { d.pdf.SetFont(family, style, size) }

func (d *doc) color(c [3]int)         { d.pdf.SetTextColor(c[0], c[1], c[2]) }
func (d *doc) fill(c [3]int)          { d.pdf.SetFillColor(c[0], c[1], c[2]) }
func (d *doc) draw(c [3]int)          { d.pdf.SetDrawColor(c[0], c[1], c[2]) }
func (d *doc) y() float64             { return d.pdf.GetY() }
func (d *doc) at(x, y float64)        { d.pdf.SetXY(x, y) }
func (d *doc) down(h float64)         { d.pdf.SetY(d.y() + h) }
func (d *doc) width(s string) float64 { return d.pdf.GetStringWidth(s) }

// running is the report's name in the header and footer of every page, marked SEMENTARA
// while the period runs.
func (d *doc) running() string {
	s := "Laporan SKM " + label(d.f.Period)
	if d.f.Provisional {
		s += " — " + reports.Provisional
	}
	if d.opt.Public {
		s += " — salinan publik"
	}
	return s
}

// header starts every page: the SEMENTARA watermark of a provisional report, under the
// text, and from the second page on the report's name and the agency above a rule.
func (d *doc) header() {
	p := d.pdf
	if d.f.Provisional {
		d.watermark()
	}
	if p.PageNo() == 1 {
		return
	}
	d.font("", 8)
	d.color(grey)
	d.at(marginL, 12)
	p.CellFormat(contentW/2, 4, printable(d.running()), "", 0, "L", false, 0, "")
	p.CellFormat(contentW/2, 4, printable(d.a.ShortName), "", 0, "R", false, 0, "")
	d.draw(ruleGrey)
	p.SetLineWidth(0.2)
	p.Line(marginL, 17, pageW-marginR, 17)
	d.color(black)
	d.draw(black)
}

// footers writes every page's footer once the page count is known: the report's name and
// "Halaman n dari N".
func (d *doc) footers() {
	p := d.pdf
	n := p.PageCount()
	for i := 1; i <= n; i++ {
		p.SetPage(i)
		d.resetFont("", 8)
		d.color(grey)
		d.draw(ruleGrey)
		p.SetLineWidth(0.2)
		p.Line(marginL, pageH-14, pageW-marginR, pageH-14)
		d.at(marginL, pageH-13)
		p.CellFormat(contentW*0.7, 4, printable(d.a.ShortName+" · "+d.running()), "", 0, "L", false, 0, "")
		p.CellFormat(contentW*0.3, 4, "Halaman "+count(i)+" dari "+count(n), "", 0, "R", false, 0, "")
	}
	p.SetPage(n) // the document ends on its last page
	d.color(black)
	d.draw(black)
}

// resetFont sets a font on a page written before: fpdf leaves out a font it believes is
// already set, which on an earlier page may not be.
func (d *doc) resetFont(style string, size float64) {
	d.font(style, size+1)
	d.font(style, size)
}

// room reports whether h more millimetres fit on the page.
func (d *doc) room(h float64) bool { return d.y()+h <= bottom }

// ensure starts a new page unless h more millimetres fit on this one.
func (d *doc) ensure(h float64) {
	if !d.room(h) {
		d.pdf.AddPage()
	}
}

// chapter starts chapter n (0: unnumbered sections) on a new page: its number ("BAB I", or
// "" for none) on a line of its own above its title, centred, in the Daftar Isi and the
// PDF's outline.
func (d *doc) chapter(numeral, title string, n int) {
	d.pdf.AddPage()
	d.chapterNo, d.sectionNo = n, 0
	heading := title
	if numeral != "" {
		heading = numeral + " " + title
	}
	d.mark(0, heading)
	d.font("B", 13)
	if numeral != "" {
		d.pdf.CellFormat(contentW, 7, numeral, "", 1, "C", false, 0, "")
	}
	d.pdf.MultiCell(contentW, 7, printable(title), "", "C", false)
	d.down(5)
	d.font("", bodySize)
}

// section sets a section heading, numbered in a numbered chapter ("1.2 Dasar Hukum"), kept
// on one page with keep millimetres after it (0: four lines), listed in the Daftar Isi.
func (d *doc) section(title string, keep float64) {
	if keep == 0 {
		keep = 4 * lineH
	}
	if d.chapterNo > 0 {
		d.sectionNo++
		title = fmt.Sprintf("%d.%d %s", d.chapterNo, d.sectionNo, title)
	}
	d.down(2)
	d.ensure(7 + keep)
	d.mark(1, title)
	d.font("B", 11)
	d.pdf.MultiCell(contentW, 6, printable(title), "", "L", false)
	d.down(1)
	d.font("", bodySize)
}

// subheading sets a heading inside a section, kept with at least keep millimetres after it.
func (d *doc) subheading(title string, keep float64) {
	d.down(1)
	d.ensure(lineH + 1 + keep)
	d.font("B", bodySize)
	d.pdf.MultiCell(contentW, lineH, printable(title), "", "L", false)
	d.down(0.5)
	d.font("", bodySize)
}

// mark records a heading on the current page for the Daftar Isi and the PDF outline.
func (d *doc) mark(level int, title string) {
	d.toc = append(d.toc, tocEntry{level: level, title: title, page: d.pdf.PageNo()})
	d.pdf.Bookmark(printable(title), level, -1)
}

// para sets a paragraph of body text, breaking pages between lines.
func (d *doc) para(text string) { d.paraAt(marginL, contentW, text) }

// paraAt sets a paragraph at x, w wide.
func (d *doc) paraAt(x, w float64, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.font("", bodySize)
	for _, line := range d.pdf.SplitText(printable(text), w) {
		d.ensure(lineH)
		d.at(x, d.y())
		d.pdf.CellFormat(w, lineH, line, "", 1, "L", false, 0, "")
	}
	d.down(1.8)
}

// note sets a small grey remark.
func (d *doc) note(text string) {
	d.font("I", smallSize)
	d.color(grey)
	for _, line := range d.pdf.SplitText(printable(text), contentW) {
		d.ensure(4.2)
		d.pdf.CellFormat(contentW, 4.2, line, "", 1, "L", false, 0, "")
	}
	d.color(black)
	d.font("", bodySize)
	d.down(1.5)
}

// list sets items with a hanging number ("1.") or, when numbered is false, a bullet.
func (d *doc) list(items []string, numbered bool) {
	const indent = 7.0
	d.font("", bodySize)
	for i, it := range items {
		lines := d.pdf.SplitText(printable(it), contentW-indent)
		d.ensure(lineH * float64(min(len(lines), 2)))
		mark := "•"
		if numbered {
			mark = count(i+1) + "."
		}
		d.at(marginL, d.y())
		d.pdf.CellFormat(indent, lineH, mark, "", 0, "L", false, 0, "")
		for j, line := range lines {
			if j > 0 {
				d.ensure(lineH)
			}
			d.at(marginL+indent, d.y())
			d.pdf.CellFormat(contentW-indent, lineH, line, "", 1, "L", false, 0, "")
		}
		d.down(0.8)
	}
	d.down(1)
}

// staffText sets the staff's own text of a chapter under its sub-heading, paragraph by
// paragraph (blank lines separate them).
func (d *doc) staffText(code, title string) {
	text := strings.ReplaceAll(d.f.Text(code), "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	d.section(title, 0)
	for _, p := range strings.Split(text, "\n\n") {
		d.para(strings.TrimSpace(p))
	}
}

// clipKey is a text cut to a width in a font style and size.
type clipKey struct {
	text, style string
	width, size float64
}

// clip cuts text with "…" to fit a cell w millimetres wide in the font style and size (which
// it sets), remembering the answer: the recap repeats a few service names thousands of times.
func (d *doc) clip(text string, w float64, style string, size float64) string {
	d.font(style, size)
	k := clipKey{text, style, w, size}
	if s, ok := d.clipped[k]; ok {
		return s
	}
	s := printable(text)
	room := w - 2*d.pdf.GetCellMargin()
	if d.width(s) > room {
		r := []rune(s)
		for len(r) > 0 && d.width(string(r)+"…") > room {
			r = r[:len(r)-1]
		}
		s = strings.TrimRight(string(r), " ,") + "…"
	}
	d.clipped[k] = s
	return s
}

// dateShort writes a local date as 05/01/2026.
func dateShort(t time.Time) string { return t.Format("02/01/2006") }

// signedText writes a change in hundredths with its sign: "+6,25", "-0,40", "0,00".
func signedText(h int64) string {
	if h > 0 {
		return "+" + survey.Format100(h)
	}
	return survey.Format100(h)
}
