package xlsx

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Sheet names the tests and staff refer to.
const (
	SheetSummary    = "Ringkasan"
	SheetProcessing = "Pengolahan"
	SheetThemes     = "Tema Saran"
)

// Labels of the per-respondent sheet's rows below the respondents; the tests find them.
const (
	RowSum      = "Jumlah nilai per unsur"
	RowAnswers  = "Jumlah jawaban per unsur"
	RowNRR      = "NRR per unsur"
	RowElemIKM  = "IKM per unsur (NRR × 25)"
	RowWeighted = "NRR tertimbang (NRR × 1/9)"
	RowIndex    = "Nilai indeks (jumlah NRR tertimbang)"
	RowIKM      = "IKM (nilai indeks × 25)"
	RowRounded  = "IKM dibulatkan (2 desimal)"
	RowMutu     = "Mutu pelayanan"
	RowKinerja  = "Kinerja unit pelayanan"
)

// Semester writes the SKM report of an agency's survey period to w: the summary with the
// letterhead, the index, its elements and a signature block; the per-respondent sheet
// ("Pengolahan IKM per responden dan per unsur") with totals, NRR, weighted NRR and IKM as
// formulas; the IKM per service; the respondent profile; the comparison with the previous
// period; the saran and their themes; and the follow-up plan. now dates the signature; progress, when not
// nil, is called with the respondents written so far.
func Semester(ctx context.Context, src Source, a *standard.Agency, period survey.Period, now time.Time, w io.Writer, progress func(rows int)) error {
	d, err := src.Semester(ctx, a, period, now)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// A period not yet ended gives provisional figures: marked SEMENTARA on every printed
	// page (the footer carries the title) and never offered for signature.
	b, err := newBook(a, "Laporan SKM "+period.Label(survey.ID), d.Provisional)
	if err != nil {
		return err
	}
	defer b.f.Close()
	fail := func(err error) error { return fmt.Errorf("xlsx: SKM report %s %s: %w", a.Code, period, err) }
	if err := b.semesterSummary(d, now); err != nil {
		return fail(err)
	}
	if err := b.processing(ctx, src, d, progress); err != nil {
		return fail(err)
	}
	for _, step := range []func(*reports.SemesterFigures) error{b.perService, b.profileSheet, b.comparison} {
		if err := step(d); err != nil {
			return fail(err)
		}
	}
	if err := b.saranSheet(d.Sarans, "Periode "+period.Label(survey.ID), len(d.Sarans) == reports.MaxSemesterSaran); err != nil {
		return fail(err)
	}
	if err := b.themeSheet(d.Themes, "Periode "+period.Label(survey.ID)); err != nil {
		return fail(err)
	}
	if err := b.followUpSheet(d.FollowUps, period); err != nil {
		return fail(err)
	}
	full := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return fail(err)
	}
	b.f.SetActiveSheet(0)
	if err := b.save(w); err != nil {
		return fail(err)
	}
	return nil
}

// Summary labels of the semester report.
const (
	SummaryRespondents = "Jumlah responden"
	SummaryPopulation  = "Populasi (pengguna layanan dalam periode)"
	SummarySample      = "Sampel minimum (Krejcie-Morgan)"
	SummaryIKM         = "Indeks Kepuasan Masyarakat (IKM)"
	SummaryMutu        = "Mutu pelayanan"
	SummaryRevised     = "Direvisi"
)

