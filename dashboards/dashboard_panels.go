package dashboards

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"sync"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// tile is one KPI: its value, a traffic light against the target, and the figure of the
// previous month and of the same month a year earlier with the changes against them.
type tile struct {
	Label  string
	Value  string
	Unit   string
	Light  string // hijau, kuning, merah, or "" (no target)
	Status string // the light in words
	// LastMonth is "bln lalu: 84,88 (▲ +1,20)"; Change says it in full ("▲ +1,20 dibanding
	// September 2026").
	LastMonth, Change string
	// YearAgo is "Okt 2025: 82,10 (▲ +3,98)" ("s.d. Okt 2025" for the survey period's
	// figures, "Okt 2025: – (belum ada data kasus)" without one); YearAgoWords says it in full.
	YearAgo, YearAgoWords string
	Note                  string
	Key                   string // the key figure's key (reports.KPI…)
	Link                  string // the figures behind the tile (drillLinks)
}

// Thresholds of the IKM's mutu, as values of the IKM and of an element's NRR (IKM ÷ 25).
const (
	ikmA = 88.31
	ikmB = reports.MutuB
)

// trendPeriods is how many survey periods the IKM trend shows.
const trendPeriods = 6

// dashboardPanels lists the panels of an agency's dashboard for v's month and service.
func (s *Staff) dashboardPanels(a *standard.Agency, v *dashboardView) []panel {
	d := s.opts.Data
	period := survey.Scope{Agency: a.Code, Period: v.Period, Service: v.Service, Until: v.AsOf}
	month := survey.Scope{Agency: a.Code, Period: v.Month, Service: v.Service}
	prevMonth := v.Month.Previous()
	return []panel{
		{"ikm", func(ctx context.Context, v *dashboardView) error {
			return s.surveyPanel(ctx, a, v, period)
		}},
		{"notices", func(ctx context.Context, v *dashboardView) error {
			return s.noticesPanel(ctx, a, v)
		}},
		{"ikm-service", func(ctx context.Context, v *dashboardView) error {
			rows, err := d.IKMByService(ctx, period)
			if err != nil {
				return err
			}
			c := ikmServiceChart(a, rows)
			links := make([]drillLink, len(c.keys))
			for i, svc := range c.keys {
				links[i] = drillLink{Label: serviceName(a, svc), Value: c.values[i], URL: dashboardLink(a.Code, v.Month, svc)}
			}
			return v.linkedChart("ikm-service", c, links, c.count == 0)
		}},
		{"cases", func(ctx context.Context, v *dashboardView) error {
			return s.caseTiles(ctx, a, v, prevMonth)
		}},
		{"ontime-service", func(ctx context.Context, v *dashboardView) error {
			first := v.Month
			for range 11 {
				first = first.Previous()
			}
			rows, err := d.OnTimeByMonth(ctx, a.Code, first, v.Month, v.Service)
			if err != nil {
				return err
			}
			t, err := v.targets()
			if err != nil {
				return err
			}
			c := onTimeChart(a, first, rows, t.OnTimePercent)
			var links []drillLink
			months := []survey.Period{first}
			for len(months) < 12 {
				months = append(months, months[len(months)-1].Next())
			}
			for i, svc := range c.keys {
				urls := make([]string, len(months))
				for j, m := range months {
					urls[j] = dashboardLink(a.Code, m, svc)
				}
				c.edits = append(c.edits, pointLinks(i, urls))
				links = append(links, drillLink{Label: serviceName(a, svc), URL: dashboardLink(a.Code, v.Month, svc)})
			}
			for _, m := range months {
				links = append(links, drillLink{Label: m.Label(survey.ID), URL: dashboardLink(a.Code, m, v.Service)})
			}
			return v.linkedChart("ontime-service", c, links, len(rows) == 0)
		}},
		{"daily", func(ctx context.Context, v *dashboardView) error {
			days, err := d.ResponsesByDay(ctx, month)
			if err != nil {
				return err
			}
			f, l := v.Month.Bounds()
			var labels []string
			var values []float64
			byDay := map[int]uint64{}
			for _, dc := range days {
				byDay[dc.Day.Day()] = dc.Respondents
			}
			for day := f; !day.After(l); day = day.AddDate(0, 0, 1) {
				labels = append(labels, fmt.Sprint(day.Day()))
				values = append(values, float64(byDay[day.Day()]))
			}
			return v.chart("daily", barChart(labels, "Responden", values, false), false, len(days) == 0)
		}},
		{"profile", func(ctx context.Context, v *dashboardView) error {
			rows, err := d.Profile(ctx, period)
			if err != nil {
				return err
			}
			for _, dim := range []string{"jenis_kelamin", "umur", "pendidikan", "pekerjaan"} {
				c := profileChart(dim, rows)
				if err := v.chart("profile-"+dim, c, true, c.count == 0); err != nil {
					return err
				}
			}
			return nil
		}},
		{"overdue", func(ctx context.Context, v *dashboardView) error {
			list, err := d.OverdueCases(ctx, a.Code, v.Month, v.Service, a.Location, 25)
			v.Overdue = list
			return err
		}},
		{"overdue-officers", func(ctx context.Context, v *dashboardView) error {
			list, err := d.OverdueByOfficer(ctx, a.Code, v.Month, v.Service, a.Location)
			rows := make([]officerOverdue, len(list))
			for i, oc := range list {
				rows[i] = officerOverdue{Name: oc.Officer, Cases: oc.Cases, Link: overdueLink(a.Code, v.Month, v.Service, officerParam(oc.Officer))}
			}
			v.OverdueOfficers = rows
			return err
		}},
		{"saran", func(ctx context.Context, v *dashboardView) error {
			list, err := d.Sarans(ctx, month, 10, 0)
			v.Sarans = list
			return err
		}},
		{"saran-tema", func(ctx context.Context, v *dashboardView) error {
			return s.saranThemesPanel(ctx, a, v, month)
		}},
	}
}

