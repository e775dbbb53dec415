package schema

import (
	"fmt"
	"regexp"
	"strings"
)

// Table placement on a cluster. Queries name every table {db}.x whatever the layout: a
// sharded table x is a Distributed table over x_local, the replicated table of each shard;
// a table placed everywhere is itself replicated to every server.
type placement int

const (
	// everywhere: a full copy on every server of the cluster (one ZooKeeper path for all).
	everywhere placement = iota + 1
	// sharded: rows spread over the shards by sharding key, replicated within a shard.
	sharded
	// view: a materialized view, on every server; it holds no rows of its own.
	view
)

// shardingKey spreads an agency's rows to one shard: its responses, cases and rollups live
// together, and its dashboard reads one shard.
const shardingKey = "cityHash64(agency)"

// localSuffix names the per-shard table behind a sharded table's Distributed one.
const localSuffix = "_local"

// everywhereTables have an agency column but are replicated to every server under
// Sharded: small tables every server must answer from alone, for any agency, also while
// a whole shard is down — logins and tokens, and the working calendar, whose national rows
// (agency ”) every agency's deadlines need.
var everywhereTables = map[string]bool{
	"users":           true,
	"api_tokens":      true,
	"holiday_changes": true,
}

var (
	createTableRe = regexp.MustCompile(`(?s)^CREATE TABLE (IF NOT EXISTS )?\{db\}\.(\w+)\s*(\(.*\))\s*ENGINE = (\w+)(?:\(([^)]*)\))?(.*)$`)
	agencyColRe   = regexp.MustCompile(`(?m)^\s*\(?\s*agency\s+String\b`)
	createViewRe  = regexp.MustCompile(`(?s)^CREATE MATERIALIZED VIEW (IF NOT EXISTS )?\{db\}\.(\w+) TO \{db\}\.(\w+)\s+AS\s+(.*)$`)
	insertRe      = regexp.MustCompile(`(?s)^INSERT INTO \{db\}\.(\w+)\s+SELECT\b`)
	renameRe      = regexp.MustCompile(`(?s)^RENAME TABLE (.*)$`)
	renamePairRe  = regexp.MustCompile(`^\s*\{db\}\.(\w+) TO \{db\}\.(\w+)\s*$`)
	dropRe        = regexp.MustCompile(`^DROP TABLE (IF EXISTS )?\{db\}\.(\w+)$`)
	alterRe       = regexp.MustCompile(`(?s)^ALTER TABLE \{db\}\.(\w+) (.*)$`)
	alterColumnRe = regexp.MustCompile(`^(ADD|DROP|MODIFY|COMMENT|RENAME) COLUMN\b`)
	createDBRe    = regexp.MustCompile(`^CREATE DATABASE (IF NOT EXISTS )?\{db\}$`)
	tableRefRe    = regexp.MustCompile(`\{db\}\.(\w+)\b`)
)

// renderer turns the statements of the migration files, in order, into those of a layout.
// It follows the tables they create, rename and drop, so that it knows each table's
// placement and ZooKeeper path when a later statement names it.
type renderer struct {
	layout Layout
	tables map[string]placement
	paths  map[string]string // ZooKeeper path → the table that holds it
	zkPath map[string]string // table → its ZooKeeper path
}

func newRenderer(l Layout) *renderer {
	return &renderer{layout: l, tables: map[string]placement{}, paths: map[string]string{}, zkPath: map[string]string{}}
}

// render returns the statements that do what stmt does, under the renderer's layout. Single
// returns stmt unchanged. A statement of a kind it does not know is an error, so that a new
// kind of migration statement is taught to the renderer (and its tests) before it runs on a
// cluster.
func (r *renderer) render(stmt string) ([]string, error) {
	if !r.layout.Clustered() {
		return []string{stmt}, nil
	}
	on := " ON CLUSTER " + r.layout.Cluster
	if m := createDBRe.FindStringSubmatch(stmt); m != nil {
		return []string{stmt + on}, nil
	}
	if m := createTableRe.FindStringSubmatch(stmt); m != nil {
		return r.createTable(m[1], m[2], m[3], m[4], m[5], m[6])
	}
	if m := createViewRe.FindStringSubmatch(stmt); m != nil {
		return r.createView(m[1], m[2], m[3], m[4])
	}
	if m := insertRe.FindStringSubmatch(stmt); m != nil {
		// Through the Distributed tables, from one server, inserted synchronously (see
		// Layout.Settings): each row lands once, on its agency's shard.
		if _, err := r.table(m[1]); err != nil {
			return nil, err
		}
		return []string{stmt}, nil
	}
	if m := renameRe.FindStringSubmatch(stmt); m != nil {
		return r.rename(m[1])
	}
	if m := dropRe.FindStringSubmatch(stmt); m != nil {
		return r.drop(m[1], m[2])
	}
	if m := alterRe.FindStringSubmatch(stmt); m != nil {
		return r.alter(m[1], m[2])
	}
	return nil, fmt.Errorf("schema: no %s rendering for statement: %.80s", r.layout.Mode, stmt)
}

