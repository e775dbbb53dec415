package benchdata

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
	"skm/ingest"
	"skm/ingest/schema"
	"skm/standard"
)

// SpreadSet writes the example standards and a copy of bppd-kalbar's under the code
// dpmptsp-kalbar into dir (for --standards) and loads them. On the loopback cluster both
// examples live on shard 2 (cityHash64 of their codes), dpmptsp-kalbar on shard 1: a data set
// over these three agencies spans both shards.
func SpreadSet(dir string) (*standard.Set, error) {
	err := fs.WalkDir(standard.Examples(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, path), 0o755)
		}
		b, err := fs.ReadFile(standard.Examples(), path)
		if err != nil {
			return err
		}
		if path == "bppd-kalbar.yaml" {
			other := strings.Replace(string(b), "code: bppd-kalbar", "code: dpmptsp-kalbar", 1)
			if err := os.WriteFile(filepath.Join(dir, "dpmptsp-kalbar.yaml"), []byte(other), 0o644); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dir, path), b, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("write the standards: %w", err)
	}
	return standard.LoadDir(dir)
}

// ClusterScratch is a loopback cluster of 2 shards × 2 replicas under a scratch directory,
// with a database in the sharded or the replicated layout: the cluster side of a benchmark.
type ClusterScratch struct {
	Cluster *chlocal.Cluster
	// Conn reaches every server, as skm with --clickhouse listing them and --cluster.
	Conn driver.Conn
	// Target is the database, for LoadEvaluationInto.
	Target Target
	// Layout is the database's layout.
	Layout  schema.Layout
	servers []driver.Conn
}

// NewClusterScratch starts the cluster under dir/cluster and migrates database db on it in
// the layout of mode (Sharded or Replicated); args are added to the skm commands of the load
// (--standards DIR). Close it.
func NewClusterScratch(ctx context.Context, dir, db string, mode schema.Mode, args ...string) (*ClusterScratch, error) {
	start := time.Now()
	c, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: filepath.Join(dir, "cluster")})
	if err != nil {
		_ = chlocal.StopCluster(filepath.Join(dir, "cluster"), 0)
		return nil, fmt.Errorf("start the loopback cluster: %w", err)
	}
	cs := &ClusterScratch{Cluster: c}
	layout := schema.Layout{Mode: mode, Cluster: c.Name}
	cs.Layout = layout
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
	repl := ingest.Replication{InsertQuorum: 2, LeaseQuorum: 3, ShardReplicas: 2}
	if mode == schema.Replicated {
		repl.InsertQuorum, repl.ShardReplicas = 3, 4 // one shard of four replicas
	}
	cs.Target = Target{Conn: cs.Conn, DB: db, DSN: c.DSN(db), Args: append([]string{"--cluster", c.Name, "--cluster-mode", mode.String()}, args...),
		Store:    ingest.NewStore(cs.Conn, db).OnLayout(render).WithReplication(repl),
		Optimize: func(ctx context.Context) error { return cs.optimize(ctx, db) }}
	fmt.Printf("started a loopback cluster of %d servers and migrated %s (%s) in %s\n", len(c.Servers), db, mode, time.Since(start).Round(100*time.Millisecond))
	return cs, nil
}

// optimize merges the parts of the sharded tables on each shard's leader replica (18.16
// forwards an OPTIMIZE from another replica to the leader without the password, which is
// refused), then waits for every replica to have them.
func (cs *ClusterScratch) optimize(ctx context.Context, db string) error {
	tables := []string{"survey_responses", "survey_daily", "survey_profile_monthly", "survey_saran", "survey_saran_days", "cases", "case_month", "case_month_overdue"}
	for _, t := range tables {
		for i, n := range cs.Cluster.Servers {
			var leader uint8
			if err := cs.servers[i].QueryRow(ctx, "SELECT is_leader FROM system.replicas WHERE database = ? AND table = ?", db, t+cs.suffix()).Scan(&leader); err != nil {
				return fmt.Errorf("leader of %s on %s: %w", t, n.Name, err)
			}
			// 18.16 fails an OPTIMIZE with nothing to merge ("Unknown log entry type: 0").
			var unmerged uint64
			if err := cs.servers[i].QueryRow(ctx, "SELECT count() FROM (SELECT partition FROM system.parts WHERE database = ? AND table = ? AND active GROUP BY partition HAVING count() > 1)",
				db, t+cs.suffix()).Scan(&unmerged); err != nil {
				return fmt.Errorf("parts of %s on %s: %w", t, n.Name, err)
			}
			if leader == 1 && unmerged > 0 {
				// 18.16 sometimes refuses it while a merge it assigned is under way ("Unknown
				// log entry type: 0"): wait and try again; the background merges go on anyway.
				var err error
				for try := 0; try < 5; try++ {
					if err = cs.servers[i].Exec(ctx, "OPTIMIZE TABLE "+db+"."+t+cs.suffix()+" FINAL"); err == nil {
						break
					}
					time.Sleep(2 * time.Second)
				}
				if err != nil {
					fmt.Printf("optimize %s on %s: %v (left to the background merges)\n", t, n.Name, err)
				}
			}
		}
	}
	for i, n := range cs.Cluster.Servers {
		for _, t := range tables {
			if err := cs.servers[i].Exec(ctx, "SYSTEM SYNC REPLICA "+db+"."+t+cs.suffix()); err != nil {
				return fmt.Errorf("sync %s on %s: %w", t, n.Name, err)
			}
		}
	}
	return nil
}

// suffix names a table's replicated table: x_local behind the Distributed x when sharded.
func (cs *ClusterScratch) suffix() string {
	if cs.Layout.Mode == schema.Sharded {
		return "_local"
	}
	return ""
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
