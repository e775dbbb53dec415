package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
	"skm/chsql"
	"skm/ingest"
	"skm/ingest/schema"
)

// dbFlags choose the ClickHouse server: an existing one by URL, or a private local one.
type dbFlags struct {
	url         string
	dataDir     string
	binary      string
	cluster     string
	clusterMode string
	// insertQuorum is --insert-quorum: -1 picks a majority of each shard's replicas.
	insertQuorum int
}

func (d *dbFlags) register(f *flagSet, defaultDataDir string) {
	f.StringVar(&d.url, "clickhouse", "", "ClickHouse `URL`, clickhouse://user:pass@host:9000/database (several hosts comma-separated); empty: start a private local server under --data-dir")
	f.dataDirVar(&d.dataDir, defaultDataDir)
	f.StringVar(&d.binary, "clickhouse-bin", "", "ClickHouse server `binary` for the private server (default: clickhouse-server or clickhouse from PATH)")
	f.StringVar(&d.cluster, "cluster", "", "ClickHouse cluster `name` (the servers' remote_servers) the schema spans, created ON CLUSTER with replicated tables; needs --clickhouse; empty: one server")
	f.IntVar(&d.insertQuorum, "insert-quorum", -1, "with --cluster: how many replicas of a shard must hold a batch of responses and cases before it counts as stored (insert_quorum; 0: the one that took it); -1: a majority of the shard's replicas")
	f.StringVar(&d.clusterMode, "cluster-mode", "auto", "with --cluster: `replicated` (every table on every server), sharded (by agency, replicated within each shard) or auto (sharded when the cluster has several shards)")
}

// layout resolves --cluster and --cluster-mode on the connected server: the cluster must be
// in its system.clusters, and auto shards when it has more than one shard.
func (d *dbFlags) layout(ctx context.Context, conn driver.Conn, where string) (schema.Layout, error) {
	if d.cluster == "" {
		return schema.Layout{}, nil
	}
	var shards uint64
	if err := conn.QueryRow(ctx, "SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = ?", d.cluster).Scan(&shards); err != nil {
		return schema.Layout{}, fmt.Errorf("read the clusters of ClickHouse at %s: %w", where, err)
	}
	if shards == 0 {
		return schema.Layout{}, fmt.Errorf("--cluster %s: ClickHouse at %s has no such cluster in its remote_servers (system.clusters)", d.cluster, where)
	}
	l := schema.Layout{Mode: schema.Replicated, Cluster: d.cluster}
	switch d.clusterMode {
	case "auto":
		if shards > 1 {
			l.Mode = schema.Sharded
		}
	default:
		m, err := schema.ParseMode(d.clusterMode)
		if err != nil || m == schema.Single {
			return l, usagef("--cluster-mode %q: use auto, replicated or sharded", d.clusterMode)
		}
		l.Mode = m
	}
	return l, nil
}

// replication works out the quorums of the cluster's writes from its system.clusters: the
// intake's inserts wait for --insert-quorum replicas of a shard (by default a majority of
// the fewest replicas a shard has: both of two, two of three), lease rows for a majority of
// the servers the leases table is on (every server).
func (d *dbFlags) replication(ctx context.Context, conn driver.Conn, l schema.Layout) (ingest.Replication, error) {
	var shards, fewest, servers uint64
	if err := conn.QueryRow(ctx, "SELECT count(), min(n), sum(n) FROM (SELECT shard_num, count() AS n FROM system.clusters WHERE cluster = ? GROUP BY shard_num)", l.Cluster).
		Scan(&shards, &fewest, &servers); err != nil {
		return ingest.Replication{}, fmt.Errorf("read the replicas of cluster %s: %w", l.Cluster, err)
	}
	replicas := fewest
	if l.Mode == schema.Replicated {
		replicas = servers // one shard in this layout: every server holds every table
	}
	r := ingest.Replication{InsertQuorum: d.insertQuorum, LeaseQuorum: int(servers/2 + 1), ShardReplicas: int(replicas)}
	if r.InsertQuorum < 0 {
		r.InsertQuorum = int(replicas/2 + 1)
	}
	if r.InsertQuorum > int(replicas) {
		return r, usagef("--insert-quorum %d: the cluster's shards have %d replicas", r.InsertQuorum, replicas)
	}
	return r, nil
}

