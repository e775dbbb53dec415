package pdf

import (
	"strings"

	"skm/reports"
	"skm/survey"
)

// closing sets BAB V Penutup: conclusions and recommendations, the staff's text, and the
// head's signature block — or, while the period runs, the note that the report is not for
// signing.
func (d *doc) closing() {
	f := d.f
	d.chapterOf("penutup", 5)
	d.section("Kesimpulan", 0)
	d.list(conclusions(f), true)
	d.section("Rekomendasi", 0)
	d.list(recommendations(f), true)
	d.staffText("penutup", staffHeading)
	if f.Provisional {
		d.provisionalNote()
		return
	}
	d.signature()
}

// provisionalNote stands where the signature of a final report goes.
func (d *doc) provisionalNote() {
	d.down(6)
	d.ensure(16)
	d.font("B", bodySize)
	d.draw(black)
	d.pdf.SetLineWidth(0.3)
	d.pdf.MultiCell(contentW, lineH+0.5, printable(reports.ProvisionalNote), "1", "C", false)
	d.font("", bodySize)
}

// signature sets the head's signature block at the right, whole on one page: the place and
// date, the head's title, room to sign, the name (bold, underlined; a dotted line to write
// it on when the standard names nobody), the rank and the NIP when given.
func (d *doc) signature() {
	const w = 80.0
	x := marginL + contentW - w
	head := d.a.Head
	d.down(8)
	d.font("", bodySize)
	titleLines := len(d.pdf.SplitText(printable(head.Title), w))
	d.ensure(float64(titleLines+5)*lineH + 22)
	place := ""
	if d.a.City != "" {
		place = d.a.City + ", "
	}
	line := func(text, style string) {
		d.font(style, bodySize)
		for _, l := range d.pdf.SplitText(printable(text), w) {
			d.at(x, d.y())
			d.pdf.CellFormat(w, lineH, l, "", 1, "C", false, 0, "")
		}
	}
	line(place+survey.DateLabel(d.f.Now, survey.ID), "")
	line(head.Title, "")
	d.down(22)
	if name := strings.TrimSpace(head.Name); name != "" {
		line(name, "BU")
	} else {
		line("(.......................................)", "")
	}
	if head.Rank != "" {
		line(head.Rank, "")
	}
	if nip := strings.TrimSpace(head.NIP); nip != "" {
		if !strings.HasPrefix(strings.ToUpper(nip), "NIP") {
			nip = "NIP. " + nip
		}
		line(nip, "")
	}
	d.font("", bodySize)
}
