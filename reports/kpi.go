package reports

import (
	"fmt"
	"math"
	"strings"

	"skm/standard"
	"skm/survey"
)

// Measure says how a key figure reads: its decimals and the unit of its change.
type Measure int

// The measures of the key figures.
const (
	// Score is an IKM: two decimals; its change is in points of the index.
	Score Measure = iota
	// Count is a whole number of respondents or cases.
	Count
	// Percent is a share in percent with one decimal; its change is in percentage points.
	Percent
	// Hours is a working time in hours with one decimal.
	Hours
)

// Places is how many decimals the measure is shown and compared with.
func (m Measure) Places() int {
	switch m {
	case Score:
		return 2
	case Percent, Hours:
		return 1
	}
	return 0
}

// Format writes v as the measure shows it, the Indonesian way ("84,88", "1.161", "94,1").
func (m Measure) Format(v float64) string { return survey.FormatDecimal(v, m.Places()) }

// ChangeUnit is the unit words of a change of the measure (" poin", " jam"), or "".
func (m Measure) ChangeUnit() string {
	switch m {
	case Percent:
		return " poin"
	case Hours:
		return " jam"
	}
	return ""
}

// Labels of the month's key figures. The monthly workbook's summary rows carry them (its
// tests find the figures by them); the dashboard's tiles start from them. A running month's
// "di akhir bulan" reads "saat ini".
const (
	KPIPeriodIKM       = "IKM kumulatif periode survei"
	KPIMonthIKM        = "IKM bulanan (indikatif)"
	KPIRespondents     = "Responden kumulatif periode survei"
	KPIReceived        = "Kasus diterima dalam bulan"
	KPICompleted       = "Kasus selesai dalam bulan"
	KPIOnTime          = "Selesai tepat waktu (kasus bertenggat)"
	KPIMedian          = "Median waktu penyelesaian (jam kerja)"
	KPIP90             = "Persentil ke-90 waktu penyelesaian (jam kerja)"
	KPIOpen            = "Kasus terbuka di akhir bulan"
	KPIOverdue         = "Kasus terlambat di akhir bulan"
	KPIComplaints      = "Pengaduan diterima dalam bulan"
	KPIComplaintOnTime = "Pengaduan selesai tepat waktu"
	KPIFollowUps       = "Rencana tindak lanjut selesai"
)

// KPI is one key figure of a month as both the dashboard and the monthly workbook show it:
// the same value, change, light and words in both.
type KPI struct {
	// Key is the figure's KPI… constant; Label is what it is called (a running month's
	// "di akhir bulan" reads "saat ini").
	Key     string
	Label   string
	Measure Measure
	// Value and Prev (the previous month's) are rounded as shown; nil when there is no figure.
	Value, Prev *float64
	// Change is Value − Prev of the figures as shown (so "94,1" after "95,6" is "-1,5 poin"),
	// nil when either is missing.
	Change *float64
	// Target is the figure to reach (a cap for the overdue cases), nil when there is none.
	Target *float64
	// Light is how the figure stands, "" without a target; Status says it in words proper to
	// the figure ("sesuai target", "3 melewati tenggat").
	Light  Light
	Status string
	// Unit follows the value on a tile ("mutu B (Baik)", "%", "jam kerja", "dari 384").
	Unit string
	// Note says what the figure counts and which month each count belongs to.
	Note string
	// YearAgo is the figure a year earlier, as that month showed it: the same month of the
	// previous year, or for the survey period's figures (PeriodWide) the same period of the
	// previous year up to that month's end. Nil when there is none: YearAgoMissing then says
	// why ("belum ada data kasus"); a missing year is never shown as 0. YearAgoChange is
	// Value − YearAgo of the figures as shown. YearAgoMonth is the month a year earlier, zero
	// when the month was not compared with a year earlier.
	YearAgo, YearAgoChange *float64
	YearAgoMonth           survey.Period
	YearAgoMissing         string

	// none says why Value is nil, in the words of a missing year-ago figure.
	none string
}

// PeriodWide reports whether the figure counts the survey period up to the month's end (its
// previous and year-ago values are the period up to those months' ends), not the month alone.
func (k KPI) PeriodWide() bool { return k.Key == KPIPeriodIKM || k.Key == KPIRespondents }

// ChangeWords words the change against the previous month: "▲ +1,20 dibanding September
// 2026", or "" without one.
func (k KPI) ChangeWords(prevLabel string) string {
	if k.Change == nil {
		return ""
	}
	return k.changeWords(*k.Change, prevLabel)
}

// ChangeArrow writes a change with its arrow and sign as the tiles show it: "▲ +1,20",
// "▼ -1,5", "■ 0".
func (k KPI) ChangeArrow(d float64) string {
	arrow := "■ "
	switch {
	case d > 0:
		arrow = "▲ +"
	case d < 0:
		arrow = "▼ "
	}
	return arrow + k.Measure.Format(d)
}

