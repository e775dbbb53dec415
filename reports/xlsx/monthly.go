package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Source answers the questions the workbooks ask; reports.Querier is one.
type Source interface {
	IKMMonths(ctx context.Context, agency, service string, first, last survey.Period) ([]reports.MonthTally, error)
	IKMByService(ctx context.Context, s survey.Scope) ([]reports.ServiceTally, error)
	Population(ctx context.Context, s survey.Scope) (uint64, error)
	Profile(ctx context.Context, s survey.Scope) ([]reports.ProfileCount, error)
	Sarans(ctx context.Context, s survey.Scope, limit, offset int) ([]reports.Saran, error)
	// SaranThemes groups a scope's saran into the agency's themes (reports.Querier's).
	SaranThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes) (reports.SaranThemeSummary, error)
	FollowUps(ctx context.Context, agency string, period survey.Period) ([]survey.FollowUp, error)
	CaseSummary(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (reports.CaseSummary, error)
	OverdueCases(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]reports.OverdueCase, error)
	OnTimeByMonth(ctx context.Context, agency string, first, last survey.Period, service string) ([]reports.MonthServiceCases, error)
	EachResponse(ctx context.Context, s survey.Scope, fn func(*reports.ResponseRow) error) error
	EachCase(ctx context.Context, agency string, first, last time.Time, fn func(*cases.Record) error) error
	Revision(ctx context.Context, agency string, p survey.Period) (survey.Revision, error)
	// Targets resolves an agency's targets for a year (reports.Querier.Targets).
	Targets(ctx context.Context, a *standard.Agency, year int) (standard.Targets, error)
	// Meeting and OpenDecisions read the month's evaluation meeting and the decisions of
	// earlier meetings still open (reports.Querier.Meeting, OpenDecisions).
	Meeting(ctx context.Context, a *standard.Agency, month survey.Period) (survey.Meeting, error)
	OpenDecisions(ctx context.Context, agency string, asOf time.Time) ([]survey.Decision, error)
	// Semester reads the figures of a survey period's SKM report (reports.Querier.Semester).
	Semester(ctx context.Context, a *standard.Agency, period survey.Period, now time.Time) (*reports.SemesterFigures, error)
}

// TrendPeriods is how many survey periods the IKM trends show, as on the dashboard.
const TrendPeriods = 6

// MaxListed bounds the overdue cases and saran a workbook lists (the totals are always
// given); the raw exports have them all.
const MaxListed = 200

// monthData is what the monthly workbook shows, read at once.
type monthData struct {
	run        reports.Running
	population uint64
	items      []survey.FollowUp
	cur, prev  reports.CaseSummary
	ago        reports.CaseSummary  // the same month a year earlier
	figures    reports.MonthFigures // the key figures' inputs
	overdue    []reports.OverdueCase
	ontime     []reports.MonthServiceCases
	sarans     []reports.Saran
	first      survey.Period // of the on-time trend
	meeting    survey.Meeting
	carried    []survey.Decision // of earlier meetings, open at the month's end
}

func loadMonth(ctx context.Context, src Source, a *standard.Agency, month survey.Period, now time.Time) (*monthData, error) {
	start, _ := month.Bounds()
	period := survey.PeriodOf(start, a.SurveyPeriods)
	d := &monthData{first: month}
	for range 11 {
		d.first = d.first.Previous()
	}
	var months []reports.MonthTally
	var targets standard.Targets
	errs := make([]error, 12)
	var wg sync.WaitGroup
	wg.Go(func() {
		months, errs[0] = src.IKMMonths(ctx, a.Code, "", reports.SurveyFrom(period, TrendPeriods), period)
	})
	_, monthEnd := month.Bounds()
	wg.Go(func() {
		d.population, errs[1] = src.Population(ctx, survey.Scope{Agency: a.Code, Period: period, Until: monthEnd})
	})
	wg.Go(func() { d.items, errs[2] = src.FollowUps(ctx, a.Code, period) })
	wg.Go(func() { d.cur, errs[3] = src.CaseSummary(ctx, a.Code, month, "", a.Location) })
	wg.Go(func() { d.prev, errs[4] = src.CaseSummary(ctx, a.Code, month.Previous(), "", a.Location) })
	wg.Go(func() { d.overdue, errs[5] = src.OverdueCases(ctx, a.Code, month, "", a.Location, MaxListed) })
	wg.Go(func() { d.ontime, errs[6] = src.OnTimeByMonth(ctx, a.Code, d.first, month, "") })
	wg.Go(func() {
		d.sarans, errs[7] = src.Sarans(ctx, survey.Scope{Agency: a.Code, Period: month}, MaxListed, 0)
	})
	wg.Go(func() { targets, errs[8] = src.Targets(ctx, a, month.Year) })
	wg.Go(func() { d.meeting, errs[9] = src.Meeting(ctx, a, month) })
	wg.Go(func() { d.carried, errs[10] = src.OpenDecisions(ctx, a.Code, reports.MonthEnd(month, a.Location)) })
	wg.Go(func() { d.ago, errs[11] = src.CaseSummary(ctx, a.Code, reports.YearBefore(month), "", a.Location) })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("xlsx: monthly report %s %s: %w", a.Code, month, err)
	}
	d.carried = slices.DeleteFunc(d.carried, func(x survey.Decision) bool { return x.Month >= month.Code() })
	d.run = reports.RunningAt(months, month, period, TrendPeriods)
	d.figures = reports.MonthFigures{Run: d.run, Current: !month.Ended(now, a.Location), Population: d.population,
		Cases: d.cur, PrevCases: d.prev, FollowUps: d.items, Targets: targets,
		YearAgo: reports.YearAgoFigures(months, month, period, d.ago)}
	return d, nil
}