func (r *renderer) table(name string) (placement, error) {
	p, ok := r.tables[name]
	if !ok {
		return 0, fmt.Errorf("schema: table %s is not created by an earlier migration", name)
	}
	return p, nil
}

func (r *renderer) on() string { return " ON CLUSTER " + r.layout.Cluster }

func (r *renderer) createTable(ifNotExists, name, columns, engine, args, rest string) ([]string, error) {
	if !strings.HasSuffix(engine, "MergeTree") {
		return nil, fmt.Errorf("schema: table %s: engine %s cannot be replicated; use a MergeTree engine", name, engine)
	}
	p := everywhere
	if r.layout.Mode == Sharded && agencyColRe.MatchString(columns) && !everywhereTables[name] {
		p = sharded
	}
	path := "/clickhouse/tables/all/{db}/" + name
	if p == sharded {
		path = "/clickhouse/tables/{shard}/{db}/" + name
	}
	if holder, taken := r.paths[path]; taken {
		return nil, fmt.Errorf("schema: table %s: ZooKeeper path %s is still held by table %s (renamed from %s); choose another name", name, path, holder, name)
	}
	r.tables[name], r.paths[path], r.zkPath[name] = p, name, path
	replArgs := "'" + path + "', '{replica}'"
	if strings.TrimSpace(args) != "" {
		replArgs += ", " + strings.TrimSpace(args)
	}
	local := name
	if p == sharded {
		local = name + localSuffix
	}
	out := []string{fmt.Sprintf("CREATE TABLE %s{db}.%s%s\n%s\nENGINE = Replicated%s(%s)%s",
		ifNotExists, local, r.on(), columns, engine, replArgs, rest)}
	if p == sharded {
		out = append(out, r.distributed(ifNotExists, name))
	}
	return out, nil
}

// distributed is the statement that creates the Distributed table of sharded table name.
func (r *renderer) distributed(ifNotExists, name string) string {
	return fmt.Sprintf("CREATE TABLE %s{db}.%s%s AS {db}.%s%s\nENGINE = Distributed(%s, {db}, %s%s, %s)",
		ifNotExists, name, r.on(), name, localSuffix, r.layout.Cluster, name, localSuffix, shardingKey)
}

// createView puts a materialized view on the local tables: it then sees the rows of the
// inserts each server takes — one replica per shard, as the Distributed tables write with
// internal replication — and its target, replicated in turn, counts each shard's own rows.
func (r *renderer) createView(ifNotExists, name, target, query string) ([]string, error) {
	tp, err := r.table(target)
	if err != nil {
		return nil, err
	}
	var bad error
	query = tableRefRe.ReplaceAllStringFunc(query, func(ref string) string {
		src := strings.TrimPrefix(ref, "{db}.")
		p, err := r.table(src)
		if err != nil {
			bad = err
		} else if p != tp || p == view {
			bad = fmt.Errorf("schema: view %s reads %s but writes %s, which is placed otherwise", name, src, target)
		}
		if p == sharded {
			return ref + localSuffix
		}
		return ref
	})
	if bad != nil {
		return nil, bad
	}
	if tp == sharded {
		target += localSuffix
	}
	r.tables[name] = view
	return []string{fmt.Sprintf("CREATE MATERIALIZED VIEW %s{db}.%s%s TO {db}.%s AS %s", ifNotExists, name, r.on(), target, query)}, nil
}

