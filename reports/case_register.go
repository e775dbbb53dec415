package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/cases"
	"skm/survey"
)

// CaseFilter selects cases for the register: received from First to Last (dates), and
// optionally of one status (or Open: not yet Selesai), of one officer (ByOfficer; Officer ""
// is no officer), overdue at Now (Overdue: open with a deadline before Now), or containing
// Text in the id, the external reference or the officer's name.
//
// The dashboard's drill-down narrows further, so that the register lists the cases a tile
// counts: one Service and Kind, completed from DoneFirst to DoneLast (ByDone: the month's
// completed cases), on time or late among those with a time limit (OnTime), and overdue at
// the instant End (ByEnd: received before it, not completed by it, its deadline passed by
// it — the month's overdue tile).
type CaseFilter struct {
	First, Last time.Time
	Status      string
	Open        bool
	ByOfficer   bool
	Officer     string
	Overdue     bool
	Now         time.Time
	Text        string
	Limit       int

	Service             string
	Kind                string
	ByDone              bool
	DoneFirst, DoneLast time.Time
	OnTime              OnTimeChoice
	ByEnd               bool
	End                 time.Time
}

// OnTimeChoice selects cases by their on-time flag: any, on time, or late (each among the
// cases with a time limit, as the on-time tile counts them).
type OnTimeChoice int8

// The on-time choices of CaseFilter.
const (
	AnyTime OnTimeChoice = iota
	OnTimeOnly
	LateOnly
)

// sqlValue is the choice as caseRecords.sql takes it: -1 any, 1 on time, 0 late.
func (c OnTimeChoice) sqlValue() int8 {
	switch c {
	case OnTimeOnly:
		return 1
	case LateOnly:
		return 0
	}
	return -1
}

// OfficerBacklog is one officer's open cases: how many, how many overdue, and the whole days
// since the oldest deadline passed (0 when none is overdue).
type OfficerBacklog struct {
	Officer    string // "" for cases without an officer
	Open       uint64
	Overdue    uint64
	OldestLate uint32
}

