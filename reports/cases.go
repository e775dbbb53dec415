package reports

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"skm/survey"
)

// AgeBuckets are the bounds, in calendar days since receipt, of the age groups of cases open
// at a month's end: 0–7, 8–14, 15–30, 31–60 and over 60 days.
var AgeBuckets = []struct {
	Label string
	Max   uint32 // inclusive; the last bucket has no bound
}{{"0–7 hari", 7}, {"8–14 hari", 14}, {"15–30 hari", 30}, {"31–60 hari", 60}, {"> 60 hari", math.MaxUint32}}

// CaseStats are the monthly evaluation's figures for a set of cases, counted from the newest
// version of each case.
type CaseStats struct {
	// Received in the month, and Completed in the month.
	Received  uint64
	Completed uint64
	// WithLimit of the completed had a time limit; OnTime of those were completed by their
	// deadline. Completed − WithLimit had none ("tanpa standar waktu") and are counted apart.
	WithLimit uint64
	OnTime    uint64
	// MedianMinutes and P90Minutes are the working minutes from receipt to completion of the
	// cases completed in the month, as Excel's MEDIAN and PERCENTILE.INC compute them (the
	// mean of the two middle values; linear between the closest ranks); 0 when none.
	MedianMinutes float64
	P90Minutes    float64
	// OpenAtEnd were received by the month's end and not completed by then; OverdueAtEnd of
	// them had passed their deadline; OpenByAge splits them by AgeBuckets.
	OpenAtEnd    uint64
	OverdueAtEnd uint64
	OpenByAge    []uint64
	// ByDuration counts the cases completed in the month by DurationBuckets.
	ByDuration []uint64

	minutes counted
}

// counted is a multiset of values: distinct values with how often each occurs, as the
// statements return working minutes and ages (sumMap), several times fewer than the cases.
type counted struct {
	values []uint32
	counts []uint64
}

// sorted returns c ordered by value, equal values merged.
func (c counted) sorted() counted {
	type pair struct {
		v uint32
		n uint64
	}
	pairs := make([]pair, len(c.values))
	for i := range c.values {
		pairs[i] = pair{c.values[i], c.counts[i]}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.v, b.v) })
	var out counted
	for _, p := range pairs {
		if k := len(out.values); k > 0 && out.values[k-1] == p.v {
			out.counts[k-1] += p.n
			continue
		}
		out.values = append(out.values, p.v)
		out.counts = append(out.counts, p.n)
	}
	return out
}

// percentile is Percentile over the sorted multiset c.
func (c counted) percentile(p float64) float64 {
	var n uint64
	for _, k := range c.counts {
		n += k
	}
	if n == 0 {
		return 0
	}
	rank := p * float64(n-1)
	lo := uint64(math.Floor(rank))
	a := float64(c.nth(lo))
	if lo+1 >= n {
		return a
	}
	return a + (rank-float64(lo))*(float64(c.nth(lo+1))-a)
}

// nth returns the k-th value (from 0) of the sorted multiset c.
func (c counted) nth(k uint64) uint32 {
	for i, n := range c.counts {
		if k < n {
			return c.values[i]
		}
		k -= n
	}
	return c.values[len(c.values)-1]
}

// WithoutLimit is how many completed cases had no time limit.
func (s CaseStats) WithoutLimit() uint64 { return s.Completed - s.WithLimit }

// OnTimePercent is the share of completed cases with a time limit that were on time; ok is
// false when there were none.
func (s CaseStats) OnTimePercent() (float64, bool) {
	if s.WithLimit == 0 {
		return 0, false
	}
	return 100 * float64(s.OnTime) / float64(s.WithLimit), true
}

func (s *CaseStats) add(o *CaseStats, ages counted) {
	s.Received += o.Received
	s.Completed += o.Completed
	s.WithLimit += o.WithLimit
	s.OnTime += o.OnTime
	s.OverdueAtEnd += o.OverdueAtEnd
	s.minutes.values = append(s.minutes.values, o.minutes.values...)
	s.minutes.counts = append(s.minutes.counts, o.minutes.counts...)
	if s.OpenByAge == nil {
		s.OpenByAge = make([]uint64, len(AgeBuckets))
	}
	for j, age := range ages.values {
		n := ages.counts[j]
		s.OpenAtEnd += n
		for i, b := range AgeBuckets {
			if age <= b.Max {
				s.OpenByAge[i] += n
				break
			}
		}
	}
}

