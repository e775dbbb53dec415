package schema

import (
	"context"
	"fmt"
	"skm/chsql"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// acquireMigrationLock takes the migration lock: a table whose creation succeeds for exactly
// one process. It waits while another process holds it, breaks a lock older than LockStale
// (left by a process that died mid-migration), and returns the function that releases it.
//
// On a cluster the table is replicated through ZooKeeper under a fixed replica name, which
// only one server can register (see acquireMigrationLock.CreateReplicated.sql), and it is
// dropped ON CLUSTER, on whichever server holds it.
func acquireMigrationLock(ctx context.Context, conn driver.Conn, opts MigrateOptions) (func(), error) {
	db := opts.Database
	create, drop := sqlFor("acquireMigrationLock.Create", db), sqlFor("acquireMigrationLock.Drop", db)
	if opts.Layout.Clustered() {
		create = sqlFor("acquireMigrationLock.CreateReplicated", db)
		drop = opts.Layout.sqlFor("acquireMigrationLock.DropCluster", db)
	}
	deadline := opts.Now().Add(opts.LockWait)
	for {
		err := execStmt(ctx, conn, opts, create)
		if err == nil {
			if err := recordLockOwner(ctx, conn, opts); err != nil {
				opts.Logger.Warn("migration lock: could not record owner", "err", err)
			}
			return func() {
				// Release even when ctx was cancelled, so the next run need not wait.
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
				defer cancel()
				if err := conn.Exec(rctx, drop); err != nil {
					opts.Logger.Error("migration lock: release failed; it will be broken after LockStale", "err", err)
				}
			}, nil
		}
		switch c := exceptionCode(err); {
		case c == codeKeeperException && opts.Layout.Clustered() && !opts.Now().After(deadline):
			// Another runner's lock is being made or dropped right now: its znodes come and
			// go under this creation. Try again.
			if err := sleepCtx(ctx, 250*time.Millisecond); err != nil {
				return nil, fmt.Errorf("ingest: wait for migration lock: %w", err)
			}
			continue
		case c != codeTableAlreadyExists && c != codeReplicaAlreadyExists:
			return nil, fmt.Errorf("ingest: take migration lock: %w", err)
		}
		age, owner := lockInfo(ctx, conn, db, opts.Layout)
		if age >= opts.LockStale {
			opts.Logger.Warn("migration lock: breaking a stale lock", "owner", owner, "age", age)
			if err := execStmt(ctx, conn, opts, drop); err != nil {
				return nil, fmt.Errorf("ingest: break stale migration lock: %w", err)
			}
			continue
		}
		if opts.Now().After(deadline) {
			return nil, fmt.Errorf("ingest: another process (%s) has been migrating database %s for %s; "+
				"wait for it, or if it died, drop table %s.schema_migrations_lock", owner, db, age.Round(time.Second), db)
		}
		if err := sleepCtx(ctx, 250*time.Millisecond); err != nil {
			return nil, fmt.Errorf("ingest: wait for migration lock: %w", err)
		}
	}
}

// sleepCtx waits for d, or less when ctx ends (its error).
func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
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
func lockInfo(ctx context.Context, conn driver.Conn, db string, l Layout) (time.Duration, string) {
	ageSQL := sqlFor("lockInfo.Age", db)
	if l.Clustered() {
		ageSQL = sqlFor("lockInfo.AgeReplicated", db)
	}
	var age uint32
	if err := conn.QueryRow(ctx, ageSQL).Scan(&age); err != nil {
		return 0, "unknown"
	}
	owner := "unknown"
	var o string
	if err := conn.QueryRow(ctx, sqlFor("lockInfo.Owner", db)).Scan(&o); err == nil && o != "" {
		owner = o
	} else if l.Clustered() && conn.QueryRow(ctx, sqlFor("lockInfo.HostReplicated", db)).Scan(&o) == nil {
		owner = "a runner on the server " + lockHost(o)
	}
	return time.Duration(age) * time.Second, owner
}

// lockHost reads host:tcp_port out of a replica's host node in ZooKeeper
// ("host: 127.0.0.1\nport: 9009\ntcp_port: 9000\n…").
func lockHost(node string) string {
	var host, port string
	for _, line := range strings.Split(node, "\n") {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "host":
			host = v
		case "tcp_port":
			port = v
		}
	}
	if host == "" {
		return strings.TrimSpace(node)
	}
	return host + ":" + port
}
