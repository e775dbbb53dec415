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

func TestFollowUpPlanEditsAndShareDone(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	s1, _ := survey.ParsePeriod("2026-S1")
	t0 := time.Date(2026, 7, 20, 3, 0, 0, 0, time.UTC)
	items := []survey.FollowUp{
		{Agency: "bppd-kalbar", Period: "2026-S1", Element: "U3", Action: "Standar waktu layanan data dipasang di loket",
			TargetQuarter: "2026-Q3", PersonInCharge: "Kasubbag Umum", Status: survey.StatusPlanned, UpdatedAt: t0, UpdatedBy: "staf1"},
		{Agency: "bppd-kalbar", Period: "2026-S1", Element: "U8", Action: "Kotak pengaduan dan nomor WhatsApp diumumkan",
			TargetQuarter: "2026-Q3", PersonInCharge: "Pejabat Pengelola Pengaduan", Status: survey.StatusOngoing, Progress: 50, UpdatedAt: t0, UpdatedBy: "staf1"},
		{Agency: "bppd-kalbar", Period: "2026-S1", Element: "U9", Action: "Kipas angin ruang tunggu",
			TargetQuarter: "2026-Q4", PersonInCharge: "Kasubbag Umum", Status: survey.StatusPlanned, UpdatedAt: t0, UpdatedBy: "staf1"},
	}
	for i := range items {
		if errs := items[i].Validate(); errs != nil {
			t.Fatalf("item %d invalid: %v", i, errs)
		}
		if err := ingest.NewStore(db.Conn, db.Name).SaveFollowUp(ctx, &items[i], false); err != nil {
			t.Fatal(err)
		}
	}
	// Later edits: the first is done, the third is removed.
	done := items[0]
	done.Status, done.Progress, done.UpdatedAt, done.UpdatedBy = survey.StatusDone, 100, t0.Add(24*time.Hour), "kepala"
	if err := ingest.NewStore(db.Conn, db.Name).SaveFollowUp(ctx, &done, false); err != nil {
		t.Fatal(err)
	}
	gone := items[2]
	gone.UpdatedAt = t0.Add(48 * time.Hour)
	if err := ingest.NewStore(db.Conn, db.Name).SaveFollowUp(ctx, &gone, true); err != nil {
		t.Fatal(err)
	}
	got, err := q.FollowUps(ctx, "bppd-kalbar", s1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Element != "U3" || got[0].Status != survey.StatusDone || got[0].Progress != 100 || got[0].UpdatedBy != "kepala" {
		t.Fatalf("plan after edits: %+v", got)
	}
	share := survey.ShareDone(got)
	if share.Done != 1 || share.Total != 2 || share.MeanProgress != 75 {
		t.Errorf("share %+v, want 1 of 2 done, mean 75 %%", share)
	}

	pub := survey.Publication{Agency: "bppd-kalbar", Period: "2026-S1", Medium: "situs web",
		Location: "https://bppd.kalbarprov.go.id/skm-2026-s1", PublishedOn: time.Date(2026, 7, 25, 0, 0, 0, 0, time.UTC), RecordedBy: "staf1"}
	if errs := pub.Validate(t0.Add(30 * 24 * time.Hour)); errs != nil {
		t.Fatal(errs)
	}
	if err := ingest.NewStore(db.Conn, db.Name).SavePublication(ctx, &pub, false); err != nil {
		t.Fatal(err)
	}
	pubs, err := q.Publications(ctx, "bppd-kalbar", s1)
	if err != nil || len(pubs) != 1 || pubs[0].Location != pub.Location || pubs[0].PublishedOn.Format(time.DateOnly) != "2026-07-25" {
		t.Errorf("publications %+v %v", pubs, err)
	}
}

func TestPopulationFallsBackToTheStaffEstimate(t *testing.T) {
	db := chtest.NewDB(t)
	seed(t, db) // konsultasi has 3 cases in 2026-S2; narasumber has none
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	s2, _ := survey.ParsePeriod("2026-S2")
	at := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	for i, est := range []uint64{120, 150} { // a correction: the newest wins
		if err := ingest.NewStore(db.Conn, db.Name).SavePopulationEstimate(ctx, "bppd-kalbar", "2026-S2", "narasumber", est, "staf1", at.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if err := ingest.NewStore(db.Conn, db.Name).SavePopulationEstimate(ctx, "bppd-kalbar", "2026-S2", "konsultasi", 999, "staf1", at); err != nil {
		t.Fatal(err)
	}
	for service, want := range map[string]uint64{"narasumber": 150, "konsultasi": 3, "fasilitasi-audiensi": 0} {
		n, err := q.Population(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2, Service: service})
		if err != nil || n != want {
			t.Errorf("%s: population %d (%v), want %d", service, n, err, want)
		}
	}
	if s := survey.SampleSize(150); s != 108 {
		t.Errorf("sample for 150 = %d, want 108", s)
	}
}
