package ingest

import (
	"embed"

	"skm/chsql"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// queries holds the statements of sql/, named after what sends them.
var queries = chsql.MustLoad(sqlFS, "sql")

// QueryNames lists the statements in sql/, for checks that run every statement the product
// sends on another ClickHouse release.
func QueryNames() []string { return queries.Names() }

// Query returns the named statement of sql/ rendered for database db, and whether it exists.
func Query(name, db string) (string, bool) { return queries.Lookup(name, db) }
