package reports_test

import (
	"context"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/survey"
)

func TestRevisionCountsResponsesStoredAfterThePublication(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	s1 := survey.Period{Kind: survey.Semester, Year: 2026, N: 1}
	all4 := [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}
	onTime := resp("konsultasi", time.Date(2026, 5, 2, 10, 0, 0, 0, wib), all4)
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, []ingest.ResponseRow{onTime}); err != nil {
		t.Fatal(err)
	}
	if rev, err := q.Revision(ctx, "bppd-kalbar", s1); err != nil || rev.Responses != 0 {
		t.Fatalf("unpublished period: %+v %v", rev, err)
	}
	published := time.Date(2026, 7, 10, 9, 0, 0, 0, wib)
	if err := ingest.NewStore(db.Conn, db.Name).SavePublication(ctx, &survey.Publication{Agency: "bppd-kalbar", Period: s1.Code(),
		Medium: "situs web", Location: "https://x.go.id", PublishedOn: published, RecordedAt: published, RecordedBy: "staf"}, false); err != nil {
		t.Fatal(err)
	}
	if rev, err := q.Revision(ctx, "bppd-kalbar", s1); err != nil || rev.Responses != 0 {
		t.Fatalf("published, nothing after: %+v %v", rev, err)
	}
	// Two paper forms of May typed in in August, after a reopening.
	var late []ingest.ResponseRow
	for i := range 2 {
		r := resp("konsultasi", time.Date(2026, 5, 20+i, 10, 0, 0, 0, wib), all4)
		r.IngestedAt = time.Date(2026, 8, 12+i, 9, 0, 0, 0, wib).UTC()
		late = append(late, r)
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, late); err != nil {
		t.Fatal(err)
	}
	rev, err := q.Revision(ctx, "bppd-kalbar", s1)
	if err != nil || rev.Responses != 2 || !rev.At.Equal(late[1].IngestedAt) || !rev.PublishedAt.Equal(published) {
		t.Errorf("revision %+v %v; want 2 responses, the last at %v, published %v", rev, err, late[1].IngestedAt, published)
	}
}
