package pdf

import (
	"strconv"

	"skm/survey"
)

// analysis sets BAB IV Analisis dan Rencana Tindak Lanjut: the priority elements with their
// evidence, the saran, the follow-up plan (RTL) and how much of the previous plan was done.
func (d *doc) analysis() {
	f := d.f
	d.chapterOf("analisis", 4)
	d.section("Unsur Prioritas Perbaikan", 0)
	d.para(prioritySentence(f))
	for _, e := range priorities(survey.Compute(f.Tally)) {
		d.subheading(elementLabel(e.Element), 3*lineH)
		for _, s := range elementFindings(f, e, d.opt.Public) {
			d.para(s)
		}
	}
	d.section("Saran dan Masukan Responden", 0)
	d.para(saranSentence(f))
	if d.opt.Public {
		d.para(publicSaranNote)
	}
	d.section("Rencana Tindak Lanjut", 0)
	d.para(followUpSentence(f))
	d.followUpTable()
	d.section("Tindak Lanjut Periode Sebelumnya", 0)
	d.para(previousFollowUpSentence(f))
	d.staffText("analisis", staffHeading)
}

// publicSaranNote stands in the public copy where the saran texts would be.
const publicSaranNote = "Teks saran tidak dimuat dalam salinan publik ini karena dapat memuat data pribadi, seperti nama atau " +
	"nomor telepon; teks lengkapnya disimpan oleh unit pelayanan. Jumlah dan tema saran tetap disajikan."

// followUpTable sets the period's RTL: No | Unsur | Program/kegiatan | TW I–IV with the
// target quarter shaded and its year in it | Penanggung jawab | Status.
func (d *doc) followUpTable() {
	items := d.f.FollowUps
	if len(items) == 0 {
		return
	}
	t := d.newTable(8, col{"No", 8, "C"}, col{"Unsur", 24, "L"}, col{"Program/kegiatan", 45, "L"}, col{"I", 9, "C"},
		col{"II", 9, "C"}, col{"III", 9, "C"}, col{"IV", 9, "C"}, col{"Penanggung jawab", 28, "L"}, col{"Status", 24, "L"})
	t.groups = []group{{3, 6, "Waktu (TW)"}}
	t.start(2 * (2*t.lh + 2*cellPad))
	for i, it := range items {
		element := "Umum"
		if e, ok := survey.ElementByCode(it.Element); ok {
			element = elementLabel(e)
		}
		row := plain(count(i+1), element, it.Action, "", "", "", "", it.PersonInCharge, statusText(it))
		if q, err := survey.ParsePeriod(it.TargetQuarter); err == nil && q.Kind == survey.Quarter {
			row[2+q.N] = cell{text: strconv.Itoa(q.Year), shade: true}
		}
		t.row(row...)
	}
	t.end()
	d.note("Sel berarsir menandai triwulan target pelaksanaan beserta tahunnya.")
}

// statusText words an item's status with its progress: "berjalan, 40 %".
func statusText(it survey.FollowUp) string {
	switch it.Status {
	case survey.StatusOngoing, survey.StatusPlanned:
		if it.Progress > 0 {
			return it.Status + ", " + survey.FormatPercent(float64(it.Progress), 0)
		}
	}
	return it.Status
}
