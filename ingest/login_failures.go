package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// LoginFailure is a failed staff login recorded under one key (dashboards.LoginFailures).
type LoginFailure struct {
	Key     string
	At      time.Time
	Emptied bool
}

// RecordLoginFailure stores a failed login at at under each key, emptied naming the key
// whose bucket was emptied after it. On a cluster it waits for the lease quorum, so that
// every server's next read sees it.
func (s *Store) RecordLoginFailure(ctx context.Context, keys []string, emptied string, at time.Time) error {
	if s.repl != nil {
		ctx = s.quorumContext(ctx, s.repl.LeaseQuorum)
	}
	return s.insertRows(ctx, s.sql("RecordLoginFailure"), "record a failed login", len(keys), func(b driver.Batch, i int) error {
		var e uint8
		if keys[i] == emptied {
			e = 1
		}
		return b.Append(keys[i], at.UTC(), e)
	})
}

// LoginFailures returns the failed logins under keys since since.
func (s *Store) LoginFailures(ctx context.Context, keys []string, since time.Time) ([]LoginFailure, error) {
	if s.repl != nil {
		ctx = s.consistentContext(ctx, s.repl.LeaseQuorum)
	}
	rows, err := s.conn.Query(ctx, s.sql("LoginFailures"), keys, since.UTC().Format(time.DateTime))
	if err != nil {
		return nil, fmt.Errorf("ingest: read failed logins: %w", err)
	}
	defer rows.Close()
	var out []LoginFailure
	for rows.Next() {
		var f LoginFailure
		var e uint8
		if err := rows.Scan(&f.Key, &f.At, &e); err != nil {
			return nil, fmt.Errorf("ingest: read failed logins: %w", err)
		}
		f.Emptied = e == 1
		out = append(out, f)
	}
	return out, rows.Err()
}

// DeleteOldRows deletes the rows of the tables kept only for a while (lease rows, failed
// logins) written before a day before now. ClickHouse deletes them in the background (a
// mutation).
func (s *Store) DeleteOldRows(ctx context.Context, now time.Time) error {
	before := now.UTC().AddDate(0, 0, -1).Format(time.DateTime)
	for _, stmt := range []string{"DeleteOldRows.Leases", "DeleteOldRows.LoginFailures"} {
		if err := s.conn.Exec(ctx, s.sql(stmt), before); err != nil {
			return fmt.Errorf("ingest: delete old rows (%s): %w", stmt, err)
		}
	}
	return nil
}
