package ingest

import (
	"context"
	"time"

	"skm/survey"
)

// SaveReportText stores a new version of the staff's text of one chapter of a period's
// report, changed by t.UpdatedBy at t.UpdatedAt (now when zero); an empty text removes it.
// The caller has validated it.
func (s *Store) SaveReportText(ctx context.Context, t *survey.ReportText) error {
	if t.UpdatedAt.IsZero() {
		t.UpdatedAt = time.Now()
	}
	return s.insertOne(ctx, s.sql("SaveReportText"), "save report text",
		t.Agency, t.Period, t.Chapter, t.Text, t.UpdatedBy, uint64(t.UpdatedAt.UnixNano()))
}
