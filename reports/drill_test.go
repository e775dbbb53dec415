package reports_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// The seed's answers to U3 in S2 2026 up to 31 October, counted by hand: konsultasi 4 (1
// July) and 2 (9 September) — its 31 December answer is after the month's end; data-informasi
// 3 and 3.
func TestAnswerCountsOfAnElementAsOfTheMonthsEnd(t *testing.T) {
	db := chtest.NewDB(t)
	seed(t, db)
	q := reports.New(db.Conn, db.Name)
	s := survey.Scope{Agency: "bppd-kalbar", Period: survey.Period{Kind: survey.Semester, Year: 2026, N: 2}, Until: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)}
	got, err := q.AnswerCounts(context.Background(), s, survey.U3)
	if err != nil {
		t.Fatal(err)
	}
	want := []reports.ServiceAnswers{{Service: "data-informasi", Counts: [4]uint64{0, 0, 2, 0}}, {Service: "konsultasi", Counts: [4]uint64{0, 1, 0, 1}}}
	if !slices.Equal(got, want) {
		t.Errorf("U3 answers: %+v, want %+v", got, want)
	}
	// U9 up to the period's end: konsultasi's blank U9 of 31 December is no answer.
	s.Until = time.Time{}
	got, err = q.AnswerCounts(context.Background(), s, survey.U9)
	if err != nil {
		t.Fatal(err)
	}
	want = []reports.ServiceAnswers{{Service: "data-informasi", Counts: [4]uint64{0, 0, 2, 0}}, {Service: "konsultasi", Counts: [4]uint64{0, 0, 0, 2}}}
	if !slices.Equal(got, want) {
		t.Errorf("U9 answers: %+v, want %+v", got, want)
	}
	if _, err := q.AnswerCounts(context.Background(), s, survey.Element(10)); err == nil {
		t.Error("element U10 was counted")
	}
}