// Monthly writes the monthly evaluation meeting's workbook (Laporan Evaluasi Kinerja
// Bulanan) of an agency's month to w: the summary with the agency's letterhead, the key
// figures beside the previous month and the targets, and a signature block; then services,
// complaints, the survey so far, overdue cases, the follow-up plan, the month's meeting
// with its decisions and those carried over, and the month's saran.
// now dates the signature; a month not yet ended at now gives a provisional workbook,
// marked SEMENTARA and without a signature block.
func Monthly(ctx context.Context, src Source, a *standard.Agency, month survey.Period, now time.Time, w io.Writer) error {
	d, err := loadMonth(ctx, src, a, month, now)
	if err != nil {
		return err
	}
	b, err := newBook(a, "Laporan Evaluasi Kinerja Bulanan "+month.Label(survey.ID), !month.Ended(now, a.Location))
	if err != nil {
		return err
	}
	defer b.f.Close()
	for _, step := range []func(*monthData, survey.Period, time.Time) error{
		b.monthSummary, b.monthServices, b.monthComplaints, b.monthSurvey, b.monthOverdue, b.monthFollowUps, b.monthMeeting, b.monthSaran,
	} {
		if err := step(d, month, now); err != nil {
			return fmt.Errorf("xlsx: monthly report %s %s: %w", a.Code, month, err)
		}
	}
	b.f.SetActiveSheet(0)
	if err := b.save(w); err != nil {
		return fmt.Errorf("xlsx: monthly report %s %s: %w", a.Code, month, err)
	}
	return nil
}

// ikmValue is the rounded IKM of t (the value shown and classified), or nil without data.
func ikmValue(t survey.Tally) (any, survey.IKM) {
	k := survey.Compute(t)
	if !k.Complete {
		return nil, k
	}
	return k.RoundedFloat(), k
}

// diff is a−b when both are numbers, else nil.
func diff(a, b any) any {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if !ok1 || !ok2 {
		return nil
	}
	return x - y
}

func onTime(st reports.CaseStats) any {
	if p, ok := st.OnTimePercent(); ok {
		return p / 100
	}
	return nil
}

func hours(st reports.CaseStats, minutes float64) any {
	if st.Completed == 0 {
		return nil
	}
	return minutes / 60
}

// kpiCell is a key figure's number as the workbook stores it: percentages as fractions (the
// cell's format shows them in percent), nil without a figure.
func kpiCell(m reports.Measure, v *float64) any {
	if v != nil && m == reports.Percent {
		return *v / 100
	}
	return number(v)
}

