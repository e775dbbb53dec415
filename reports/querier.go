// Package reports is the read side: one Querier with one method per question the product
// asks, each with its SQL in a .sql file named after the method, returning typed results.
package reports

import (
	"context"
	"embed"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chsql"
	"skm/survey"
)

//go:embed sql/*.sql
var sqlFS embed.FS

var queries = chsql.MustLoad(sqlFS, "sql")

// QueryNames lists the read side's statements, for checks on other ClickHouse releases.
func QueryNames() []string { return queries.Names() }

// Query returns the named statement rendered for database db, and whether it exists.
func Query(name, db string) (string, bool) { return queries.Lookup(name, db) }

// Querier answers the product's questions from ClickHouse.
type Querier struct {
	conn driver.Conn
	db   string
}

// New returns a Querier on database db.
func New(conn driver.Conn, db string) *Querier { return &Querier{conn: conn, db: db} }

// Scope is what a question is about: an agency, a period, and optionally one service.
type Scope struct {
	Agency  string
	Period  survey.Period
	Service string // empty: every service of the agency
}

func (s Scope) args() []any {
	first, last := s.Period.Bounds()
	return []any{s.Agency, first.Format(time.DateOnly), last.Format(time.DateOnly), s.Service, s.Service}
}

// IKM returns the tally of a scope from the daily rollup; survey.Compute turns it into
// NRR, IKM and mutu.
func (q *Querier) IKM(ctx context.Context, s Scope) (survey.Tally, error) {
	return q.tally(ctx, "IKM", s)
}

// IKMRaw returns the same tally counted from the raw responses.
func (q *Querier) IKMRaw(ctx context.Context, s Scope) (survey.Tally, error) {
	return q.tally(ctx, "IKMRaw", s)
}

func (q *Querier) tally(ctx context.Context, name string, s Scope) (survey.Tally, error) {
	var t survey.Tally
	dest := []any{&t.Respondents}
	for i := range t.Sum {
		dest = append(dest, &t.Sum[i])
	}
	for i := range t.Answers {
		dest = append(dest, &t.Answers[i])
	}
	if err := q.conn.QueryRow(ctx, queries.Get(name, q.db), s.args()...).Scan(dest...); err != nil {
		return t, fmt.Errorf("reports: %s %s %s: %w", name, s.Agency, s.Period, err)
	}
	return t, nil
}

// Population returns how many cases the scope received in its period: the service users
// the SKM sample size is computed from.
func (q *Querier) Population(ctx context.Context, s Scope) (uint64, error) {
	var n uint64
	if err := q.conn.QueryRow(ctx, queries.Get("Population", q.db), s.args()...).Scan(&n); err != nil {
		return 0, fmt.Errorf("reports: population %s %s: %w", s.Agency, s.Period, err)
	}
	return n, nil
}
