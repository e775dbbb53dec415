//go:build cluster

package schema_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/ingest/chtest"
	"skm/ingest/schema"
)

// serverSchema lists what one server holds of database db: every table with its engine
// ("survey_responses Distributed") and every column with its type ("survey_responses.u9 UInt8").
func serverSchema(t *testing.T, conn driver.Conn, db string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT name, engine FROM system.tables WHERE database = ? ORDER BY name",
		"SELECT concat(table, '.', name), type FROM system.columns WHERE database = ? ORDER BY table, name",
	} {
		rows, err := conn.Query(context.Background(), q, db)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var a, c string
			if err := rows.Scan(&a, &c); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s\n", a, c)
		}
		rows.Close()
	}
	return b.String()
}

// recorded counts the applied migrations one server holds, after fetching what the others
// recorded.
func recorded(t *testing.T, conn driver.Conn, db string) uint64 {
	t.Helper()
	ctx := context.Background()
	if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA "+db+".schema_migrations"); err != nil {
		t.Fatal(err)
	}
	var n uint64
	if err := conn.QueryRow(ctx, "SELECT uniqExact(version) FROM "+db+".schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestClusterMigrateBothModesTwiceChangesNothing(t *testing.T) {
	all, _ := schema.Migrations()
	for _, mode := range []schema.Mode{schema.Replicated, schema.Sharded} {
		t.Run(mode.String(), func(t *testing.T) {
			db := chtest.NewClusterDB(t, mode)
			var before []string
			for i, s := range db.Servers {
				before = append(before, serverSchema(t, s, db.Name))
				if n := recorded(t, s, db.Name); n != uint64(len(all)) {
					t.Errorf("server %s records %d migrations, want %d", db.Cluster.Servers[i].Name, n, len(all))
				}
			}
			first := before[0]
			for i, s := range before {
				if s != first {
					t.Errorf("server %s holds another schema than %s:\n%s", db.Cluster.Servers[i].Name, db.Cluster.Servers[0].Name, s)
				}
			}
			want := map[schema.Mode][]string{
				schema.Replicated: {"survey_responses ReplicatedReplacingMergeTree\n", "survey_responses.u9 UInt8\n", "users ReplicatedReplacingMergeTree\n",
					"survey_daily ReplicatedSummingMergeTree\n", "cases ReplicatedReplacingMergeTree\n", "cases.recorded_by String\n"},
				schema.Sharded: {"survey_responses Distributed\n", "survey_responses.u9 UInt8\n", "survey_responses_local ReplicatedReplacingMergeTree\n",
					"survey_responses_local.u9 UInt8\n", "survey_daily_local ReplicatedSummingMergeTree\n", "users ReplicatedReplacingMergeTree\n",
					"cases Distributed\n", "cases.recorded_by String\n", "cases_local.recorded_by String\n", "cases_local ReplicatedReplacingMergeTree\n"},
			}[mode]
			for _, w := range want {
				if !strings.Contains(first, w) {
					t.Errorf("schema lacks %q", w)
				}
			}
			if mode == schema.Replicated && strings.Contains(first, "_local") {
				t.Error("the replicated layout has local tables")
			}
			applied, err := schema.Migrate(context.Background(), db.Conn, schema.MigrateOptions{Database: db.Name, Layout: db.Layout})
			if err != nil || len(applied) != 0 {
				t.Fatalf("second run applied %v, %v; want nothing", applied, err)
			}
			for i, s := range db.Servers {
				if after := serverSchema(t, s, db.Name); after != before[i] {
					t.Errorf("server %s: schema changed on the second run", db.Cluster.Servers[i].Name)
				}
				if n := recorded(t, s, db.Name); n != uint64(len(all)) {
					t.Errorf("server %s records %d migrations after the second run, want %d", db.Cluster.Servers[i].Name, n, len(all))
				}
			}
			other := schema.Replicated
			if mode == schema.Replicated {
				other = schema.Sharded
			}
			_, err = schema.Migrate(context.Background(), db.Conn, schema.MigrateOptions{Database: db.Name, Layout: schema.Layout{Mode: other, Cluster: db.Layout.Cluster}})
			if err == nil || !strings.Contains(err.Error(), "created for the "+mode.String()+" layout") {
				t.Errorf("migrating in the %s layout: err = %v, want a refusal naming the %s layout", other, err, mode)
			}
		})
	}
}

