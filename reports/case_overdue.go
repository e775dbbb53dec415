package reports

import (
	"context"
	"fmt"
	"time"

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
