package ingest

import (
	"context"
	"fmt"
	"time"
)

// RollupDiff is a day on which the daily survey rollup and the raw responses disagree.
type RollupDiff struct {
	Agency  string
	Service string
	Date    time.Time
	// Diff is rollup minus raw for respondents, s1..s9 and n1..n9.
	Diff [19]int64
}

// String describes the difference for people.
func (d RollupDiff) String() string {
	return fmt.Sprintf("%s %s %s: rollup − raw = respondents %+d, sums %v, answers %v",
		d.Agency, d.Service, d.Date.Format(time.DateOnly), d.Diff[0], d.Diff[1:10], d.Diff[10:])
}

// VerifyRollup compares the daily rollup with the raw responses between the dates from and
// to (inclusive), for one agency or all (""), and returns every day that differs.
func (s *Store) VerifyRollup(ctx context.Context, agency string, from, to time.Time) ([]RollupDiff, error) {
	f, t := from.Format(time.DateOnly), to.Format(time.DateOnly)
	rows, err := s.conn.Query(ctx, s.sql("VerifyRollup"), agency, agency, f, t, agency, agency, f, t)
	if err != nil {
		return nil, fmt.Errorf("ingest: verify rollup: %w", err)
	}
	defer rows.Close()
	var out []RollupDiff
	for rows.Next() {
		var d RollupDiff
		dest := []any{&d.Agency, &d.Service, &d.Date}
		for i := range d.Diff {
			dest = append(dest, &d.Diff[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("ingest: verify rollup: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// RebuildRollup recomputes the rollups (IKM, profile, saran) of one agency between two dates from the raw
// responses: it deletes those days (and waits for the deletion), then inserts them again.
// Responses stored while it runs, on the days it rebuilds, may be counted twice or not at
// all: rebuild closed periods, or run it while the intake is quiet, and verify afterwards.
func (s *Store) RebuildRollup(ctx context.Context, agency string, from, to time.Time) error {
	f, t := from.Format(time.DateOnly), to.Format(time.DateOnly)
	for _, stmt := range []string{"RebuildRollup.DeleteDaily", "RebuildRollup.DeleteProfile", "RebuildRollup.DeleteSaran"} {
		if err := s.conn.Exec(ctx, s.sql(stmt), agency, f, t); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: delete: %w", err)
		}
	}
	for {
		var pending uint64
		if err := s.conn.QueryRow(ctx, s.sql("RebuildRollup.PendingMutations")).Scan(&pending); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: wait for delete: %w", err)
		}
		if pending == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("ingest: rebuild rollup: wait for delete: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
	for _, stmt := range []string{"RebuildRollup.InsertDaily", "RebuildRollup.InsertProfile", "RebuildRollup.InsertSaran"} {
		if err := s.conn.Exec(ctx, s.sql(stmt), agency, f, t); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: insert: %w", err)
		}
	}
	// The saran days' view counted the saran inserted again, and could not follow the
	// deletion before them.
	return s.CorrectSaranDays(ctx, agency, from, to)
}

// CorrectSaranDays makes survey_saran_days agree with survey_saran on an agency's days from
// to to by adding the difference (CorrectSaranDays.sql), reading what the intake wrote with
// quorum. Whatever writes or deletes survey_saran rows itself, and not through the intake's
// view, calls it afterwards: the repair of a half-stored batch and the rebuild do.
func (s *Store) CorrectSaranDays(ctx context.Context, agency string, from, to time.Time) error {
	f, t := from.Format(time.DateOnly), to.Format(time.DateOnly)
	if err := s.conn.Exec(s.readContext(ctx), s.sql("CorrectSaranDays"), agency, f, t, agency, f, t); err != nil {
		return fmt.Errorf("ingest: correct the saran days of %s %s..%s: %w", agency, f, t, err)
	}
	return nil
}
