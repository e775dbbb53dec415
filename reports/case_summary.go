package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/cases"
	"skm/standard"
	"skm/survey"
)

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

// monthArgs are the named arguments of a statement about an agency's month of cases: @agency,
// @month and @first (its first day), @last (its last day) and @end (the instant it ends in
// loc, UTC).
func monthArgs(agency string, month survey.Period, loc *time.Location) []any {
	f, _ := month.Bounds()
	return spanArgs(agency, month, f, loc)
}

// spanArgs are monthArgs with @first set to from: the overdue statements read only the cases
// that can be open at the month's end, from its last day (chsql/fragments/overdueAtEnd.sql).
func spanArgs(agency string, month survey.Period, from time.Time, loc *time.Location) []any {
	f, l := month.Bounds()
	return []any{clickhouse.Named("agency", agency), clickhouse.Named("month", f.Format(time.DateOnly)),
		clickhouse.Named("first", from.Format(time.DateOnly)), clickhouse.Named("last", l.Format(time.DateOnly)),
		clickhouse.Named("end", cases.DayEnd(l, loc).Format(time.DateTime))}
}

// CaseSummary answers the monthly evaluation's questions about cases for an agency's month
// (a period of kind Month), optionally one service, from the figures computed ahead in
// case_month; a month never computed is counted from the cases (CaseSummaryRaw). loc is the
// agency's time zone, which fixes the month's end instant for "overdue at the month's end".
func (q *Querier) CaseSummary(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (CaseSummary, error) {
	rows, err := q.conn.Query(ctx, queries.Get("CaseSummary", q.db), monthArgs(agency, month, loc)...)
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
		// Before the first month computed ahead there are no cases yet (the months are
		// computed from the earliest case on): a month a year back need not scan the cases.
		computed, err := q.computedMonths(ctx, agency)
		if err != nil {
			return CaseSummary{}, fmt.Errorf("reports: case summary %s %s: %w", agency, month, err)
		}
		if len(computed) > 0 && month.Start().Before(computed[0]) {
			return noCases(), nil
		}
		return q.CaseSummaryRaw(ctx, agency, month, service, loc)
	}
	pick := func(dim, key string) CaseStats {
		if st, ok := stats[dim][key]; ok {
			return st
		}
		return CaseStats{OpenByAge: make([]uint64, len(cases.AgeBuckets)), ByDuration: make([]uint64, len(cases.DurationBuckets))}
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
	return q.caseSummary(ctx, "CaseSummaryRaw", agency, month, append(monthArgs(agency, month, loc), clickhouse.Named("service", service))...)
}

// caseSummary runs the named statement, which returns groups of the month, and combines them.
func (q *Querier) caseSummary(ctx context.Context, name, agency string, month survey.Period, args ...any) (CaseSummary, error) {
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), args...)
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
		if kind == standard.KindPengaduan {
			sum.Complaints.add(&g, ages)
		}
		for i, key := range []string{svc, channel, class, channel} {
			if i == 3 && kind != standard.KindPengaduan {
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
	sum.finishAll()
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

// noCases is the summary of a month without cases.
func noCases() CaseSummary {
	var sum CaseSummary
	sum.finishAll()
	return sum
}

// finishAll completes the totals and the complaints once every row is added, with the age
// buckets of an empty month allocated.
func (sum *CaseSummary) finishAll() {
	sum.add(&CaseStats{}, counted{})
	sum.Complaints.add(&CaseStats{}, counted{})
	sum.finish()
	sum.Complaints.finish()
}
