package reports_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard/standardtest"
	"skm/survey"
)

// TestMeetingDecisionsCarriedOverUntilClosedAsOfEachMonth records October's meeting with two
// decisions, corrects one, closes one in November and another agency's decision: October
// reads both as they stood at its end (the correction made in October, both open), November
// carries the one still open then, a decision closed in November is open as of October's
// end but not as of November's, and a decision recorded late for October counts in October.
func TestMeetingDecisionsCarriedOverUntilClosedAsOfEachMonth(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	store := ingest.NewStore(db.Conn, db.Name)
	set := standardtest.Examples(t)
	kalbar, _ := set.Agency("bppd-kalbar")
	loc := kalbar.Location
	oct, _ := survey.ParsePeriod("2026-10")
	nov, dec := oct.Next(), oct.Next().Next()
	at := func(month time.Month, day, hour int) time.Time {
		return time.Date(2026, month, day, hour, 0, 0, 0, loc)
	}
	date := func(month time.Month, day int) time.Time { return time.Date(2026, month, day, 0, 0, 0, 0, time.UTC) }

	if m, err := q.Meeting(ctx, kalbar, oct); err != nil || m.Recorded() || len(m.Decisions) != 0 {
		t.Fatalf("nothing recorded: %+v %v", m, err)
	}
	for i, names := range [][]string{{"Kepala BPPD"}, {"Kepala BPPD", "Sekretaris", "Kasubbag Umum"}} {
		m := survey.Meeting{Agency: kalbar.Code, Month: "2026-10", HeldOn: date(10, 28), Attendees: names, Note: "rapat",
			ChangedBy: "staf-kalbar", ChangedAt: at(10, 28, 10+i)}
		if err := store.SaveMeeting(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	loket := survey.Decision{Agency: kalbar.Code, Month: "2026-10", What: "Tambah petugas loket", Responsible: "Kasubbag Umum",
		Due: date(11, 15), Status: survey.DecisionOpen, Service: "pengaduan", ChangedBy: "staf-kalbar", ChangedAt: at(10, 28, 12)}
	papan := survey.Decision{Agency: kalbar.Code, Month: "2026-10", What: "Pasang papan standar", Responsible: "Sekretaris",
		Due: date(11, 30), Status: survey.DecisionOpen, CaseID: "REG-7", ChangedBy: "staf-kalbar", ChangedAt: at(10, 28, 12)}
	other := survey.Decision{Agency: "bppd-ntt", Month: "2026-10", What: "NTT", Responsible: "Kepala", Due: date(11, 1),
		Status: survey.DecisionOpen, ChangedBy: "staf-ntt", ChangedAt: at(10, 20, 12)}
	for _, d := range []*survey.Decision{&loket, &papan, &other} {
		if err := store.SaveDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Corrected in October; closed as done in November by the head.
	loket.What, loket.ChangedBy, loket.ChangedAt = "Tambah dua petugas loket", "admin", at(10, 30, 9)
	if err := store.SaveDecision(ctx, &loket); err != nil {
		t.Fatal(err)
	}
	closed := loket
	closed.Status, closed.Note, closed.ChangedBy, closed.ChangedAt = survey.StatusDone, "dua petugas sudah bertugas", "kepala-kalbar", at(11, 10, 9)
	if err := store.SaveDecision(ctx, &closed); err != nil {
		t.Fatal(err)
	}
	// Recorded for October after October ended (the meeting was held on 3 November).
	late := survey.Decision{Agency: kalbar.Code, Month: "2026-10", What: "Survei ulang loket", Responsible: "Tim SKM",
		Due: date(12, 1), Status: survey.DecisionOpen, ChangedBy: "staf-kalbar", ChangedAt: at(11, 3, 9)}
	if err := store.SaveDecision(ctx, &late); err != nil {
		t.Fatal(err)
	}

	m, err := q.Meeting(ctx, kalbar, oct)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Recorded() || !m.HeldOn.Equal(date(10, 28)) || !slices.Equal(m.Attendees, []string{"Kepala BPPD", "Sekretaris", "Kasubbag Umum"}) ||
		m.ChangedBy != "staf-kalbar" || !m.ChangedAt.Equal(at(10, 28, 11)) {
		t.Errorf("October's meeting: %+v; want the newest record", m)
	}
	if got := ids(m.Decisions); !slices.Equal(got, []string{loket.ID, papan.ID, late.ID}) {
		t.Fatalf("October's decisions %v, want loket, papan, late in due order", got)
	}
	d := m.Decisions[0]
	if d.Status != survey.DecisionOpen || d.What != "Tambah dua petugas loket" || d.Note != "" || d.RecordedBy != "staf-kalbar" ||
		!d.RecordedAt.Equal(at(10, 28, 12)) || d.ChangedBy != "admin" || d.Service != "pengaduan" || !d.Due.Equal(date(11, 15)) {
		t.Errorf("October's view of the decision closed in November: %+v; want it open as corrected in October", d)
	}
	if m.Decisions[1].CaseID != "REG-7" {
		t.Errorf("the case link: %+v", m.Decisions[1])
	}

	// As of each month's end: what is carried over.
	for _, c := range []struct {
		month survey.Period
		want  []string
	}{
		{oct, []string{loket.ID, papan.ID}}, // the late one was recorded after October ended
		{nov, []string{papan.ID, late.ID}},  // loket closed on 10 November
		{dec, []string{papan.ID, late.ID}},
	} {
		open, err := q.OpenDecisions(ctx, kalbar.Code, reports.MonthEnd(c.month, loc))
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(open); !slices.Equal(got, c.want) {
			t.Errorf("open at the end of %s: %v, want %v", c.month.Code(), got, c.want)
		}
	}
	// Just before and at the closing instant.
	if open, _ := q.OpenDecisions(ctx, kalbar.Code, closed.ChangedAt); !slices.Contains(ids(open), loket.ID) {
		t.Errorf("open at the closing instant: %v; it closes after", ids(open))
	}
	if open, _ := q.OpenDecisions(ctx, kalbar.Code, closed.ChangedAt.Add(time.Nanosecond)); slices.Contains(ids(open), loket.ID) {
		t.Errorf("still open after it was closed: %v", ids(open))
	}
	// November's own meeting has none; October read in December still shows loket open.
	if m, err := q.Meeting(ctx, kalbar, nov); err != nil || m.Recorded() || len(m.Decisions) != 0 {
		t.Errorf("November's meeting: %+v %v", m, err)
	}
	// A decision closed within its own month is closed in that month's view.
	papanDone := papan
	papanDone.Status, papanDone.Note, papanDone.ChangedBy, papanDone.ChangedAt = survey.StatusCancelled, "tidak perlu", "kepala-kalbar", at(10, 31, 23)
	if err := store.SaveDecision(ctx, &papanDone); err != nil {
		t.Fatal(err)
	}
	m, _ = q.Meeting(ctx, kalbar, oct)
	if len(m.Decisions) != 3 || m.Decisions[1].Status != survey.StatusCancelled || m.Decisions[1].Note != "tidak perlu" || m.Decisions[1].ChangedBy != "kepala-kalbar" {
		t.Errorf("October after a close within October: %+v", m.Decisions)
	}
	if open, _ := q.OpenDecisions(ctx, kalbar.Code, reports.MonthEnd(dec, loc)); !slices.Equal(ids(open), []string{late.ID}) {
		t.Errorf("open at December's end: %v, want the late one only", ids(open))
	}
	if open, _ := q.OpenDecisions(ctx, "bppd-ntt", reports.MonthEnd(dec, loc)); !slices.Equal(ids(open), []string{other.ID}) {
		t.Errorf("NTT: %v", ids(open))
	}
}

func ids(ds []survey.Decision) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}
