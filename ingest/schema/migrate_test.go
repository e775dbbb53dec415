package schema_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/ingest/chtest"
	"skm/ingest/schema"
)

func schemaSnapshot(t *testing.T, db *chtest.DB) string {
	t.Helper()
	rows, err := db.Conn.Query(context.Background(),
		"SELECT table, name, type FROM system.columns WHERE database = ? ORDER BY table, name", db.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var tbl, col, typ string
		if err := rows.Scan(&tbl, &col, &typ); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s.%s %s\n", tbl, col, typ)
	}
	return b.String()
}

func migrationRows(t *testing.T, db *chtest.DB) uint64 {
	t.Helper()
	var n uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestMigrateTwiceChangesNothing(t *testing.T) {
	db := chtest.NewDB(t) // migrated once
	all, _ := schema.Migrations()
	before := schemaSnapshot(t, db)
	for _, want := range []string{"survey_responses.u9 UInt8", "cases.deadline_at Nullable(DateTime('UTC'))", "schema_migrations.checksum String"} {
		if !strings.Contains(before, want) {
			t.Errorf("schema lacks %q:\n%s", want, before)
		}
	}
	if n := migrationRows(t, db); n != uint64(len(all)) {
		t.Fatalf("schema_migrations has %d rows after first run, want %d", n, len(all))
	}
	applied, err := schema.Migrate(context.Background(), db.Conn, schema.MigrateOptions{Database: db.Name})
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Errorf("second run applied %v, want nothing", applied)
	}
	if after := schemaSnapshot(t, db); after != before {
		t.Errorf("schema changed on second run:\n%s\nvs\n%s", before, after)
	}
	if n := migrationRows(t, db); n != uint64(len(all)) {
		t.Errorf("schema_migrations has %d rows after second run, want %d", n, len(all))
	}
	pending, err := schema.Pending(context.Background(), db.Conn, db.Name)
	if err != nil || len(pending) != 0 {
		t.Errorf("Pending = %v, %v; want none", pending, err)
	}
}

func TestMigrateConcurrentRunsApplyEachMigrationOnce(t *testing.T) {
	addr := chtest.ServerAddr(t)
	ref := chtest.NewDB(t) // a database migrated alone, for comparison
	name := ref.Name + "_c"
	const runners = 4
	var wg sync.WaitGroup
	results := make([][]uint32, runners)
	errs := make([]error, runners)
	for i := range runners {
		conn := chtest.Connect(t, addr) // one connection each, as separate processes would have
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = schema.Migrate(context.Background(), conn, schema.MigrateOptions{
				Database: name, Owner: fmt.Sprintf("runner %d", i)})
		}()
	}
	wg.Wait()
	t.Cleanup(func() { _ = ref.Conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name) })
	all := appliedOnce(t, results, errs)
	other := &chtest.DB{Conn: ref.Conn, Name: name}
	if n := migrationRows(t, other); n != uint64(len(all)) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(all))
	}
	want := strings.ReplaceAll(schemaSnapshot(t, ref), ref.Name, name)
	if got := schemaSnapshot(t, other); got != want {
		t.Errorf("concurrently migrated schema differs:\n%s\nwant\n%s", got, want)
	}
	var locks uint64
	_ = ref.Conn.QueryRow(context.Background(), "SELECT count() FROM system.tables WHERE database = ? AND name = 'schema_migrations_lock'", name).Scan(&locks)
	if locks != 0 {
		t.Error("migration lock left behind")
	}
}

func TestMigrateRefusesEditedOrUnknownMigrations(t *testing.T) {
	ctx := context.Background()
	t.Run("edited", func(t *testing.T) {
		db := chtest.NewDB(t)
		insertApplied(t, db, 1, "survey_responses", "0000")
		_, err := schema.Migrate(ctx, db.Conn, schema.MigrateOptions{Database: db.Name})
		if err == nil || !strings.Contains(err.Error(), "0001_survey_responses.sql was changed") {
			t.Errorf("err = %v, want a message naming the changed file", err)
		}
	})
	t.Run("newer schema", func(t *testing.T) {
		db := chtest.NewDB(t)
		insertApplied(t, db, 9999, "from_the_future", "x")
		_, err := schema.Pending(ctx, db.Conn, db.Name)
		if !errors.Is(err, schema.ErrSchemaNewer) {
			t.Errorf("err = %v, want ErrSchemaNewer", err)
		}
	})
}

