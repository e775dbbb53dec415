package schema

import (
	"context"
	"fmt"
	"skm/chsql"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// acquireMigrationLock takes the migration lock: a table whose creation succeeds for exactly
// one process. It waits while another process holds it, breaks a lock older than LockStale
// (left by a process that died mid-migration), and returns the function that releases it.
func acquireMigrationLock(ctx context.Context, conn driver.Conn, opts MigrateOptions) (func(), error) {
	db := opts.Database
	deadline := opts.Now().Add(opts.LockWait)
	for {
		err := execStmt(ctx, conn, opts, sqlFor("acquireMigrationLock.Create", db))
		if err == nil {
			if err := recordLockOwner(ctx, conn, opts); err != nil {
				opts.Logger.Warn("migration lock: could not record owner", "err", err)
			}
			return func() {
				// Release even when ctx was cancelled, so the next run need not wait.
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
				defer cancel()
				if err := conn.Exec(rctx, sqlFor("acquireMigrationLock.Drop", db)); err != nil {
					opts.Logger.Error("migration lock: release failed; it will be broken after LockStale", "err", err)
				}
			}, nil
		}
		if exceptionCode(err) != codeTableAlreadyExists {
			return nil, fmt.Errorf("ingest: take migration lock: %w", err)
		}
		age, owner := lockInfo(ctx, conn, db)
		if age >= opts.LockStale {
			opts.Logger.Warn("migration lock: breaking a stale lock", "owner", owner, "age", age)
			if err := execStmt(ctx, conn, opts, sqlFor("acquireMigrationLock.Drop", db)); err != nil {
				return nil, fmt.Errorf("ingest: break stale migration lock: %w", err)
			}
			continue
		}
		if opts.Now().After(deadline) {
			return nil, fmt.Errorf("ingest: another process (%s) has been migrating database %s for %s; "+
				"wait for it, or if it died, drop table %s.schema_migrations_lock", owner, db, age.Round(time.Second), db)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ingest: wait for migration lock: %w", ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func recordLockOwner(ctx context.Context, conn driver.Conn, opts MigrateOptions) error {
	ctx, cancel := context.WithTimeout(ctx, opts.StatementTimeout)
	defer cancel()
	batch, err := conn.PrepareBatch(chsql.BatchContext(ctx), sqlFor("recordLockOwner", opts.Database))
	if err != nil {
		return err
	}
	if err := batch.Append(opts.Owner, opts.Now().UTC()); err != nil {
		return err
	}
	return batch.Send()
}

// lockInfo returns how long the lock has existed and who holds it, as far as known.
func lockInfo(ctx context.Context, conn driver.Conn, db string) (time.Duration, string) {
	var age uint32
	if err := conn.QueryRow(ctx, sqlFor("lockInfo.Age", db)).Scan(&age); err != nil {
		return 0, "unknown"
	}
	owner := "unknown"
	var o string
	if err := conn.QueryRow(ctx, sqlFor("lockInfo.Owner", db)).Scan(&o); err == nil && o != "" {
		owner = o
	}
	return time.Duration(age) * time.Second, owner
}
