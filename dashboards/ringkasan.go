package dashboards

import (
	"cmp"
	"context"
	"errors"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Limits of the ringkasan's lists, so that it stays one page.
const (
	ringkasanMovements = 3
	ringkasanOfficers  = 5
	ringkasanDecisions = 5
	ringkasanThemes    = 3
)

// movement is a key figure's change against last month, for the best and worst of the month.
type movement struct {
	Label  string
	Value  string // with its unit: "84,12 mutu B (Baik)", "91,0 %"
	Prev   string // last month's, or "–"
	Target string // "88,31", "90 %", "batas 50", or "tanpa target"
	Change string // "▲ +1,30 dibanding September 2026"
	Delta  string // the change alone: "▲ +1,30", "▼ 2,5 poin"
	Light  string
	score  float64
}

// officerDue is one officer's overdue cases among the actions due.
type officerDue struct {
	Name       string
	Overdue    uint64
	OldestLate uint32
	Link       string // the register filtered by the officer and overdue
}

// decisionDue is an open decision of the meeting as the ringkasan lists it.
type decisionDue struct {
	survey.Decision
	MonthLabel string
	DueLabel   string
	Late       bool
}

// ringkasanView is the one-page summary of a month for the head's meeting.
type ringkasanView struct {
	*dashboardView
	// Headline says the month in one sentence; Failed (of the embedded view) names the parts
	// that could not be loaded.
	Headline    string
	Best, Worst []movement
	// Officers are the officers of the cases overdue at the month's end (the overdue tile's),
	// most overdue first; OfficersMore how many more; OverdueOpen their count.
	Officers        []officerDue
	OfficersMore    int
	OverdueOpen     uint64
	BacklogLink     string
	Unplanned       []lowestElement
	LowestPlanned   bool
	Decisions       []decisionDue
	DecisionsMore   int
	DecisionsNotYet bool // no decision log is kept yet
	// Themes are the month's three largest saran themes (of saran that suggest something),
	// each linking to its saran (SaranAll of the embedded view links to every theme).
	Themes []themeRow
	Share  string
	Link   string
}

// ringkasan: GET /dashboard/{agency}/ringkasan?month=2026-10 — one A4 page a head reads in
// ten seconds: the month in one sentence computed from its figures, the three best and three
// worst movements, the actions due, and a text to share with the link back. Every figure is
// the dashboard's for the same month, as of the same day.
func (s *Staff) ringkasan(c *gin.Context) {
	start := time.Now()
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	dv, ok := s.monthView(c, a, "Ringkasan "+a.ShortName, false)
	if !ok {
		return
	}
	v := &ringkasanView{dashboardView: dv}
	var (
		months            []reports.MonthTally
		population        uint64
		items             []survey.FollowUp
		cur, prev         reports.CaseSummary
		backlog           []reports.OfficerBacklog
		decisions         []survey.Decision
		targets           standard.Targets
		monthErr, prevErr error
	)
	d := s.opts.Data
	period := survey.Scope{Agency: a.Code, Period: dv.Period, Until: dv.AsOf}
	s.loadPanels(c.Request.Context(), dv, []panel{
		{"ikm", func(ctx context.Context, v *dashboardView) error {
			var popErr, itemErr error
			var wg sync.WaitGroup
			wg.Go(func() { population, popErr = d.Population(ctx, period) })
			wg.Go(func() { items, itemErr = d.FollowUps(ctx, a.Code, v.Period) })
			// Two periods: the month's, and the one before for a month that opens its period.
			ms, err := d.IKMMonths(ctx, a.Code, "", reports.TrendStart(v.Period, 2), v.Period)
			wg.Wait()
			months = ms
			return errors.Join(err, popErr, itemErr)
		}},
		{"cases", func(ctx context.Context, v *dashboardView) error {
			var wg sync.WaitGroup
			wg.Go(func() { prev, prevErr = d.CaseSummary(ctx, a.Code, v.Month.Previous(), "", a.Location) })
			cur, monthErr = d.CaseSummary(ctx, a.Code, v.Month, "", a.Location)
			wg.Wait()
			return errors.Join(monthErr, prevErr)
		}},
		{"targets", func(context.Context, *dashboardView) error {
			var err error
			targets, err = dv.targets()
			return err
		}},
		{"backlog", func(ctx context.Context, v *dashboardView) error {
			var err error
			backlog, err = d.BacklogAtMonthEnd(ctx, a.Code, v.Month, a.Location, s.opts.Now())
			return err
		}},
		{"themes", func(ctx context.Context, dv *dashboardView) error {
			sum, err := d.SaranThemes(ctx, survey.Scope{Agency: a.Code, Period: dv.Month}, a.Themes())
			if err != nil {
				return err
			}
			q := saranQuery(dv.Month, "")
			dv.SaranAll = template.URL("/saran/" + url.PathEscape(a.Code) + "?" + q.Encode())
			dv.SaranTotal = sum.Total
			top := sum
			top.Themes = sum.Top(ringkasanThemes)
			v.Themes = themeRows(a.Code, top, q)
			return nil
		}},
		{"decisions", func(ctx context.Context, v *dashboardView) error {
			if s.opts.Meetings == nil {
				return nil
			}
			// As the decision log reads a month: decisions recorded up to the month's end
			// (the meeting on it is often held early the next month) and open then.
			var err error
			decisions, err = s.opts.Meetings.OpenDecisions(ctx, a.Code, reports.MonthEnd(v.Month, a.Location))
			return err
		}},
	})
	v.DecisionsNotYet = s.opts.Meetings == nil
	kpisOK := dv.Failed["ikm"] == "" && dv.Failed["cases"] == "" && dv.Failed["targets"] == ""
	if kpisOK {
		r := reports.RunningAt(months, dv.Month, dv.Period, 2)
		kpis := reports.MonthKPIs(reports.MonthFigures{Run: r, Current: dv.Current, Population: population,
			Cases: cur, PrevCases: prev, FollowUps: items, Targets: targets})
		v.Headline = headline(dv.Month, dv.Period, kpis)
		v.Best, v.Worst = movements(kpis, dv.Month.Previous())
		for _, e := range reports.LowestElements(survey.Compute(r.UpTo), 3) {
			if !slices.ContainsFunc(items, func(f survey.FollowUp) bool { return f.Element == e.Element.Code() }) {
				v.Unplanned = append(v.Unplanned, lowestElement{Code: e.Element.Code(), Name: e.Element.Name(),
					NRR: formatDecimal(e.NRRFloat(), 2), IKM: survey.Format100(e.IKM100), Mutu: e.Mutu.Letter})
			}
		}
		v.LowestPlanned = r.UpTo.Respondents > 0 && len(v.Unplanned) == 0
	}
	v.BacklogLink = "/cases/" + a.Code + "/petugas?month=" + allMonths
	for _, b := range backlog {
		if b.Overdue == 0 {
			continue
		}
		v.OverdueOpen += b.Overdue
		if len(v.Officers) == ringkasanOfficers {
			v.OfficersMore++
			continue
		}
		v.Officers = append(v.Officers, officerDue{Name: officerName(b.Officer), Overdue: b.Overdue, OldestLate: b.OldestLate,
			Link: overdueLink(a.Code, dv.Month, "", officerParam(b.Officer))})
	}
	for _, dec := range decisions {
		if len(v.Decisions) == ringkasanDecisions {
			v.DecisionsMore++
			continue
		}
		dd := decisionDue{Decision: dec, MonthLabel: dec.Month, DueLabel: "–"}
		if m, err := survey.ParsePeriod(dec.Month); err == nil {
			dd.MonthLabel = m.Label(survey.ID)
		}
		if !dec.Due.IsZero() {
			dd.DueLabel, dd.Late = survey.DateLabel(dec.Due, survey.ID), dec.Due.Before(dv.AsOf)
		}
		v.Decisions = append(v.Decisions, dd)
	}
	v.Link = s.absoluteURL(c, "/dashboard/"+a.Code+"/ringkasan?month="+dv.Month.Code())
	v.Share = shareText(a, v)
	took := time.Since(start)
	v.TookMS = formatDecimal(float64(took.Microseconds())/1000, 1)
	s.render(c, http.StatusOK, "ringkasan", v)
	s.observe(c, "ringkasan", took, len(dv.Failed))
}

// officerName names an officer of the backlog; cases without one are "belum ditetapkan".
func officerName(o string) string {
	if o == "" {
		return "Petugas belum ditetapkan"
	}
	return o
}

// absoluteURL is path on the address the request came to, for a link read outside the app
// (a WhatsApp group): https behind TLS or when the cookies are marked Secure (behind a proxy
// that ends TLS).
func (s *Staff) absoluteURL(c *gin.Context, path string) string {
	scheme := "http"
	if c.Request.TLS != nil || s.opts.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + path
}

// kpiOf finds the key figure of key.
func kpiOf(kpis []reports.KPI, key string) (reports.KPI, bool) {
	i := slices.IndexFunc(kpis, func(k reports.KPI) bool { return k.Key == key })
	if i < 0 {
		return reports.KPI{}, false
	}
	return kpis[i], true
}

// headline says a month in one sentence from its key figures: the survey period's IKM with
// its mutu, its change against last month and its target; the share of cases completed on
// time against the target; and the cases overdue at the month's end (against the cap when
// the agency set one). "Oktober 2026: IKM 84,12 (mutu B, Baik), naik 1,30 poin, di bawah
// target 88,31; 91,0 % kasus selesai tepat waktu, di atas target 90 %; 68 kasus terlambat
// perlu ditindaklanjuti."
func headline(month, period survey.Period, kpis []reports.KPI) string {
	var parts []string
	if k, ok := kpiOf(kpis, reports.KPIPeriodIKM); ok {
		if k.Value == nil {
			parts = append(parts, "belum ada jawaban survei pada "+period.Label(survey.ID))
		} else {
			m := survey.Classify(int64(math.Round(*k.Value * 100)))
			p := "IKM " + k.Measure.Format(*k.Value) + " (mutu " + m.Letter + ", " + m.Kinerja + ")"
			if k.Change != nil {
				p += ", " + changeWords(k, " poin")
			}
			if k.Target != nil {
				p += ", " + againstTarget(*k.Value, *k.Target, k.Measure.Format(*k.Target))
			}
			parts = append(parts, p)
		}
	}
	received, _ := kpiOf(kpis, reports.KPIReceived)
	completed, _ := kpiOf(kpis, reports.KPICompleted)
	open, _ := kpiOf(kpis, reports.KPIOpen)
	if zero(received) && zero(completed) && zero(open) {
		return month.Label(survey.ID) + ": " + strings.Join(append(parts, "belum ada kasus layanan atau pengaduan tercatat"), "; ") + "."
	}
	if k, ok := kpiOf(kpis, reports.KPIOnTime); ok {
		if k.Value == nil {
			parts = append(parts, "belum ada kasus bertenggat yang selesai")
		} else {
			p := k.Measure.Format(*k.Value) + " % kasus selesai tepat waktu"
			if k.Target != nil && *k.Target > 0 {
				p += ", " + againstTarget(*k.Value, *k.Target, survey.FormatDecimal(*k.Target, 0)+" %")
			}
			parts = append(parts, p)
		}
	}
	if k, ok := kpiOf(kpis, reports.KPIOverdue); ok && k.Value != nil {
		n := *k.Value
		switch {
		case n == 0:
			parts = append(parts, "tidak ada kasus terlambat")
		case k.Target != nil && *k.Target > 0 && n <= *k.Target:
			parts = append(parts, k.Measure.Format(n)+" kasus terlambat, dalam batas "+k.Measure.Format(*k.Target)+", perlu ditindaklanjuti")
		case k.Target != nil && *k.Target > 0:
			parts = append(parts, k.Measure.Format(n)+" kasus terlambat, melebihi batas "+k.Measure.Format(*k.Target)+", perlu ditindaklanjuti")
		default:
			parts = append(parts, k.Measure.Format(n)+" kasus terlambat perlu ditindaklanjuti")
		}
	}
	return month.Label(survey.ID) + ": " + strings.Join(parts, "; ") + "."
}

// zero tells a count figure that is zero (or missing).
func zero(k reports.KPI) bool { return k.Value == nil || *k.Value == 0 }

// changeWords says a change against last month: "naik 1,30 poin", "turun 0,5 poin", "tetap
// dibanding bulan lalu". unit follows the number.
func changeWords(k reports.KPI, unit string) string {
	d := *k.Change
	switch {
	case d > 0:
		return "naik " + k.Measure.Format(d) + unit
	case d < 0:
		return "turun " + k.Measure.Format(-d) + unit
	}
	return "tetap dibanding bulan lalu"
}

// againstTarget says where a value stands against its target.
func againstTarget(v, target float64, shown string) string {
	switch {
	case v > target:
		return "di atas target " + shown
	case v < target:
		return "di bawah target " + shown
	}
	return "tepat mencapai target " + shown
}

// movementSense is the direction in which each key figure improves: +1 up, −1 down. Volumes
// (cases and complaints received, cases completed) are no performance in themselves, and the
// period's respondents grow by construction through the period: they are no movement.
var movementSense = map[string]float64{
	reports.KPIPeriodIKM: 1, reports.KPIMonthIKM: 1, reports.KPIOnTime: 1, reports.KPIComplaintOnTime: 1, reports.KPIFollowUps: 1,
	reports.KPIMedian: -1, reports.KPIP90: -1, reports.KPIOpen: -1, reports.KPIOverdue: -1,
}

// movementScore scores a key figure's change against last month: its direction (movementSense)
// times the change relative to last month's value, (this − last) ÷ max(|last|, 1). The key
// figures come in points, percent, hours and counts; the relative change puts them on one
// scale a head reads the same way ("the overdue cases up a third", "the IKM up 1,5 %"), and the
// floor of 1 keeps a figure that was zero last month finite (0 → 5 overdue cases scores −5, a
// real decline). A figure without a value or last month's value has no movement.
func movementScore(k reports.KPI) (float64, bool) {
	sense, ok := movementSense[k.Key]
	if !ok || k.Change == nil || k.Prev == nil {
		return 0, false
	}
	return sense * *k.Change / math.Max(math.Abs(*k.Prev), 1), true
}

// movements are the month's best and worst movements (movementScore), at most three each: only
// improvements among the best, only declines among the worst, the largest first.
func movements(kpis []reports.KPI, prev survey.Period) (best, worst []movement) {
	for _, k := range kpis {
		score, ok := movementScore(k)
		if !ok || score == 0 {
			continue
		}
		m := movement{Label: k.Label, Value: k.Measure.Format(*k.Value), Prev: k.Measure.Format(*k.Prev),
			Target: "tanpa target", Change: k.ChangeWords(prev.Label(survey.ID)),
			Delta: strings.TrimSuffix(k.ChangeWords(""), " dibanding "), Light: string(k.Light), score: score}
		if k.Unit != "" {
			m.Value += " " + k.Unit
		}
		if k.Target != nil {
			m.Target = k.Measure.Format(*k.Target)
			switch k.Measure {
			case reports.Percent:
				m.Target = survey.FormatDecimal(*k.Target, 0) + " %"
			case reports.Count:
				if *k.Target > 0 {
					m.Target = "batas " + m.Target // the overdue cap
				}
			}
		}
		if score > 0 {
			best = append(best, m)
		} else {
			worst = append(worst, m)
		}
	}
	slices.SortStableFunc(best, func(a, b movement) int { return cmp.Compare(b.score, a.score) })
	slices.SortStableFunc(worst, func(a, b movement) int { return cmp.Compare(a.score, b.score) })
	return best[:min(len(best), ringkasanMovements)], worst[:min(len(worst), ringkasanMovements)]
}

// shareText is the ringkasan in a few plain lines for a WhatsApp group, with the link back.
func shareText(a *standard.Agency, v *ringkasanView) string {
	lines := []string{"*Ringkasan evaluasi kinerja " + a.Name + "*", "Data s.d. " + v.AsOfLabel + "."}
	if v.Headline != "" {
		lines = append(lines, v.Headline)
	}
	words := func(ms []movement) string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Label+" "+m.Value+" ("+m.Change+")")
		}
		return strings.Join(out, "; ")
	}
	if len(v.Best) > 0 {
		lines = append(lines, "Membaik: "+words(v.Best)+".")
	}
	if len(v.Worst) > 0 {
		lines = append(lines, "Perlu perhatian: "+words(v.Worst)+".")
	}
	var todo []string
	if v.OverdueOpen > 0 {
		todo = append(todo, formatInt(v.OverdueOpen)+" kasus terlambat")
	}
	if n := len(v.Unplanned); n > 0 {
		todo = append(todo, formatInt(n)+" unsur terendah belum punya rencana tindak lanjut")
	}
	if n := len(v.Decisions) + v.DecisionsMore; n > 0 {
		todo = append(todo, formatInt(n)+" keputusan rapat belum selesai")
	}
	if len(todo) > 0 {
		lines = append(lines, "Tindak lanjut: "+strings.Join(todo, ", ")+".")
	}
	return strings.Join(append(lines, "Selengkapnya: "+v.Link), "\n")
}
