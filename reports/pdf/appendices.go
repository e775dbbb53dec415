package pdf

import (
	"context"
	"fmt"
	"strings"

	"skm/reports"
	"skm/survey"
)

// appendices sets the Lampiran: the questionnaire, the per-respondent recap (streamed from
// src), the saran (their texts only in the agency's own copy) and the saran themes.
func (d *doc) appendices(ctx context.Context, src Source) error {
	d.chapter("", "LAMPIRAN", 0)
	d.section("Lampiran 1 Kuesioner Survei Kepuasan Masyarakat", 0)
	d.questionnaire()
	d.pdf.AddPage()
	d.section("Lampiran 2 Rekapitulasi Jawaban per Responden", 0)
	if err := d.recap(ctx, src); err != nil {
		return err
	}
	d.pdf.AddPage()
	d.section("Lampiran 3 Saran dan Masukan Responden", 0)
	d.saranList()
	d.section("Lampiran 4 Tema Saran dan Masukan", 30)
	d.themeTable()
	return nil
}

const box = "□"

// options sets a labelled line of choices, each after a box, wrapped as needed.
func (d *doc) options(label string, choices []string) {
	var parts []string
	for _, c := range choices {
		parts = append(parts, box+" "+c)
	}
	d.para(label + ":   " + strings.Join(parts, "     "))
}

// questionnaire sets the questionnaire as residents fill it in: the identity questions, the
// nine questions in the official order with their four answers, and the saran.
func (d *doc) questionnaire() {
	d.subheading("Identitas responden", 4*lineH)
	d.para("Umur:  ........ tahun")
	var genders []string
	for _, g := range survey.Genders {
		genders = append(genders, survey.GenderName(g))
	}
	d.options("Jenis kelamin", genders)
	d.options("Pendidikan terakhir", survey.Educations)
	d.options("Pekerjaan utama", survey.Occupations)
	d.options("Jenis layanan yang diterima", serviceNames(d.f))
	d.para("Tanggal survei:  ....../....../..........     Jam survei:   " + box + " 08.00–12.00     " + box + " 13.00–17.00")
	d.subheading("Pendapat responden tentang pelayanan", 5*lineH)
	d.note("Pilih satu jawaban untuk setiap pertanyaan; jawaban a bernilai 1, b bernilai 2, c bernilai 3 dan d bernilai 4.")
	const indent = 7.0
	half := (contentW - indent) / 2
	for _, q := range survey.Questionnaire(survey.ID) {
		lines := d.pdf.SplitText(printable(q.Text), contentW-indent)
		d.ensure(float64(len(lines)+2)*lineH + 2)
		d.font("B", bodySize)
		d.at(marginL, d.y())
		d.pdf.CellFormat(indent, lineH, count(q.Number)+".", "", 0, "L", false, 0, "")
		for _, l := range lines {
			d.at(marginL+indent, d.y())
			d.pdf.CellFormat(contentW-indent, lineH, l, "", 1, "L", false, 0, "")
		}
		d.font("", bodySize)
		for i, l := range q.Labels {
			x := marginL + indent + float64(i%2)*half
			d.at(x, d.y())
			d.pdf.CellFormat(half, lineH, fmt.Sprintf("%s %c. %s", box, 'a'+i, l), "", 0, "L", false, 0, "")
			if i%2 == 1 {
				d.down(lineH)
			}
		}
		d.down(2)
	}
	d.subheading("Saran dan masukan", 4*lineH)
	for range 3 {
		d.para(strings.Repeat(".", 150))
	}
}

// answerTexts are the cells of answers 0 (none) to 4.
var answerTexts = [5]string{"", "1", "2", "3", "4"}