func (b *book) semesterSummary(d *reports.SemesterFigures, now time.Time) error {
	name := SheetSummary
	if err := b.addSheet(sheet{name: name, widths: []float64{8, 44, 14, 14, 12, 14, 12, 18}}, false); err != nil {
		return err
	}
	w := b.writer(name, 8)
	status := " · laporan final"
	if d.Provisional {
		status = " · periode belum berakhir, angka dapat berubah"
	}
	w.letterhead("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT", "Periode "+d.Period.Label(survey.ID)+" · PermenPANRB Nomor 14 Tahun 2017"+status)
	s := b.s
	v, k := ikmValue(d.Tally)
	w.put(cell{nil, 0}, cell{SummaryRespondents, s.text}, cell{d.Tally.Respondents, s.integer})
	var pop, sample any
	if d.Population > 0 {
		pop, sample = d.Population, survey.SampleSize(d.Population)
	}
	w.put(cell{nil, 0}, cell{SummaryPopulation, s.text}, cell{pop, s.integer})
	w.put(cell{nil, 0}, cell{SummarySample, s.text}, cell{sample, s.integer})
	w.put(cell{nil, 0}, cell{SummaryIKM, s.text}, cell{v, s.totalDec2})
	w.put(cell{nil, 0}, cell{SummaryMutu, s.text}, cell{k.Mutu.Letter, s.bold}, cell{k.Mutu.Kinerja, s.bold})
	if r := d.Revision; r.Responses > 0 {
		w.put(cell{nil, 0}, cell{SummaryRevised, s.text}, cell{"Hasil periode ini " + r.Clause(b.agency.Location), s.bold})
	}
	w.skip(1)
	if _, err := b.elementTable(w, d.Tally); err != nil {
		return err
	}
	w.skip(1)
	w.put(cell{nil, 0}, cell{"Rincian per responden dan rumusnya: lembar " + SheetProcessing + ".", 0})
	w.closing(6, now.In(b.agency.Location))
	return w.err
}