// chart adds c as the block id.
func (v *dashboardView) chart(id string, c jsonChart, small, empty bool) error {
	b, err := block(id, c, small, empty)
	if err != nil {
		return err
	}
	v.setChart(id, b)
	return nil
}

// surveyPanel fills everything the survey's months give, from one query over the trend's
// periods: the IKM tiles (the survey period up to the month's end, the month alone, the
// responses against the sample the population requires), the trend by period, the NRR per
// element of the period and its lowest elements with their follow-up items.
func (s *Staff) surveyPanel(ctx context.Context, a *standard.Agency, v *dashboardView, period survey.Scope) error {
	d := s.opts.Data
	var population uint64
	var items []survey.FollowUp
	var popErr, itemErr error
	var wg sync.WaitGroup
	wg.Go(func() { population, popErr = d.Population(ctx, period) })
	wg.Go(func() { items, itemErr = d.FollowUps(ctx, a.Code, v.Period) })
	months, err := d.IKMMonths(ctx, a.Code, v.Service, reports.SurveyFrom(v.Period, trendPeriods), v.Period)
	wg.Wait()
	targets, targetsErr := v.targets()
	if err = errors.Join(err, popErr, itemErr, targetsErr); err != nil {
		return err
	}
	r := reports.RunningAt(months, v.Month, v.Period, trendPeriods)
	kpis := reports.MonthKPIs(reports.MonthFigures{Run: r, Current: v.Current, Population: population, Targets: targets,
		YearAgo: reports.YearAgoFigures(months, v.Month, v.Period, reports.CaseSummary{})})
	v.IKMTiles = v.linkTiles(a, tiles(kpis, r.PrevMonth, reports.KPIPeriodIKM, reports.KPIMonthIKM, reports.KPIRespondents))
	trend := trendChart(r.Trend, targets.IKM)
	var trendLinks []drillLink
	for i, pt := range r.Trend {
		// A period's dashboard is that of its last month, or of the month shown.
		_, last := pt.Period.Bounds()
		m := survey.Period{Kind: survey.Month, Year: last.Year(), N: int(last.Month())}
		if m.After(v.Month) {
			m = v.Month
		}
		trendLinks = append(trendLinks, drillLink{Label: pt.Period.Label(survey.ID), Value: trend.values[i], URL: dashboardLink(a.Code, m, v.Service)})
	}
	if err := v.linkedChart("ikm-trend", trend, trendLinks, false); err != nil {
		return err
	}
	// The elements as of the month's end, like the period's tile and the monthly report.
	k := survey.Compute(r.UpTo)
	nrr := nrrChart(k)
	var nrrLinks []drillLink
	for i, e := range k.Elements {
		nrrLinks = append(nrrLinks, drillLink{Label: e.Element.Code() + " " + e.Element.Name(), Value: nrr.values[i],
			URL: elementLink(a.Code, e.Element.Code(), v.Month, v.Service)})
	}
	if err := v.linkedChart("nrr", nrr, nrrLinks, r.UpTo.Respondents == 0); err != nil {
		return err
	}
	for _, e := range reports.LowestElements(k, 3) {
		le := lowestElement{Code: e.Element.Code(), Name: e.Element.Name(), NRR: formatDecimal(e.NRRFloat(), 2),
			Link: elementLink(a.Code, e.Element.Code(), v.Month, v.Service),
			IKM:  survey.Format100(e.IKM100), Mutu: e.Mutu.Letter}
		for _, f := range items {
			if f.Element == e.Element.Code() {
				le.FollowUps = append(le.FollowUps, f)
			}
		}
		v.Lowest = append(v.Lowest, le)
	}
	return nil
}