// number is *v, or nil for a cell left empty.
func number(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// kpiStyles are the styles of a measure's value and of its change.
func (b *book) kpiStyles(m reports.Measure) (value, change int) {
	switch m {
	case reports.Score:
		return b.s.dec2, b.s.signed2
	case reports.Percent:
		return b.s.percent, b.s.signedPoints
	case reports.Hours:
		return b.s.dec1, b.s.signed1
	}
	return b.s.integer, b.s.signedInt
}

func (b *book) monthSummary(d *monthData, month survey.Period, now time.Time) error {
	const name = "Ringkasan"
	if err := b.addSheet(sheet{name: name, widths: []float64{5, 40, 12, 12, 12, 12, 12, 12, 16, 36}}, true); err != nil {
		return err
	}
	w := b.writer(name, 10)
	ago := reports.YearBefore(month).Label(survey.ID)
	w.letterhead("LAPORAN EVALUASI KINERJA PELAYANAN BULANAN",
		"Bulan "+month.Label(survey.ID)+" · periode survei "+d.run.Period.Label(survey.ID))
	s := b.s
	w.header(cell{"No", s.header}, cell{"Indikator", s.header}, cell{month.Label(survey.ID), s.header},
		cell{d.run.PrevMonth.Label(survey.ID), s.header}, cell{"Perubahan", s.header}, cell{ago, s.header},
		cell{"Perubahan setahun", s.header}, cell{"Target", s.header}, cell{"Status", s.header}, cell{"Keterangan", s.header})
	for n, k := range reports.MonthKPIs(d.figures) {
		style, changeStyle := b.kpiStyles(k.Measure)
		status := cell{k.Status, s.wrap}
		switch k.Light {
		case reports.Green:
			status.style = s.good
		case reports.Amber:
			status.style = s.fair
		case reports.Red:
			status.style = s.poor
		}
		// A year without a figure shows "–", and the note says why: never a 0.
		then, note := cell{kpiCell(k.Measure, k.YearAgo), style}, k.Note
		if k.YearAgo == nil {
			then = cell{"–", s.dash}
			note += "; " + ago + ": " + k.YearAgoMissing
		}
		w.put(cell{n + 1, s.integer}, cell{k.Label, s.wrap}, cell{kpiCell(k.Measure, k.Value), style},
			cell{kpiCell(k.Measure, k.Prev), style}, cell{number(k.Change), changeStyle}, then, cell{number(k.YearAgoChange), changeStyle},
			cell{kpiCell(k.Measure, k.Target), style}, status, cell{note, s.wrap})
	}
	w.skip(1)
	w.put(cell{nil, 0}, cell{"Status: hijau sesuai target, kuning perlu perhatian, merah di bawah target atau melebihi batas (aturan yang sama dengan dasbor). Perubahan dihitung dari angka yang ditampilkan; persentase berubah dalam poin.", 0})
	w.put(cell{nil, 0}, cell{"Kolom " + ago + ": bulan yang sama tahun lalu; untuk angka kumulatif periode survei, periode yang sama tahun lalu s.d. akhir " + ago + ". Perubahan setahun = " + month.Label(survey.ID) + " dikurangi " + ago + ".", 0})
	w.closing(9, now.In(b.agency.Location))
	return w.err
}

func (b *book) monthServices(d *monthData, month survey.Period, _ time.Time) error {
	const name = "Layanan"
	if err := b.addSheet(sheet{name: name, widths: []float64{40, 16, 11, 11, 11, 11, 12, 11, 12, 12, 11, 11, 11}}, true); err != nil {
		return err
	}
	w := b.writer(name, 12)
	w.letterhead("KEPATUHAN STANDAR WAKTU PER LAYANAN", "Bulan "+month.Label(survey.ID))
	s := b.s
	w.header(cell{"Layanan", s.header}, cell{"Standar waktu", s.header}, cell{"Diterima", s.header}, cell{"Selesai", s.header},
		cell{"Bertenggat", s.header}, cell{"Tepat waktu", s.header}, cell{"% tepat waktu", s.header},
		cell{"Tanpa standar waktu", s.header}, cell{"Median (jam kerja)", s.header}, cell{"P90 (jam kerja)", s.header},
		cell{"Terbuka akhir bulan", s.header}, cell{"Terlambat", s.header})
	groupRow := func(label, limit string, st reports.CaseStats, bold bool) {
		i, p := s.integer, s.percent
		if bold {
			i = s.totalInt
		}
		w.put(cell{label, s.wrap}, cell{limit, s.text}, cell{st.Received, i}, cell{st.Completed, i}, cell{st.WithLimit, i},
			cell{st.OnTime, i}, cell{onTime(st), p}, cell{st.WithoutLimit(), i}, cell{hours(st, st.MedianMinutes), s.dec1},
			cell{hours(st, st.P90Minutes), s.dec1}, cell{st.OpenAtEnd, i}, cell{st.OverdueAtEnd, i})
	}
	for _, g := range d.cur.ByService {
		limit := "tanpa standar waktu"
		sv, ok := b.agency.Service(g.Key)
		switch {
		case ok && !sv.TimeLimit.IsZero():
			limit = sv.TimeLimit.Label()
		case ok && sv.Kind == standard.KindPengaduan && len(b.agency.ComplaintClasses) > 0:
			limit = "menurut klasifikasi pengaduan"
		case g.WithLimit > 0:
			limit = "ditetapkan per kasus"
		}
		groupRow(serviceName(b.agency, g.Key), limit, g.CaseStats, false)
	}
	groupRow("Semua layanan", "", d.cur.CaseStats, true)
	// The on-time share of each service over twelve months, with its chart.
	w.skip(1)
	w.put(cell{"Persentase tepat waktu per bulan (12 bulan terakhir)", s.bold})
	months := []survey.Period{d.first}
	for len(months) < 12 {
		months = append(months, months[len(months)-1].Next())
	}
	head := []cell{{"Layanan", s.header}}
	for _, m := range months {
		head = append(head, cell{monthAbbr(m), s.header})
	}
	top := w.row
	w.put(head...)
	type key struct {
		svc string
		m   survey.Period
	}
	byKey := map[key]reports.MonthServiceCases{}
	var order []string
	for _, r := range d.ontime {
		if !slices.Contains(order, r.Service) {
			order = append(order, r.Service)
		}
		byKey[key{r.Service, r.Month}] = r
	}
	for _, svc := range order {
		cells := []cell{{serviceName(b.agency, svc), s.wrap}}
		for _, m := range months {
			r := byKey[key{svc, m}]
			cells = append(cells, cell{ratio(r.OnTime, r.WithLimit), s.percent})
		}
		w.put(cells...)
	}
	if len(order) == 0 {
		return w.err
	}
	var series []excelize.ChartSeries
	for i := range order {
		r := top + 1 + i
		series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", name, r),
			Categories: fmt.Sprintf("'%s'!$B$%d:$M$%d", name, top, top),
			Values:     fmt.Sprintf("'%s'!$B$%d:$M$%d", name, r, r)})
	}
	w.chart(excelize.Line, "Persentase tepat waktu per layanan", series, axis{lo: 0, hi: 1, format: "0%"})
	return w.err
}

