package main

import (
	"context"
	"time"

	"skm/ingest"
	"skm/reports"
	"skm/standard"
)

// auditor writes the staff app's audit lines through the spool.
type auditor struct{ a *ingest.Auditor }

func (w auditor) Audit(ctx context.Context, e reports.AuditEntry) error {
	return w.a.Audit(ctx, ingest.AuditRow(e))
}

// holidayEditor saves administrators' calendar corrections from the staff screen, then
// refreshes the calendars and recomputes the deadlines of open cases.
type holidayEditor struct{ a *app }

func (h holidayEditor) HolidayChanges(ctx context.Context) ([]standard.HolidayChange, error) {
	return ingest.HolidayChanges(ctx, h.a.db.conn, h.a.db.name)
}

func (h holidayEditor) ChangeHolidays(ctx context.Context, changes []standard.HolidayChange, by string) (int, error) {
	now := time.Now()
	if err := ingest.SaveHolidayChanges(ctx, h.a.db.conn, h.a.db.name, changes, by, now); err != nil {
		return 0, err
	}
	h.a.calendars.Invalidate()
	agency := ""
	if len(changes) > 0 {
		agency = changes[0].Agency
	}
	n, err := ingest.RecomputeOpenCases(ctx, h.a.db.conn, h.a.db.name, h.a.calendars, agency, now)
	h.a.caseMonths.Changed()
	return n, err
}

// revocations keeps the staff sessions ended by logout in ClickHouse, shared by every skm
// server of the database: written by the write side, read by the read side.
type revocations struct {
	a *app
	q *reports.Querier
}

func (r revocations) RevokeSession(ctx context.Context, id string, expires time.Time) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return ingest.RevokeSession(ctx, r.a.db.conn, r.a.db.name, id, expires, time.Now())
}

func (r revocations) RevokedSessions(ctx context.Context, now time.Time) (map[string]time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return r.q.RevokedSessions(ctx, now)
}
