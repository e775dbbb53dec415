package pdf

import (
	"slices"

	"skm/reports"
	"skm/survey"
)

// results sets BAB III Hasil Survei: the respondent profile, the NRR and IKM per element,
// the answers of each element, the IKM per service, mutu and kinerja, and the comparison
// with the previous period and the same period a year earlier.
func (d *doc) results() {
	f := d.f
	d.chapterOf("hasil", 3)
	d.section("Profil Responden", 0)
	d.profile()
	d.section("Nilai per Unsur Pelayanan", 75) // the table of the nine elements whole
	d.elementTable()
	d.para(ikmSentence(f))
	d.para(strongWeakSentence(f))
	d.para(unansweredSentence(f))
	d.elementChart()
	d.section("Sebaran Jawaban per Unsur", 2*lineH+45) // the first row of charts
	d.distributions()
	d.section("IKM per Layanan", 30)
	d.services()
	d.section("Mutu dan Kinerja Pelayanan", 34)
	d.mutu()
	d.section("Perbandingan dengan Periode Lain", 80) // the table whole
	d.comparison()
	d.staffText("hasil", staffHeading)
}

// profile sets each dimension of the respondent profile as a table beside its bar chart.
func (d *doc) profile() {
	f := d.f
	if f.Tally.Respondents == 0 {
		d.para("Belum ada data profil responden karena belum ada responden.")
		return
	}
	d.para("Identitas responden bersifat sukarela; responden yang tidak mengisi suatu isian dihitung sebagai \"tidak diisi\".")
	for _, dim := range reports.ProfileDimensions {
		counts := reports.ProfileOf(f.Profile, dim.Key)
		var total uint64
		for _, p := range counts {
			total += p.Count
		}
		t := d.newTable(8.5, col{"Kategori", 44, "L"}, col{"Jumlah", 18, "R"}, col{"%", 18, "R"})
		bars := hbars{hi: 100, labelW: 30, textW: 14}
		for _, p := range counts {
			bars.bars = append(bars.bars, bar{reports.ProfileLabel(dim.Key, p.Value), share(p.Count, total), percent(p.Count, total)})
		}
		rows := float64(len(counts)+2) * (t.lh + 2*cellPad)
		d.subheading(dim.Title, max(rows, bars.height())+2)
		top := d.y()
		t.header()
		for _, p := range counts {
			t.row(plain(reports.ProfileLabel(dim.Key, p.Value), count(p.Count), percent(p.Count, total))...)
		}
		t.row(bolded("Jumlah", count(total), percent(total, total))...)
		below := d.y()
		bars.draw(d, marginL+85, top, contentW-85)
		d.at(marginL, max(below, top+bars.height())+1.5)
		d.para(profileSentence(f, dim))
	}
}

// share is part of whole in percent (0 when whole is 0).
func share(part, whole uint64) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

// elementTable sets the NRR, weighted NRR and IKM of every element, the index and the IKM.
func (d *doc) elementTable() {
	k := survey.Compute(d.f.Tally)
	t := d.newTable(8.5, col{"Kode", 11, "C"}, col{"Unsur", 51, "L"}, col{"Jumlah nilai", 17, "R"}, col{"Jumlah jawaban", 18, "R"},
		col{"NRR", 16, "R"}, col{"NRR tertimbang (× 1/9)", 19, "R"}, col{"IKM unsur (× 25)", 19, "R"}, col{"Mutu", 14, "C"})
	t.start(11 * (t.lh + 2*cellPad))
	for _, e := range k.Elements {
		t.row(plain(e.Element.Code(), e.Element.Name(), count(e.Sum), count(e.Answers), nrrText(e.NRR), weightedText(e.NRR),
			elementIKMText(e), e.Mutu.Letter)...)
	}
	index := "–"
	if k.Complete {
		index = survey.FormatDecimal(survey.RoundHalfUp(k.NilaiIndeks, 4), 4)
	}
	t.row(bolded("", "Nilai indeks (jumlah NRR tertimbang)", "", "", "", index, "", "")...)
	t.row(bolded("", "IKM (nilai indeks × 25)", "", "", "", "", ikmText(k), k.Mutu.Letter)...)
	t.end()
}