// recap sets one row per respondent (No, tanggal, layanan, U1…U9), streamed from src with
// the header on every page, then the totals, NRR and IKM of the rows listed.
func (d *doc) recap(ctx context.Context, src Source) error {
	d.note("Kolom U1–U9 berisi nilai jawaban 1–4; sel kosong berarti unsur tidak dijawab (kuesioner kertas) dan tidak dihitung " +
		"dalam NRR unsur itu.")
	cols := []col{{"No", 11, "R"}, {"Tanggal", 18, "C"}, {"Layanan", 46, "L"}}
	for _, e := range survey.Elements {
		cols = append(cols, col{e.Code(), 10, "C"})
	}
	t := d.newTable(7.5, cols...)
	t.single = true
	t.start(3 * (t.lh + 2*cellPad))
	var tally survey.Tally
	cells := make([]cell, len(cols))
	err := src.EachResponse(ctx, survey.Scope{Agency: d.a.Code, Period: d.f.Period}, func(r *reports.ResponseRow) error {
		tally.Respondents++
		cells[0].text = count(tally.Respondents)
		cells[1].text = dateShort(r.Date)
		cells[2].text = d.a.ServiceName(r.Service)
		for i, v := range r.Answers {
			if v >= 1 && v <= 4 {
				tally.Sum[i] += uint64(v)
				tally.Answers[i]++
			} else {
				v = 0
			}
			cells[3+i].text = answerTexts[v]
		}
		t.row(cells...)
		return ctx.Err()
	})
	if err != nil {
		return fmt.Errorf("recap: %w", err)
	}
	if tally.Respondents == 0 {
		t.single = false
		row := make([]cell, len(cols))
		row[2].text = "Belum ada responden dalam periode ini."
		t.row(row...)
		t.end()
		return nil
	}
	t.single = false
	k := survey.Compute(tally)
	lines := []struct {
		label string
		value func(e survey.ElementScore) string
	}{
		{"Jumlah nilai", func(e survey.ElementScore) string { return count(e.Sum) }},
		{"Jumlah jawaban", func(e survey.ElementScore) string { return count(e.Answers) }},
		{"NRR", func(e survey.ElementScore) string { return nrrText(e.NRR) }},
		{"NRR tertimbang", func(e survey.ElementScore) string { return weightedText(e.NRR) }},
		{"IKM unsur", func(e survey.ElementScore) string { return elementIKMText(e) }},
	}
	t.size, t.lh = 6, 6*0.42 // "0,3889" fits the column
	for _, l := range lines {
		row := make([]cell, len(cols))
		row[2] = cell{text: l.label, bold: true}
		for i, e := range k.Elements {
			row[3+i] = cell{text: l.value(e), bold: true}
		}
		t.row(row...)
	}
	t.end()
	if k.Complete {
		index := survey.FormatDecimal(survey.RoundHalfUp(k.NilaiIndeks, 4), 4)
		d.para(fmt.Sprintf("Nilai indeks = %s; IKM = %s × 25 = %s; mutu pelayanan %s.", index, index, ikmText(k), mutuWords(k.Mutu)))
	}
	return nil
}

// saranList lists the saran, newest first, with their date and service — in the public copy
// only their number and the note that the unit keeps them.
func (d *doc) saranList() {
	f := d.f
	d.para(saranSentence(f))
	if d.opt.Public {
		d.para(publicSaranNote)
		return
	}
	if len(f.Sarans) == 0 {
		return
	}
	if len(f.Sarans) >= reports.MaxSemesterSaran && f.Themes.Total > uint64(len(f.Sarans)) {
		d.note(fmt.Sprintf("Ditampilkan %s saran terbaru dari %s; semuanya ada di ekspor respons.", count(len(f.Sarans)),
			count(f.Themes.Total)))
	}
	t := d.newTable(8, col{"No", 10, "R"}, col{"Tanggal", 19, "C"}, col{"Layanan", 42, "L"}, col{"Saran", 94, "L"})
	t.start(2 * (t.lh + 2*cellPad))
	for i, s := range f.Sarans {
		t.row(plain(count(i+1), dateShort(s.At.In(d.a.Location)), d.a.ServiceName(s.Service), strings.TrimSpace(s.Text))...)
	}
	t.end()
}

// themeTable lists every saran theme with its element, count and share of all saran.
func (d *doc) themeTable() {
	th := d.f.Themes
	t := d.newTable(8.5, col{"No", 10, "R"}, col{"Tema", 75, "L"}, col{"Unsur", 25, "C"}, col{"Jumlah saran", 25, "R"},
		col{"% dari semua saran", 30, "R"})
	t.start(3 * (t.lh + 2*cellPad))
	for i, x := range th.Themes {
		t.row(plain(count(i+1), x.Label, orDash(x.Element), count(x.Count), percent(x.Count, th.Total))...)
	}
	t.row(bolded("", "Jumlah saran", "", count(th.Total), "")...)
	t.end()
	d.note("Satu saran dapat masuk ke lebih dari satu tema, sehingga jumlah per tema dapat melebihi jumlah saran.")
}