// The register's drill-down filters list exactly the cases the month's tiles count: completed
// in the month (on time, late), one service and kind, and overdue at the month's end — which
// for a past month differs from overdue now — and the overdue split by officer adds up to
// the tile.
func TestRegisterFiltersListTheCasesATileCounts(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, wib) }
	tp := func(t time.Time) *time.Time { u := t.UTC(); return &u }
	flag := func(v bool) *bool { return &v }
	mk := func(id, service, kind, officer string, received time.Time, deadline *time.Time, completed *time.Time, onTime *bool) cases.Record {
		c := cases.Record{Agency: "bppd-kalbar", ID: id, Kind: kind, Service: service, Channel: "tatap-muka", Status: "diproses",
			ReceivedAt: received.UTC(), ReceivedDate: standard.LocalDate(received, wib), Officer: officer, UpdatedAt: received.UTC(), Version: 1}
		if deadline != nil {
			c.SLAAmount, c.SLAUnit, c.DeadlineAt = 3, "hari", tp(*deadline)
		}
		if completed != nil {
			d := standard.LocalDate(*completed, wib)
			c.Status, c.CompletedAt, c.CompletedDate, c.OnTime = "selesai", tp(*completed), &d, onTime
		}
		return c
	}
	p := func(t time.Time) *time.Time { return &t }
	rows := []cases.Record{
		// Overdue at the end of October: received in September, deadline in October, open.
		mk("A", "konsultasi", "layanan", "Yohanes", at(9, 20, 9), p(at(10, 2, 23)), nil, nil),
		// Overdue at the end of October, completed on 3 November: not overdue now.
		mk("B", "konsultasi", "pengaduan", "Yohanes", at(10, 5, 9), p(at(10, 8, 23)), p(at(11, 3, 9)), flag(false)),
		// Overdue at the end of October, no officer.
		mk("C", "data-informasi", "layanan", "", at(10, 10, 9), p(at(10, 13, 23)), nil, nil),
		// Deadline in November: not overdue at October's end, overdue now.
		mk("D", "konsultasi", "layanan", "Sari", at(10, 29, 9), p(at(11, 1, 23)), nil, nil),
		// Completed in October on time, and late.
		mk("E", "konsultasi", "layanan", "Sari", at(10, 1, 9), p(at(10, 4, 23)), p(at(10, 3, 9)), flag(true)),
		mk("F", "data-informasi", "pengaduan", "Sari", at(9, 28, 9), p(at(10, 1, 23)), p(at(10, 6, 9)), flag(false)),
		// Completed in October without a time limit.
		mk("G", "konsultasi", "layanan", "Sari", at(10, 2, 9), nil, p(at(10, 2, 15)), nil),
		// Received in November.
		mk("H", "konsultasi", "layanan", "Yohanes", at(11, 2, 9), p(at(11, 3, 23)), nil, nil),
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	first, last := oct.Bounds()
	ever := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	now := at(11, 20, 9)
	end := cases.DayEnd(last, wib)
	ids := func(f reports.CaseFilter) []string {
		t.Helper()
		f.Now, f.Limit = now, 100
		list, err := q.CaseList(ctx, "bppd-kalbar", f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range list {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return out
	}
	sum, err := q.CaseSummaryRaw(ctx, "bppd-kalbar", oct, "", wib)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    reports.CaseFilter
		want []string
		tile uint64
	}{
		{"received in October", reports.CaseFilter{First: first, Last: last}, []string{"B", "C", "D", "E", "G"}, sum.Received},
		{"completed in October", reports.CaseFilter{First: ever, Last: last, ByDone: true, DoneFirst: first, DoneLast: last}, []string{"E", "F", "G"}, sum.Completed},
		{"on time in October", reports.CaseFilter{First: ever, Last: last, ByDone: true, DoneFirst: first, DoneLast: last, OnTime: reports.OnTimeOnly}, []string{"E"}, sum.OnTime},
		{"late in October", reports.CaseFilter{First: ever, Last: last, ByDone: true, DoneFirst: first, DoneLast: last, OnTime: reports.LateOnly}, []string{"F"}, sum.WithLimit - sum.OnTime},
		{"overdue at October's end", reports.CaseFilter{First: ever, Last: last, ByEnd: true, End: end}, []string{"A", "B", "C"}, sum.OverdueAtEnd},
		{"complaints completed in October", reports.CaseFilter{First: ever, Last: last, ByDone: true, DoneFirst: first, DoneLast: last, Kind: "pengaduan"}, []string{"F"}, sum.Complaints.Completed},
	} {
		got := ids(tc.f)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if uint64(len(got)) != tc.tile {
			t.Errorf("%s: %d cases listed, the tile counts %d", tc.name, len(got), tc.tile)
		}
	}
	if got := ids(reports.CaseFilter{First: ever, Last: last, Overdue: true}); !slices.Equal(got, []string{"A", "C", "D"}) {
		t.Errorf("overdue now among cases received by October's end: %v, want A C D", got)
	}
	if got := ids(reports.CaseFilter{First: ever, Last: last, ByEnd: true, End: end, Service: "konsultasi"}); !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("overdue at October's end of konsultasi: %v, want A B", got)
	}
	if got := ids(reports.CaseFilter{First: ever, Last: last, ByEnd: true, End: end, ByOfficer: true, Officer: "Yohanes"}); !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("overdue at October's end of Yohanes: %v, want A B", got)
	}
	byOfficer, err := q.OverdueByOfficer(ctx, "bppd-kalbar", oct, "", wib)
	if err != nil {
		t.Fatal(err)
	}
	want := []reports.OfficerCount{{Officer: "Yohanes", Cases: 2}, {Officer: "", Cases: 1}}
	if !slices.Equal(byOfficer, want) {
		t.Errorf("overdue by officer: %+v, want %+v", byOfficer, want)
	}
	var total uint64
	for _, oc := range byOfficer {
		total += oc.Cases
	}
	if total != sum.OverdueAtEnd {
		t.Errorf("overdue by officer adds up to %d, the tile counts %d", total, sum.OverdueAtEnd)
	}
}