func (s *CaseStats) finish() {
	m := s.minutes.sorted()
	s.MedianMinutes = m.percentile(0.5)
	s.P90Minutes = m.percentile(0.9)
	s.ByDuration = make([]uint64, len(DurationBuckets))
	for j, v := range m.values {
		for i, b := range DurationBuckets {
			if v <= b.Max {
				s.ByDuration[i] += m.counts[j]
				break
			}
		}
	}
	s.minutes = counted{}
}

// Percentile is Excel's PERCENTILE.INC of sorted values: linear interpolation between the
// closest ranks at p·(n−1); 0 for no values. Percentile(v, 0.5) is MEDIAN.
func Percentile(sorted []uint32, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := p * float64(len(sorted)-1)
	lo := int(math.Floor(rank))
	if lo >= len(sorted)-1 {
		return float64(sorted[len(sorted)-1])
	}
	frac := rank - float64(lo)
	return float64(sorted[lo]) + frac*float64(int64(sorted[lo+1])-int64(sorted[lo]))
}

// CaseGroup is the figures of one service, channel, class or kind.
type CaseGroup struct {
	Key string
	CaseStats
}

// CaseSummary is an agency's month of cases: the totals, the complaints (kind pengaduan),
// and the same figures per service, channel and complaint class (cases without a class
// under ""), and the complaints per channel, each sorted by key.
type CaseSummary struct {
	CaseStats
	Complaints          CaseStats
	ByService           []CaseGroup
	ByChannel           []CaseGroup
	ByClass             []CaseGroup
	ComplaintsByChannel []CaseGroup
}

// monthEnd returns the bounds of a month period as dates, and its end instant in loc.
func monthEnd(month survey.Period, loc *time.Location) (first, last, end string) {
	f, l := month.Bounds()
	e := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc).UTC()
	return f.Format(time.DateOnly), l.Format(time.DateOnly), e.Format(time.DateTime)
}

