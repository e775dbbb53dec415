package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/standard/standardtest"
	"skm/survey"
)

func TestPeriodGateClosesPublishedAndLatePeriodsUntilReopened(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	a := standardtest.Agency(t, "bppd-kalbar")
	now := time.Date(2027, 1, 10, 10, 0, 0, 0, a.Location)
	gate := ingest.NewPeriodGate(ingest.NewStore(db.Conn, db.Name), func() time.Time { return now })
	s1, s2, s1next := survey.Period{Kind: survey.Semester, Year: 2026, N: 1}, survey.Period{Kind: survey.Semester, Year: 2026, N: 2},
		survey.Period{Kind: survey.Semester, Year: 2027, N: 1}
	check := func(p survey.Period, wantOpen bool, reason string) {
		t.Helper()
		gate.Forget(a.Code)
		st, err := gate.Status(ctx, a, p)
		if err != nil {
			t.Fatal(err)
		}
		cerr := gate.Check(ctx, a, p)
		if st.Open != wantOpen || (cerr == nil) != wantOpen || !strings.Contains(st.Reason, reason) {
			t.Errorf("%s: open %v (%q), check %v; want open %v with %q", p, st.Open, st.Reason, cerr, wantOpen, reason)
		}
	}
	check(s1next, true, "berjalan")
	// S1 2026 ended on 30 June; its 30 days for late paper forms ended on 30 July.
	check(s1, false, "batas pemasukan kuesioner kertas 30 Juli 2026 sudah lewat")
	// S2 2026 ended on 31 December: paper forms are taken until 30 January, unless published.
	check(s2, true, "sampai 30 Januari 2027")
	pub := &survey.Publication{Agency: a.Code, Period: s2.Code(), Medium: "situs web", Location: "https://x.go.id",
		PublishedOn: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), RecordedBy: "staf"}
	if err := ingest.NewStore(db.Conn, db.Name).SavePublication(ctx, pub, false); err != nil {
		t.Fatal(err)
	}
	check(s2, false, "hasil dipublikasikan 5 Januari 2027")
	// The head reopens it for two days, then closes it again early.
	r := &ingest.PeriodReopening{Agency: a.Code, Period: s2.Code(), Reason: "kuesioner kertas loket Sanggau terlambat", ReopenedBy: "kepala-kalbar",
		ReopenedAt: now, Until: now.Add(48 * time.Hour)}
	if err := ingest.NewStore(db.Conn, db.Name).SavePeriodReopening(ctx, r); err != nil {
		t.Fatal(err)
	}
	check(s2, true, "dibuka kembali sampai 12 Januari 2027 oleh kepala-kalbar")
	// The intake takes an earlier-dated response for it now, and refuses one for S1.
	rig := newRig(t, db, t.TempDir())
	in := rig.intake.WithGate(gate)
	late := response(uuid.NewString())
	late.SubmittedAt = time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)
	if _, err := in.Record(ctx, late); err != nil {
		t.Errorf("a late paper form for the reopened period: %v", err)
	}
	older := response(uuid.NewString())
	older.SubmittedAt = time.Date(2026, 5, 20, 3, 0, 0, 0, time.UTC)
	var closed *survey.ClosedPeriodError
	if _, err := in.Record(ctx, response(uuid.NewString()), older); !errors.As(err, &closed) || closed.Index != 1 || closed.Period != "2026-S1" {
		t.Errorf("a batch with a response for the closed S1: %v, want ClosedPeriodError at index 1", err)
	}
	if d := rig.spool.Depth(); d != 1 {
		t.Errorf("spool depth %d, want 1 (the refused batch left nothing)", d)
	}
	closeAt := now // the same second as the reopening: the one saved last must win
	now = closeAt.Add(time.Second)
	if err := ingest.NewStore(db.Conn, db.Name).SavePeriodReopening(ctx, &ingest.PeriodReopening{Agency: a.Code, Period: s2.Code(),
		Reason: "selesai", ReopenedBy: "kepala-kalbar", ReopenedAt: closeAt, Until: closeAt}); err != nil {
		t.Fatal(err)
	}
	check(s2, false, "hasil dipublikasikan")
}

// The edge of the time for late paper forms: the last day of the grace still takes a
// response, the next midnight (agency time) no longer does.
func TestPeriodGateClosesAtTheGracesMidnight(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	a := standardtest.Agency(t, "bppd-kalbar")
	s2 := survey.Period{Kind: survey.Semester, Year: 2026, N: 2}
	var now time.Time
	gate := ingest.NewPeriodGate(ingest.NewStore(db.Conn, db.Name), func() time.Time { return now })
	for _, c := range []struct {
		at   time.Time
		open bool
	}{
		{time.Date(2026, 12, 31, 23, 59, 59, 0, a.Location), true}, // running
		{time.Date(2027, 1, 1, 0, 0, 0, 0, a.Location), true},      // ended; 30 days of grace
		{time.Date(2027, 1, 30, 23, 59, 59, 0, a.Location), true},  // the grace's last second
		{time.Date(2027, 1, 31, 0, 0, 0, 0, a.Location), false},    // closed
	} {
		now = c.at
		err := gate.Check(ctx, a, s2)
		if (err == nil) != c.open {
			t.Errorf("at %s: %v, want open %v", c.at, err, c.open)
		}
	}
}