// caseTiles fills the case tiles from the summaries of this month, the previous month and
// the same month a year earlier, and the completion-time and channel charts.
func (s *Staff) caseTiles(ctx context.Context, a *standard.Agency, v *dashboardView, prev survey.Period) error {
	d := s.opts.Data
	var old, ago reports.CaseSummary
	var oldErr, agoErr error
	var wg sync.WaitGroup
	wg.Go(func() { old, oldErr = d.CaseSummary(ctx, a.Code, prev, v.Service, a.Location) })
	wg.Go(func() { ago, agoErr = d.CaseSummary(ctx, a.Code, reports.YearBefore(v.Month), v.Service, a.Location) })
	cur, err := d.CaseSummary(ctx, a.Code, v.Month, v.Service, a.Location)
	wg.Wait()
	targets, targetsErr := v.targets()
	if err = errors.Join(err, oldErr, agoErr, targetsErr); err != nil {
		return err
	}
	kpis := reports.MonthKPIs(reports.MonthFigures{Run: reports.Running{Month: v.Month, PrevMonth: prev}, Current: v.Current,
		Cases: cur, PrevCases: old, Targets: targets, YearAgo: reports.YearAgoFigures(nil, v.Month, v.Period, ago)})
	v.CaseTiles = v.linkTiles(a, tiles(kpis, prev, reports.KPIOnTime, reports.KPIMedian, reports.KPIReceived, reports.KPICompleted,
		reports.KPIOverdue, reports.KPIComplaintOnTime))
	labels := make([]string, len(cases.DurationBuckets))
	values := make([]float64, len(cases.DurationBuckets))
	for i, b := range cases.DurationBuckets {
		labels[i] = b.Label
		if i < len(cur.ByDuration) {
			values[i] = float64(cur.ByDuration[i])
		}
	}
	if err := v.chart("duration", barChart(labels, "Kasus selesai", values, false), false, cur.Completed == 0); err != nil {
		return err
	}
	var names []string
	var counts []float64
	for _, g := range cur.ByChannel {
		if g.Received > 0 {
			names = append(names, channelName(g.Key))
			counts = append(counts, float64(g.Received))
		}
	}
	return v.chart("channels", pieChart("Kasus diterima", names, counts), false, len(counts) == 0)
}

func serviceName(a *standard.Agency, code string) string { return a.ServiceName(code) }

var monthAbbrs = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

func monthAbbr(m survey.Period) string {
	return fmt.Sprintf("%s %02d", monthAbbrs[m.N-1], m.Year%100)
}

func channelName(code string) string {
	if code == "" {
		return "tidak diisi"
	}
	return standard.ChannelName(code)
}

// alertDays is how long a sharp move of an IKM stays on the dashboard.
const alertDays = 7

