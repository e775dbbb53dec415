package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chsql"
)

// clusterServer is one ClickHouse server of the cluster, reached alone.
type clusterServer struct {
	shard, replica int
	addr           string
	conn           driver.Conn
	// tables are the replicated rollup tables the server holds (deleteTargets).
	tables []string
}

// String names the server for messages.
func (c clusterServer) String() string {
	return fmt.Sprintf("shard %d replica %d (%s)", c.shard, c.replica, c.addr)
}

// clusterServers connects to every server of the cluster, as the server skm talks to lists
// them (system.clusters), and checks that each answers. A rollup rebuild asks each replica
// itself whether it has applied the delete: system.mutations tells only of the server
// asked, and the cluster() table function reads one replica per shard. On error no
// connection is left open; the error names every server that did not answer.
func (s *Store) clusterServers(ctx context.Context) ([]clusterServer, error) {
	if s.repl.Dial == nil || s.repl.Cluster == "" {
		return nil, errors.New("the store's Replication has no Cluster and Dial to reach each server")
	}
	rows, err := s.conn.Query(ctx, s.sql("clusterServers"), s.repl.Cluster)
	if err != nil {
		return nil, fmt.Errorf("list the servers of cluster %s: %w", s.repl.Cluster, err)
	}
	var servers []clusterServer
	for rows.Next() {
		var shard, replica uint32
		var host string
		var port uint16
		if err := rows.Scan(&shard, &replica, &host, &port); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list the servers of cluster %s: %w", s.repl.Cluster, err)
		}
		servers = append(servers, clusterServer{shard: int(shard), replica: int(replica), addr: net.JoinHostPort(host, strconv.Itoa(int(port)))})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list the servers of cluster %s: %w", s.repl.Cluster, err)
	}
	if len(servers) == 0 {
		return nil, fmt.Errorf("cluster %s has no servers in system.clusters", s.repl.Cluster)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var down []string
	for i := range servers {
		conn, err := s.repl.Dial(servers[i].addr)
		if err == nil {
			servers[i].conn = conn
			err = conn.Ping(pctx)
		}
		if err != nil {
			down = append(down, fmt.Sprintf("%s: %v", servers[i], err))
		}
	}
	if len(down) > 0 {
		closeServers(servers)
		return nil, fmt.Errorf("cluster %s: cannot reach %s", s.repl.Cluster, strings.Join(down, "; "))
	}
	return servers, nil
}

// closeServers closes the connections clusterServers opened.
func closeServers(servers []clusterServer) {
	for _, c := range servers {
		if c.conn != nil {
			_ = c.conn.Close()
		}
	}
}

// mutationTarget is a replicated table a delete mutates on one server, and the newest
// mutation of its shard's table (from ZooKeeper, shared by the shard's replicas), which
// is at least the delete just sent.
type mutationTarget struct {
	table, newest string
}

// deleteTargets reads, on server c, the rollup tables the rebuild's delete mutated there
// and the newest mutation of each. ZooKeeper, not the server's system.mutations, says
// which mutation that is: a replica lists a new mutation only once it has read it from
// ZooKeeper, and a replica that has not yet would look done.
func (s *Store) deleteTargets(ctx context.Context, c clusterServer) ([]mutationTarget, error) {
	rows, err := c.conn.Query(ctx, s.sql("deleteTargets.Tables"))
	if err != nil {
		return nil, fmt.Errorf("the rollup tables on %s: %w", c, err)
	}
	var out []mutationTarget
	var paths []string
	for rows.Next() {
		var t mutationTarget
		var path string
		if err := rows.Scan(&t.table, &path); err != nil {
			rows.Close()
			return nil, fmt.Errorf("the rollup tables on %s: %w", c, err)
		}
		out, paths = append(out, t), append(paths, path)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("the rollup tables on %s: %w", c, err)
	}
	if len(out) != 3 {
		return nil, fmt.Errorf("%s has %d replicated rollup tables in database %s, want 3 (survey_daily, survey_profile_monthly, survey_saran)", c, len(out), s.db)
	}
	for i := range out {
		if err := c.conn.QueryRow(ctx, s.sql("deleteTargets.Newest"), paths[i]+"/mutations").Scan(&out[i].newest); err != nil {
			return nil, fmt.Errorf("the mutations of %s in ZooKeeper, read on %s: %w", out[i].table, c, err)
		}
	}
	return out, nil
}

