package reports_test

import (
	"context"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard/standardtest"
	"skm/survey"
)

// The semester figures of the seeded Semester II 2026, counted by hand from seed's rows.
func TestSemesterFiguresByHand(t *testing.T) {
	db := chtest.NewDB(t)
	seed(t, db)
	ctx := context.Background()
	store := ingest.NewStore(db.Conn, db.Name)
	paper := resp("konsultasi", time.Date(2025, 11, 5, 9, 0, 0, 0, wib), [9]uint8{2, 2, 2, 2, 2, 2, 2, 2, 2})
	paper.Channel = survey.ChannelPaper
	if err := store.WriteResponses(ctx, []ingest.ResponseRow{paper}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2027, 1, 5, 2, 0, 0, 0, time.UTC)
	for i, txt := range []survey.ReportText{
		{Chapter: "analisis", Text: "Draf pertama."},
		{Chapter: "analisis", Text: "Waktu pelayanan menjadi prioritas."},
		{Chapter: "penutup", Text: "Akan dihapus."},
		{Chapter: "penutup", Text: ""},
		{Chapter: "analisis", Text: "Periode lain.", Period: "2026-S1"},
	} {
		txt.Agency, txt.UpdatedBy, txt.UpdatedAt = "bppd-kalbar", "staf", t0.Add(time.Duration(i)*time.Minute)
		if txt.Period == "" {
			txt.Period = "2026-S2"
		}
		if err := store.SaveReportText(ctx, &txt); err != nil {
			t.Fatal(err)
		}
	}
	a := standardtest.Agency(t, "bppd-kalbar")
	s2, _ := survey.ParsePeriod("2026-S2")
	q := reports.New(db.Conn, db.Name)
	f, err := q.Semester(ctx, a, s2, time.Date(2026, 12, 20, 9, 0, 0, 0, wib))
	if err != nil {
		t.Fatal(err)
	}
	if !f.Provisional || f.Previous.Code() != "2026-S1" || f.YearAgo.Code() != "2025-S2" {
		t.Errorf("provisional %v, previous %s, year ago %s", f.Provisional, f.Previous, f.YearAgo)
	}
	if f.Tally.Respondents != 5 || f.PreviousTally.Respondents != 1 || f.YearAgoTally.Respondents != 1 || f.YearAgoTally.Sum[0] != 2 {
		t.Errorf("respondents %d, previous %d, year ago %d (U1 sum %d)", f.Tally.Respondents, f.PreviousTally.Respondents,
			f.YearAgoTally.Respondents, f.YearAgoTally.Sum[0])
	}
	// U1: 4, 4, 4, 3, 3; U3: 4, 2, 4, 3, 3; U9: 4, blank, 4, 3, 3.
	want := map[int][4]uint64{0: {0, 0, 2, 3}, 2: {0, 1, 2, 2}, 8: {0, 0, 2, 2}}
	for i, w := range want {
		if f.Answers[i] != w {
			t.Errorf("U%d answers %v, want %v", i+1, f.Answers[i], w)
		}
	}
	if len(f.Channels) != 1 || f.Channels[0] != (reports.ChannelCount{Channel: survey.ChannelWeb, Respondents: 5}) {
		t.Errorf("channels %+v, want 5 web", f.Channels)
	}
	if got := f.FirstDay.Format(time.DateOnly) + " " + f.LastDay.Format(time.DateOnly); got != "2026-07-01 2026-12-31" {
		t.Errorf("days %s", got)
	}
	if f.Population != 3 || len(f.ByService) != 2 {
		t.Errorf("population %d, services %d", f.Population, len(f.ByService))
	}
	if len(f.Texts) != 1 || f.Text("analisis") != "Waktu pelayanan menjadi prioritas." || f.Text("penutup") != "" ||
		f.Texts[0].UpdatedBy != "staf" || !f.Texts[0].UpdatedAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("texts %+v", f.Texts)
	}
	after, err := q.Semester(ctx, a, s2, time.Date(2027, 1, 1, 0, 0, 0, 0, wib))
	if err != nil || after.Provisional {
		t.Errorf("after the period: provisional %v (%v)", after.Provisional, err)
	}
	s1, _ := q.Semester(ctx, a, f.Previous, f.Now)
	if s1.Text("analisis") != "Periode lain." {
		t.Errorf("S1 texts %+v", s1.Texts)
	}
}