// processing streams the per-respondent sheet: one row per respondent, one column per
// element (blank where a paper form left it unanswered), then the totals, NRR, weighted
// NRR, index and IKM as formulas over those rows, each with its value as we compute it.
func (b *book) processing(ctx context.Context, src Source, d *reports.SemesterFigures, progress func(int)) error {
	name := SheetProcessing
	// The date column holds "30 September 2026" (d mmmm yyyy): 12 printed "###". The
	// service's column holds the longest name on one line where the page allows; a longer
	// one wraps.
	widths := []float64{7, 19, b.serviceWidth(30, 56), 6, 6, 6, 6, 6, 6, 6, 6, 6}
	if err := b.addSheet(sheet{name: name, widths: widths}, true); err != nil {
		return err
	}
	const headerRow = 4
	if err := b.printTitles(name, headerRow); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	s := b.s
	put := func(row int, cells []any) error {
		ref, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(ref, cells)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: headerRow, TopLeftCell: "D5", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := put(1, []any{excelize.Cell{StyleID: s.title, Value: "PENGOLAHAN IKM PER RESPONDEN DAN PER UNSUR PELAYANAN"}}); err != nil {
		return err
	}
	if err := put(2, []any{excelize.Cell{StyleID: s.subtitle, Value: b.agency.Name + " · periode " + d.Period.Label(survey.ID)}}); err != nil {
		return err
	}
	for _, row := range []string{"1", "2"} {
		if err := sw.MergeCell("A"+row, "L"+row); err != nil {
			return err
		}
	}
	head := []any{excelize.Cell{StyleID: s.header, Value: "No"}, excelize.Cell{StyleID: s.header, Value: "Tanggal"},
		excelize.Cell{StyleID: s.header, Value: "Layanan"}}
	for _, e := range survey.Elements {
		head = append(head, excelize.Cell{StyleID: s.header, Value: e.Code()})
	}
	if err := put(headerRow, head); err != nil {
		return err
	}
	row := headerRow
	cells := make([]any, 12)
	err = src.EachResponse(ctx, survey.Scope{Agency: b.agency.Code, Period: d.Period}, func(r *reports.ResponseRow) error {
		row++
		n := row - headerRow
		cells[0] = excelize.Cell{StyleID: s.integer, Value: n}
		cells[1] = excelize.Cell{StyleID: s.date, Value: r.Date}
		svc := serviceName(b.agency, r.Service)
		cells[2] = excelize.Cell{StyleID: s.wrap, Value: svc}
		for i, v := range r.Answers {
			c := excelize.Cell{StyleID: s.integer}
			if v > 0 {
				c.Value = v
			}
			cells[3+i] = c
		}
		if progress != nil && n%1000 == 0 {
			progress(n)
		}
		ref, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(ref, cells, excelize.RowOpts{Height: b.cellHeight(svc, s.wrap, widths[2])})
	})
	if err != nil {
		return err
	}
	respondents := row - headerRow
	if progress != nil {
		progress(respondents)
	}
	row++
	if respondents == 0 {
		if err := put(row+1, []any{nil, "Belum ada responden dalam periode ini."}); err != nil {
			return err
		}
		return sw.Flush()
	}
	k := survey.Compute(d.Tally)
	first, last := headerRow+1, headerRow+respondents
	// The rows below the respondents, each a formula per element column (D…L) with the value
	// we compute, so a reader that does not calculate still shows the right figure.
	type line struct {
		label   string
		style   int
		formula func(col string) string
		value   func(e survey.ElementScore) any
	}
	rows := map[string]int{}
	lines := []line{
		{RowSum, s.totalInt, func(c string) string { return fmt.Sprintf("SUM(%s%d:%s%d)", c, first, c, last) },
			func(e survey.ElementScore) any { return e.Sum }},
		{RowAnswers, s.totalInt, func(c string) string { return fmt.Sprintf("COUNT(%s%d:%s%d)", c, first, c, last) },
			func(e survey.ElementScore) any { return e.Answers }},
		{RowNRR, s.totalNRR, func(c string) string { return fmt.Sprintf("%s%d/%s%d", c, rows[RowSum], c, rows[RowAnswers]) },
			func(e survey.ElementScore) any { return e.NRRFloat() }},
		{RowElemIKM, s.totalDec2, func(c string) string { return fmt.Sprintf("ROUND(%s%d*25,2)", c, rows[RowNRR]) },
			func(e survey.ElementScore) any { return float64(e.IKM100) / 100 }},
		{RowWeighted, s.weighted, func(c string) string { return fmt.Sprintf("%s%d/9", c, rows[RowNRR]) },
			func(e survey.ElementScore) any { return e.NRRFloat() / 9 }},
	}
	for _, ln := range lines {
		rows[ln.label] = row
		out := []any{excelize.Cell{StyleID: s.bold, Value: ln.label}, nil, nil}
		for i, e := range k.Elements {
			col, _ := excelize.ColumnNumberToName(4 + i)
			c := excelize.Cell{StyleID: ln.style, Formula: ln.formula(col)}
			if e.Answers > 0 {
				c.Value = ln.value(e)
			}
			out = append(out, c)
		}
		if err := put(row, out); err != nil {
			return err
		}
		row++
	}
	// The index and the IKM in column D.
	single := func(label, formula string, style int, value any) error {
		rows[label] = row
		c := excelize.Cell{StyleID: style, Formula: formula}
		if k.Complete {
			c.Value = value
		}
		err := put(row, []any{excelize.Cell{StyleID: s.bold, Value: label}, nil, nil, c})
		row++
		return err
	}
	var index, exact float64
	if k.Complete {
		index, _ = k.NilaiIndeks.Float64()
		exact = k.Float()
	}
	if err := single(RowIndex, fmt.Sprintf("SUM(D%d:L%d)", rows[RowWeighted], rows[RowWeighted]), s.weighted, index); err != nil {
		return err
	}
	if err := single(RowIKM, fmt.Sprintf("D%d*25", rows[RowIndex]), s.totalDec2, exact); err != nil {
		return err
	}
	if err := single(RowRounded, fmt.Sprintf("ROUND(D%d,2)", rows[RowIKM]), s.totalDec2, k.RoundedFloat()); err != nil {
		return err
	}
	r := rows[RowRounded]
	if err := single(RowMutu, fmt.Sprintf(`IF(D%d>=88.31,"A",IF(D%d>=76.61,"B",IF(D%d>=65,"C","D")))`, r, r, r), s.bold, k.Mutu.Letter); err != nil {
		return err
	}
	if err := single(RowKinerja, fmt.Sprintf(`IF(D%d>=88.31,"Sangat Baik",IF(D%d>=76.61,"Baik",IF(D%d>=65,"Kurang Baik","Tidak Baik")))`, r, r, r),
		s.bold, k.Mutu.Kinerja); err != nil {
		return err
	}
	row++
	note := "Bobot setiap unsur tepat 1/9 (PermenPANRB 14/2017); kolom kosong berarti unsur tidak dijawab dan tidak dihitung dalam NRR unsur itu."
	if err := put(row, []any{note}); err != nil {
		return err
	}
	return sw.Flush()
}

func (b *book) perService(d *reports.SemesterFigures) error {
	const name = "Per Layanan"
	if err := b.addSheet(sheet{name: name, widths: []float64{36, 11, 7, 7, 7, 7, 7, 7, 7, 7, 7, 9, 7}}, true); err != nil {
		return err
	}
	w := b.writer(name, 13)
	w.letterhead("NRR DAN IKM PER LAYANAN", "Periode "+d.Period.Label(survey.ID))
	s := b.s
	head := []cell{{"Layanan", s.header}, {"Responden", s.header}}
	for _, e := range survey.Elements {
		head = append(head, cell{e.Code(), s.header})
	}
	w.header(append(head, cell{"IKM", s.header}, cell{"Mutu", s.header})...)
	rowOf := func(label string, t survey.Tally, bold bool) {
		k := survey.Compute(t)
		cells := []cell{{label, s.wrap}, {t.Respondents, s.integer}}
		for _, e := range k.Elements {
			var v any
			if e.NRR != nil {
				v = e.NRRFloat()
			}
			cells = append(cells, cell{v, s.nrr})
		}
		v, _ := ikmValue(t)
		style := s.dec2
		if bold {
			style = s.totalDec2
		}
		w.put(append(cells, cell{v, style}, cell{k.Mutu.Letter, s.text})...)
	}
	for _, st := range d.ByService {
		rowOf(serviceName(b.agency, st.Service), st.Tally, false)
	}
	rowOf("Unit pelayanan (semua layanan)", d.Tally, true)
	return w.err
}

func (b *book) profileSheet(d *reports.SemesterFigures) error {
	const name = "Profil Responden"
	// Wide enough for the letterhead on two lines at most, on portrait paper.
	if err := b.addSheet(sheet{name: name, widths: []float64{44, 18, 18}}, false); err != nil {
		return err
	}
	w := b.writer(name, 3)
	w.letterhead("PROFIL RESPONDEN", "Periode "+d.Period.Label(survey.ID))
	s := b.s
	for _, dim := range reports.ProfileDimensions {
		w.put(cell{dim.Title, s.header}, cell{"Responden", s.header}, cell{"Persentase", s.header})
		counts := reports.ProfileOf(d.Profile, dim.Key)
		var total uint64
		for _, p := range counts {
			total += p.Count
		}
		for _, p := range counts {
			w.put(cell{reports.ProfileLabel(dim.Key, p.Value), s.text}, cell{p.Count, s.integer}, cell{ratio(p.Count, total), s.percent})
		}
		w.put(cell{"Jumlah", s.bold}, cell{total, s.totalInt}, cell{ratio(total, total), s.percent})
		w.skip(1)
	}
	return w.err
}

func (b *book) comparison(d *reports.SemesterFigures) error {
	const name = "Perbandingan"
	if err := b.addSheet(sheet{name: name, widths: []float64{8, 40, 14, 14, 12, 14, 14, 12}}, true); err != nil {
		return err
	}
	w := b.writer(name, 8)
	w.letterhead("PERBANDINGAN DENGAN PERIODE SEBELUMNYA", d.Previous.Label(survey.ID)+" dan "+d.Period.Label(survey.ID))
	s := b.s
	top := w.row
	w.header(cell{"Unsur", s.header}, cell{"Nama unsur", s.header}, cell{"NRR " + d.Previous.Label(survey.ID), s.header},
		cell{"NRR " + d.Period.Label(survey.ID), s.header}, cell{"Δ NRR", s.header}, cell{"IKM unsur " + d.Previous.Label(survey.ID), s.header},
		cell{"IKM unsur " + d.Period.Label(survey.ID), s.header}, cell{"Δ IKM unsur", s.header})
	kc, ko := survey.Compute(d.Tally), survey.Compute(d.PreviousTally)
	for i, e := range survey.Elements {
		var nOld, nCur, iOld, iCur any
		if x := ko.Elements[i]; x.NRR != nil {
			nOld, iOld = x.NRRFloat(), float64(x.IKM100)/100
		}
		if x := kc.Elements[i]; x.NRR != nil {
			nCur, iCur = x.NRRFloat(), float64(x.IKM100)/100
		}
		w.put(cell{e.Code(), s.text}, cell{e.Name(), s.wrap}, cell{nOld, s.nrr}, cell{nCur, s.nrr}, cell{diff(nCur, nOld), s.signed3},
			cell{iOld, s.dec2}, cell{iCur, s.dec2}, cell{diff(iCur, iOld), s.signed2})
	}
	vOld, _ := ikmValue(d.PreviousTally)
	vCur, _ := ikmValue(d.Tally)
	w.put(cell{"IKM", s.header}, cell{fmt.Sprintf("%d dan %d responden", d.PreviousTally.Respondents, d.Tally.Respondents), s.text},
		cell{nil, s.text}, cell{nil, s.text}, cell{nil, s.text}, cell{vOld, s.totalDec2}, cell{vCur, s.totalDec2}, cell{diff(vCur, vOld), s.signed2})
	w.skip(1)
	series := []excelize.ChartSeries{
		{Name: fmt.Sprintf("'%s'!$C$%d", name, top), Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", name, top+1, top+9),
			Values: fmt.Sprintf("'%s'!$C$%d:$C$%d", name, top+1, top+9)},
		{Name: fmt.Sprintf("'%s'!$D$%d", name, top), Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", name, top+1, top+9),
			Values: fmt.Sprintf("'%s'!$D$%d:$D$%d", name, top+1, top+9)},
	}
	w.chart(excelize.Col, "NRR per unsur: dua periode", series, axis{lo: 1, hi: 4})
	return w.err
}

// Labels of the saran themes sheet.
const (
	ThemesTotal = "Jumlah saran"
)

// themeSheet groups the period's saran into the agency's themes: count, share of all saran
// and the newest examples, one a line.
func (b *book) themeSheet(sum reports.SaranThemeSummary, subtitle string) error {
	name := SheetThemes
	if err := b.addSheet(sheet{name: name, widths: []float64{5, 30, 8, 10, 12, 80}}, true); err != nil {
		return err
	}
	w := b.writer(name, 6)
	w.letterhead("TEMA SARAN DAN MASUKAN RESPONDEN", subtitle+"; satu saran dapat masuk beberapa tema")
	s := b.s
	w.header(cell{"No", s.header}, cell{"Tema", s.header}, cell{"Unsur", s.header}, cell{"Saran", s.header},
		cell{"% dari semua saran", s.header}, cell{"Contoh terbaru", s.header})
	for i, t := range sum.Themes {
		var ex []string
		for _, e := range t.Examples {
			ex = append(ex, e.Text)
		}
		w.put(cell{i + 1, s.integer}, cell{t.Label, s.wrap}, cell{t.Element, s.text}, cell{t.Count, s.integer},
			cell{t.Share / 100, s.percent}, cell{strings.Join(ex, "\n"), s.wrap})
	}
	w.put(cell{nil, 0}, cell{ThemesTotal, s.bold}, cell{nil, 0}, cell{sum.Total, s.integer})
	return w.err
}
