package ingest

import (
	"embed"

	"skm/chsql"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// queries holds the statements of sql/, named after what sends them.
var queries = chsql.MustLoad(sqlFS, "sql")

// sqlFor returns the named statement of sql/ rendered for database db.
func sqlFor(name, db string) string { return queries.Get(name, db) }

// QueryNames lists the statements in sql/, for checks that run every statement the product
// sends on another ClickHouse release.
func QueryNames() []string { return queries.Names() }

// Query returns the named statement of sql/ rendered for database db, and whether it exists.
func Query(name, db string) (string, bool) { return queries.Lookup(name, db) }

// ValidDatabaseName reports whether name is safe to use as a database name in our SQL.
func ValidDatabaseName(name string) bool { return chsql.ValidDatabaseName(name) }

// Render replaces the placeholder {db} with the database name.
func Render(stmt, db string) string { return chsql.Render(stmt, db) }

// Statements splits SQL text into statements (see chsql.Statements).
func Statements(text string) []string { return chsql.Statements(text) }
