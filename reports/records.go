package reports

import (
	"context"
	"fmt"

	"skm/survey"
)

// FollowUps returns the current follow-up plan (RTL) of an agency's survey period.
func (q *Querier) FollowUps(ctx context.Context, agency string, period survey.Period) ([]survey.FollowUp, error) {
	rows, err := q.conn.Query(ctx, queries.Get("FollowUps", q.db), agency, period.Code())
	if err != nil {
		return nil, fmt.Errorf("reports: follow-ups %s %s: %w", agency, period, err)
	}
	defer rows.Close()
	var out []survey.FollowUp
	for rows.Next() {
		f := survey.FollowUp{Agency: agency, Period: period.Code()}
		var progress uint8
		if err := rows.Scan(&f.ID, &f.Element, &f.Action, &f.TargetQuarter, &f.PersonInCharge, &f.Status,
			&progress, &f.Note, &f.UpdatedAt, &f.UpdatedBy); err != nil {
			return nil, fmt.Errorf("reports: follow-ups: %w", err)
		}
		f.Progress = int(progress)
		out = append(out, f)
	}
	return out, rows.Err()
}

// Publications returns where and when the results of an agency's period were published.
func (q *Querier) Publications(ctx context.Context, agency string, period survey.Period) ([]survey.Publication, error) {
	rows, err := q.conn.Query(ctx, queries.Get("Publications", q.db), agency, period.Code())
	if err != nil {
		return nil, fmt.Errorf("reports: publications %s %s: %w", agency, period, err)
	}
	defer rows.Close()
	var out []survey.Publication
	for rows.Next() {
		p := survey.Publication{Agency: agency, Period: period.Code()}
		if err := rows.Scan(&p.ID, &p.Medium, &p.Location, &p.PublishedOn, &p.RecordedAt, &p.RecordedBy); err != nil {
			return nil, fmt.Errorf("reports: publications: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