// changeWords words change d of k against what of names.
func (k KPI) changeWords(d float64, of string) string {
	return k.ChangeArrow(d) + k.Measure.ChangeUnit() + " dibanding " + of
}

// YearAgoWords words the change against the same month a year earlier: "▲ +3,98
// dibanding Oktober 2025" ("periode yang sama s.d. Oktober 2025" for the survey period's
// figures), or "" without one.
func (k KPI) YearAgoWords() string {
	if k.YearAgoChange == nil {
		return ""
	}
	of := k.YearAgoMonth.Label(survey.ID)
	if k.PeriodWide() {
		of = "periode yang sama s.d. " + of
	}
	return k.changeWords(*k.YearAgoChange, of)
}

// MonthFigures is what a month's key figures are computed from.
type MonthFigures struct {
	// Run is the survey's tallies up to the month's end.
	Run Running
	// Current is set while the month runs (its figures count up to today).
	Current bool
	// Population is the survey period's population up to the month's end.
	Population uint64
	// Cases and PrevCases summarise the month and the one before it.
	Cases, PrevCases CaseSummary
	// FollowUps are the survey period's follow-up items.
	FollowUps []survey.FollowUp
	Targets   standard.Targets
	// YearAgo are the figures of the same month a year earlier (see YearAgoFigures); nil:
	// the month is not compared with a year earlier.
	YearAgo *MonthFigures
}

// YearBefore is the period of the same kind a year before p: October 2025 for October 2026,
// Semester II 2025 for Semester II 2026.
func YearBefore(p survey.Period) survey.Period {
	p.Year--
	return p
}

// SurveyFrom is the first period whose months the figures of period need: the first of its
// trend of n periods, or the same period a year earlier when the trend does not reach it.
// IKMMonths from it to period gives RunningAt and YearAgoFigures in one query.
func SurveyFrom(period survey.Period, n int) survey.Period {
	first, ago := TrendStart(period, n), YearBefore(period)
	if ago.Start().Before(first.Start()) {
		return ago
	}
	return first
}

// YearAgoFigures are the figures of the month a year before month, whose survey period is a
// year before period: the survey's months as of that month's end (months as IKMMonths gives
// them from SurveyFrom), and that month's cases. They are what that month's dashboard and
// workbook showed: the same period up to the same point of it, the same month alone.
func YearAgoFigures(months []MonthTally, month, period survey.Period, cases CaseSummary) *MonthFigures {
	return &MonthFigures{Run: RunningAt(months, YearBefore(month), YearBefore(period), 1), Cases: cases}
}

// MonthKPIs computes a month's key figures, in the order of the monthly workbook's summary.
func MonthKPIs(f MonthFigures) []KPI {
	month := f.Run.Month.Label(survey.ID)
	atEnd := func(label string) string {
		if f.Current {
			return strings.Replace(label, "di akhir bulan", "saat ini", 1)
		}
		return label
	}
	cur, prev := f.Cases, f.PrevCases
	share := survey.ShareDone(f.FollowUps)
	kpis := []KPI{
		ikmKPI(KPIPeriodIKM, f.Run.UpTo, f.Run.UpToPrev, f.Targets.IKM, f.Run.Period.Label(survey.ID)),
		ikmKPI(KPIMonthIKM, f.Run.ThisMonth, f.Run.LastMonth, f.Targets.IKM, month+"; IKM resmi dihitung per periode survei"),
		sampleKPI(f.Run, f.Population),
		countKPI(KPIReceived, cur.Received, prev.Received, "masuk "+month),
		countKPI(KPICompleted, cur.Completed, prev.Completed, fmt.Sprintf("selesai %s, termasuk yang masuk sebelumnya; %s bertenggat, %s tanpa standar waktu",
			month, survey.FormatInt(int64(cur.WithLimit)), survey.FormatInt(int64(cur.WithoutLimit())))),
		onTimeKPI(KPIOnTime, cur.CaseStats, prev.CaseStats, f.Targets.OnTimePercent, "kasus", month),
		hoursKPI(KPIMedian, cur.CaseStats, prev.CaseStats, cur.MedianMinutes, prev.MedianMinutes, month),
		hoursKPI(KPIP90, cur.CaseStats, prev.CaseStats, cur.P90Minutes, prev.P90Minutes, month),
		countKPI(KPIOpen, cur.OpenAtEnd, prev.OpenAtEnd, "belum selesai, termasuk yang masuk sebelum "+month),
		overdueKPI(KPIOverdue, cur.CaseStats, prev.CaseStats, "kasus", f.Targets.OverdueCap),
		countKPI(KPIComplaints, cur.Complaints.Received, prev.Complaints.Received, "masuk "+month),
		complaintKPI(cur.Complaints, prev.Complaints, f.Targets.OnTimePercent, month, f.Current),
		followUpKPI(share, f.Run.Period),
	}
	for i := range kpis {
		kpis[i].Key, kpis[i].Label = kpis[i].Label, atEnd(kpis[i].Label)
	}
	if f.YearAgo != nil {
		ago := *f.YearAgo
		ago.YearAgo, ago.Current = nil, false
		then := MonthKPIs(ago)
		for i := range kpis {
			kpis[i] = withYearAgo(kpis[i], then[i], ago)
		}
	}
	return kpis
}

