package ingest

import (
	"embed"

	"skm/chsql"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// queries holds the statements of sql/, named after what sends them.
var queries = chsql.MustLoad(sqlFS, "sql")

// Queries returns the statements of sql/ and their samples, for the check that runs every
// statement the product sends on another ClickHouse release.
func Queries() *chsql.Set { return queries }