// database is an open connection to the product's database, and the private server
// behind it when skm started one.
type database struct {
	conn driver.Conn
	name string
	// store is the write side on this database, built once here for every command.
	store *ingest.Store
	local *chlocal.Server
	// layout is where the schema lives: one server, or a cluster (--cluster).
	layout  schema.Layout
	version string
	where   string // for messages: the hosts, without credentials
}

const defaultDatabase = "skm"

// openDatabase connects to --clickhouse, or starts the private server and connects to it.
// When the private server's directory is locked by another skm process, shareRunning
// decides: commands that only use the database (import, migrate, report, …) use that
// process's server; a server (serve, demo), which owns the data directory, refuses.
// On error nothing is left running.
func openDatabase(ctx context.Context, d dbFlags, logger *slog.Logger, shareRunning bool) (*database, error) {
	db := &database{}
	var opts *clickhouse.Options
	if d.url == "" && d.cluster != "" {
		return nil, usagef("--cluster needs --clickhouse with the cluster's servers (the private local server is no cluster)")
	}
	if d.url == "" {
		dir := filepath.Join(d.dataDir, "clickhouse")
		s, err := chlocal.Start(ctx, chlocal.Options{Dir: dir, Binary: d.binary, Logger: logger})
		switch {
		case errors.Is(err, chlocal.ErrBusy) && !shareRunning:
			return nil, fmt.Errorf("ClickHouse pribadi di %s sedang dipakai oleh perintah skm lain; tunggu sampai selesai. (%w)", dir, err)
		case errors.Is(err, chlocal.ErrBusy):
			// A running skm owns the directory: use its server.
			ep, ok := chlocal.Running(dir)
			if !ok {
				return nil, err
			}
			logger.Info("using the ClickHouse of the skm process running on this data directory", "addr", ep.Addr)
			opts = privateOptions(ep)
		case err != nil:
			return nil, err
		default:
			db.local = s
			opts = privateOptions(s.Endpoint())
		}
		db.name = defaultDatabase
	} else {
		o, err := clickhouse.ParseDSN(d.url)
		if err != nil {
			return nil, fmt.Errorf("--clickhouse %q: %w (expected clickhouse://user:pass@host:9000/database)", redact(d.url), err)
		}
		opts = o
		db.name = o.Auth.Database
		if db.name == "" {
			db.name = defaultDatabase
		}
		// Connect without a default database: it may not exist yet, and every statement
		// names its database.
		opts.Auth.Database = ""
	}
	if !chsql.ValidDatabaseName(db.name) {
		db.Close()
		return nil, fmt.Errorf("database name %q: use letters, digits and _ only", db.name)
	}
	db.where = strings.Join(opts.Addr, ",")
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 5 * time.Second
	}
	if opts.ReadTimeout == 0 {
		opts.ReadTimeout = 5 * time.Minute
	}
	opts.Compression = &clickhouse.Compression{Method: clickhouse.CompressionLZ4}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to ClickHouse at %s: %w", db.where, err)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := conn.Ping(pctx); err != nil {
		conn.Close()
		db.Close()
		return nil, fmt.Errorf("ClickHouse at %s does not answer: %w", db.where, err)
	}
	if db.layout, err = d.layout(pctx, conn, db.where); err != nil {
		conn.Close()
		db.Close()
		return nil, err
	}
	if s := db.layout.Settings(); s != nil {
		// Every statement of the product on a cluster carries the layout's settings. A current
		// server (20.x on) also sends a query about one agency to its shard alone, instead of
		// to every shard; 18.16 has no such setting (not measured here: only 18.16 runs here).
		if sv, err := conn.ServerVersion(); err == nil && sv.Version.Major >= 20 && db.layout.Mode == schema.Sharded {
			s["optimize_skip_unused_shards"] = 1
		}
		conn.Close()
		if opts.Settings == nil {
			opts.Settings = clickhouse.Settings{}
		}
		for k, v := range s {
			opts.Settings[k] = v
		}
		if conn, err = clickhouse.Open(opts); err != nil {
			db.Close()
			return nil, fmt.Errorf("connect to ClickHouse at %s: %w", db.where, err)
		}
	}
	db.conn, db.store = conn, ingest.NewStore(conn, db.name)
	if db.layout.Clustered() {
		render, err := db.layout.StatementRenderer()
		if err != nil {
			db.Close()
			return nil, err
		}
		repl, err := d.replication(pctx, conn, db.layout)
		if err != nil {
			db.Close()
			return nil, err
		}
		// A rollup rebuild asks every server of the cluster itself (system.clusters lists
		// them) whether it has applied the rebuild's delete: with skm's own options, so
		// its credentials stay out of any query text (remote() would carry them), and
		// every replica is asked (cluster() reads one per shard).
		repl.Cluster = db.layout.Cluster
		repl.Dial = func(addr string) (driver.Conn, error) {
			o := *opts
			o.Addr = []string{addr}
			return clickhouse.Open(&o)
		}
		db.store = db.store.OnLayout(render).WithReplication(repl)
		logger.Info("cluster writes", "insert_quorum", repl.InsertQuorum, "lease_quorum", repl.LeaseQuorum)
	}
	if sv, err := conn.ServerVersion(); err == nil {
		db.version = fmt.Sprintf("%d.%d.%d", sv.Version.Major, sv.Version.Minor, sv.Version.Patch)
	}
	logger.Info("connected to ClickHouse", "at", db.where, "database", db.name, "version", db.version, "local", db.local != nil,
		"layout", db.layout.Mode.String(), "cluster", db.layout.Cluster)
	return db, nil
}

