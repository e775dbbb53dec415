//go:build cluster

package chlocal_test

import (
	"context"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
)

// The launcher behind scripts/cluster.sh: up twice keeps what runs, kill and start act on
// one server, which then sees the cluster again, down leaves nothing running. Its own small
// cluster (1 shard × 2 replicas), beside the one the other cluster tests share.
func TestClusterUpKillStartDown(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "c")
	t.Cleanup(func() { _ = chlocal.StopCluster(dir, 5*time.Second) })
	opts := chlocal.ClusterOptions{Dir: dir, Name: "pair", Shards: 1, Replicas: 2}
	c, err := chlocal.StartCluster(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	again, err := chlocal.StartCluster(ctx, opts)
	if err != nil {
		t.Fatalf("second up: %v", err)
	}
	for i, n := range again.Servers {
		if n.PID != c.Servers[i].PID || n.Port != c.Servers[i].Port {
			t.Errorf("second up replaced %s (pid %d → %d, port %d → %d)", n.Name, c.Servers[i].PID, n.PID, c.Servers[i].Port, n.Port)
		}
	}
	if _, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: dir, Name: "other"}); err == nil {
		t.Error("up with another cluster's name on the same directory succeeded")
	}
	status := func() map[string]bool {
		_, nodes, err := chlocal.ClusterStatus(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, n := range nodes {
			out[n.Name] = n.Answering
		}
		return out
	}
	if err := chlocal.KillNode(dir, "s1r2"); err != nil {
		t.Fatal(err)
	}
	if s := status(); s["s1r2"] || !s["s1r1"] || !s[chlocal.ZooKeeperNode] {
		t.Errorf("after kill s1r2: %v, want only s1r2 down", s)
	}
	if err := chlocal.StartNode(ctx, dir, "s1r2", nil); err != nil {
		t.Fatal(err)
	}
	if s := status(); !s["s1r2"] {
		t.Errorf("after start s1r2: %v", s)
	}
	if err := chlocal.KillNode(dir, "nope"); err == nil {
		t.Error("kill of an unknown node succeeded")
	}
	if err := chlocal.StopCluster(dir, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	for name, up := range status() {
		if up {
			t.Errorf("%s still answers after down", name)
		}
	}
	for _, n := range append(again.Servers, again.ZooKeeper) {
		if _, err := os.Stat(filepath.Join("/proc", strconv.Itoa(n.PID))); err == nil {
			t.Errorf("%s (pid %d) still runs after down", n.Name, n.PID)
		}
	}
	// Up again on the data: ZooKeeper loads its data before it serves (it says "imok"
	// meanwhile), and the servers load their tables only once it does.
	if _, err := chlocal.StartCluster(ctx, opts); err != nil {
		t.Fatalf("up after down: %v", err)
	}
	for name, up := range status() {
		if !up {
			t.Errorf("%s does not answer after up on the data of an earlier run", name)
		}
	}
}

// A replica SIGKILLed after writing a part to its disk and before registering it in
// ZooKeeper (an insert not yet acknowledged, a fetch not yet committed) holds an
// "unexpected" part when it starts again. ClickHouse 18.16 refuses to start when such parts
// hold more than half of a table's rows on disk, which is common in the small tables of a
// young database: the failover test's replica, killed 3 s into its load, once stayed down
// for this in CI. As often, 18.16 loses that refusal and starts without the table (no line
// in its log); both happen here. The state is made here as the crash leaves it: the part is written by
// the live replica (while the other is down, so it is registered for the live one only)
// and copied into the killed replica's table directory. StartNode brings the replica back
// (ClickHouse's own remedy, the force_restore_data flag, for that start only); the part is
// kept under detached/ignored_*, and the replica fetches the rows from its peer, so both
// answer alike.
func TestClusterReplicaKilledWithAnUnregisteredPartStartsAgain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "c")
	t.Cleanup(func() { _ = chlocal.StopCluster(dir, 5*time.Second) })
	c, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: dir, Name: "pair", Shards: 1, Replicas: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logErrors(t, dir, c) })
	conns := map[string]driver.Conn{}
	for _, n := range c.Servers {
		conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{n.Addr()},
			Auth: clickhouse.Auth{Username: chlocal.User, Password: c.Password}, ReadTimeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		conns[n.Name] = conn
	}
	live := conns["s1r1"]
	exec := func(q string) {
		t.Helper()
		if err := live.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("CREATE DATABASE torn ON CLUSTER pair")
	exec("CREATE TABLE torn.t ON CLUSTER pair (k UInt64) ENGINE = ReplicatedMergeTree('/clickhouse/tables/torn/t', '{replica}') ORDER BY k")
	// On both replicas, registered for both (a SETTINGS clause would apply to the SELECT).
	if err := live.Exec(clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"insert_quorum": 2})),
		"INSERT INTO torn.t SELECT number FROM numbers(50)"); err != nil {
		t.Fatal(err)
	}
	var before uint64
	if err := conns["s1r2"].QueryRow(ctx, "SELECT count() FROM torn.t").Scan(&before); err != nil || before != 50 {
		t.Fatalf("s1r2 holds %d rows before the kill (%v), want the 50 of the quorum insert", before, err)
	}
	if err := chlocal.KillNode(dir, "s1r2"); err != nil {
		t.Fatal(err)
	}
	exec("INSERT INTO torn.t SELECT 1000 + number FROM numbers(100)")
	var part string
	if err := live.QueryRow(ctx, "SELECT name FROM system.parts WHERE database = 'torn' AND table = 't' AND active AND rows = 100").Scan(&part); err != nil {
		t.Fatal(err)
	}
	tableDir := func(node string) string { return filepath.Join(dir, node, "data", "data", "torn", "t") }
	if out, err := osexec.Command("cp", "-a", filepath.Join(tableDir("s1r1"), part), tableDir("s1r2")).CombinedOutput(); err != nil {
		t.Fatalf("copy part %s: %v: %s", part, err, out)
	}
	if err := chlocal.StartNode(ctx, dir, "s1r2", nil); err != nil {
		t.Fatalf("start s1r2 with an unregistered part of 100 rows beside 50 registered ones: %v", err)
	}
	var tables uint64
	if err := conns["s1r2"].QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = 'torn' AND name = 't'").Scan(&tables); err != nil || tables != 1 {
		t.Fatalf("s1r2 started without table torn.t (%d tables, %v)", tables, err)
	}
	if _, err := os.Stat(filepath.Join(tableDir("s1r2"), "detached", "ignored_"+part)); err != nil {
		t.Errorf("the unregistered part is not kept under detached/ignored_%s: %v", part, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "s1r2", "data", "flags", "force_restore_data")); !os.IsNotExist(err) {
		t.Errorf("the force_restore_data flag outlives the start it was set for (stat: %v)", err)
	}
	// The replica fetches the part once replication runs again, which may wait for the
	// killed process's ZooKeeper session to expire ("appears to be already active").
	for name, conn := range conns {
		var n, sum uint64
		for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			if err := conn.QueryRow(ctx, "SELECT count(), sum(k) FROM torn.t").Scan(&n, &sum); err != nil {
				t.Fatal(err)
			}
			if n >= 150 || time.Now().After(deadline) {
				break
			}
		}
		// 0+…+49 and 1000+…+1099: each row once.
		if n != 150 || sum != 1225+104950 {
			var parts, detached []string
			_ = conn.QueryRow(ctx, "SELECT groupArray(name) FROM system.parts WHERE database = 'torn' AND active").Scan(&parts)
			_ = conn.QueryRow(ctx, "SELECT groupArray(name) FROM system.detached_parts WHERE database = 'torn'").Scan(&detached)
			t.Errorf("%s holds %d rows summing to %d, want 150 summing to %d (parts %v, detached %v; log %s)", name, n, sum, 1225+104950,
				parts, detached, filepath.Join(dir, name, name+".log"))
		}
	}
}

// logErrors puts the errors the cluster's servers logged into the output of a failed test
// (its directory goes with it): the last ten lines of each server's log that report an
// error, a fatal error or a signal, without stack traces, and ZooKeeper's warnings.
func logErrors(t *testing.T, dir string, c *chlocal.Cluster) {
	if !t.Failed() {
		return
	}
	for _, n := range append(c.Servers, c.ZooKeeper) {
		b, err := os.ReadFile(filepath.Join(dir, n.Name, n.Name+".log"))
		if err != nil {
			t.Logf("%s: %v", n.Name, err)
			continue
		}
		var lines []string
		for line := range strings.Lines(string(b)) {
			if strings.Contains(line, "<Error>") || strings.Contains(line, "<Fatal>") || strings.Contains(line, "signal") ||
				strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
				lines = append(lines, strings.TrimSpace(line))
			}
		}
		t.Logf("%s logged %d errors; the last ones:\n%s", n.Name, len(lines), strings.Join(lines[max(0, len(lines)-10):], "\n"))
	}
}
