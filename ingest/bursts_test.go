package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/survey"
)

func TestBurstWatchFlagsASharpMoveOfTheIKMOnce(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	set := examples(t)
	a, _ := set.Agency("bppd-kalbar")
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, a.Location)
	rows := func(n int, answer uint8, ingested time.Time) []ingest.ResponseRow {
		var out []ingest.ResponseRow
		for i := range n {
			at := time.Date(2026, 10, 1+i%28, 10, 0, 0, 0, a.Location)
			r := ingesttest.Response(a.Code, "konsultasi", at, ingesttest.Answers(answer))
			r.Channel, r.IngestedAt = "paper", ingested.UTC()
			out = append(out, r)
		}
		return out
	}
	write := func(r []ingest.ResponseRow) {
		if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var audited []ingest.AuditRow
	w := ingest.NewBurstWatch(ingest.NewStore(db.Conn, db.Name), set, func(_ context.Context, r ingest.AuditRow) error {
		audited = append(audited, r)
		return nil
	}, nil, func() time.Time { return now })

	write(rows(60, 4, now.Add(-2*time.Hour))) // the period so far: IKM 100
	write(rows(5, 1, now.Add(-time.Minute)))  // a trickle: too few to be a burst
	if found, err := w.Check(ctx); err != nil || len(found) != 0 {
		t.Fatalf("a trickle flagged: %v %v", found, err)
	}
	write(rows(60, 1, now.Add(-3*time.Minute))) // a burst of the worst answers
	found, err := w.Check(ctx)
	if err != nil || len(found) != 1 || found[0].Period != "2026-S2" || found[0].Before != 10000 || found[0].After >= 7000 {
		t.Fatalf("burst: %+v %v", found, err)
	}
	if len(audited) != 1 || audited[0].Action != survey.BurstAction || !strings.Contains(audited[0].Detail, "IKM Semester II 2026 berubah dari 100,00 ke") {
		t.Errorf("audit: %+v", audited)
	}
	if found, _ := w.Check(ctx); len(found) != 0 {
		t.Errorf("the same burst flagged twice: %+v", found)
	}
}