func insertApplied(t *testing.T, db *chtest.DB, version uint32, name, sum string) {
	t.Helper()
	ctx := context.Background()
	b, err := db.Conn.PrepareBatch(ctx, "INSERT INTO "+db.Name+".schema_migrations (version, name, checksum, applied_at, applied_by)")
	if err != nil {
		t.Fatal(err)
	}
	// A later applied_at wins in argMax, as a re-recorded row would.
	if err := b.Append(version, name, sum, time.Now().UTC().Add(time.Hour), "test"); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
}

func TestMigrationLockWaitsAndBreaksStaleLocks(t *testing.T) {
	ctx := context.Background()
	db := chtest.NewDB(t)
	if err := db.Conn.Exec(ctx, "CREATE TABLE "+db.Name+".schema_migrations_lock (owner String, acquired_at DateTime('UTC')) ENGINE = Log"); err != nil {
		t.Fatal(err)
	}
	_, err := schema.Migrate(ctx, db.Conn, schema.MigrateOptions{Database: db.Name, LockWait: 600 * time.Millisecond, LockStale: time.Hour})
	if err == nil || !strings.Contains(err.Error(), "another process") {
		t.Fatalf("with a fresh foreign lock: err = %v, want a wait timeout", err)
	}
	time.Sleep(2100 * time.Millisecond) // the lock's age is known to the second
	_, err = schema.Migrate(ctx, db.Conn, schema.MigrateOptions{Database: db.Name, LockWait: 5 * time.Second, LockStale: time.Second})
	if err != nil {
		t.Fatalf("with a stale lock: %v", err)
	}
}

func TestMigrationsAreOrderedAndRendered(t *testing.T) {
	ms, err := schema.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Fatalf("got %d migrations, want at least the responses and cases tables", len(ms))
	}
	for i, m := range ms {
		if i > 0 && m.Version <= ms[i-1].Version {
			t.Errorf("migration %s out of order", m.File)
		}
		if len(m.Statements) == 0 {
			t.Errorf("migration %s has no statement", m.File)
		}
		for _, s := range m.Statements {
			// Every table is named through {db}, so the same file serves any database
			// (and a later ON CLUSTER variant).
			if strings.Contains(s, "CREATE TABLE") && !strings.Contains(s, "{db}.") {
				t.Errorf("migration %s: CREATE TABLE without {db}. prefix", m.File)
			}
			if strings.Contains(strings.ToLower(s), "allow_experimental_low_cardinality_type") {
				t.Errorf("migration %s sends a setting current ClickHouse releases reject", m.File)
			}
		}
	}
}

// appliedOnce checks that concurrent runners, which returned results and errs, succeeded and
// applied each migration exactly once between them; it returns the migrations.
func appliedOnce(t *testing.T, results [][]uint32, errs []error) []schema.Migration {
	t.Helper()
	count := map[uint32]int{}
	for i := range errs {
		if errs[i] != nil {
			t.Errorf("runner %d: %v", i, errs[i])
		}
		for _, v := range results[i] {
			count[v]++
		}
	}
	all, _ := schema.Migrations()
	for _, m := range all {
		if count[m.Version] != 1 {
			t.Errorf("migration %d applied %d times, want exactly once", m.Version, count[m.Version])
		}
	}
	return all
}

// A migration that stopped after its ADD COLUMN, before it was recorded, runs again: the
// column it adds is found and the statement skipped (18.16 has no ADD COLUMN IF NOT EXISTS).
func TestMigrateAgainAfterAnAddedColumn(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	before := schemaSnapshot(t, db)
	if !strings.Contains(before, "api_tokens.kind String") {
		t.Fatalf("api_tokens has no kind:\n%s", before)
	}
	// Forget that 0023 (api_tokens.kind) ran: it runs again, with the column there already.
	if err := db.Conn.Exec(ctx, "ALTER TABLE "+db.Name+".schema_migrations DELETE WHERE version = 23"); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if p, err := schema.Pending(ctx, db.Conn, db.Name); err == nil && len(p) == 1 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("the record of 0023 is not gone: %v %v", p, err)
		}
	}
	applied, err := schema.Migrate(ctx, db.Conn, schema.MigrateOptions{Database: db.Name})
	if err != nil || len(applied) != 1 || applied[0] != 23 {
		t.Fatalf("run again: applied %v, %v", applied, err)
	}
	if after := schemaSnapshot(t, db); after != before {
		t.Errorf("schema changed:\n%s\nvs\n%s", before, after)
	}
	// Another failing ALTER is still an error.
	if err := db.Conn.Exec(ctx, "ALTER TABLE "+db.Name+".api_tokens ADD COLUMN kind UInt8"); err == nil {
		t.Error("adding an existing column twice is accepted by the server; the guard is not needed")
	}
}
