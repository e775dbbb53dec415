package reports

import (
	"context"
	"fmt"
	"time"

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

// Revision tells whether period's published figures of agency changed after publication.
func (q *Querier) Revision(ctx context.Context, agency string, period survey.Period) (survey.Revision, error) {
	pubs, err := q.Publications(ctx, agency, period)
	if err != nil || len(pubs) == 0 {
		return survey.Revision{}, err
	}
	first := pubs[0].RecordedAt
	for _, p := range pubs[1:] {
		if p.RecordedAt.Before(first) {
			first = p.RecordedAt
		}
	}
	from, to := period.Bounds()
	var r survey.Revision
	if err := q.conn.QueryRow(ctx, queries.Get("Revision", q.db), agency, from.Format(time.DateOnly), to.Format(time.DateOnly),
		first.UTC()).Scan(&r.Responses, &r.At); err != nil {
		return survey.Revision{}, fmt.Errorf("reports: revision %s %s: %w", agency, period, err)
	}
	if r.Responses == 0 {
		return survey.Revision{}, nil
	}
	r.PublishedAt = first
	return r, nil
}
