package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"skm/reports"
	"skm/survey"
)

// letterhead sets the agency's kop surat at the top of the page: the government it belongs
// to in capitals, the agency's name in bold, its address and contacts, and a double rule.
func (d *doc) letterhead() {
	p := d.pdf
	d.at(marginL, 14)
	if d.a.Parent != "" {
		d.font("", 12)
		p.MultiCell(contentW, 5.5, printable(strings.ToUpper(d.a.Parent)), "", "C", false)
	}
	d.font("B", 14)
	p.MultiCell(contentW, 6.5, printable(strings.ToUpper(d.a.Name)), "", "C", false)
	d.font("", 9)
	if d.a.Address != "" {
		p.MultiCell(contentW, 4.5, printable(d.a.Address), "", "C", false)
	}
	if c := reports.ContactLine(d.a.Contact); c != "" {
		p.MultiCell(contentW, 4.5, printable(c), "", "C", false)
	}
	y := d.y() + 1.5
	p.SetLineWidth(0.8)
	p.Line(marginL, y, pageW-marginR, y)
	p.SetLineWidth(0.25)
	p.Line(marginL, y+1.2, pageW-marginR, y+1.2)
	d.at(marginL, y+6)
	d.font("", bodySize)
}

// cover sets the first page: the letterhead, the report's title, agency, period and year.
func (d *doc) cover() {
	p := d.pdf
	p.AddPage()
	d.letterhead()
	d.at(marginL, 82)
	d.font("B", 20)
	p.MultiCell(contentW, 10, "LAPORAN\nSURVEI KEPUASAN MASYARAKAT", "", "C", false)
	d.down(4)
	d.font("", 12)
	p.MultiCell(contentW, 6, "Berdasarkan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017",
		"", "C", false)
	d.down(10)
	d.font("B", 15)
	p.MultiCell(contentW, 7.5, strings.ToUpper(label(d.f.Period)), "", "C", false)
	d.font("", 11)
	p.MultiCell(contentW, 6, periodDates(d.f.Period), "", "C", false)
	if d.f.Provisional {
		d.down(8)
		d.font("B", 12)
		d.draw(black)
		p.SetLineWidth(0.4)
		d.at(marginL+25, d.y())
		p.MultiCell(contentW-50, 6.5, printable(reports.Provisional+"\nperiode belum berakhir pada "+survey.DateLabel(d.f.Now, survey.ID)+
			"; angka dapat berubah"), "1", "C", false)
	}
	if d.opt.Public {
		d.down(6)
		d.font("I", 10)
		p.MultiCell(contentW, 5, "Salinan publik: teks saran responden tidak dimuat.", "", "C", false)
	}
	d.at(marginL, 225)
	d.font("B", 13)
	p.MultiCell(contentW, 6.5, printable(strings.ToUpper(d.a.Name)), "", "C", false)
	d.font("", 12)
	if d.a.City != "" {
		p.MultiCell(contentW, 6, printable(strings.ToUpper(d.a.City)), "", "C", false)
	}
	p.MultiCell(contentW, 6, "TAHUN "+strconv.Itoa(d.f.Period.Year), "", "C", false)
	d.font("", bodySize)
}

// foreword sets the Kata Pengantar.
func (d *doc) foreword() {
	d.chapter("", "KATA PENGANTAR", 0)
	d.para(fmt.Sprintf("Laporan ini menyajikan hasil Survei Kepuasan Masyarakat (SKM) %s pada %s. Survei disusun dan diolah "+
		"berdasarkan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman "+
		"Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.", d.a.Name, label(d.f.Period)))
	d.para("Hasil survei menggambarkan pendapat pengguna layanan atas sembilan unsur pelayanan. Unsur dengan nilai terendah " +
		"menjadi dasar rencana tindak lanjut perbaikan pelayanan, dan hasil survei dipublikasikan kepada masyarakat.")
	d.para("Terima kasih kami sampaikan kepada seluruh pengguna layanan yang telah meluangkan waktu mengisi kuesioner, serta kepada " +
		"semua pihak yang membantu pelaksanaan survei ini. Semoga laporan ini bermanfaat bagi peningkatan kualitas pelayanan publik.")
}

// TOC layout, millimetres.
const (
	tocTop    = marginT + 16
	tocLine   = 6.0
	tocIndent = 8.0
	tocNumber = 12.0
)

// tocPerPage is how many headings a page of the Daftar Isi holds (later pages start higher
// but are counted as the first).
var tocPerPage = int(math.Floor((bottom - tocTop) / tocLine))

// plannedHeadings is how many headings the Daftar Isi lists: Kata Pengantar, Daftar Isi, the
// five chapters with their sections (and the staff's text where there is one) and the
// appendices. The test of the Daftar Isi holds it to the headings set.
func plannedHeadings(f *reports.SemesterFigures) int {
	n := 2 + 5 + (4 + 5 + 6 + 4 + 2) + 1 + 4
	for _, c := range survey.ReportChapters {
		if strings.TrimSpace(f.Text(c.Code)) != "" {
			n++
		}
	}
	return n
}

// reserveTOC adds the pages of the Daftar Isi, to be written once every heading's page is
// known, and returns the first.
func (d *doc) reserveTOC() int {
	pages := (plannedHeadings(d.f) + tocPerPage - 1) / tocPerPage
	d.chapter("", "DAFTAR ISI", 0)
	first := d.pdf.PageNo()
	for range pages - 1 {
		d.pdf.AddPage()
	}
	return first
}

// fillTOC writes the Daftar Isi on its reserved pages from first on: every heading with its
// page, level-1 headings indented, with dot leaders.
func (d *doc) fillTOC(first int) {
	p := d.pdf
	page, y := first, tocTop
	p.SetPage(page)
	for _, e := range d.toc {
		if y+tocLine > bottom {
			page++
			if page > p.PageCount() || page-first >= (len(d.toc)+tocPerPage-1)/tocPerPage {
				p.SetError(fmt.Errorf("the Daftar Isi has %d headings, more than its pages hold", len(d.toc)))
				return
			}
			p.SetPage(page)
			y = marginT
		}
		x, style := marginL, "B"
		if e.level > 0 {
			x, style = marginL+tocIndent, ""
		}
		d.resetFont(style, bodySize)
		title := d.clip(e.title, contentW-tocNumber-(x-marginL)-6, style, bodySize)
		d.at(x, y)
		tw := d.width(title) + 2*p.GetCellMargin()
		p.CellFormat(tw, tocLine, title, "", 0, "L", false, 0, "")
		dots := ""
		if room := marginL + contentW - tocNumber - (x + tw); room > 2 {
			d.font("", bodySize)
			n := int(room / d.width(" ."))
			dots = strings.Repeat(" .", n)
			d.at(marginL+contentW-tocNumber-d.width(dots)-p.GetCellMargin(), y)
			d.color(grey)
			p.CellFormat(d.width(dots)+p.GetCellMargin(), tocLine, dots, "", 0, "L", false, 0, "")
			d.color(black)
		}
		d.font(style, bodySize)
		d.at(marginL+contentW-tocNumber, y)
		p.CellFormat(tocNumber, tocLine, count(e.page), "", 0, "R", false, 0, "")
		y += tocLine
	}
}
