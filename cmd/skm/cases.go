package main

import (
	"context"
	"errors"
	"time"

	"skm/dashboards"
	"skm/ingest"
	"skm/reports"
	"skm/standard"
)

// caseRecorder fills the staff API's CaseRecorder with the write side's case intake.
type caseRecorder struct{ intake *ingest.CaseIntake }

func (r caseRecorder) RecordCases(ctx context.Context, cases []dashboards.CaseInput) ([]dashboards.CaseResult, error) {
	in := make([]ingest.Case, len(cases))
	for i, c := range cases {
		in[i] = ingest.Case{ID: c.ID, Agency: c.Agency, Kind: c.Kind, Service: c.Service, Channel: c.Channel, Class: c.Class,
			Status: c.Status, ReceivedAt: c.ReceivedAt, CompletedAt: c.CompletedAt, Officer: c.Officer, ExternalRef: c.ExternalRef,
			NewNumber: c.NewNumber}
	}
	out, err := r.intake.Record(ctx, in)
	var ce *ingest.CaseError
	if errors.As(err, &ce) {
		return nil, &dashboards.CaseRefused{Index: ce.Index, ID: ce.ID, Fields: ce.Fields}
	}
	if err != nil {
		return nil, err
	}
	res := make([]dashboards.CaseResult, len(out))
	for i, row := range out {
		res[i] = dashboards.CaseResult{ID: row.ID, Status: row.Status, Deadline: row.DeadlineAt}
		if row.SLAUnit != "" {
			res[i].Limit = standard.TimeLimit{Amount: int(row.SLAAmount), Unit: standard.Unit(row.SLAUnit)}
		}
		if row.OnTime != nil {
			on := *row.OnTime == 1
			res[i].OnTime = &on
		}
	}
	return res, nil
}

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
