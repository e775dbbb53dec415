package schema

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"regexp"
	"skm/chsql"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migration is one numbered schema change, embedded from migrations/NNNN_name.sql.
type Migration struct {
	// Version is the number that orders migrations.
	Version uint32
	// Name is the file name without number and extension.
	Name string
	// File is the embedded file name.
	File string
	// Statements are the DDL statements, with the {db} placeholder not yet rendered.
	Statements []string
	// Checksum is the SHA-256 of the file, to detect a migration edited after it ran.
	Checksum string
}

// Migrations returns the embedded migrations in version order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, fmt.Errorf("ingest: read migrations: %w", err)
	}
	var out []Migration
	seen := map[uint32]string{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.ParseUint(num, 10, 32)
		if !ok || err != nil || v == 0 {
			return nil, fmt.Errorf("ingest: migration file %s: name must be NNNN_description.sql", name)
		}
		if prev, dup := seen[uint32(v)]; dup {
			return nil, fmt.Errorf("ingest: migrations %s and %s share version %d", prev, name, v)
		}
		seen[uint32(v)] = name
		b, err := fs.ReadFile(migrationFS, path.Join("migrations", name))
		if err != nil {
			return nil, fmt.Errorf("ingest: read migration %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		out = append(out, Migration{Version: uint32(v), Name: rest, File: name,
			Statements: chsql.Statements(string(b)), Checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// MigrateOptions configure Migrate. Zero values take the defaults noted on each field.
type MigrateOptions struct {
	// Database is the database to create and migrate. Required.
	Database string
	// Owner names this process in the lock and in the record of applied migrations
	// (default: host name and pid).
	Owner string
	// LockWait bounds the wait for another process's migration to finish (default 2 min).
	LockWait time.Duration
	// LockStale is the age after which a lock left by a dead process is broken (default 15 min).
	LockStale time.Duration
	// StatementTimeout bounds each statement (default 2 min).
	StatementTimeout time.Duration
	// Logger receives progress (default: discard).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Layout is where the schema lives (default: one server).
	Layout Layout
}

func (o *MigrateOptions) defaults() error {
	if !chsql.ValidDatabaseName(o.Database) {
		return fmt.Errorf("ingest: invalid database name %q (letters, digits and _ only)", o.Database)
	}
	if o.Owner == "" {
		host, _ := os.Hostname()
		o.Owner = fmt.Sprintf("%s pid %d", host, os.Getpid())
	}
	if o.LockWait <= 0 {
		o.LockWait = 2 * time.Minute
	}
	if o.LockStale <= 0 {
		o.LockStale = 15 * time.Minute
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = 2 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o.Layout.validate()
}

// AppliedMigration is a row of the schema_migrations table.
type AppliedMigration struct {
	Version  uint32
	Name     string
	Checksum string
}

// ErrSchemaNewer is returned when the database holds migrations this binary does not know.
var ErrSchemaNewer = errors.New("the database schema is newer than this skm binary")

// Migrate creates the database if needed and applies every pending migration in order,
// under a lock that makes concurrent runs (other processes, other hosts) wait for each other.
// It returns the versions it applied; none when the schema is current.
func Migrate(ctx context.Context, conn driver.Conn, opts MigrateOptions) ([]uint32, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	all, err := RenderedMigrations(opts.Layout)
	if err != nil {
		return nil, err
	}
	db := opts.Database
	if opts.Layout.Clustered() && clusterCurrent(ctx, conn, opts, all) {
		return nil, nil
	}
	if err := execRunner(ctx, conn, opts, "Migrate.CreateDatabase", execRetry); err != nil {
		return nil, fmt.Errorf("ingest: create database %s: %w", db, err)
	}
	if err := checkLayout(ctx, conn, db, opts.Layout); err != nil {
		return nil, err
	}
	unlock, err := acquireMigrationLock(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := execRunner(ctx, conn, opts, "Migrate.CreateTable", execStmt); err != nil {
		return nil, fmt.Errorf("ingest: create schema_migrations: %w", err)
	}
	if opts.Layout.Clustered() {
		if err := syncRecord(ctx, conn, opts); err != nil {
			return nil, fmt.Errorf("ingest: fetch the migration record from the other servers: %w", err)
		}
	}
	pending, err := pendingAgainst(ctx, conn, db, all)
	if err != nil {
		return nil, err
	}
	var done []uint32
	for _, m := range pending {
		start := opts.Now()
		for i, stmt := range m.Statements {
			if err := execStmt(ctx, conn, opts, chsql.Render(stmt, db)); err != nil && !columnAdded(ctx, conn, opts, stmt) {
				return done, fmt.Errorf("ingest: migration %s, statement %d: %w", m.File, i+1, err)
			}
		}
		if err := recordMigration(ctx, conn, opts, m); err != nil {
			return done, err
		}
		opts.Logger.Info("migration applied", "version", m.Version, "name", m.Name,
			"took", opts.Now().Sub(start).Round(time.Millisecond))
		done = append(done, m.Version)
	}
	return done, nil
}

// clusterCurrent reports whether a cluster's database is migrated already in the layout
// asked for, with nothing pending: then a server starts without the lock and the ON CLUSTER
// statements, which wait for every server of the cluster (distributed_ddl_task_timeout, 3
// minutes) — skm must start while a server is down. Any doubt (no database yet, a record
// that cannot be read, a pending migration, another layout) means false, and the full run
// decides; a record read from a replica behind can only lack rows, which also means false.
func clusterCurrent(ctx context.Context, conn driver.Conn, opts MigrateOptions, all []Migration) bool {
	mode, ok, err := LayoutOf(ctx, conn, opts.Database)
	if err != nil || !ok || mode != opts.Layout.Mode {
		return false
	}
	// Bounded: a replica whose queue waits for a part only a dead server has would wait on.
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := syncRecord(sctx, conn, opts); err != nil {
		return false
	}
	pending, err := pendingAgainst(sctx, conn, opts.Database, all)
	return err == nil && len(pending) == 0
}

// syncRecord makes the server fetch the migration record the other servers wrote.
func syncRecord(ctx context.Context, conn driver.Conn, opts MigrateOptions) error {
	return execStmt(ctx, conn, opts, sqlFor("syncRecord", opts.Database))
}

// RenderedMigrations returns the embedded migrations in version order, their statements
// rendered for layout l (see Layout); each keeps the checksum of its file, so that a
// database records the same migrations in every layout.
func RenderedMigrations(l Layout) ([]Migration, error) {
	if err := l.validate(); err != nil {
		return nil, err
	}
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	r := newRenderer(l)
	for i, m := range all {
		var out []string
		for _, stmt := range m.Statements {
			rendered, err := r.render(stmt)
			if err != nil {
				return nil, fmt.Errorf("ingest: migration %s: %w", m.File, err)
			}
			out = append(out, rendered...)
		}
		all[i].Statements = out
	}
	return all, nil
}

// RunnerStatements returns the runner's own statement name of sql/ (the database, the
// record of applied migrations) rendered for layout l, with {db} left in place.
func RunnerStatements(l Layout, name string) ([]string, error) {
	return newRenderer(l).render(queries.Get(name, "{db}"))
}

// execRunner sends the runner's statement name, rendered for the layout, with exec.
func execRunner(ctx context.Context, conn driver.Conn, opts MigrateOptions, name string,
	exec func(context.Context, driver.Conn, MigrateOptions, string) error) error {
	stmts, err := RunnerStatements(opts.Layout, name)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if err := exec(ctx, conn, opts, chsql.Render(s, opts.Database)); err != nil {
			return err
		}
	}
	return nil
}

// checkLayout refuses to migrate a database in another layout than the one it was
// created in: the tables would not fit the statements.
func checkLayout(ctx context.Context, conn driver.Conn, db string, l Layout) error {
	mode, ok, err := LayoutOf(ctx, conn, db)
	if err != nil || !ok || mode == l.Mode {
		return err
	}
	return fmt.Errorf("ingest: database %s was created for the %s layout, not %s; "+
		"use the same --cluster (and --cluster-mode) as when it was created", db, mode, l.Mode)
}

// Pending returns the embedded migrations not yet applied to database db. It fails with
// ErrSchemaNewer when the database has migrations unknown to this binary, and when an
// applied migration's file has changed since.
func Pending(ctx context.Context, conn driver.Conn, db string) ([]Migration, error) {
	if !chsql.ValidDatabaseName(db) {
		return nil, fmt.Errorf("ingest: invalid database name %q", db)
	}
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	return pendingAgainst(ctx, conn, db, all)
}

func pendingAgainst(ctx context.Context, conn driver.Conn, db string, all []Migration) ([]Migration, error) {
	applied, err := Applied(ctx, conn, db)
	if err != nil {
		return nil, err
	}
	known := map[uint32]Migration{}
	for _, m := range all {
		known[m.Version] = m
	}
	done := map[uint32]bool{}
	for _, a := range applied {
		m, ok := known[a.Version]
		if !ok {
			return nil, fmt.Errorf("ingest: %w: it has migration %d (%s); upgrade skm", ErrSchemaNewer, a.Version, a.Name)
		}
		if m.Checksum != a.Checksum {
			return nil, fmt.Errorf("ingest: migration %s was changed after it was applied; add a new migration instead", m.File)
		}
		done[a.Version] = true
	}
	var pending []Migration
	for _, m := range all {
		if !done[m.Version] {
			pending = append(pending, m)
		}
	}
	return pending, nil
}

// Applied lists the migrations recorded in database db; none when the database or the
// table does not exist yet.
func Applied(ctx context.Context, conn driver.Conn, db string) ([]AppliedMigration, error) {
	rows, err := conn.Query(ctx, sqlFor("Applied", db))
	if err != nil {
		var ex *clickhouse.Exception
		if errors.As(err, &ex) && (ex.Code == codeUnknownTable || ex.Code == codeUnknownDatabase) {
			return nil, nil
		}
		return nil, fmt.Errorf("ingest: read applied migrations: %w", err)
	}
	defer rows.Close()
	var out []AppliedMigration
	for rows.Next() {
		var a AppliedMigration
		if err := rows.Scan(&a.Version, &a.Name, &a.Checksum); err != nil {
			return nil, fmt.Errorf("ingest: scan applied migration: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ingest: read applied migrations: %w", err)
	}
	return out, nil
}

func recordMigration(ctx context.Context, conn driver.Conn, opts MigrateOptions, m Migration) error {
	ctx, cancel := context.WithTimeout(ctx, opts.StatementTimeout)
	defer cancel()
	batch, err := conn.PrepareBatch(chsql.BatchContext(ctx), sqlFor("recordMigration", opts.Database))
	if err != nil {
		return fmt.Errorf("ingest: record migration %d: %w", m.Version, err)
	}
	if err := batch.Append(m.Version, m.Name, m.Checksum, opts.Now().UTC(), opts.Owner); err != nil {
		return fmt.Errorf("ingest: record migration %d: %w", m.Version, err)
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("ingest: record migration %d: %w", m.Version, err)
	}
	return nil
}

// ClickHouse error codes the runner handles.
const (
	codeUnknownTable          = 60
	codeUnknownDatabase       = 81
	codeTableAlreadyExists    = 57
	codeDatabaseAlreadyExists = 82
	codeReplicaAlreadyExists  = 253
	codeKeeperException       = 999
)

func exceptionCode(err error) int32 {
	var ex *clickhouse.Exception
	if errors.As(err, &ex) {
		return ex.Code
	}
	return 0
}

// addColumnRe finds the table and column of a migration's "ALTER TABLE {db}.t ADD COLUMN c".
// On a cluster the statement names the cluster (ALTER TABLE {db}.t_local ON CLUSTER c ADD
// COLUMN …); the column is looked up on the server the runner talks to.
var addColumnRe = regexp.MustCompile(`(?is)^ALTER\s+TABLE\s+\{db\}\.(\w+)(?:\s+ON\s+CLUSTER\s+\w+)?\s+ADD\s+COLUMN\s+(\w+)\s`)

// columnAdded reports whether stmt, which failed, adds a column that the table has already:
// a migration that stopped after its ADD COLUMN and before it was recorded runs again, and
// ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS (its error code for an existing column,
// 44, also means other things, so the column itself is looked up).
func columnAdded(ctx context.Context, conn driver.Conn, opts MigrateOptions, stmt string) bool {
	m := addColumnRe.FindStringSubmatch(stmt)
	if m == nil || strings.Count(strings.ToUpper(stmt), "ADD COLUMN") != 1 {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, opts.StatementTimeout)
	defer cancel()
	var n uint64
	if err := conn.QueryRow(ctx, sqlFor("columnAdded", opts.Database), opts.Database, m[1], m[2]).Scan(&n); err != nil {
		return false
	}
	if n > 0 {
		opts.Logger.Info("migration: column exists already", "table", m[1], "column", m[2])
	}
	return n > 0
}

func execStmt(ctx context.Context, conn driver.Conn, opts MigrateOptions, stmt string) error {
	ctx, cancel := context.WithTimeout(ctx, opts.StatementTimeout)
	defer cancel()
	if s := opts.Layout.migrationSettings(); s != nil {
		ctx = clickhouse.Context(ctx, clickhouse.WithSettings(s))
	}
	return conn.Exec(ctx, stmt)
}

// execRetry runs an idempotent statement, retrying once when a concurrent process won a
// creation race ("already exists" despite IF NOT EXISTS).
func execRetry(ctx context.Context, conn driver.Conn, opts MigrateOptions, stmt string) error {
	err := execStmt(ctx, conn, opts, stmt)
	if c := exceptionCode(err); c == codeDatabaseAlreadyExists || c == codeTableAlreadyExists {
		return nil
	}
	return err
}