// withYearAgo sets k's year-ago value from then, the same figure of the month a year
// earlier computed from ago, or says why there is none: no survey answers or no cases at
// all that month are no data, not 0; a share or time without cases to count says so as that
// month's figure does. The follow-up plan's share is not compared: its items' status is
// today's, not as of a year ago.
func withYearAgo(k, then KPI, ago MonthFigures) KPI {
	k.YearAgoMonth = ago.Run.Month
	switch k.Key {
	case KPIFollowUps:
		k.YearAgoMissing = "tidak dibandingkan"
		return k
	case KPIPeriodIKM, KPIMonthIKM, KPIRespondents:
		if then.Value == nil || *then.Value == 0 && k.Key == KPIRespondents {
			k.YearAgoMissing = "belum ada data survei"
			return k
		}
	default:
		if c := ago.Cases; c.Received == 0 && c.Completed == 0 && c.OpenAtEnd == 0 {
			k.YearAgoMissing = "belum ada data kasus"
			return k
		}
		if then.Value == nil {
			k.YearAgoMissing = then.none
			return k
		}
	}
	k.YearAgo = then.Value
	if k.Value != nil {
		k.YearAgoChange = shown(k.Measure, *k.Value-*k.YearAgo)
	}
	return k
}

// shown rounds v as the measure shows it.
func shown(m Measure, v float64) *float64 {
	p := math.Pow(10, float64(m.Places()))
	r := math.Round(v*p) / p
	return &r
}

// withChange sets k's change from its value and previous value.
func withChange(k KPI) KPI {
	if k.Value != nil && k.Prev != nil {
		k.Change = shown(k.Measure, *k.Value-*k.Prev)
	}
	return k
}

// targetWords adds the target to a light's words: "sesuai target · target 88,31".
func targetWords(l Light, target string) string { return l.Status() + " · target " + target }

func ikmKPI(label string, t, prev survey.Tally, target float64, note string) KPI {
	k := KPI{Label: label, Measure: Score, Target: &target,
		Note: note + " · " + survey.FormatInt(int64(t.Respondents)) + " responden"}
	c := survey.Compute(t)
	if !c.Complete {
		k.Status, k.none = "belum ada data", "belum ada data survei"
		return k
	}
	k.Value = shown(Score, c.RoundedFloat())
	k.Unit = "mutu " + c.Mutu.Letter + " (" + c.Mutu.Kinerja + ")"
	k.Light = IKMLight(*k.Value, target)
	k.Status = targetWords(k.Light, Score.Format(target))
	if p := survey.Compute(prev); p.Complete {
		k.Prev = shown(Score, p.RoundedFloat())
	}
	return withChange(k)
}

func sampleKPI(r Running, population uint64) KPI {
	v, p := float64(r.UpTo.Respondents), float64(r.UpToPrev.Respondents)
	k := withChange(KPI{Label: KPIRespondents, Measure: Count, Value: &v, Prev: &p})
	if population == 0 {
		k.Status = "tanpa target"
		k.Note = "populasi belum diketahui: catat kasus atau isi perkiraan populasi"
		return k
	}
	required := survey.SampleSize(population)
	t := float64(required)
	k.Target = &t
	k.Unit = "dari " + survey.FormatInt(int64(required))
	k.Light = SampleLight(r.UpTo.Respondents, required)
	k.Status = targetWords(k.Light, survey.FormatInt(int64(required))+" (sampel minimum)")
	k.Note = "sampel minimum Krejcie-Morgan dari populasi " + survey.FormatInt(int64(population))
	return k
}

func countKPI(label string, cur, prev uint64, note string) KPI {
	v, p := float64(cur), float64(prev)
	return withChange(KPI{Label: label, Measure: Count, Value: &v, Prev: &p, Unit: "kasus", Note: note})
}