// CaseBacklog returns, per officer, the open and overdue cases at now among an agency's cases
// received from first to last (dates): the same cases the register lists with Open, or with
// Overdue, and that officer. Most overdue first.
func (q *Querier) CaseBacklog(ctx context.Context, agency string, first, last, now time.Time) ([]OfficerBacklog, error) {
	rows, err := q.conn.Query(ctx, queries.Get("CaseBacklog", q.db), clickhouse.Named("agency", agency),
		clickhouse.Named("first", first.Format(time.DateOnly)), clickhouse.Named("last", last.Format(time.DateOnly)),
		clickhouse.Named("now", now.UTC().Format(time.DateTime)))
	if err != nil {
		return nil, fmt.Errorf("reports: case backlog %s: %w", agency, err)
	}
	defer rows.Close()
	var out []OfficerBacklog
	for rows.Next() {
		var b OfficerBacklog
		if err := rows.Scan(&b.Officer, &b.Open, &b.Overdue, &b.OldestLate); err != nil {
			return nil, fmt.Errorf("reports: case backlog %s: %w", agency, err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// CaseNote is a note on a case, or the reason it was reopened (Reopen).
type CaseNote struct {
	At       time.Time
	Username string
	Reopen   bool
	Text     string
}

// CaseHistory returns every stored version of one case, oldest first (each with who recorded
// it), and its notes, oldest first.
func (q *Querier) CaseHistory(ctx context.Context, agency, id string) ([]cases.Record, []CaseNote, error) {
	rows, err := q.conn.Query(ctx, queries.Get("CaseHistory.Versions", q.db), agency, id)
	if err != nil {
		return nil, nil, fmt.Errorf("reports: case history %s: %w", id, err)
	}
	defer rows.Close()
	var versions []cases.Record
	for rows.Next() {
		r := cases.Record{Agency: agency, ID: id}
		if err := rows.Scan(&r.Kind, &r.Service, &r.Channel, &r.Class, &r.Status, &r.ReceivedAt, &r.CompletedAt,
			&r.SLAAmount, &r.SLAUnit, &r.DeadlineAt, cases.FlagDest{To: &r.OnTime}, &r.WorkingMinutes, &r.Officer,
			&r.ExternalRef, &r.UpdatedAt, &r.Version, &r.RecordedBy); err != nil {
			return nil, nil, fmt.Errorf("reports: case history %s: %w", id, err)
		}
		versions = append(versions, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("reports: case history %s: %w", id, err)
	}
	nrows, err := q.conn.Query(ctx, queries.Get("CaseHistory.Notes", q.db), agency, id)
	if err != nil {
		return nil, nil, fmt.Errorf("reports: case notes %s: %w", id, err)
	}
	defer nrows.Close()
	var notes []CaseNote
	for nrows.Next() {
		var n CaseNote
		var ns uint64
		var kind string
		if err := nrows.Scan(&ns, &n.Username, &kind, &n.Text); err != nil {
			return nil, nil, fmt.Errorf("reports: case notes %s: %w", id, err)
		}
		n.At, n.Reopen = time.Unix(0, int64(ns)).UTC(), kind == "dibuka_kembali"
		notes = append(notes, n)
	}
	if err := nrows.Err(); err != nil {
		return nil, nil, fmt.Errorf("reports: case notes %s: %w", id, err)
	}
	return versions, notes, nil
}

// CaseList returns the newest version of an agency's cases matching f, newest receipt first.
func (q *Querier) CaseList(ctx context.Context, agency string, f CaseFilter) ([]cases.Record, error) {
	return q.caseRecords(ctx, agency, "", f)
}

// Case returns the newest version of one case; found is false when there is none or id is
// empty.
func (q *Querier) Case(ctx context.Context, agency, id string) (cases.Record, bool, error) {
	if id == "" {
		// caseRecords reads "" as every case: no number names no case.
		return cases.Record{}, false, nil
	}
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
		clickhouse.Named("id", id), clickhouse.Named("status", f.Status), clickhouse.Named("text", f.Text), clickhouse.Named("limit", uint64(f.Limit)),
		clickhouse.Named("open", flag(f.Open)), clickhouse.Named("by_officer", flag(f.ByOfficer)), clickhouse.Named("officer", f.Officer),
		clickhouse.Named("overdue", flag(f.Overdue)), clickhouse.Named("now", f.Now.UTC().Format(time.DateTime)),
		clickhouse.Named("service", f.Service), clickhouse.Named("kind", f.Kind), clickhouse.Named("by_done", flag(f.ByDone)),
		clickhouse.Named("done_first", dateOr(f.DoneFirst)), clickhouse.Named("done_last", dateOr(f.DoneLast)),
		clickhouse.Named("on_time", f.OnTime.sqlValue()), clickhouse.Named("by_end", flag(f.ByEnd)),
		clickhouse.Named("end", f.End.UTC().Format(time.DateTime)))
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

// dateOr is t as a date for a statement, 1970-01-01 when unset (a date the statement can
// read even when its filter is off).
func dateOr(t time.Time) string {
	if t.IsZero() {
		return "1970-01-01"
	}
	return t.Format(time.DateOnly)
}

// flag is a filter switch as the statements take it: 1 or 0.
func flag(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// BacklogAtMonthEnd returns, per officer, an agency's cases open at the month's end and those
// of them overdue then — the overdue tile's cases, so the overdue counts add up to it — with
// the whole days since the oldest deadline passed (counted to now while the month runs). Most
// overdue first. From the month's computed figures when they exist, else from the cases
// (BacklogAtMonthEndRaw).
func (q *Querier) BacklogAtMonthEnd(ctx context.Context, agency string, month survey.Period, loc *time.Location, now time.Time) ([]OfficerBacklog, error) {
	first, last := month.Bounds()
	ok, err := q.computed(ctx, agency, first, last)
	if err != nil {
		return nil, fmt.Errorf("reports: backlog at the end of %s %s: %w", month, agency, err)
	}
	if !ok {
		return q.BacklogAtMonthEndRaw(ctx, agency, month, loc, now)
	}
	return q.backlogAtMonthEnd(ctx, "BacklogAtMonthEnd", agency, month, loc, now)
}

// BacklogAtMonthEndRaw is BacklogAtMonthEnd counted from the newest version of each case.
func (q *Querier) BacklogAtMonthEndRaw(ctx context.Context, agency string, month survey.Period, loc *time.Location, now time.Time) ([]OfficerBacklog, error) {
	return q.backlogAtMonthEnd(ctx, "BacklogAtMonthEndRaw", agency, month, loc, now)
}

// backlogAtMonthEnd runs the named statement, which both variants answer with the same columns.
func (q *Querier) backlogAtMonthEnd(ctx context.Context, name, agency string, month survey.Period, loc *time.Location, now time.Time) ([]OfficerBacklog, error) {
	_, last := month.Bounds()
	args := append(spanArgs(agency, month, last, loc), clickhouse.Named("now", now.UTC().Format(time.DateTime)))
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), args...)
	if err != nil {
		return nil, fmt.Errorf("reports: backlog at the end of %s %s: %w", month, agency, err)
	}
	defer rows.Close()
	var out []OfficerBacklog
	for rows.Next() {
		var b OfficerBacklog
		if err := rows.Scan(&b.Officer, &b.Open, &b.Overdue, &b.OldestLate); err != nil {
			return nil, fmt.Errorf("reports: backlog at the end of %s %s: %w", month, agency, err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