var monthAbbrs = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

func monthAbbr(m survey.Period) string { return fmt.Sprintf("%s %02d", monthAbbrs[m.N-1], m.Year%100) }

func (b *book) monthComplaints(d *monthData, month survey.Period, _ time.Time) error {
	const name = "Pengaduan"
	if err := b.addSheet(sheet{name: name, widths: []float64{44, 11, 11, 11, 11, 12, 12, 12, 11}}, true); err != nil {
		return err
	}
	w := b.writer(name, 9)
	w.letterhead("PENGADUAN MASYARAKAT", "Bulan "+month.Label(survey.ID))
	s := b.s
	table := func(title, first string, groups []reports.CaseGroup, label func(string) string) {
		w.put(cell{title, s.bold})
		w.put(cell{first, s.header}, cell{"Diterima", s.header}, cell{"Selesai", s.header}, cell{"Bertenggat", s.header},
			cell{"Tepat waktu", s.header}, cell{"% tepat waktu", s.header}, cell{"Median (jam kerja)", s.header},
			cell{"Terbuka akhir bulan", s.header}, cell{"Terlambat", s.header})
		for _, g := range groups {
			st := g.CaseStats
			w.put(cell{label(g.Key), s.wrap}, cell{st.Received, s.integer}, cell{st.Completed, s.integer}, cell{st.WithLimit, s.integer},
				cell{st.OnTime, s.integer}, cell{onTime(st), s.percent}, cell{hours(st, st.MedianMinutes), s.dec1},
				cell{st.OpenAtEnd, s.integer}, cell{st.OverdueAtEnd, s.integer})
		}
		c := d.cur.Complaints
		w.put(cell{"Semua pengaduan", s.wrap}, cell{c.Received, s.totalInt}, cell{c.Completed, s.totalInt}, cell{c.WithLimit, s.totalInt},
			cell{c.OnTime, s.totalInt}, cell{onTime(c), s.percent}, cell{hours(c, c.MedianMinutes), s.dec1},
			cell{c.OpenAtEnd, s.totalInt}, cell{c.OverdueAtEnd, s.totalInt})
		w.skip(1)
	}
	table("Menurut saluran", "Saluran", d.cur.ComplaintsByChannel, func(k string) string {
		if k == "" {
			return "tidak diisi"
		}
		return standard.ChannelName(k)
	})
	var classes []reports.CaseGroup
	for _, g := range d.cur.ByClass {
		if g.Key != "" {
			classes = append(classes, g)
		}
	}
	table("Menurut klasifikasi (standar pelayanan)", "Klasifikasi", classes, func(k string) string {
		if c, ok := b.agency.ComplaintClass(k); ok {
			return c.Name
		}
		return k
	})
	return w.err
}

