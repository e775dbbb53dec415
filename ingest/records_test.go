package ingest_test

import (
	"context"
	"testing"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/survey"
)

// Issue 16, defect 4: removing a follow-up item sends only its id, and ClickHouse refused the
// empty status, so every removal failed.
func TestFollowUpItemIsRemoved(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	s2 := survey.Period{Kind: survey.Semester, Year: 2026, N: 2}
	item := &survey.FollowUp{Agency: "bppd-kalbar", Period: s2.Code(), Element: "U9", Action: "Perbaiki ruang tunggu",
		TargetQuarter: "2026-Q4", PersonInCharge: "Sekretariat", Status: survey.StatusPlanned, UpdatedBy: "staf"}
	if err := ingest.NewStore(db.Conn, db.Name).SaveFollowUp(ctx, item, false); err != nil {
		t.Fatal(err)
	}
	if err := ingest.NewStore(db.Conn, db.Name).SaveFollowUp(ctx, &survey.FollowUp{ID: item.ID, Agency: "bppd-kalbar", Period: s2.Code(), UpdatedBy: "staf"}, true); err != nil {
		t.Fatalf("remove: %v", err)
	}
	items, err := reports.New(db.Conn, db.Name).FollowUps(ctx, "bppd-kalbar", s2)
	if err != nil || len(items) != 0 {
		t.Errorf("after removal: %v %v", items, err)
	}
}
