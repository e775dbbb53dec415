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

// TestReportTextsNewestPerChapterEmptyRemoves saves texts of Kalbar's Semester I 2026 report
// through the store and reads them back: the newest version of each chapter wins (who and
// when with it, to the nanosecond the page compares), an empty newest text removes the
// chapter, and another agency's or period's texts neither show nor are touched.
func TestReportTextsNewestPerChapterEmptyRemoves(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	store := ingest.NewStore(db.Conn, db.Name)
	s1, _ := survey.ParsePeriod("2026-S1")
	s2 := s1.Next()
	at := func(day, minute int) time.Time { return time.Date(2026, 7, day, 3, minute, 0, 123456789, time.UTC) }

	if got, err := q.ReportTexts(ctx, "bppd-kalbar", s1); err != nil || len(got) != 0 {
		t.Fatalf("nothing saved: %+v %v", got, err)
	}
	for _, x := range []survey.ReportText{
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "analisis", Text: "Versi pertama.", UpdatedBy: "staf-kalbar", UpdatedAt: at(1, 0)},
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "analisis", Text: "Versi kedua:\n\nU3 terendah.", UpdatedBy: "kepala-kalbar", UpdatedAt: at(2, 0)},
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "penutup", Text: "Kesimpulan.", UpdatedBy: "staf-kalbar", UpdatedAt: at(1, 5)},
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "penutup", Text: "", UpdatedBy: "staf-kalbar", UpdatedAt: at(3, 0)},
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "pendahuluan", Text: "Dihapus lalu ditulis lagi.", UpdatedBy: "admin", UpdatedAt: at(4, 0)},
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "pendahuluan", Text: "", UpdatedBy: "admin", UpdatedAt: at(3, 30)}, // older
		{Agency: "bppd-ntt", Period: "2026-S1", Chapter: "analisis", Text: "Teks NTT.", UpdatedBy: "staf-ntt", UpdatedAt: at(5, 0)},
		{Agency: "bppd-kalbar", Period: "2026-S2", Chapter: "analisis", Text: "Semester berikutnya.", UpdatedBy: "staf-kalbar", UpdatedAt: at(5, 0)},
	} {
		if err := store.SaveReportText(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	got, err := q.ReportTexts(ctx, "bppd-kalbar", s1)
	if err != nil {
		t.Fatal(err)
	}
	want := []survey.ReportText{
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "analisis", Text: "Versi kedua:\n\nU3 terendah.", UpdatedBy: "kepala-kalbar", UpdatedAt: at(2, 0)},
		{Agency: "bppd-kalbar", Period: "2026-S1", Chapter: "pendahuluan", Text: "Dihapus lalu ditulis lagi.", UpdatedBy: "admin", UpdatedAt: at(4, 0)},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Agency != want[i].Agency || got[i].Period != want[i].Period || got[i].Chapter != want[i].Chapter ||
			got[i].Text != want[i].Text || got[i].UpdatedBy != want[i].UpdatedBy || !got[i].UpdatedAt.Equal(want[i].UpdatedAt) {
			t.Errorf("text %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, c := range []struct {
		agency string
		period survey.Period
		text   string
	}{{"bppd-ntt", s1, "Teks NTT."}, {"bppd-kalbar", s2, "Semester berikutnya."}} {
		got, err := q.ReportTexts(ctx, c.agency, c.period)
		if err != nil || len(got) != 1 || got[0].Chapter != "analisis" || got[0].Text != c.text {
			t.Errorf("%s %s: %+v %v", c.agency, c.period, got, err)
		}
	}
	// A save without a time is dated now.
	x := survey.ReportText{Agency: "bppd-ntt", Period: "2026-S1", Chapter: "analisis", Text: "", UpdatedBy: "staf-ntt"}
	before := time.Now()
	if err := store.SaveReportText(ctx, &x); err != nil || x.UpdatedAt.Before(before) {
		t.Fatalf("save without a time: %v, dated %v", err, x.UpdatedAt)
	}
	if got, err := q.ReportTexts(ctx, "bppd-ntt", s1); err != nil || len(got) != 0 {
		t.Errorf("NTT's analysis removed: %+v %v", got, err)
	}
}
