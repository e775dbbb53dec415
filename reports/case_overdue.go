package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/survey"
)

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
	return q.overdueCases(ctx, "OverdueCases", agency, month, service, loc, limit)
}

// OverdueCasesRaw is OverdueCases read from the newest version of each case, up to any limit.
func (q *Querier) OverdueCasesRaw(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]OverdueCase, error) {
	return q.overdueCases(ctx, "OverdueCasesRaw", agency, month, service, loc, limit)
}

// overdueCases runs the named statement, which both OverdueCases variants answer with the
// same columns.
func (q *Querier) overdueCases(ctx context.Context, name, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]OverdueCase, error) {
	_, last := month.Bounds()
	args := append(spanArgs(agency, month, last, loc), clickhouse.Named("service", service), clickhouse.Named("limit", uint64(limit)))
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), args...)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reports: overdue cases %s %s: %w", agency, month, err)
	}
	return out, nil
}
