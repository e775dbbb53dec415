package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"skm/chsql"
	"skm/ingest"
	"skm/ingest/schema"
	"skm/reports"
)

// quoteSQL renders a sample value (see chsql.Sample) as a ClickHouse literal.
func quoteSQL(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(x) + "'"
	case json.Number:
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = quoteSQL(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic(fmt.Sprintf("sql render: no literal for %T", v))
}

var namedParam = regexp.MustCompile(`@[A-Za-z_][A-Za-z0-9_]*`)

// inlineNamed replaces the statement's @name parameters with the sample's named arguments.
func inlineNamed(stmt string, named map[string]any) (string, error) {
	var missing error
	out := namedParam.ReplaceAllStringFunc(stmt, func(p string) string {
		v, ok := named[p[1:]]
		if !ok {
			missing = fmt.Errorf("no sample argument for %s", p)
		}
		return quoteSQL(v)
	})
	return out, missing
}

// inline replaces the statement's ? placeholders with the sample arguments, in order.
func inline(stmt string, args []any) (string, error) {
	var b strings.Builder
	n := 0
	for _, r := range stmt {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		if n >= len(args) {
			return "", fmt.Errorf("more placeholders than sample arguments")
		}
		b.WriteString(quoteSQL(args[n]))
		n++
	}
	if n != len(args) {
		return "", fmt.Errorf("%d placeholders but %d sample arguments", n, len(args))
	}
	return b.String(), nil
}

// migrationLock are the migration runner's statements about its lock, in the order it
// sends them, on one server and on a cluster (where the lock's age and holder are read
// from ZooKeeper, which the check has not: see clusterOnly).
var migrationLock = map[bool][]string{
	false: {"acquireMigrationLock.Create", "recordLockOwner", "lockInfo.Age", "lockInfo.Owner", "acquireMigrationLock.Drop"},
	true:  {"acquireMigrationLock.CreateReplicated", "recordLockOwner", "lockInfo.Owner", "acquireMigrationLock.DropCluster"},
}

// clusterOnly are the runner's statements sent only on a cluster; true for those the check
// cannot run, as they read ZooKeeper (system.zookeeper, SYSTEM SYNC REPLICA), which only the
// cluster tests (make test-cluster) have.
var clusterOnly = map[string]bool{
	"acquireMigrationLock.CreateReplicated": false,
	"acquireMigrationLock.DropCluster":      false,
	"lockInfo.AgeReplicated":                true,
	"lockInfo.HostReplicated":               true,
	"syncRecord":                            true,
}

// zooKeeperOnly are the write side's statements the check cannot run, as they read
// ZooKeeper: the rollup rebuild's on a cluster (the newest mutation, SYSTEM SYNC REPLICA).
var zooKeeperOnly = map[string]bool{
	"deleteTargets.Newest": true,
	"syncReplicas":         true,
}

// renderSample inlines the sample arguments written in the named statement's file (see
// chsql.Sample) into stmt; a statement without a sample is an error, so that no statement
// escapes the check.
func renderSample(stmt string, set *chsql.Set, name string) (string, error) {
	sample, ok := set.Sample(name)
	if !ok {
		return "", fmt.Errorf("no sample arguments: add a \"-- sample args: [...]\" line (or named, row) to its .sql file")
	}
	render := func(stmt string) (string, error) { return inline(stmt, sample.Args) }
	if sample.Named != nil {
		render = func(stmt string) (string, error) { return inlineNamed(stmt, sample.Named) }
	}
	rendered, err := render(stmt)
	if err != nil {
		return "", err
	}
	if sample.Row != nil {
		vals := make([]string, len(sample.Row))
		for i, v := range sample.Row {
			vals[i] = quoteSQL(v)
		}
		rendered += " VALUES (" + strings.Join(vals, ", ") + ")"
	}
	return rendered, nil
}

// sqlCheckCluster is the cluster of tools/chdb/cluster.xml, in which the check renders the
// replicated and sharded layouts.
const sqlCheckCluster = "skm"

// runSQLRender writes, for the check on a current ClickHouse release (chDB), every
// migration and every statement the product sends, with sample arguments inlined and {db}
// left for the runner to fill in, in each layout: DIR/00-migrations.sql and
// DIR/10-statements.sql for one server, 20- and 30- for the replicated layout, 40- and 50-
// for the sharded one (see forChDB for what the check can and cannot prove of those).
func runSQLRender(_ context.Context, e *env, args []string) error {
	f := newFlagSet(e, "sql-render", "DIR", "Writes every migration and statement skm sends, with sample arguments, for the check on a current ClickHouse release.")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return usagef("expected: skm sql-render DIR")
	}
	dir := f.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, mode := range []schema.Mode{schema.Single, schema.Replicated, schema.Sharded} {
		l := schema.Layout{Mode: mode}
		suffix := ""
		if mode != schema.Single {
			l.Cluster, suffix = sqlCheckCluster, "-"+mode.String()
		}
		mig, stmts, err := renderSQLCheck(l)
		if err != nil {
			return fmt.Errorf("%s layout: %w", mode, err)
		}
		for j, text := range []string{mig, stmts} {
			name := fmt.Sprintf("%d0-%s%s.sql", 2*i+j, []string{"migrations", "statements"}[j], suffix)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// renderSQLCheck renders the migrations and the statements of layout l for the check.
func renderSQLCheck(l schema.Layout) (migrations, statements string, err error) {
	ms, err := schema.RenderedMigrations(l)
	if err != nil {
		return "", "", err
	}
	var mig strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&mig, "-- %s\n", m.File)
		for _, s := range m.Statements {
			mig.WriteString(forChDB(s, l) + ";\n")
		}
	}
	var out strings.Builder
	// The external table the intake's id checks send with their query.
	out.WriteString("-- stand-ins for the external tables sent with Batcher.known.* and CurrentCases\n" +
		"CREATE TABLE batch_ids (id UUID) ENGINE = Memory;\nCREATE TABLE case_ids (id String) ENGINE = Memory;\n")
	// The runner creates its table before anything reads it.
	create, err := schema.RunnerStatements(l, "Migrate.CreateTable")
	if err != nil {
		return "", "", err
	}
	for _, c := range create {
		fmt.Fprintf(&out, "-- ingest/schema/Migrate.CreateTable\n%s;\n", forChDB(c, l))
	}
	lock := migrationLock[l.Clustered()]
	runtime, err := l.StatementRenderer()
	if err != nil {
		return "", "", err
	}
	for _, side := range []struct {
		prefix string
		set    *chsql.Set
	}{{"ingest", ingest.Queries()}, {"ingest/schema", schema.Queries()}, {"reports", reports.Queries()}} {
		for _, name := range side.set.Names() {
			key := side.prefix + "/" + name
			stmt, _ := side.set.Lookup(name, "{db}")
			rendered, err := renderSample(stmt, side.set, name)
			if err != nil {
				return "", "", fmt.Errorf("%s: %w", key, err)
			}
			if side.prefix == "ingest" && zooKeeperOnly[name] {
				continue
			}
			if side.prefix == "ingest/schema" {
				_, cluster := clusterOnly[name]
				if slices.Contains(migrationLock[false], name) || slices.Contains(migrationLock[true], name) ||
					name == "Migrate.CreateDatabase" || name == "Migrate.CreateTable" || cluster {
					continue // in the runner's order, above and below; the database is made by the check
				}
			}
			fmt.Fprintf(&out, "-- %s\n%s;\n", key, forChDB(runtime(rendered), l))
		}
	}
	// The migration lock's life cycle, in order.
	for _, name := range lock {
		if clusterOnly[name] {
			continue
		}
		stmt := schema.Queries().Get(name, "{db}")
		rendered, _ := renderSample(strings.ReplaceAll(stmt, "{cluster}", l.Cluster), schema.Queries(), name) // checked above
		fmt.Fprintf(&out, "-- ingest/schema/%s\n%s;\n", name, forChDB(rendered, l))
	}
	return mig.String(), out.String(), nil
}

var (
	onClusterRe  = regexp.MustCompile(` ON CLUSTER \w+`)
	replicatedRe = regexp.MustCompile(`Replicated(\w*MergeTree)\('[^']*', '[^']*'(?:, )?`)
)

// forChDB makes a statement of a cluster layout runnable in chDB, one process without
// ZooKeeper: ON CLUSTER goes, and a Replicated engine becomes its plain engine with the same
// parameters. The Distributed tables stay, over the one-server cluster of
// tools/chdb/cluster.xml, so the check proves that every table, view and Distributed table
// of the layout and every statement of the product, reading and writing through those
// Distributed tables, runs on a current release; the Replicated engines' ZooKeeper
// arguments and ON CLUSTER are proven by the cluster tests on 18.16 only.
func forChDB(stmt string, l schema.Layout) string {
	if !l.Clustered() {
		return stmt
	}
	return replicatedRe.ReplaceAllString(onClusterRe.ReplaceAllString(stmt, ""), "$1(")
}