// Runners on every server of the cluster at once apply each migration once: the lock holds
// across servers.
func TestClusterMigrateConcurrentRunnersOnEveryServer(t *testing.T) {
	c := chtest.Cluster(t)
	layout := schema.Layout{Mode: schema.Sharded, Cluster: c.Name}
	name := fmt.Sprintf("skmtest_cluster_concurrent_%d", time.Now().UnixNano())
	var wg sync.WaitGroup
	results := make([][]uint32, len(c.Servers))
	errs := make([]error, len(c.Servers))
	conns := make([]driver.Conn, len(c.Servers))
	for i, n := range c.Servers {
		conns[i] = chtest.ConnectServer(t, c, i, layout)
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = schema.Migrate(context.Background(), conns[i], schema.MigrateOptions{
				Database: name, Layout: layout, Owner: "runner on " + n.Name})
		}()
	}
	wg.Wait()
	t.Cleanup(func() {
		_ = conns[0].Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" ON CLUSTER "+c.Name)
	})
	all := appliedOnce(t, results, errs)
	for i, conn := range conns {
		if n := recorded(t, conn, name); n != uint64(len(all)) {
			t.Errorf("server %s records %d migrations, want %d", c.Servers[i].Name, n, len(all))
		}
		var locks uint64
		_ = conn.QueryRow(context.Background(), "SELECT count() FROM system.tables WHERE database = ? AND name = 'schema_migrations_lock'", name).Scan(&locks)
		if locks != 0 {
			t.Errorf("migration lock left behind on %s", c.Servers[i].Name)
		}
	}
}

// A lock taken on one server makes a runner on another wait, names the server, and is
// broken from there once stale.
func TestClusterMigrationLockAcrossServers(t *testing.T) {
	c := chtest.Cluster(t)
	layout := schema.Layout{Mode: schema.Sharded, Cluster: c.Name}
	ctx := context.Background()
	name := fmt.Sprintf("skmtest_cluster_lock_%d", time.Now().UnixNano())
	holder := chtest.ConnectServer(t, c, 0, layout)
	other := chtest.ConnectServer(t, c, 2, layout)
	if err := holder.Exec(ctx, "CREATE DATABASE "+name+" ON CLUSTER "+c.Name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = holder.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" ON CLUSTER "+c.Name) })
	if err := holder.Exec(ctx, "CREATE TABLE "+name+".schema_migrations_lock (owner String, acquired_at DateTime('UTC')) "+
		"ENGINE = ReplicatedMergeTree('/clickhouse/skm_locks/"+name+"/migration', 'lock') ORDER BY tuple()"); err != nil {
		t.Fatal(err)
	}
	_, err := schema.Migrate(ctx, other, schema.MigrateOptions{Database: name, Layout: layout, LockWait: 600 * time.Millisecond, LockStale: time.Hour})
	if err == nil || !strings.Contains(err.Error(), "another process") || !strings.Contains(err.Error(), c.Servers[0].Addr()) {
		t.Fatalf("with a fresh lock on %s: err = %v, want a wait timeout naming that server", c.Servers[0].Name, err)
	}
	time.Sleep(2100 * time.Millisecond) // the lock's age is known to the second
	if _, err := schema.Migrate(ctx, other, schema.MigrateOptions{Database: name, Layout: layout, LockWait: 30 * time.Second, LockStale: time.Second}); err != nil {
		t.Fatalf("with a stale lock on another server: %v", err)
	}
}