// CaseSummary answers the monthly evaluation's questions about cases for an agency's month
// (a period of kind Month), optionally one service, from the figures computed ahead in
// case_month; a month never computed is counted from the cases (CaseSummaryRaw). loc is the
// agency's time zone, which fixes the month's end instant for "overdue at the month's end".
func (q *Querier) CaseSummary(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (CaseSummary, error) {
	f, _, _ := monthEnd(month, loc)
	rows, err := q.conn.Query(ctx, queries.Get("CaseSummary", q.db), agency, f, agency, f)
	if err != nil {
		return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
	}
	defer rows.Close()
	found := false
	stats := map[string]map[string]CaseStats{}
	for rows.Next() {
		var dim, key string
		var st CaseStats
		if err := rows.Scan(&dim, &key, &st.Received, &st.Completed, &st.WithLimit, &st.OnTime, &st.MedianMinutes, &st.P90Minutes,
			&st.OverdueAtEnd, &st.OpenAtEnd, &st.OpenByAge, &st.ByDuration); err != nil {
			return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
		}
		found = true
		if stats[dim] == nil {
			stats[dim] = map[string]CaseStats{}
		}
		stats[dim][key] = st
	}
	if err := rows.Err(); err != nil {
		return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
	}
	if !found {
		return q.CaseSummaryRaw(ctx, agency, month, service, loc)
	}
	pick := func(dim, key string) CaseStats {
		if st, ok := stats[dim][key]; ok {
			return st
		}
		return CaseStats{OpenByAge: make([]uint64, len(AgeBuckets)), ByDuration: make([]uint64, len(DurationBuckets))}
	}
	// groups returns a dimension's rows whose key starts with prefix, the prefix cut, by key.
	groups := func(dim, prefix string) []CaseGroup {
		var out []CaseGroup
		for key, st := range stats[dim] {
			if k, ok := strings.CutPrefix(key, prefix); ok {
				out = append(out, CaseGroup{Key: k, CaseStats: st})
			}
		}
		slices.SortFunc(out, func(a, b CaseGroup) int { return strings.Compare(a.Key, b.Key) })
		return out
	}
	var sum CaseSummary
	if service == "" {
		sum.CaseStats, sum.Complaints = pick("all", ""), pick("complaints", "")
		sum.ByService, sum.ByChannel, sum.ByClass = groups("service", ""), groups("channel", ""), groups("class", "")
		sum.ComplaintsByChannel = groups("complaints-channel", "")
		return sum, nil
	}
	sum.CaseStats, sum.Complaints = pick("service", service), pick("service-complaints", service)
	if st, ok := stats["service"][service]; ok {
		sum.ByService = []CaseGroup{{Key: service, CaseStats: st}}
	}
	sum.ByChannel, sum.ByClass = groups("service-channel", service+"|"), groups("service-class", service+"|")
	sum.ComplaintsByChannel = groups("service-complaints-channel", service+"|")
	return sum, nil
}

// CaseSummaryRaw is CaseSummary counted from the newest version of each case.
func (q *Querier) CaseSummaryRaw(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (CaseSummary, error) {
	f, l, end := monthEnd(month, loc)
	return q.caseSummary(ctx, agency, month, f, l, end, l, f, l, l, l, agency, agency, l, f, f, service, service)
}

// caseSummary runs CaseSummaryRaw, which returns groups of the month, and combines them.
func (q *Querier) caseSummary(ctx context.Context, agency string, month survey.Period, args ...any) (CaseSummary, error) {
	rows, err := q.conn.Query(ctx, queries.Get("CaseSummaryRaw", q.db), args...)
	if err != nil {
		return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
	}
	defer rows.Close()
	var sum CaseSummary
	groups := [4]map[string]*CaseStats{{}, {}, {}, {}}
	for rows.Next() {
		var (
			svc, channel, class, kind string
			g                         CaseStats
			ages                      counted
		)
		if err := rows.Scan(&svc, &channel, &class, &kind, &g.Received, &g.Completed, &g.WithLimit, &g.OnTime,
			&g.minutes.values, &g.minutes.counts, &g.OverdueAtEnd, &ages.values, &ages.counts); err != nil {
			return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
		}
		sum.add(&g, ages)
		if kind == "pengaduan" {
			sum.Complaints.add(&g, ages)
		}
		for i, key := range []string{svc, channel, class, channel} {
			if i == 3 && kind != "pengaduan" {
				continue
			}
			s, ok := groups[i][key]
			if !ok {
				s = &CaseStats{}
				groups[i][key] = s
			}
			s.add(&g, ages)
		}
	}
	if err := rows.Err(); err != nil {
		return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
	}
	sum.add(&CaseStats{}, counted{}) // allocate the age buckets of an empty month
	sum.Complaints.add(&CaseStats{}, counted{})
	sum.finish()
	sum.Complaints.finish()
	for i, into := range []*[]CaseGroup{&sum.ByService, &sum.ByChannel, &sum.ByClass, &sum.ComplaintsByChannel} {
		for key, s := range groups[i] {
			s.finish()
			*into = append(*into, CaseGroup{Key: key, CaseStats: *s})
		}
		slices.SortFunc(*into, func(a, b CaseGroup) int {
			if a.Key < b.Key {
				return -1
			}
			if a.Key > b.Key {
				return 1
			}
			return 0
		})
	}
	return sum, nil
}

// OverdueCase is a case open at a month's end past its deadline, for the overdue list.
type OverdueCase struct {
	ID          string
	Service     string
	Channel     string
	Class       string
	Kind        string
	Status      string
	ReceivedAt  time.Time
	DeadlineAt  time.Time
	Officer     string
	ExternalRef string
}

// OverdueCases lists an agency's cases (optionally one service) open at the month's end past
// their deadline, most overdue first, up to limit: from the month's computed figures when
// they exist and limit is at most 200, else from the cases (OverdueCasesRaw).
func (q *Querier) OverdueCases(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]OverdueCase, error) {
	first, last := month.Bounds()
	ok, err := q.computed(ctx, agency, first, last)
	if err != nil {
		return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
	}
	if !ok || limit > 200 {
		return q.OverdueCasesRaw(ctx, agency, month, service, loc, limit)
	}
	f := first.Format(time.DateOnly)
	rows, err := q.conn.Query(ctx, queries.Get("OverdueCasesComputed", q.db), agency, f, service, service, agency, f, uint64(limit))
	if err != nil {
		return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
	}
	defer rows.Close()
	var out []OverdueCase
	for rows.Next() {
		var c OverdueCase
		if err := rows.Scan(&c.ID, &c.Service, &c.Channel, &c.Class, &c.Kind, &c.Status, &c.ReceivedAt, &c.DeadlineAt, &c.Officer, &c.ExternalRef); err != nil {
			return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// OverdueCasesRaw is OverdueCases read from the newest version of each case, up to any limit.
func (q *Querier) OverdueCasesRaw(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]OverdueCase, error) {
	_, _, end := monthEnd(month, loc)
	rows, err := q.conn.Query(ctx, queries.Get("OverdueCases", q.db), agency, agency, end, end, end, end, end, service, service, uint64(limit))
	if err != nil {
		return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
	}
	defer rows.Close()
	var out []OverdueCase
	for rows.Next() {
		var c OverdueCase
		var deadline, completed *time.Time
		if err := rows.Scan(&c.ID, &c.Service, &c.Channel, &c.Class, &c.Kind, &c.Status, &c.ReceivedAt, &completed, &deadline, &c.Officer, &c.ExternalRef); err != nil {
			return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
		}
		if deadline != nil {
			c.DeadlineAt = *deadline
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
	}
	return out, nil
}

// DurationBuckets are the upper bounds, in working hours, of the completion-time groups:
// up to 1, 4, 8 (about a working day), 24, 40 (about a working week) and more.
var DurationBuckets = []struct {
	Label string
	Max   uint32 // inclusive bound in working minutes; the last has none
}{{"≤ 1 jam", 60}, {"1–4 jam", 240}, {"4–8 jam", 480}, {"8–24 jam", 1440}, {"24–40 jam", 2400}, {"> 40 jam", math.MaxUint32}}

// MonthServiceCases are the cases of one service completed in one month.
type MonthServiceCases struct {
	Month     survey.Period
	Service   string
	Completed uint64
	WithLimit uint64
	OnTime    uint64
}

// OnTimeByMonth returns, per month from first to last (month periods) and service, the cases
// completed and how many of those with a time limit were on time; months and services with
// none are left out. It reads the figures computed ahead when every month of the span has
// them, else counts from the cases (OnTimeByMonthRaw).
func (q *Querier) OnTimeByMonth(ctx context.Context, agency string, first, last survey.Period, service string) ([]MonthServiceCases, error) {
	f, _ := first.Bounds()
	_, l := last.Bounds()
	fs, ls := f.Format(time.DateOnly), l.Format(time.DateOnly)
	ok, err := q.computed(ctx, agency, f, l)
	if err != nil {
		return nil, fmt.Errorf("reports: on time by month %s: %w", agency, err)
	}
	if !ok {
		return q.OnTimeByMonthRaw(ctx, agency, first, last, service)
	}
	return q.onTimeByMonth(ctx, "OnTimeByMonth", agency, fs, ls, service, service, agency, fs, ls)
}

// OnTimeByMonthRaw is OnTimeByMonth counted from the newest version of each case.
func (q *Querier) OnTimeByMonthRaw(ctx context.Context, agency string, first, last survey.Period, service string) ([]MonthServiceCases, error) {
	f, _ := first.Bounds()
	_, l := last.Bounds()
	fs, ls := f.Format(time.DateOnly), l.Format(time.DateOnly)
	return q.onTimeByMonth(ctx, "OnTimeByMonthRaw", agency, agency, ls, fs, ls, fs, ls, service, service)
}

func (q *Querier) onTimeByMonth(ctx context.Context, name, agency string, args ...any) ([]MonthServiceCases, error) {
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), append([]any{agency}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("reports: on time by month %s: %w", agency, err)
	}
	defer rows.Close()
	var out []MonthServiceCases
	for rows.Next() {
		var m MonthServiceCases
		var month time.Time
		if err := rows.Scan(&month, &m.Service, &m.Completed, &m.WithLimit, &m.OnTime); err != nil {
			return nil, fmt.Errorf("reports: on time by month: %w", err)
		}
		m.Month = survey.Period{Kind: survey.Month, Year: month.Year(), N: int(month.Month())}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DayCount is how many respondents answered on one (local) day.
type DayCount struct {
	Day         time.Time
	Respondents uint64
}

// ResponsesByDay returns the respondents per day of a scope; days without any are left out.
func (q *Querier) ResponsesByDay(ctx context.Context, s survey.Scope) ([]DayCount, error) {
	rows, err := q.conn.Query(ctx, queries.Get("ResponsesByDay", q.db), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("reports: responses by day %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var d DayCount
		if err := rows.Scan(&d.Day, &d.Respondents); err != nil {
			return nil, fmt.Errorf("reports: responses by day: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CaseRecord is the newest version of one case, for the case register.
type CaseRecord struct {
	ID          string
	Kind        string
	Service     string
	Channel     string
	Class       string
	Status      string
	ReceivedAt  time.Time
	CompletedAt *time.Time
	// LimitAmount and LimitUnit are the time limit resolved at intake (unit "" for none).
	LimitAmount    uint32
	LimitUnit      string
	DeadlineAt     *time.Time
	OnTime         *bool
	WorkingMinutes *uint32
	Officer        string
	ExternalRef    string
}

// CaseFilter selects cases for the register: received from First to Last (dates), and
// optionally of one status, or containing Text in the id, the external reference or the
// officer's name.
type CaseFilter struct {
	First, Last time.Time
	Status      string
	Text        string
	Limit       int
}

// CaseList returns the newest version of an agency's cases matching f, newest receipt first.
func (q *Querier) CaseList(ctx context.Context, agency string, f CaseFilter) ([]CaseRecord, error) {
	return q.caseRecords(ctx, agency, "", f)
}

// Case returns the newest version of one case; found is false when there is none.
func (q *Querier) Case(ctx context.Context, agency, id string) (CaseRecord, bool, error) {
	list, err := q.caseRecords(ctx, agency, id, CaseFilter{First: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		Last: time.Date(2105, 12, 31, 0, 0, 0, 0, time.UTC), Limit: 1})
	if err != nil || len(list) == 0 {
		return CaseRecord{}, false, err
	}
	return list[0], true, nil
}

func (q *Querier) caseRecords(ctx context.Context, agency, id string, f CaseFilter) ([]CaseRecord, error) {
	rows, err := q.conn.Query(ctx, queries.Get("CaseList", q.db), agency, f.First.Format(time.DateOnly), f.Last.Format(time.DateOnly),
		id, id, f.Status, f.Status, f.Text, f.Text, uint64(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("reports: case list %s: %w", agency, err)
	}
	defer rows.Close()
	var out []CaseRecord
	for rows.Next() {
		var c CaseRecord
		var onTime *uint8
		if err := rows.Scan(&c.ID, &c.Kind, &c.Service, &c.Channel, &c.Class, &c.Status, &c.ReceivedAt, &c.CompletedAt,
			&c.LimitAmount, &c.LimitUnit, &c.DeadlineAt, &onTime, &c.WorkingMinutes, &c.Officer, &c.ExternalRef); err != nil {
			return nil, fmt.Errorf("reports: case list %s: %w", agency, err)
		}
		if onTime != nil {
			v := *onTime == 1
			c.OnTime = &v
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// computed reports whether the case figures of every month from first to last are computed
// ahead: each month between the agency's first and last computed month (before and after
// them there are no cases yet). The months computed are read at most every coverageTTL.
func (q *Querier) computed(ctx context.Context, agency string, first, last time.Time) (bool, error) {
	months, err := q.computedMonths(ctx, agency)
	if err != nil || len(months) == 0 {
		return false, err
	}
	lo, hi := months[0], months[len(months)-1]
	from, to := monthStart(first), monthStart(last)
	if lo.After(from) {
		from = lo
	}
	if hi.Before(to) {
		to = hi
	}
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		if _, ok := slices.BinarySearchFunc(months, m, func(a, b time.Time) int { return a.Compare(b) }); !ok {
			return false, nil
		}
	}
	return true, nil
}

// coverageTTL is how long the list of computed months is reused: a page asks several times.
const coverageTTL = 2 * time.Second

type coverage struct {
	months []time.Time // sorted
	at     time.Time
}

func (q *Querier) computedMonths(ctx context.Context, agency string) ([]time.Time, error) {
	q.mu.Lock()
	c, ok := q.coverage[agency]
	q.mu.Unlock()
	if ok && time.Since(c.at) < coverageTTL {
		return c.months, nil
	}
	var months []time.Time
	if err := q.conn.QueryRow(ctx, queries.Get("CaseMonthsComputed", q.db), agency).Scan(&months); err != nil {
		return nil, err
	}
	for i, m := range months {
		months[i] = monthStart(m)
	}
	slices.SortFunc(months, func(a, b time.Time) int { return a.Compare(b) })
	q.mu.Lock()
	q.coverage[agency] = coverage{months: months, at: time.Now()}
	q.mu.Unlock()
	return months, nil
}

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