// privateOptions are the connection options of a private server: its address and the
// password skm generated for it.
func privateOptions(ep chlocal.Endpoint) *clickhouse.Options {
	return &clickhouse.Options{Addr: []string{ep.Addr}, Auth: clickhouse.Auth{Username: chlocal.User, Password: ep.Password}}
}

// openMigrated opens the database as openDatabase does, with a logger from l, and brings
// its schema up to date; it returns the migrations it applied.
func openMigrated(ctx context.Context, e *env, d dbFlags, l logFlags) (*database, *slog.Logger, []uint32, error) {
	logger, err := l.logger(e.stderr)
	if err != nil {
		return nil, nil, nil, err
	}
	db, err := openDatabase(ctx, d, logger, true)
	if err != nil {
		return nil, nil, nil, err
	}
	applied, err := db.migrate(ctx, logger)
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return db, logger, applied, nil
}

// open opens the database of the flags, its schema brought up to date, as openMigrated does.
func (d *dataFlags) open(ctx context.Context, e *env) (*database, error) {
	db, _, _, err := openMigrated(ctx, e, d.db, d.log)
	return db, err
}

// migrate brings the schema up to date.
func (db *database) migrate(ctx context.Context, logger *slog.Logger) ([]uint32, error) {
	applied, err := schema.Migrate(ctx, db.conn, schema.MigrateOptions{Database: db.name, Logger: logger, Layout: db.layout})
	if err != nil {
		return applied, fmt.Errorf("migrate database %s: %w", db.name, err)
	}
	return applied, nil
}

// Close closes the connection and stops the private server, if any.
func (db *database) Close() error {
	var errs []error
	if db.conn != nil {
		errs = append(errs, db.conn.Close())
	}
	if db.local != nil {
		errs = append(errs, db.local.Stop())
	}
	return errors.Join(errs...)
}

// redact hides the password of a clickhouse:// URL for messages and logs.
func redact(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return u
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return u
	}
	return scheme + "://" + user + ":***@" + rest[at+1:]
}
