package ingest

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// queries holds the statements of sql/, keyed by file name without ".sql".
var queries = loadQueries()

func loadQueries() map[string]string {
	m := map[string]string{}
	entries, err := fs.ReadDir(sqlFS, "sql")
	if err != nil {
		panic(fmt.Sprintf("ingest: embedded sql: %v", err)) // build-time content; cannot fail at run time
	}
	for _, e := range entries {
		b, err := fs.ReadFile(sqlFS, path.Join("sql", e.Name()))
		if err != nil {
			panic(fmt.Sprintf("ingest: embedded sql: %v", err))
		}
		stmts := Statements(string(b))
		if len(stmts) != 1 {
			panic(fmt.Sprintf("ingest: sql/%s holds %d statements, want 1", e.Name(), len(stmts)))
		}
		m[strings.TrimSuffix(e.Name(), ".sql")] = stmts[0]
	}
	return m
}

// sqlFor returns the named statement of sql/ rendered for database db.
func sqlFor(name, db string) string {
	q, ok := queries[name]
	if !ok {
		panic("ingest: no sql/" + name + ".sql") // a programming error, caught by the tests
	}
	return Render(q, db)
}

// QueryNames lists the statements in sql/, for checks that run every statement the product
// sends on another ClickHouse release.
func QueryNames() []string {
	names := make([]string, 0, len(queries))
	for n := range queries {
		names = append(names, n)
	}
	return names
}

// Query returns the named statement of sql/ rendered for database db, and whether it exists.
func Query(name, db string) (string, bool) {
	q, ok := queries[name]
	return Render(q, db), ok
}

var identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// ValidDatabaseName reports whether name is a plain identifier that is safe to splice into
// SQL as a database name.
func ValidDatabaseName(name string) bool { return identRe.MatchString(name) }

// Render replaces the placeholder {db} with the database name. The name must have passed
// ValidDatabaseName.
func Render(stmt, db string) string { return strings.ReplaceAll(stmt, "{db}", db) }

// Statements splits SQL text into statements: a statement ends with ';' at the end of a
// line, and lines starting with "--" are comments. The same rule is used by the checks
// that run our SQL on a current ClickHouse release.
func Statements(text string) []string {
	var out, cur []string
	flush := func() {
		s := strings.TrimSpace(strings.Join(cur, "\n"))
		s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
		if s != "" {
			out = append(out, s)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(strings.TrimRight(line, " \t\r"), ";") {
			flush()
		}
	}
	flush()
	return out
}
