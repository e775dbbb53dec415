// Package chsql loads the product's ClickHouse statements from embedded .sql files — one
// statement per file, named after the Go function or method that names it, with its sample
// arguments in a header comment (see Sample) — and renders them for a database. It is shared by the write side (ingest) and the read side (reports), which may
// not import each other, and so it also holds the SQL fragments both sides' statements
// include (fragments/*.sql, included as {name}): a subquery or a select list written once,
// such as the newest version of each case.
package chsql

import (
	"bytes"
	"embed"
	"encoding/json"
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

// Set holds named statements, keyed by file name without ".sql", and their samples.
type Set struct {
	stmts   map[string]string
	samples map[string]Sample
}

// Sample holds a statement's sample arguments, as the Go code sends it, for the check that
// runs every statement on a current ClickHouse release (skm sql-render). It is written in the
// statement's file as comment lines, each a JSON value that may go on over the comment lines
// below it:
//
//	-- sample args: ["bppd-kalbar", "2026-07-01", null]   values for the ? placeholders, in order
//	-- sample named: {"agency": "bppd-kalbar"}           values for the @name parameters
//	-- sample row: ["bppd-kalbar", 1, ["info"]]          the row a batch INSERT appends
//
// A value is a JSON string, number, null (NULL) or array (a ClickHouse array, also for a
// GroupSet or a list of numbers); a time is written as the string the driver sends,
// "2026-10-14 03:00:00" (UTC). A statement without parameters has "-- sample args: []".
type Sample struct {
	Args  []any          // for ? placeholders, in order
	Named map[string]any // for @name parameters
	Row   []any          // for a batch INSERT (column list only): the row the code appends
}

// samplePrefix starts a sample line; the kind (args, named, row) and a colon follow.
const samplePrefix = "-- sample "

// parseSample reads the sample lines of a statement file, and whether it has any. Numbers
// are kept as json.Number, so that they render as written.
func parseSample(text string) (Sample, bool, error) {
	var s Sample
	lines := strings.Split(text, "\n")
	found := false
	for i := 0; i < len(lines); i++ {
		rest, ok := strings.CutPrefix(lines[i], samplePrefix)
		if !ok {
			continue
		}
		kind, value, ok := strings.Cut(rest, ":")
		if !ok {
			return s, false, fmt.Errorf("sample line %d: want %q", i+1, "-- sample KIND: JSON")
		}
		for !json.Valid([]byte(value)) && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "--") && !strings.HasPrefix(lines[i+1], samplePrefix) {
			i++
			value += " " + strings.TrimPrefix(lines[i], "--")
		}
		var into any
		switch kind {
		case "args":
			into = &s.Args
		case "named":
			into = &s.Named
		case "row":
			into = &s.Row
		default:
			return s, false, fmt.Errorf("sample line %d: unknown kind %q (args, named, row)", i+1, kind)
		}
		d := json.NewDecoder(bytes.NewReader([]byte(value)))
		d.UseNumber()
		if err := d.Decode(into); err != nil {
			return s, false, fmt.Errorf("sample %s: %w", kind, err)
		}
		found = true
	}
	return s, found, nil
}

// Load reads every dir/*.sql of fsys; each file must hold exactly one statement.
func Load(fsys fs.FS, dir string) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("chsql: read %s: %w", dir, err)
	}
	s := &Set{stmts: map[string]string{}, samples: map[string]Sample{}}
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
		name := strings.TrimSuffix(e.Name(), ".sql")
		s.stmts[name] = Include(list[0])
		sample, ok, err := parseSample(string(b))
		if err != nil {
			return nil, fmt.Errorf("chsql: %s/%s: %w", dir, e.Name(), err)
		}
		if ok {
			s.samples[name] = sample
		}
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

// Sample returns the named statement's sample arguments, and whether its file has any.
func (s *Set) Sample(name string) (Sample, bool) {
	sample, ok := s.samples[name]
	return sample, ok
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
