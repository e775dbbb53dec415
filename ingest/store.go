package ingest

import (
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Store writes to one ClickHouse database: the write side's counterpart of reports.Querier,
// built once from the connection and the database name. The intake types (Batcher,
// CaseIntake, CaseMonths, Calendars, PeriodGate, BurstWatch) take it instead of the pair.
type Store struct {
	conn driver.Conn
	db   string
	// render turns a statement into the database's layout (nil: as written).
	render func(string) string
	// repl is how writes wait for a cluster's replicas (nil: one server).
	repl *Replication
}

// NewStore returns a Store on database db, which the schema runner (ingest/schema) has
// migrated.
func NewStore(conn driver.Conn, db string) *Store { return &Store{conn: conn, db: db} }

// OnLayout returns a Store on the same database whose statements pass through render,
// which turns them into the statements of the database's layout on a cluster (what
// schema.Layout.StatementRenderer returns; ingest does not depend on the schema runner).
func (s *Store) OnLayout(render func(string) string) *Store {
	c := *s
	c.render = render
	return &c
}

// sql returns the named statement of sql/ rendered for the Store's database and layout.
func (s *Store) sql(name string) string {
	q := queries.Get(name, s.db)
	if s.render != nil {
		q = s.render(q)
	}
	return q
}
