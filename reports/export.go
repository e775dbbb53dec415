package reports

import (
	"context"
	"fmt"
	"time"

	"skm/cases"
	"skm/survey"
)

// ResponseRow is one stored response, for the raw export and the per-respondent sheet.
type ResponseRow struct {
	ID          string
	SubmittedAt time.Time // UTC
	Date        time.Time // the agency's local date
	Service     string
	Channel     string
	// Answers are the values of U1…U9 by element index; 0 is unanswered.
	Answers      [9]uint8
	Umur         uint8 // 0: not given
	JenisKelamin string
	Pendidikan   string
	Pekerjaan    string
	Saran        string
}

// EachResponse calls fn with every response of the scope, in the order given; fn's row is
// reused between calls. It stops at fn's first error and returns it.
func (q *Querier) EachResponse(ctx context.Context, s survey.Scope, fn func(*ResponseRow) error) error {
	rows, err := q.conn.Query(ctx, queries.Get("EachResponse", q.db), scopeArgs(s)...)
	if err != nil {
		return fmt.Errorf("reports: responses of %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var r ResponseRow
	a := &r.Answers
	dest := []any{&r.ID, &r.SubmittedAt, &r.Date, &r.Service, &r.Channel, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7], &a[8],
		&r.Umur, &r.JenisKelamin, &r.Pendidikan, &r.Pekerjaan, &r.Saran}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("reports: responses of %s %s: %w", s.Agency, s.Period, err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reports: responses of %s %s: %w", s.Agency, s.Period, err)
	}
	return nil
}

// EachCase calls fn with the newest version of every case of an agency received from first
// to last (dates), in order of receipt; fn's record is reused between calls. It stops at fn's
// first error and returns it.
func (q *Querier) EachCase(ctx context.Context, agency string, first, last time.Time, fn func(*cases.Record) error) error {
	rows, err := q.conn.Query(ctx, queries.Get("EachCase", q.db), agency, first.Format(time.DateOnly), last.Format(time.DateOnly))
	if err != nil {
		return fmt.Errorf("reports: cases of %s: %w", agency, err)
	}
	defer rows.Close()
	c := cases.Record{Agency: agency}
	dest := registerDest(&c)
	for rows.Next() {
		c.CompletedAt, c.DeadlineAt, c.WorkingMinutes, c.OnTime = nil, nil, nil, nil
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("reports: cases of %s: %w", agency, err)
		}
		if err := fn(&c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reports: cases of %s: %w", agency, err)
	}
	return nil
}