func onTimeKPI(label string, cur, prev CaseStats, target float64, noun, month string) KPI {
	k := KPI{Label: label, Measure: Percent, Target: &target, Unit: "%",
		Note: fmt.Sprintf("%s dari %s %s bertenggat yang selesai %s", survey.FormatInt(int64(cur.OnTime)),
			survey.FormatInt(int64(cur.WithLimit)), noun, month)}
	if w := cur.WithoutLimit(); w > 0 {
		k.Note += "; " + survey.FormatInt(int64(w)) + " tanpa standar waktu"
	}
	pct, ok := cur.OnTimePercent()
	if !ok {
		k.Status = "belum ada " + noun + " bertenggat yang selesai"
		k.none = k.Status
		return k
	}
	k.Value = shown(Percent, pct)
	k.Light = OnTimeLight(*k.Value, target)
	k.Status = targetWords(k.Light, survey.FormatDecimal(target, 0)+" %")
	if op, ok := prev.OnTimePercent(); ok {
		k.Prev = shown(Percent, op)
	}
	return withChange(k)
}

func hoursKPI(label string, cur, prev CaseStats, minutes, prevMinutes float64, month string) KPI {
	k := KPI{Label: label, Measure: Hours, Unit: "jam kerja", Note: "kasus yang selesai " + month}
	if cur.Completed == 0 {
		k.Status, k.none = "belum ada kasus selesai", "belum ada kasus selesai"
		return k
	}
	k.Value = shown(Hours, minutes/60)
	if prev.Completed > 0 {
		k.Prev = shown(Hours, prevMinutes/60)
	}
	return withChange(k)
}

// overdueKPI counts the open cases past their deadline against the agency's cap: green
// within it, red above ("melebihi batas 3"). Without a cap the target is none overdue, and
// the light weighs the overdue cases against the open ones (OverdueLight).
func overdueKPI(label string, cur, prev CaseStats, noun string, overdueCap *uint64) KPI {
	v, p, zero := float64(cur.OverdueAtEnd), float64(prev.OverdueAtEnd), 0.0
	k := withChange(KPI{Label: label, Measure: Count, Value: &v, Prev: &p, Target: &zero, Unit: noun,
		Light: OverdueLight(cur.OverdueAtEnd, cur.OpenAtEnd)})
	k.Note = "dari " + survey.FormatInt(int64(cur.OpenAtEnd)) + " " + noun + " yang belum selesai"
	k.Status = overdueWords(cur, noun)
	if overdueCap != nil {
		c := float64(*overdueCap)
		k.Target, k.Light = &c, OverdueCapLight(cur.OverdueAtEnd, *overdueCap)
		within := "dalam batas "
		if k.Light == Red {
			within = "melebihi batas "
		}
		k.Status += " · " + within + survey.FormatInt(int64(*overdueCap))
	}
	return k
}

// overdueWords says how many open cases passed their deadline: "15 dari 16 pengaduan
// terbuka melewati tenggat".
func overdueWords(st CaseStats, noun string) string {
	if st.OverdueAtEnd == 0 {
		return "tidak ada " + noun + " yang terlambat"
	}
	return survey.FormatInt(int64(st.OverdueAtEnd)) + " dari " + survey.FormatInt(int64(st.OpenAtEnd)) + " " + noun +
		" terbuka melewati tenggat"
}

// complaintCounts says which month each complaint count belongs to.
func complaintCounts(c CaseStats, month string, current bool) string {
	end := "di akhir " + month
	if current {
		end = "saat ini"
	}
	return fmt.Sprintf("%s masuk %s; %s selesai %s (termasuk yang masuk sebelumnya); %s masih terbuka %s",
		survey.FormatInt(int64(c.Received)), month, survey.FormatInt(int64(c.Completed)), month,
		survey.FormatInt(int64(c.OpenAtEnd)), end)
}

// complaintKPI is the complaints' on-time share; its light is also held down by complaints
// left open past their deadline, so a good share of the few completed cannot hide them.
func complaintKPI(cur, prev CaseStats, target float64, month string, current bool) KPI {
	k := onTimeKPI(KPIComplaintOnTime, cur, prev, target, "pengaduan", month)
	k.Note = complaintCounts(cur, month, current) + "; tepat waktu: " + k.Note
	if over := OverdueLight(cur.OverdueAtEnd, cur.OpenAtEnd); cur.OverdueAtEnd > 0 && worse(over, k.Light) {
		k.Light = over
		k.Status = overdueWords(cur, "pengaduan")
	}
	return k
}

// worse reports whether light a is worse than b (no light counts as the best).
func worse(a, b Light) bool {
	rank := map[Light]int{"": 0, Green: 0, Amber: 1, Red: 2}
	return rank[a] > rank[b]
}

func followUpKPI(share survey.FollowUpShare, period survey.Period) KPI {
	k := KPI{Label: KPIFollowUps, Measure: Percent, Unit: "%",
		Note: fmt.Sprintf("%d dari %d kegiatan periode %s; rata-rata kemajuan %s %%", share.Done, share.Total,
			period.Label(survey.ID), survey.FormatDecimal(share.MeanProgress, 0))}
	if share.Total > 0 {
		k.Value = shown(Percent, 100*float64(share.Done)/float64(share.Total))
	}
	return k
}
