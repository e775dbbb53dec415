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

// DropOldDays drops the rows of the tables kept only for a day or two (lease rows, failed
// logins) written before the day before now (UTC).
func (s *Store) DropOldDays(ctx context.Context, now time.Time) error {
	before := now.UTC().AddDate(0, 0, -1).Format("20060102")
	for table, drop := range map[string]string{"leases": "DropOldDays.Leases", "login_failures": "DropOldDays.LoginFailures"} {
		rows, err := s.conn.Query(ctx, s.sql("DropOldDays.Partitions"), s.db, table, before)
		if err != nil {
			return fmt.Errorf("ingest: old days of %s: %w", table, err)
		}
		var days []uint32
		for rows.Next() {
			var d uint32
			if err := rows.Scan(&d); err != nil {
				rows.Close()
				return fmt.Errorf("ingest: old days of %s: %w", table, err)
			}
			days = append(days, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("ingest: old days of %s: %w", table, err)
		}
		for _, d := range days {
			if err := s.conn.Exec(ctx, s.sql(drop), d); err != nil {
				return fmt.Errorf("ingest: drop day %d of %s: %w", d, table, err)
			}
		}
	}
	return nil
}