func (b *book) monthSurvey(d *monthData, month survey.Period, _ time.Time) error {
	const name = "SKM Berjalan"
	if err := b.addSheet(sheet{name: name, widths: []float64{8, 40, 14, 14, 12, 14, 12, 18}}, true); err != nil {
		return err
	}
	w := b.writer(name, 8)
	w.letterhead("SURVEI KEPUASAN MASYARAKAT BERJALAN",
		d.run.Period.Label(survey.ID)+" s.d. akhir "+month.Label(survey.ID)+" (angka sementara; IKM resmi dihitung di akhir periode)")
	top, err := b.elementTable(w, d.run.UpTo)
	if err != nil {
		return err
	}
	w.skip(1)
	s := b.s
	w.put(cell{"IKM per periode survei", s.bold})
	// The trend starts at the first period with respondents: the periods before the survey
	// began are no point of it; a later period without any says so.
	trend := d.run.Trend
	for len(trend) > 0 && trend[0].Tally.Respondents == 0 {
		trend = trend[1:]
	}
	trendTop := w.row
	if len(trend) == 0 {
		w.put(cell{"Belum ada data survei.", 0})
	} else {
		w.put(cell{"Periode", s.header}, cell{nil, s.header}, cell{"Responden", s.header}, cell{"IKM", s.header}, cell{"Mutu", s.header})
	}
	for _, pt := range trend {
		v, k := ikmValue(pt.Tally)
		mutu := ""
		if k.Complete {
			mutu = k.Mutu.Letter
		} else if pt.Tally.Respondents == 0 {
			mutu = "belum ada data"
		}
		w.put(cell{pt.Period.Label(survey.ID), s.text}, cell{nil, s.text}, cell{pt.Tally.Respondents, s.integer}, cell{v, s.dec2}, cell{mutu, s.text})
	}
	// Both charts below the tables: together they fill a page.
	w.skip(1)
	w.chart(excelize.Col, "NRR per unsur", []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$E$%d", name, top),
		Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", name, top+1, top+9),
		Values:     fmt.Sprintf("'%s'!$E$%d:$E$%d", name, top+1, top+9)}}, axis{lo: 1, hi: 4})
	if len(trend) > 0 {
		w.chart(excelize.Line, "IKM per periode survei", []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$D$%d", name, trendTop),
			Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", name, trendTop+1, trendTop+len(trend)),
			Values:     fmt.Sprintf("'%s'!$D$%d:$D$%d", name, trendTop+1, trendTop+len(trend))}}, axis{lo: 50, hi: 100})
	}
	return w.err
}

// elementTable writes the NRR of each element of t and the index below it, as values, and
// returns the header's row.
func (b *book) elementTable(w *writer, t survey.Tally) (int, error) {
	s := b.s
	k := survey.Compute(t)
	top := w.row
	w.put(cell{"Unsur", s.header}, cell{"Nama unsur", s.header}, cell{"Jumlah nilai", s.header}, cell{"Jumlah jawaban", s.header},
		cell{"NRR", s.header}, cell{"IKM unsur", s.header}, cell{"Mutu", s.header}, cell{"Kinerja", s.header})
	for _, e := range k.Elements {
		var nrr, ikm any
		if e.NRR != nil {
			nrr, ikm = e.NRRFloat(), float64(e.IKM100)/100
		}
		w.put(cell{e.Element.Code(), s.text}, cell{e.Element.Name(), s.wrap}, cell{e.Sum, s.integer}, cell{e.Answers, s.integer},
			cell{nrr, s.nrr}, cell{ikm, s.dec2}, cell{e.Mutu.Letter, s.text}, cell{e.Mutu.Kinerja, s.text})
	}
	v, _ := ikmValue(t)
	w.put(cell{"IKM", s.header}, cell{fmt.Sprintf("%d responden", t.Respondents), s.text}, cell{nil, s.text}, cell{nil, s.text},
		cell{nil, s.text}, cell{v, s.totalDec2}, cell{k.Mutu.Letter, s.bold}, cell{k.Mutu.Kinerja, s.bold})
	return top, w.err
}

