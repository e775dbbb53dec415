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

// migrationLock are the migration runner's statements about its lock, in the order it sends them.
var migrationLock = []string{"acquireMigrationLock.Create", "recordLockOwner", "lockInfo.Age", "lockInfo.Owner", "acquireMigrationLock.Drop"}

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

// runSQLRender writes, for the check on a current ClickHouse release (chDB), every
// migration and every statement the product sends, with sample arguments inlined and {db}
// left for the runner to fill in: DIR/00-migrations.sql, DIR/10-statements.sql.
func runSQLRender(_ context.Context, e *env, args []string) error {
	f := newFlagSet(e, "sql-render", "DIR", "Writes every migration and every statement skm sends, with sample arguments, for the check on a current ClickHouse release.")
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
	ms, err := schema.Migrations()
	if err != nil {
		return err
	}
	var mig strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&mig, "-- %s\n", m.File)
		for _, s := range m.Statements {
			mig.WriteString(s + ";\n")
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "00-migrations.sql"), []byte(mig.String()), 0o644); err != nil {
		return err
	}
	var out strings.Builder
	// The external table the intake's id checks send with their query.
	out.WriteString("-- stand-ins for the external tables sent with Batcher.known.* and CurrentCases\n" +
		"CREATE TABLE batch_ids (id UUID) ENGINE = Memory;\nCREATE TABLE case_ids (id String) ENGINE = Memory;\n")
	// The runner creates its table before anything reads it.
	create, _ := schema.Queries().Lookup("Migrate.CreateTable", "{db}")
	fmt.Fprintf(&out, "-- ingest/schema/Migrate.CreateTable\n%s;\n", create)
	for _, side := range []struct {
		prefix string
		set    *chsql.Set
	}{{"ingest", ingest.Queries()}, {"ingest/schema", schema.Queries()}, {"reports", reports.Queries()}} {
		for _, name := range side.set.Names() {
			key := side.prefix + "/" + name
			stmt, _ := side.set.Lookup(name, "{db}")
			rendered, err := renderSample(stmt, side.set, name)
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			if side.prefix == "ingest/schema" && (slices.Contains(migrationLock, name) || name == "Migrate.CreateDatabase" || name == "Migrate.CreateTable") {
				continue // run in the runner's order, above and below; the database is made by the check
			}
			fmt.Fprintf(&out, "-- %s\n%s;\n", key, rendered)
		}
	}
	// The migration lock's life cycle, in order.
	for _, name := range migrationLock {
		stmt, _ := schema.Queries().Lookup(name, "{db}")
		rendered, _ := renderSample(stmt, schema.Queries(), name) // checked above
		fmt.Fprintf(&out, "-- ingest/schema/%s\n%s;\n", name, rendered)
	}
	return os.WriteFile(filepath.Join(dir, "10-statements.sql"), []byte(out.String()), 0o644)
}
