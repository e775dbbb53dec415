// Package chsql loads the product's ClickHouse statements from embedded .sql files — one
// statement per file, named after the Go method that sends it — and renders them for a
// database. It is shared by the write side (ingest) and the read side (reports), which may
// not import each other, and so it also holds the SQL fragments both sides' statements
// include (fragments/*.sql, included as {name}): a subquery or a select list written once,
// such as the newest version of each case.
package chsql

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

//go:embed fragments/*.sql
var fragmentFS embed.FS

// fragments are the shared subqueries and select lists by name, comments removed.
var fragments = loadFragments()

func loadFragments() map[string]string {
	entries, err := fs.ReadDir(fragmentFS, "fragments")
	if err != nil {
		panic(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := fs.ReadFile(fragmentFS, path.Join("fragments", e.Name()))
		if err != nil {
			panic(err)
		}
		list := Statements(string(b))
		if len(list) != 1 {
			panic("chsql: fragment " + e.Name() + " must hold one subquery or select list")
		}
		out[strings.TrimSuffix(e.Name(), ".sql")] = list[0]
	}
	return out
}

// Include replaces each {name} of a fragment in stmt with the fragment, whose own fragments
// are included in turn. {db} is left for Render.
func Include(stmt string) string {
	for range 8 { // fragments include fragments; a few levels at most
		before := stmt
		for name, frag := range fragments {
			stmt = strings.ReplaceAll(stmt, "{"+name+"}", frag)
		}
		if stmt == before {
			break
		}
	}
	return stmt
}

// Set holds named statements, keyed by file name without ".sql".
type Set struct {
	stmts map[string]string
}

// Load reads every dir/*.sql of fsys; each file must hold exactly one statement.
func Load(fsys fs.FS, dir string) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("chsql: read %s: %w", dir, err)
	}
	s := &Set{stmts: map[string]string{}}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("chsql: read %s: %w", e.Name(), err)
		}
		list := Statements(string(b))
		if len(list) != 1 {
			return nil, fmt.Errorf("chsql: %s/%s holds %d statements, want 1", dir, e.Name(), len(list))
		}
		s.stmts[strings.TrimSuffix(e.Name(), ".sql")] = Include(list[0])
	}
	return s, nil
}

// MustLoad is Load for embedded files, whose content is fixed at build time.
func MustLoad(fsys fs.FS, dir string) *Set {
	s, err := Load(fsys, dir)
	if err != nil {
		panic(err)
	}
	return s
}

// Get returns the named statement rendered for database db. An unknown name is a
// programming error, caught by the tests.
func (s *Set) Get(name, db string) string {
	q, ok := s.stmts[name]
	if !ok {
		panic("chsql: no statement " + name)
	}
	return Render(q, db)
}

// Lookup returns the named statement rendered for db, and whether it exists.
func (s *Set) Lookup(name, db string) (string, bool) {
	q, ok := s.stmts[name]
	return Render(q, db), ok
}

// Names lists the statements, sorted.
func (s *Set) Names() []string {
	names := make([]string, 0, len(s.stmts))
	for n := range s.stmts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// ValidDatabaseName reports whether name is a plain identifier that is safe to splice into
// SQL as a database name.
func ValidDatabaseName(name string) bool { return identRe.MatchString(name) }

// Render replaces the placeholder {db} with the database name, which must have passed
// ValidDatabaseName.
func Render(stmt, db string) string { return strings.ReplaceAll(stmt, "{db}", db) }

// Statements splits SQL text into statements: a statement ends with ';' at the end of a
// line, and lines starting with "--" are comments. The checks that run our SQL on a current
// ClickHouse release split the same way.
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
