package reports_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Issue 16, defect 1: every figure of a month's dashboard and workbook is as of that month's
// end. Responses and cases after the month's end must move none of them; the trend's point
// of the running period is the period up to the month's end, like the tile.
func TestFiguresOfAMonthDoNotMoveWithLaterData(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	seed(t, db)
	q := reports.New(db.Conn, db.Name)
	s2 := survey.Period{Kind: survey.Semester, Year: 2026, N: 2}
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	_, octEnd := oct.Bounds()
	scope := survey.Scope{Agency: "bppd-kalbar", Period: s2, Until: octEnd}
	figures := func() string {
		t.Helper()
		months, err := q.IKMMonths(ctx, "bppd-kalbar", "", reports.TrendStart(s2, 6), s2)
		if err != nil {
			t.Fatal(err)
		}
		r := reports.RunningAt(months, oct, s2, 6)
		if last := r.Trend[len(r.Trend)-1]; last.Tally != r.UpTo {
			t.Errorf("the trend's %s is %+v, the tile's %+v", last.Period, last.Tally, r.UpTo)
		}
		byService, err := q.IKMByService(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		pop, err := q.Population(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		profile, err := q.Profile(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("up to %+v; month %+v; trend %+v; services %+v; population %d; profile %+v",
			r.UpTo, r.ThisMonth, r.Trend, byService, pop, profile)
	}
	before := figures()
	// November and December: responses of every service and new cases.
	var later []ingest.ResponseRow
	for _, d := range []int{1, 15, 30} {
		later = append(later, resp("konsultasi", time.Date(2026, 11, d, 10, 0, 0, 0, wib), [9]uint8{1, 2, 1, 2, 1, 2, 1, 2, 1}),
			resp("data-informasi", time.Date(2026, 12, d, 10, 0, 0, 0, wib), [9]uint8{2, 2, 2, 2, 2, 2, 2, 2, 2}))
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, later); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, wib)
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, []cases.Record{{Agency: "bppd-kalbar", ID: "REG-NOV", Kind: "layanan", Service: "konsultasi",
		Channel: "tatap-muka", Status: "diterima", ReceivedAt: at.UTC(), ReceivedDate: standard.LocalDate(at, wib), UpdatedAt: at.UTC(), Version: 1}}); err != nil {
		t.Fatal(err)
	}
	if after := figures(); after != before {
		t.Errorf("October's figures moved with later data:\nbefore %s\nafter  %s", before, after)
	}
}