// elementChart sets the IKM of every element as bars against the mutu thresholds.
func (d *doc) elementChart() {
	k := survey.Compute(d.f.Tally)
	c := mutuScale(62, 18)
	for _, e := range k.Elements {
		text := "–"
		v := 0.0
		if e.NRR != nil {
			text = survey.Format100(e.IKM100) + " (" + e.Mutu.Letter + ")"
			v = float64(e.IKM100) / 100
		}
		c.bars = append(c.bars, bar{elementLabel(e.Element), v, text})
	}
	if len(answered(k)) == 0 {
		return // nothing to draw
	}
	d.chart("Grafik IKM per unsur ("+mutuCaption()+")", c)
}

// distributions sets a chart of the 1–4 answers of every element, two to a row.
func (d *doc) distributions() {
	f := d.f
	if f.Tally.Respondents == 0 {
		d.para("Belum ada jawaban karena belum ada responden.")
		return
	}
	d.para("Setiap grafik menunjukkan berapa responden memilih tiap jawaban pada satu unsur, dengan persentasenya dari jawaban " +
		"yang diberikan untuk unsur itu.")
	k := survey.Compute(f.Tally)
	const gap = 6.0
	w := (contentW - gap) / 2
	for i := 0; i < len(survey.Elements); i += 2 {
		var blocks []hbars
		for j := i; j < min(i+2, len(survey.Elements)); j++ {
			blocks = append(blocks, distribution(f.Answers[j], survey.Elements[j]))
		}
		h := 4.5 + blocks[0].height() + 8
		d.ensure(h)
		top := d.y()
		for j, c := range blocks {
			e := k.Elements[i+j]
			x := marginL + float64(j)*(w+gap)
			d.at(x, top)
			d.chartTitle(x, w, elementLabel(e.Element))
			c.draw(d, x, top+4.5, w)
			d.font("", 7.5)
			d.color(grey)
			d.at(x, top+4.5+c.height()+0.5)
			caption := "Belum ada jawaban"
			if e.NRR != nil {
				caption = count(e.Answers) + " jawaban · NRR " + nrrText(e.NRR) + " · IKM unsur " + survey.Format100(e.IKM100) + " (" +
					e.Mutu.Letter + ")"
			}
			d.pdf.CellFormat(w, 4, caption, "", 0, "L", false, 0, "")
			d.color(black)
		}
		d.at(marginL, top+h)
	}
	d.font("", bodySize)
}

// distribution is the chart of one element's answers, value 1 at the top.
func distribution(answers [4]uint64, e survey.Element) hbars {
	var total uint64
	for _, n := range answers {
		total += n
	}
	labels := answerLabels(e)
	c := hbars{hi: 100, labelW: 39, textW: 17}
	for v, n := range answers {
		c.bars = append(c.bars, bar{count(v+1) + " " + labels[v], share(n, total), count(n) + " (" + percent(n, total) + ")"})
	}
	return c
}

// services sets the IKM of every service as a table and a bar chart.
func (d *doc) services() {
	f := d.f
	type row struct {
		name string
		t    survey.Tally
	}
	var rows []row
	for _, s := range f.Agency.Services {
		r := row{name: s.Name}
		if i := slices.IndexFunc(f.ByService, func(st reports.ServiceTally) bool { return st.Service == s.Code }); i >= 0 {
			r.t = f.ByService[i].Tally
		}
		rows = append(rows, r)
	}
	for _, st := range f.ByService {
		if _, ok := f.Agency.Service(st.Service); !ok {
			rows = append(rows, row{f.Agency.ServiceName(st.Service), st.Tally})
		}
	}
	t := d.newTable(8.5, col{"Layanan", 75, "L"}, col{"Responden", 22, "R"}, col{"IKM", 20, "R"}, col{"Mutu", 16, "C"},
		col{"Kinerja", 32, "L"})
	t.start(3 * (t.lh + 2*cellPad))
	c := mutuScale(62, 18)
	for _, r := range rows {
		k := survey.Compute(r.t)
		t.row(plain(r.name, count(r.t.Respondents), ikmText(k), k.Mutu.Letter, k.Mutu.Kinerja)...)
		if k.Complete {
			c.bars = append(c.bars, bar{r.name, k.RoundedFloat(), ikmText(k) + " (" + k.Mutu.Letter + ")"})
		}
	}
	k := survey.Compute(f.Tally)
	t.row(bolded("Unit pelayanan (semua layanan)", count(f.Tally.Respondents), ikmText(k), k.Mutu.Letter, k.Mutu.Kinerja)...)
	t.end()
	d.para(servicesSentence(f))
	if len(c.bars) > 1 {
		d.chart("Grafik IKM per layanan ("+mutuCaption()+")", c)
	}
}

