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

// The staff's texts of a report read back as the newest version of each chapter, a chapter
// emptied last left out, another period's and agency's apart — and the semester's figures,
// which read them with everything else, come back whole.
func TestReportTextsNewestPerChapter(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	store := ingest.NewStore(db.Conn, db.Name)
	a := standardtest.Agency(t, "bppd-kalbar")
	at := func(h int) time.Time { return time.Date(2026, 7, 10, h, 0, 0, 0, a.Location) }
	for _, x := range []survey.ReportText{
		{Agency: a.Code, Period: "2026-S1", Chapter: "analisis", Text: "lama", UpdatedBy: "staf", UpdatedAt: at(8)},
		{Agency: a.Code, Period: "2026-S1", Chapter: "analisis", Text: "baru", UpdatedBy: "kepala", UpdatedAt: at(9)},
		{Agency: a.Code, Period: "2026-S1", Chapter: "penutup", Text: "hapus saya", UpdatedBy: "staf", UpdatedAt: at(8)},
		{Agency: a.Code, Period: "2026-S1", Chapter: "penutup", Text: "", UpdatedBy: "staf", UpdatedAt: at(9)},
		{Agency: a.Code, Period: "2026-S2", Chapter: "hasil", Text: "periode lain", UpdatedBy: "staf", UpdatedAt: at(9)},
		{Agency: "bppd-ntt", Period: "2026-S1", Chapter: "hasil", Text: "instansi lain", UpdatedBy: "staf", UpdatedAt: at(9)},
	} {
		if err := store.SaveReportText(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	s1 := survey.Period{Kind: survey.Semester, Year: 2026, N: 1}
	texts, err := q.ReportTexts(ctx, a.Code, s1)
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 1 || texts[0].Chapter != "analisis" || texts[0].Text != "baru" || texts[0].UpdatedBy != "kepala" ||
		!texts[0].UpdatedAt.Equal(at(9)) {
		t.Errorf("texts: %+v", texts)
	}
	f, err := q.Semester(ctx, a, s1, at(10))
	if err != nil {
		t.Fatal(err)
	}
	if f.Text("analisis") != "baru" || f.Text("penutup") != "" || f.Provisional || f.Tally.Respondents != 0 {
		t.Errorf("semester figures: texts %+v, provisional %v, %d respondents", f.Texts, f.Provisional, f.Tally.Respondents)
	}
}