// deleteDone reports whether server c has applied mutation t.newest of its table and every
// mutation before it.
func (s *Store) deleteDone(ctx context.Context, c clusterServer, t mutationTarget) (bool, error) {
	var done, pending uint64
	if err := c.conn.QueryRow(ctx, s.sql("deleteDone"), t.newest, t.newest, t.table).Scan(&done, &pending); err != nil {
		return false, fmt.Errorf("the mutations of %s on %s: %w", t.table, c, err)
	}
	return done == 1 && pending == 0, nil
}

// waitReplicasDeleted waits until every server of the cluster has applied the rebuild's
// delete to each rollup table it holds (which it records in servers): every replica applies
// a mutation on its own, and a read through a Distributed table may reach any of them. It
// gives up after the Replication's MutationTimeout, naming the servers and tables not done.
func (s *Store) waitReplicasDeleted(ctx context.Context, servers []clusterServer) error {
	wctx, cancel := context.WithTimeout(ctx, s.repl.MutationTimeout)
	defer cancel()
	pending := map[int][]mutationTarget{}
	for i, c := range servers {
		targets, err := s.deleteTargets(wctx, c)
		if err != nil {
			return err
		}
		pending[i] = targets
		for _, t := range targets {
			servers[i].tables = append(servers[i].tables, t.table)
		}
	}
	for {
		for i, targets := range pending {
			var left []mutationTarget
			for _, t := range targets {
				done, err := s.deleteDone(wctx, servers[i], t)
				if err != nil && wctx.Err() == nil {
					return err
				}
				if !done {
					left = append(left, t)
				}
			}
			if len(left) == 0 {
				delete(pending, i)
			} else {
				pending[i] = left
			}
		}
		if len(pending) == 0 {
			return nil
		}
		select {
		case <-wctx.Done():
			if ctx.Err() != nil {
				return fmt.Errorf("wait for the delete on every replica: %w", ctx.Err())
			}
			var late []string
			for i, c := range servers {
				if targets, ok := pending[i]; ok {
					var names []string
					for _, t := range targets {
						names = append(names, t.table+" (mutation "+t.newest+")")
					}
					late = append(late, fmt.Sprintf("%s: %s", c, strings.Join(names, ", ")))
				}
			}
			return fmt.Errorf("the delete is not applied after %s on %s; see system.mutations there", s.repl.MutationTimeout, strings.Join(late, "; "))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// saranDaysTables returns the saran days' table among tables (the rollup tables of a server):
// survey_saran_days, or survey_saran_days_local beside survey_saran_local.
func saranDaysTables(tables []string) []string {
	var out []string
	for _, t := range tables {
		if base, local := strings.CutSuffix(t, "_local"); base == "survey_saran" && local {
			out = append(out, "survey_saran_days_local")
		} else if base == "survey_saran" {
			out = append(out, "survey_saran_days")
		}
	}
	return out
}

// syncReplicas makes every server fetch the parts the others stored of each rollup table
// (SYSTEM SYNC REPLICA) of the rollup tables waitReplicasDeleted found: the rebuild's insert
// reached one replica per shard, and the rebuild returns only once every replica holds it,
// so that any replica a dashboard reads counts it. It gives up after the Replication's
// MutationTimeout.
func (s *Store) syncReplicas(ctx context.Context, servers []clusterServer) error {
	wctx, cancel := context.WithTimeout(ctx, s.repl.MutationTimeout)
	defer cancel()
	for _, c := range servers {
		for _, table := range c.tables {
			if !chsql.ValidDatabaseName(table) {
				return fmt.Errorf("table name %q on %s", table, c)
			}
			if err := c.conn.Exec(wctx, strings.ReplaceAll(s.sql("syncReplicas"), "{table}", table)); err != nil {
				return fmt.Errorf("%s fetching the rebuilt %s: %w", c, table, err)
			}
		}
	}
	return nil
}