// rename renames the tables on every server; a sharded table's Distributed table, which
// names its local table, is made again over the renamed one.
func (r *renderer) rename(list string) ([]string, error) {
	var pairs, drops, creates []string
	for _, pair := range strings.Split(list, ",") {
		m := renamePairRe.FindStringSubmatch(pair)
		if m == nil {
			return nil, fmt.Errorf("schema: cannot read %q of a RENAME", pair)
		}
		from, to := m[1], m[2]
		p, err := r.table(from)
		if err != nil {
			return nil, err
		}
		if p == sharded {
			pairs = append(pairs, fmt.Sprintf("{db}.%s%s TO {db}.%s%s", from, localSuffix, to, localSuffix))
			drops = append(drops, fmt.Sprintf("DROP TABLE {db}.%s%s", from, r.on()))
			creates = append(creates, r.distributed("", to))
		} else {
			pairs = append(pairs, fmt.Sprintf("{db}.%s TO {db}.%s", from, to))
		}
		delete(r.tables, from)
		r.tables[to] = p
		if path, ok := r.zkPath[from]; ok {
			delete(r.zkPath, from)
			r.zkPath[to], r.paths[path] = path, to
		}
	}
	out := []string{"RENAME TABLE " + strings.Join(pairs, ", ") + r.on()}
	return append(append(out, drops...), creates...), nil
}

func (r *renderer) drop(ifExists, name string) ([]string, error) {
	p, err := r.table(name)
	if err != nil {
		return nil, err
	}
	delete(r.tables, name)
	if path, ok := r.zkPath[name]; ok {
		delete(r.paths, path)
		delete(r.zkPath, name)
	}
	out := []string{fmt.Sprintf("DROP TABLE %s{db}.%s%s", ifExists, name, r.on())}
	if p == sharded {
		out = append(out, fmt.Sprintf("DROP TABLE %s{db}.%s%s%s", ifExists, name, localSuffix, r.on()))
	}
	return out, nil
}

// alter changes a table. A replicated table passes an ALTER on to its other replicas
// itself: a table placed everywhere is altered on the one server the runner talks to;
// the local tables of a sharded one on each shard (ON CLUSTER, which runs it on one
// replica per shard). A column change also reaches the Distributed table, on every
// server; a mutation or partition operation concerns the data, so the local tables only.
// A view on a changed table keeps reading the local table, which it names.
func (r *renderer) alter(name, rest string) ([]string, error) {
	p, err := r.table(name)
	if err != nil {
		return nil, err
	}
	switch p {
	case everywhere:
		return []string{fmt.Sprintf("ALTER TABLE {db}.%s %s", name, rest)}, nil
	case view:
		return nil, fmt.Errorf("schema: no ALTER of materialized view %s on a cluster; drop it and create it anew", name)
	}
	out := []string{fmt.Sprintf("ALTER TABLE {db}.%s%s%s %s", name, localSuffix, r.on(), rest)}
	if alterColumnRe.MatchString(rest) {
		// ClickHouse runs an ALTER ON CLUSTER only on replicated tables when the shards
		// replicate internally; the Distributed table, which holds no rows (inserts into it
		// are synchronous), is made anew over the changed local table instead.
		// IF (NOT) EXISTS: a migration that stopped here runs again (see columnAdded).
		out = append(out, fmt.Sprintf("DROP TABLE IF EXISTS {db}.%s%s", name, r.on()), r.distributed("IF NOT EXISTS ", name))
	}
	return out, nil
}

// runtimeAlterRe is an ALTER the product sends while it runs, its database named or still
// {db}: a mutation (DELETE, UPDATE) or a partition operation.
var runtimeAlterRe = regexp.MustCompile(`(?s)^ALTER TABLE ([^\s.]+)\.(\w+) (.*)$`)

// StatementRenderer returns what turns a statement the product sends while it runs into
// the layout's: the query files name the Distributed tables, which read and write as one
// server's tables do, except for the data operations of an ALTER (mutations and partition
// operations), which a sharded table's local tables take ON CLUSTER. Every other statement
// is returned as it is; under Single every statement is.
func (l Layout) StatementRenderer() (func(string) string, error) {
	if !l.Clustered() {
		return func(s string) string { return s }, nil
	}
	r := newRenderer(l)
	ms, err := Migrations()
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		for _, stmt := range m.Statements {
			if _, err := r.render(stmt); err != nil {
				return nil, fmt.Errorf("ingest: migration %s: %w", m.File, err)
			}
		}
	}
	return func(stmt string) string {
		m := runtimeAlterRe.FindStringSubmatch(stmt)
		if m == nil || r.tables[m[2]] != sharded || alterColumnRe.MatchString(m[3]) {
			return stmt
		}
		return fmt.Sprintf("ALTER TABLE %s.%s%s%s %s", m[1], m[2], localSuffix, r.on(), m[3])
	}, nil
}