// noticesPanel warns staff of what touches the integrity of the survey figures: a sharp move
// of an IKM within minutes (the last week), and a published figure of the month's period or
// the one before that changed after publication (a reopening).
func (s *Staff) noticesPanel(ctx context.Context, a *standard.Agency, v *dashboardView) error {
	alerts, err := s.opts.Data.Alerts(ctx, a.Code, s.opts.Now().AddDate(0, 0, -alertDays))
	if err != nil {
		return err
	}
	var notes []string
	for _, e := range alerts {
		notes = append(notes, "Perhatian ("+dayAndTime(e.At.In(a.Location))+"): "+e.Detail+".")
	}
	for _, p := range []survey.Period{v.Period, v.Period.Previous()} {
		rev, err := s.opts.Data.Revision(ctx, a.Code, p)
		if err != nil {
			return err
		}
		if rev.Responses > 0 {
			notes = append(notes, "IKM "+p.Label(survey.ID)+" "+rev.Clause(a.Location)+".")
		}
	}
	v.mu.Lock()
	v.Notices = notes
	v.mu.Unlock()
	return nil
}

// tiles shows the key figures of the given keys, in that order, as tiles.
func tiles(kpis []reports.KPI, prev survey.Period, keys ...string) []tile {
	var out []tile
	for _, key := range keys {
		for _, k := range kpis {
			if k.Key != key {
				continue
			}
			tl := tile{Key: k.Key, Label: k.Label, Value: shownOrDash(k, k.Value), Unit: k.Unit, Light: string(k.Light), Status: k.Status,
				LastMonth: "bln lalu: " + shownOrDash(k, k.Prev) + changeOf(k, k.Change),
				Change:    k.ChangeWords(prev.Label(survey.ID)), YearAgoWords: k.YearAgoWords(), Note: k.Note}
			if m := k.YearAgoMonth; m != (survey.Period{}) {
				of := monthAbbrs[m.N-1] + " " + fmt.Sprint(m.Year)
				if k.PeriodWide() {
					of = "s.d. " + of
				}
				tl.YearAgo = of + ": " + shownOrDash(k, k.YearAgo) + changeOf(k, k.YearAgoChange)
				if k.YearAgo == nil {
					tl.YearAgo += " (" + k.YearAgoMissing + ")"
				}
			}
			out = append(out, tl)
		}
	}
	return out
}

// saranThemesPanel groups the month's saran into the agency's themes: a chart and a table of
// the themes with saran, the largest first, each linking to its saran on /saran.
func (s *Staff) saranThemesPanel(ctx context.Context, a *standard.Agency, v *dashboardView, month survey.Scope) error {
	sum, err := s.opts.Data.SaranThemes(ctx, month, a.Themes())
	if err != nil {
		return err
	}
	q := saranQuery(v.Month, v.Service)
	v.SaranAll = template.URL("/saran/" + url.PathEscape(a.Code) + "?" + q.Encode())
	v.SaranTotal = sum.Total
	var labels []string
	var counts []float64
	for _, r := range themeRows(a.Code, sum, q) {
		if r.Count > 0 {
			v.SaranThemes = append(v.SaranThemes, r)
		}
	}
	slices.SortStableFunc(v.SaranThemes, func(x, y themeRow) int { return cmp.Compare(y.Count, x.Count) })
	// The chart shows the largest themes that suggest something (the table lists them all),
	// so that it prints whole on a page of the handout.
	for _, t := range sum.Top(chartedThemes) {
		labels = append(labels, t.Label)
		counts = append(counts, float64(t.Count))
	}
	// Theme names are long ("Penanganan pengaduan, saran, dan masukan"): above their bars.
	f := countBars(labels, "Saran", counts)
	f.edits = append(f.edits, namesAbove)
	return v.chart("saran-tema", f, false, len(counts) == 0)
}

// chartedThemes is how many saran themes the dashboard's chart shows.
const chartedThemes = 6

// shownOrDash is v as k's measure shows it, or "–" when there is no figure.
func shownOrDash(k reports.KPI, v *float64) string {
	if v == nil {
		return "–"
	}
	return k.Measure.Format(*v)
}

// changeOf is " (▲ +1,20)" for a change d of k, or "" without one.
func changeOf(k reports.KPI, d *float64) string {
	if d == nil {
		return ""
	}
	return " (" + k.ChangeArrow(*d) + ")"
}
