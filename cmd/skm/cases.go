package main

import (
	"context"
	"errors"

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
			Status: c.Status, ReceivedAt: c.ReceivedAt, CompletedAt: c.CompletedAt, Officer: c.Officer, ExternalRef: c.ExternalRef}
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
