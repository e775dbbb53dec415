package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/cases"
)

// CaseFilter selects cases for the register: received from First to Last (dates), and
// optionally of one status, or containing Text in the id, the external reference or the
// officer's name.
type CaseFilter struct {
	First, Last time.Time
	Status      string
	Text        string
	Limit       int
}

// CaseList returns the newest version of an agency's cases matching f, newest receipt first.
func (q *Querier) CaseList(ctx context.Context, agency string, f CaseFilter) ([]cases.Record, error) {
	return q.caseRecords(ctx, agency, "", f)
}

// Case returns the newest version of one case; found is false when there is none.
func (q *Querier) Case(ctx context.Context, agency, id string) (cases.Record, bool, error) {
	list, err := q.caseRecords(ctx, agency, id, CaseFilter{First: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		Last: time.Date(2105, 12, 31, 0, 0, 0, 0, time.UTC), Limit: 1})
	if err != nil || len(list) == 0 {
		return cases.Record{}, false, err
	}
	return list[0], true, nil
}

func (q *Querier) caseRecords(ctx context.Context, agency, id string, f CaseFilter) ([]cases.Record, error) {
	rows, err := q.conn.Query(ctx, queries.Get("caseRecords", q.db), clickhouse.Named("agency", agency),
		clickhouse.Named("first", f.First.Format(time.DateOnly)), clickhouse.Named("last", f.Last.Format(time.DateOnly)),
		clickhouse.Named("id", id), clickhouse.Named("status", f.Status), clickhouse.Named("text", f.Text), clickhouse.Named("limit", uint64(f.Limit)))
	if err != nil {
		return nil, fmt.Errorf("reports: case list %s: %w", agency, err)
	}
	defer rows.Close()
	var out []cases.Record
	for rows.Next() {
		c := cases.Record{Agency: agency}
		if err := rows.Scan(registerDest(&c)...); err != nil {
			return nil, fmt.Errorf("reports: case list %s: %w", agency, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// registerDest are the destinations of a case as caseRecords.sql and EachCase.sql return it.
func registerDest(c *cases.Record) []any {
	return []any{&c.ID, &c.Kind, &c.Service, &c.Channel, &c.Class, &c.Status, &c.ReceivedAt, &c.CompletedAt,
		&c.SLAAmount, &c.SLAUnit, &c.DeadlineAt, cases.FlagDest{To: &c.OnTime}, &c.WorkingMinutes, &c.Officer, &c.ExternalRef}
}
