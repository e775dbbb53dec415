package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
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
//
// On a cluster it first reaches every server (and changes nothing when one does not
// answer), waits until every replica has applied the delete (each applies a mutation on its
// own, and a Distributed read may reach any), inserts without block deduplication (a
// replicated table would drop a block identical to one of an earlier rebuild), and returns
// once every replica has fetched the insert: right after it, any replica reads the rebuilt
// figures. Each wait is bounded by the Replication's MutationTimeout; the error then names
// the servers not done, and the rollup of those days is incomplete until a rebuild succeeds.
func (s *Store) RebuildRollup(ctx context.Context, agency string, from, to time.Time) error {
	f, t := from.Format(time.DateOnly), to.Format(time.DateOnly)
	var servers []clusterServer
	if s.repl != nil {
		var err error
		if servers, err = s.clusterServers(ctx); err != nil {
			return fmt.Errorf("ingest: rebuild rollup (nothing changed): %w", err)
		}
		defer closeServers(servers)
	}
	for _, stmt := range []string{"RebuildRollup.DeleteDaily", "RebuildRollup.DeleteProfile", "RebuildRollup.DeleteSaran"} {
		if err := s.conn.Exec(ctx, s.sql(stmt), agency, f, t); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: delete: %w", err)
		}
	}
	if s.repl != nil {
		if err := s.waitReplicasDeleted(ctx, servers); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: %w; the rollups of those days lack rows until a rebuild succeeds", err)
		}
	} else if err := s.waitDeleted(ctx); err != nil {
		return err
	}
	ictx := ctx
	if s.repl != nil {
		ictx = clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"insert_deduplicate": 0}))
	}
	for _, stmt := range []string{"RebuildRollup.InsertDaily", "RebuildRollup.InsertProfile", "RebuildRollup.InsertSaran"} {
		if err := s.conn.Exec(ictx, s.sql(stmt), agency, f, t); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: insert: %w", err)
		}
	}
	if s.repl != nil {
		if err := s.syncReplicas(ctx, servers); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: wait for every replica to fetch the insert: %w; some replicas may lack the rebuilt rows until they do", err)
		}
	}
	// The saran days' view did not see the saran inserted again, nor the deletion before
	// them; corrected from survey_saran as every replica now holds it.
	if err := s.CorrectSaranDays(ctx, agency, from, to); err != nil {
		return err
	}
	if s.repl != nil {
		for i := range servers {
			servers[i].tables = saranDaysTables(servers[i].tables)
		}
		if err := s.syncReplicas(ctx, servers); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: wait for every replica to fetch the saran days' correction: %w", err)
		}
	}
	return nil
}

// waitDeleted waits until the one server has applied the rebuild's delete.
func (s *Store) waitDeleted(ctx context.Context) error {
	for {
		var pending uint64
		if err := s.conn.QueryRow(ctx, s.sql("waitDeleted")).Scan(&pending); err != nil {
			return fmt.Errorf("ingest: rebuild rollup: wait for delete: %w", err)
		}
		if pending == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("ingest: rebuild rollup: wait for delete: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// CorrectSaranDays makes survey_saran_days agree with survey_saran on an agency's days from
// to to by adding the difference (correctSaranDays.sql). Whatever writes or deletes
// survey_saran rows itself, and not through the intake's view, calls it afterwards: the
// repair of a half-stored batch and the rebuild do. On a cluster, call it once every replica
// holds what it must count (the rebuild syncs them first); the repair reads with sequential
// consistency instead (correctSaranDays), as every write it must see had the quorum.
func (s *Store) CorrectSaranDays(ctx context.Context, agency string, from, to time.Time) error {
	return s.correctSaranDays(ctx, agency, from, to, false)
}

func (s *Store) correctSaranDays(ctx context.Context, agency string, from, to time.Time, consistent bool) error {
	f, t := from.Format(time.DateOnly), to.Format(time.DateOnly)
	if err := retryQuorumBusy(ctx, func() error {
		return s.conn.Exec(s.correctionContext(ctx, consistent), s.sql("correctSaranDays"), agency, f, t, agency, f, t)
	}); err != nil {
		return fmt.Errorf("ingest: correct the saran days of %s %s..%s: %w", agency, f, t, err)
	}
	return nil
}
