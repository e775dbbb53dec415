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
}

// NewStore returns a Store on database db, which the schema runner (ingest/schema) has
// migrated.
func NewStore(conn driver.Conn, db string) *Store { return &Store{conn: conn, db: db} }

// sql returns the named statement of sql/ rendered for the Store's database.
func (s *Store) sql(name string) string { return queries.Get(name, s.db) }
