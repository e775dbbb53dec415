// Package schema owns the ClickHouse schema: the numbered migrations (migrations/NNNN_name.sql)
// and the runner that applies them under a lock shared by every process and host. It is apart
// from ingest because it works on a database that may not exist yet, and because what needs
// only the schema (a fresh test database, the check on a current ClickHouse release) then
// does not depend on the write side.
package schema

import (
	"embed"
	"strings"

	"skm/chsql"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// queries holds the runner's statements of sql/, named after what sends them.
var queries = chsql.MustLoad(sqlFS, "sql")

// sqlFor returns the named statement of sql/ rendered for database db.
func sqlFor(name, db string) string { return queries.Get(name, db) }

// sqlFor returns the named statement of sql/ rendered for database db and the layout's
// cluster ({cluster}).
func (l Layout) sqlFor(name, db string) string {
	return strings.ReplaceAll(queries.Get(name, db), "{cluster}", l.Cluster)
}

// Queries returns the runner's statements of sql/ and their samples, for the check that runs
// every statement the product sends on another ClickHouse release.
func Queries() *chsql.Set { return queries }