// mutu sets the period's IKM, mutu and kinerja in a box, and where they stand.
func (d *doc) mutu() {
	k := survey.Compute(d.f.Tally)
	d.ensure(22)
	top := d.y()
	boxes := []struct{ head, value string }{{"IKM", ikmText(k)}, {"Mutu pelayanan", orDash(k.Mutu.Letter)},
		{"Kinerja unit pelayanan", orDash(k.Mutu.Kinerja)}}
	w := contentW / float64(len(boxes))
	for i, b := range boxes {
		x := marginL + float64(i)*w
		d.draw(ruleGrey)
		d.fill(headFill)
		d.pdf.Rect(x+1, top, w-2, 18, "FD")
		d.font("", 8.5)
		d.at(x+1, top+1.5)
		d.pdf.CellFormat(w-2, 4, b.head, "", 0, "C", false, 0, "")
		d.font("B", 16)
		d.at(x+1, top+7)
		d.pdf.CellFormat(w-2, 8, b.value, "", 0, "C", false, 0, "")
	}
	d.draw(black)
	d.font("", bodySize)
	d.at(marginL, top+22)
	d.para(mutuSentence(d.f))
}

// orDash is s, or "–" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// comparison sets the IKM of every element and the total in the previous period, this one
// and the same period a year earlier, with the changes.
func (d *doc) comparison() {
	f := d.f
	cur, prev, ago := survey.Compute(f.Tally), survey.Compute(f.PreviousTally), survey.Compute(f.YearAgoTally)
	t := d.newTable(8.5, col{"Unsur", 55, "L"}, col{label(f.Previous), 22, "R"}, col{label(f.Period), 22, "R"}, col{"Perubahan", 22, "R"},
		col{label(f.YearAgo), 22, "R"}, col{"Perubahan", 22, "R"})
	t.start(12 * (t.lh + 2*cellPad))
	change := func(a, b survey.ElementScore) string {
		if a.NRR == nil || b.NRR == nil {
			return "–"
		}
		return signedText(a.IKM100 - b.IKM100)
	}
	for i, e := range cur.Elements {
		p, y := prev.Elements[i], ago.Elements[i]
		t.row(plain(elementLabel(e.Element), elementIKMText(p), elementIKMText(e), change(e, p), elementIKMText(y), change(e, y))...)
	}
	total := func(a, b survey.IKM) string {
		if !a.Complete || !b.Complete {
			return "–"
		}
		return signedText(a.Rounded100 - b.Rounded100)
	}
	t.row(bolded("IKM", ikmText(prev), ikmText(cur), total(cur, prev), ikmText(ago), total(cur, ago))...)
	t.row(plain("Jumlah responden", count(f.PreviousTally.Respondents), count(f.Tally.Respondents),
		countChange(f.Tally.Respondents, f.PreviousTally.Respondents), count(f.YearAgoTally.Respondents),
		countChange(f.Tally.Respondents, f.YearAgoTally.Respondents))...)
	t.end()
	d.note("Nilai unsur dan IKM pada skala 25–100; perubahan dihitung dari nilai yang ditampilkan; \"–\" berarti periode itu " +
		"tidak memiliki data.")
	d.para(previousSentence(f))
	d.para(elementChangeSentence(f))
	d.para(yearAgoSentence(f))
}

// countChange writes the change of a count with its sign ("+12", "-3", "0").
func countChange(cur, prev uint64) string {
	if cur > prev {
		return "+" + count(cur-prev)
	}
	if cur < prev {
		return "-" + count(prev-cur)
	}
	return "0"
}