func (b *book) monthOverdue(d *monthData, month survey.Period, _ time.Time) error {
	const name = "Kasus Terlambat"
	if err := b.addSheet(sheet{name: name, widths: []float64{5, 17, b.serviceWidth(30, 40), 18, 11, 17, 17, 11, 20, 17}}, true); err != nil {
		return err
	}
	w := b.writer(name, 10)
	w.letterhead("KASUS TERBUKA MELEWATI TENGGAT DI AKHIR BULAN",
		fmt.Sprintf("Akhir %s: %d kasus terlambat dari %d terbuka", month.Label(survey.ID), d.cur.OverdueAtEnd, d.cur.OpenAtEnd))
	s := b.s
	w.header(cell{"No", s.header}, cell{"Nomor kasus", s.header}, cell{"Layanan", s.header}, cell{"Saluran", s.header},
		cell{"Status", s.header}, cell{"Diterima", s.header}, cell{"Tenggat", s.header}, cell{"Terlambat (hari)", s.header},
		cell{"Petugas", s.header}, cell{"Nomor rujukan", s.header})
	_, last := month.Bounds()
	end := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, b.agency.Location)
	loc := b.agency.Location
	for i, c := range d.overdue {
		late := end.Sub(c.DeadlineAt).Hours() / 24
		w.put(cell{i + 1, s.integer}, cell{c.ID, s.text}, cell{serviceName(b.agency, c.Service), s.wrap},
			cell{standard.ChannelName(c.Channel), s.wrap}, cell{c.Status, s.text}, cell{wall(c.ReceivedAt, loc), s.datetime},
			cell{wall(c.DeadlineAt, loc), s.datetime}, cell{late, s.dec1}, cell{c.Officer, s.wrap}, cell{c.ExternalRef, s.text})
	}
	if uint64(len(d.overdue)) < d.cur.OverdueAtEnd {
		w.skip(1)
		w.put(cell{nil, 0}, cell{fmt.Sprintf("Ditampilkan %d kasus paling lama terlambat dari %d; daftar lengkap ada di ekspor kasus.",
			len(d.overdue), d.cur.OverdueAtEnd), 0})
	}
	return w.err
}

func (b *book) monthFollowUps(d *monthData, _ survey.Period, _ time.Time) error {
	return b.followUpSheet(d.items, d.run.Period)
}

// followUpSheet lists a period's follow-up plan (RTL) with how much of it is done.
func (b *book) followUpSheet(items []survey.FollowUp, period survey.Period) error {
	const name = "Tindak Lanjut"
	if err := b.addSheet(sheet{name: name, widths: []float64{5, 8, 44, 12, 24, 14, 11, 30}}, true); err != nil {
		return err
	}
	w := b.writer(name, 8)
	share := survey.ShareDone(items)
	w.letterhead("RENCANA TINDAK LANJUT HASIL SKM",
		fmt.Sprintf("Periode %s: %d dari %d kegiatan selesai, rata-rata kemajuan %.0f%%", period.Label(survey.ID),
			share.Done, share.Total, share.MeanProgress))
	s := b.s
	w.header(cell{"No", s.header}, cell{"Unsur", s.header}, cell{"Program/kegiatan", s.header}, cell{"Target", s.header},
		cell{"Penanggung jawab", s.header}, cell{"Status", s.header}, cell{"% selesai", s.header}, cell{"Catatan", s.header})
	for i, f := range items {
		w.put(cell{i + 1, s.integer}, cell{f.Element, s.text}, cell{f.Action, s.wrap}, cell{f.TargetQuarter, s.text},
			cell{f.PersonInCharge, s.wrap}, cell{f.Status, s.text}, cell{float64(f.Progress) / 100, s.percent}, cell{f.Note, s.wrap})
	}
	if len(items) == 0 {
		w.put(cell{nil, 0}, cell{"Belum ada rencana tindak lanjut untuk periode ini.", 0})
	}
	return w.err
}

