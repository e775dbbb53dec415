package benchdata

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
	"skm/ingest"
	"skm/ingest/schema"
	"skm/standard"
)

// SpreadSet is the example standards and a copy of bppd-kalbar's under the code
// dpmptsp-kalbar. On the loopback cluster both examples live on shard 2 (cityHash64 of their
// codes), dpmptsp-kalbar on shard 1: a data set over these three agencies spans both shards.
func SpreadSet() (*standard.Set, error) {
	files := fstest.MapFS{}
	err := fs.WalkDir(standard.Examples(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(standard.Examples(), path)
		if err != nil {
			return err
		}
		files[path] = &fstest.MapFile{Data: b}
		if path == "bppd-kalbar.yaml" {
			files["dpmptsp-kalbar.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(b), "code: bppd-kalbar", "code: dpmptsp-kalbar", 1))}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return standard.Load(files, "examples and dpmptsp-kalbar")
}

// ClusterScratch is a loopback cluster of 2 shards × 2 replicas under a scratch directory,
// with a database in the sharded layout: the cluster side of a benchmark.
type ClusterScratch struct {
	Cluster *chlocal.Cluster
	// Conn reaches every server, as skm with --clickhouse listing them and --cluster.
	Conn driver.Conn
	// Target is the database, for LoadEvaluationInto.
	Target  Target
	servers []driver.Conn
}

// NewClusterScratch starts the cluster under dir/cluster and migrates database db on it in
// the sharded layout. Close it.
func NewClusterScratch(ctx context.Context, dir, db string) (*ClusterScratch, error) {
	start := time.Now()
	c, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: filepath.Join(dir, "cluster")})
	if err != nil {
		_ = chlocal.StopCluster(filepath.Join(dir, "cluster"), 0)
		return nil, fmt.Errorf("start the loopback cluster: %w", err)
	}
	cs := &ClusterScratch{Cluster: c}
	layout := schema.Layout{Mode: schema.Sharded, Cluster: c.Name}
	open := func(addrs []string) (driver.Conn, error) {
		return clickhouse.Open(&clickhouse.Options{Addr: addrs, Auth: clickhouse.Auth{Username: chlocal.User, Password: c.Password},
			Settings: layout.Settings(), Compression: &clickhouse.Compression{Method: clickhouse.CompressionLZ4},
			DialTimeout: 5 * time.Second, ReadTimeout: 10 * time.Minute})
	}
	var addrs []string
	for _, n := range c.Servers {
		addrs = append(addrs, n.Addr())
		conn, err := open([]string{n.Addr()})
		if err != nil {
			cs.Close()
			return nil, err
		}
		cs.servers = append(cs.servers, conn)
	}
	if cs.Conn, err = open(addrs); err != nil {
		cs.Close()
		return nil, err
	}
	if _, err := schema.Migrate(ctx, cs.Conn, schema.MigrateOptions{Database: db, Layout: layout}); err != nil {
		cs.Close()
		return nil, fmt.Errorf("migrate %s on the cluster: %w", db, err)
	}
	render, err := layout.StatementRenderer()
	if err != nil {
		cs.Close()
		return nil, err
	}
	cs.Target = Target{Conn: cs.Conn, DB: db, DSN: c.DSN(db), Args: []string{"--cluster", c.Name},
		Store:    ingest.NewStore(cs.Conn, db).OnLayout(render).WithReplication(ingest.Replication{InsertQuorum: 2, LeaseQuorum: 3}),
		Optimize: func(ctx context.Context) error { return cs.optimize(ctx, db) }}
	fmt.Printf("started a loopback cluster of %d servers and migrated %s in %s\n", len(c.Servers), db, time.Since(start).Round(100*time.Millisecond))
	return cs, nil
}

// optimize merges the parts of the sharded tables on one replica of each shard (the other
// replica fetches the merged part), then waits for every replica to have them.
func (cs *ClusterScratch) optimize(ctx context.Context, db string) error {
	done := map[int]bool{}
	for i, n := range cs.Cluster.Servers {
		if done[n.Shard] {
			continue
		}
		done[n.Shard] = true
		for _, t := range []string{"survey_responses", "survey_daily", "survey_profile_monthly", "survey_saran", "cases",
			"case_month", "case_month_overdue"} {
			if err := cs.servers[i].Exec(ctx, "OPTIMIZE TABLE "+db+"."+t+"_local FINAL"); err != nil {
				return fmt.Errorf("optimize %s on %s: %w", t, n.Name, err)
			}
		}
	}
	for i, n := range cs.Cluster.Servers {
		for _, t := range []string{"survey_responses", "survey_daily", "survey_profile_monthly", "survey_saran", "cases",
			"case_month", "case_month_overdue"} {
			if err := cs.servers[i].Exec(ctx, "SYSTEM SYNC REPLICA "+db+"."+t+"_local"); err != nil {
				return fmt.Errorf("sync %s on %s: %w", t, n.Name, err)
			}
		}
	}
	return nil
}

// Close closes the connections and stops the cluster.
func (cs *ClusterScratch) Close() {
	for _, c := range cs.servers {
		c.Close()
	}
	if cs.Conn != nil {
		cs.Conn.Close()
	}
	_ = chlocal.StopCluster(cs.Cluster.Dir(), 20*time.Second)
}
