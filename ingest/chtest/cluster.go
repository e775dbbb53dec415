package chtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
	"skm/ingest/schema"
)

// ClusterDB is a database of its own for one test on the loopback cluster (2 shards × 2
// replicas), migrated in one layout.
type ClusterDB struct {
	// DB is connected to the servers as skm is (every host, the layout's settings); its
	// Addr is the first server's, its DSN names every server.
	DB
	// Layout is the layout the database was migrated in.
	Layout schema.Layout
	// Cluster is the running cluster.
	Cluster *chlocal.Cluster
	// Servers are connections to each server alone, in the order of Cluster.Servers
	// (s1r1, s1r2, s2r1, s2r2), for looking at what one server holds.
	Servers []driver.Conn
}

var (
	clusterOnce    sync.Once
	cluster        *chlocal.Cluster
	clusterErr     error
	clusterStarted string // the directory of a cluster this test binary started
)

// Cluster returns the loopback cluster for tests: the one running under SKM_TEST_CLUSTER
// (a directory, as `make test-cluster` sets it), else one this test binary starts, which
// Main stops. It fails the test when no cluster can be had, under CI=true or not: the
// cluster tests run only when asked for (go test -tags cluster).
func Cluster(t testing.TB) *chlocal.Cluster {
	t.Helper()
	clusterOnce.Do(setupCluster)
	if clusterErr != nil {
		t.Fatalf("the cluster tests need a loopback ClickHouse cluster: %v", clusterErr)
	}
	return cluster
}

func setupCluster() {
	if dir := os.Getenv("SKM_TEST_CLUSTER"); dir != "" {
		cluster, clusterErr = chlocal.LoadCluster(dir)
		return
	}
	dir, err := os.MkdirTemp("", "skm-test-cluster-")
	if err != nil {
		clusterErr = err
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cluster, clusterErr = chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: filepath.Join(dir, "cluster"), Binary: os.Getenv("SKM_TEST_CLICKHOUSE_BIN")})
	if clusterErr != nil {
		_ = chlocal.StopCluster(filepath.Join(dir, "cluster"), 0)
		_ = os.RemoveAll(dir)
		return
	}
	clusterStarted = dir
}

// stopCluster stops the cluster this test binary started, if any.
func stopCluster() {
	if clusterStarted != "" {
		_ = chlocal.StopCluster(filepath.Join(clusterStarted, "cluster"), 0)
		_ = os.RemoveAll(clusterStarted)
	}
}

// NewClusterDB creates a database on the loopback cluster for this test, migrated in mode
// (Replicated or Sharded), and drops it on every server when the test ends (unless KEEPDB=1).
func NewClusterDB(t testing.TB, mode schema.Mode) *ClusterDB {
	t.Helper()
	c := Cluster(t)
	name := dbName(t)
	layout := schema.Layout{Mode: mode, Cluster: c.Name}
	conn := ConnectCluster(t, c, layout)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := schema.Migrate(ctx, conn, schema.MigrateOptions{Database: name, Layout: layout}); err != nil {
		t.Fatalf("migrate test database %s on cluster %s (%s): %v", name, c.Name, mode, err)
	}
	db := &ClusterDB{DB: DB{Conn: conn, Name: name, Addr: c.Servers[0].Addr(), DSN: c.DSN(name)}, Layout: layout, Cluster: c}
	for _, n := range c.Servers {
		db.Servers = append(db.Servers, connect(t, n.Addr(), clusterAuth(c), nil))
	}
	t.Cleanup(func() {
		if os.Getenv("KEEPDB") == "1" {
			t.Logf("KEEPDB=1: kept database %s on cluster %s; connect with: skm … --clickhouse %s --cluster %s", name, c.Name, c.ShellDSN(name), c.Name)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		if err := conn.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s ON CLUSTER %s", name, c.Name)); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return db
}

// ConnectCluster opens a connection to every server of c, as skm does with --clickhouse
// listing them and --cluster, with the layout's settings; closed in Cleanup.
func ConnectCluster(t testing.TB, c *chlocal.Cluster, l schema.Layout) driver.Conn {
	t.Helper()
	var addrs []string
	for _, n := range c.Servers {
		addrs = append(addrs, n.Addr())
	}
	return connect(t, strings.Join(addrs, ","), clusterAuth(c), l.Settings())
}

// ConnectServer opens a connection to the i-th server of c alone (in the order of
// c.Servers), with the layout's settings; closed in Cleanup.
func ConnectServer(t testing.TB, c *chlocal.Cluster, i int, l schema.Layout) driver.Conn {
	t.Helper()
	return connect(t, c.Servers[i].Addr(), clusterAuth(c), l.Settings())
}

// clusterAuth is the user and password of the cluster's servers.
func clusterAuth(c *chlocal.Cluster) clickhouse.Auth {
	return clickhouse.Auth{Username: chlocal.User, Password: c.Password}
}

// Sync makes every server fetch what the others stored of every replicated table of the
// database, so that a test reads the same rows whichever replica answers.
func (db *ClusterDB) Sync(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for i, conn := range db.Servers {
		rows, err := conn.Query(ctx, "SELECT name FROM system.tables WHERE database = ? AND engine LIKE 'Replicated%'", db.Name)
		if err != nil {
			t.Fatalf("list the replicated tables on %s: %v", db.Cluster.Servers[i].Name, err)
		}
		var tables []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			tables = append(tables, name)
		}
		rows.Close()
		for _, tbl := range tables {
			if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA "+db.Name+"."+tbl); err != nil {
				t.Fatalf("sync %s on %s: %v", tbl, db.Cluster.Servers[i].Name, err)
			}
		}
	}
}

// CountOn counts the rows of table (a local or replicated one) that server i holds itself.
func (db *ClusterDB) CountOn(t testing.TB, i int, table, where string, args ...any) uint64 {
	t.Helper()
	var n uint64
	if err := db.Servers[i].QueryRow(context.Background(), "SELECT count() FROM "+db.Name+"."+table+" WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatalf("count %s on %s: %v", table, db.Cluster.Servers[i].Name, err)
	}
	return n
}

// Dial opens a connection to the server at addr (host:port) alone, with the cluster's
// credentials, as skm's ingest.Replication.Dial does; the caller closes it.
func (db *ClusterDB) Dial(addr string) (driver.Conn, error) {
	a := clusterAuth(db.Cluster)
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:        []string{addr},
		Auth:        clickhouse.Auth{Database: "default", Username: a.Username, Password: a.Password},
		DialTimeout: 5 * time.Second,
		ReadTimeout: 3 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("chtest: connect to %s: %w", addr, err)
	}
	return conn, nil
}