// monthMeeting lists the month's evaluation meeting (date, attendees) and its decisions,
// then the decisions of earlier meetings still open at the month's end, each as it stood
// then.
func (b *book) monthMeeting(d *monthData, month survey.Period, _ time.Time) error {
	const name = "Keputusan Rapat"
	if err := b.addSheet(sheet{name: name, widths: []float64{5, 44, 24, 16, 12, 30, 16}}, true); err != nil {
		return err
	}
	w := b.writer(name, 7)
	m := d.meeting
	sub := "Rapat " + month.Label(survey.ID) + " belum dicatat"
	if m.Recorded() {
		sub = "Rapat " + month.Label(survey.ID) + ", " + survey.DateLabel(m.HeldOn, survey.ID)
	}
	w.letterhead("KEPUTUSAN RAPAT EVALUASI BULANAN", sub)
	s := b.s
	if m.Recorded() {
		w.put(cell{nil, 0}, cell{"Peserta: " + strings.Join(m.Attendees, "; "), s.wrap})
		if m.Note != "" {
			w.put(cell{nil, 0}, cell{"Catatan: " + m.Note, s.wrap})
		}
		w.skip(1)
	}
	table := func(title, empty string, list []survey.Decision) {
		w.put(cell{title, s.bold})
		if len(list) == 0 {
			w.put(cell{nil, 0}, cell{empty, 0})
			w.skip(1)
			return
		}
		w.put(cell{"No", s.header}, cell{"Keputusan", s.header}, cell{"Penanggung jawab", s.header}, cell{"Tenggat", s.header},
			cell{"Status", s.header}, cell{"Terkait", s.header}, cell{"Rapat", s.header})
		for i, x := range list {
			status := x.StatusLabel()
			if !x.Open() && x.Note != "" {
				status += ": " + x.Note
			}
			var links []string
			if sv, ok := b.agency.Service(x.Service); ok {
				links = append(links, "layanan "+sv.Name)
			}
			if x.CaseID != "" {
				links = append(links, "kasus "+x.CaseID)
			}
			if x.FollowUpID != "" {
				links = append(links, "butir RTL")
			}
			if x.Officer != "" {
				links = append(links, "petugas "+x.Officer)
			}
			from := x.Month
			if p, err := survey.ParsePeriod(x.Month); err == nil {
				from = p.Label(survey.ID)
			}
			w.put(cell{i + 1, s.integer}, cell{x.What, s.wrap}, cell{x.Responsible, s.wrap}, cell{x.Due, s.date},
				cell{status, s.wrap}, cell{strings.Join(links, "; "), s.wrap}, cell{from, s.text})
		}
		w.skip(1)
	}
	table("Keputusan rapat "+month.Label(survey.ID), "Belum ada keputusan rapat bulan ini.", m.Decisions)
	table("Keputusan rapat sebelumnya yang belum selesai di akhir "+month.Label(survey.ID),
		"Tidak ada keputusan rapat sebelumnya yang masih terbuka.", d.carried)
	return w.err
}

func (b *book) monthSaran(d *monthData, month survey.Period, _ time.Time) error {
	return b.saranSheet(d.sarans, "Bulan "+month.Label(survey.ID), len(d.sarans) == MaxListed)
}

// saranSheet lists suggestions, newest first.
func (b *book) saranSheet(list []reports.Saran, subtitle string, more bool) error {
	const name = "Saran"
	if err := b.addSheet(sheet{name: name, widths: []float64{5, 18, b.serviceWidth(30, 40), 80}}, true); err != nil {
		return err
	}
	w := b.writer(name, 4)
	w.letterhead("SARAN DAN MASUKAN RESPONDEN", subtitle)
	s := b.s
	w.header(cell{"No", s.header}, cell{"Waktu", s.header}, cell{"Layanan", s.header}, cell{"Saran", s.header})
	for i, x := range list {
		w.put(cell{i + 1, s.integer}, cell{wall(x.At, b.agency.Location), s.datetime},
			cell{serviceName(b.agency, x.Service), s.wrap}, cell{x.Text, s.wrap})
	}
	if len(list) == 0 {
		w.put(cell{nil, 0}, cell{"Tidak ada saran.", 0})
	}
	if more {
		w.skip(1)
		w.put(cell{nil, 0}, cell{fmt.Sprintf("Ditampilkan %d saran terbaru; semuanya ada di ekspor respons.", len(list)), 0})
	}
	return w.err
}
