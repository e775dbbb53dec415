package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/survey"
)

// ServiceAnswers is how many respondents of one service answered an element with 1, 2, 3
// and 4 (Counts[0] is the answer 1).
type ServiceAnswers struct {
	Service string
	Counts  [4]uint64
}

// AnswerCounts returns, per service of the scope, how its respondents answered element e,
// from the raw responses (the rollup keeps only the sums): the answer distribution of the
// element's page.
func (q *Querier) AnswerCounts(ctx context.Context, s survey.Scope, e survey.Element) ([]ServiceAnswers, error) {
	if !e.Valid() {
		return nil, fmt.Errorf("reports: answer counts: element %s is none of U1..U9", e.Code())
	}
	rows, err := q.conn.Query(ctx, queries.Get("AnswerCounts", q.db), append([]any{uint64(e)}, scopeArgs(s)...)...)
	if err != nil {
		return nil, fmt.Errorf("reports: answer counts %s %s %s: %w", s.Agency, s.Period, e.Code(), err)
	}
	defer rows.Close()
	var out []ServiceAnswers
	for rows.Next() {
		var sa ServiceAnswers
		if err := rows.Scan(&sa.Service, &sa.Counts[0], &sa.Counts[1], &sa.Counts[2], &sa.Counts[3]); err != nil {
			return nil, fmt.Errorf("reports: answer counts %s %s %s: %w", s.Agency, s.Period, e.Code(), err)
		}
		out = append(out, sa)
	}
	return out, rows.Err()
}

// OfficerCount is how many cases of one officer ("" for none) a figure counts.
type OfficerCount struct {
	Officer string
	Cases   uint64
}

// OverdueByOfficer returns, per officer, an agency's cases (optionally one service) open at
// the month's end with their deadline passed by then: the overdue tile (CaseStats.OverdueAtEnd)
// split by officer, most first, from the figures computed ahead (case_month); a month never
// computed is counted from the cases (OverdueByOfficerRaw). loc is the agency's time zone,
// which fixes the month's end instant.
func (q *Querier) OverdueByOfficer(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) ([]OfficerCount, error) {
	first, last := month.Bounds()
	ok, err := q.computed(ctx, agency, first, last)
	if err != nil {
		return nil, fmt.Errorf("reports: overdue by officer %s %s: %w", agency, month, err)
	}
	if !ok {
		return q.OverdueByOfficerRaw(ctx, agency, month, service, loc)
	}
	return q.overdueByOfficer(ctx, "OverdueByOfficer", agency, month, []any{clickhouse.Named("agency", agency),
		clickhouse.Named("month", first.Format(time.DateOnly)), clickhouse.Named("service", service)})
}

// OverdueByOfficerRaw is OverdueByOfficer counted from the newest version of each case.
func (q *Querier) OverdueByOfficerRaw(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) ([]OfficerCount, error) {
	_, last := month.Bounds()
	return q.overdueByOfficer(ctx, "OverdueByOfficerRaw", agency, month, append(spanArgs(agency, month, last, loc), clickhouse.Named("service", service)))
}

// overdueByOfficer runs the named statement, which both variants answer with the same columns.
func (q *Querier) overdueByOfficer(ctx context.Context, name, agency string, month survey.Period, args []any) ([]OfficerCount, error) {
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), args...)
	if err != nil {
		return nil, fmt.Errorf("reports: overdue by officer %s %s: %w", agency, month, err)
	}
	defer rows.Close()
	var out []OfficerCount
	for rows.Next() {
		var oc OfficerCount
		if err := rows.Scan(&oc.Officer, &oc.Cases); err != nil {
			return nil, fmt.Errorf("reports: overdue by officer %s %s: %w", agency, month, err)
		}
		out = append(out, oc)
	}
	return out, rows.Err()
}
