package reports_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

func TestCaseMonthCountsTheNewestVersionOfEachCase(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, wib) }
	flag := func(v bool) *bool { return &v }
	u32 := func(v uint32) *uint32 { return &v }
	tp := func(t time.Time) *time.Time { u := t.UTC(); return &u }
	dp := func(t time.Time) *time.Time { d := standard.LocalDate(t, wib); return &d }
	mk := func(id, service, unit string, received time.Time, completed *time.Time, deadline time.Time, onTime *bool, wm *uint32, version uint64) cases.Record {
		c := cases.Record{Agency: "bppd-kalbar", ID: id, Kind: "layanan", Service: service, Channel: "tatap-muka", Status: "diterima",
			ReceivedAt: received.UTC(), ReceivedDate: standard.LocalDate(received, wib), SLAUnit: unit, OnTime: onTime, WorkingMinutes: wm,
			UpdatedAt: received.UTC(), Version: version}
		if unit != "" {
			c.SLAAmount = 3
			c.DeadlineAt = tp(deadline)
		}
		if completed != nil {
			c.Status, c.CompletedAt, c.CompletedDate = "selesai", tp(*completed), dp(*completed)
		}
		return c
	}
	oct := func(d, h int) *time.Time { t := day(time.October, d, h); return &t }
	rows := []cases.Record{
		mk("A", "konsultasi", "", day(10, 1, 9), oct(2, 9), time.Time{}, nil, u32(300), 1),
		mk("B", "data-informasi", "hari", day(10, 5, 9), oct(7, 9), day(10, 8, 23), flag(true), u32(600), 1),
		mk("C", "pengaduan", "hari_kerja", day(10, 10, 9), oct(30, 9), day(10, 16, 16), flag(false), u32(3000), 1),
		mk("D", "pengaduan", "jam_kerja", day(10, 20, 9), nil, day(10, 20, 15), nil, nil, 1),
		mk("E", "narasumber", "hari", day(9, 28, 9), oct(1, 9), day(10, 1, 23), flag(true), u32(900), 1),
		mk("F", "data-informasi", "hari", day(10, 30, 9), nil, day(11, 2, 23), nil, nil, 1),
		mk("G", "konsultasi", "", day(11, 2, 9), nil, time.Time{}, nil, nil, 1),
		mk("H", "data-informasi", "hari", day(10, 15, 9), nil, day(10, 18, 23), nil, nil, 1),
		mk("H", "data-informasi", "hari", day(10, 15, 9), oct(16, 9), day(10, 18, 23), flag(true), u32(120), 2), // completed later
		mk("I", "konsultasi", "hari", day(9, 10, 9), func() *time.Time { t := day(11, 3, 9); return &t }(), day(9, 13, 23), flag(false), u32(9000), 1),
	}
	rows[3].Officer, rows[9].Officer, rows[5].Officer = "Siti", "Siti", "Budi" // D, I and F
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	month, _ := survey.ParsePeriod("2026-10")
	m, err := q.CaseSummary(ctx, "bppd-kalbar", month, "", wib)
	if err != nil {
		t.Fatal(err)
	}
	// Completed in October: A 300, B 600, C 3000, E 900, H 120 (newest version) → sorted
	// 120 300 600 900 3000: median 600; PERCENTILE.INC 0.9 at rank 3.6 = 900 + 0.6×2100 = 2160.
	// Open at the end: D (age 11 days), F (1), H no (completed), I (51, completed in Nov).
	// By duration (≤60, ≤240, ≤480, ≤1440, ≤2400, more): 120 | 300 | 600 900 | – | 3000.
	want := reports.CaseStats{Received: 6, Completed: 5, WithLimit: 4, OnTime: 3, MedianMinutes: 600, P90Minutes: 2160,
		OpenAtEnd: 3, OverdueAtEnd: 2, OpenByAge: []uint64{1, 1, 0, 1, 0}, ByDuration: []uint64{0, 1, 1, 2, 0, 1}}
	if !reflect.DeepEqual(m.CaseStats, want) {
		t.Errorf("October:\n got %+v\nwant %+v", m.CaseStats, want)
	}
	if pct, ok := m.OnTimePercent(); !ok || pct != 75 || m.WithoutLimit() != 1 {
		t.Errorf("on time %v%%, without limit %d", pct, m.WithoutLimit())
	}
	var svc []string
	for _, g := range m.ByService {
		svc = append(svc, fmt.Sprintf("%s:%d/%d/%d", g.Key, g.Received, g.Completed, g.OpenAtEnd))
	}
	if got := strings.Join(svc, " "); got != "data-informasi:3/2/1 konsultasi:1/1/1 narasumber:0/1/0 pengaduan:2/1/1" {
		t.Errorf("by service: %s", got)
	}
	p, err := q.CaseSummary(ctx, "bppd-kalbar", month, "pengaduan", wib)
	if err != nil {
		t.Fatal(err)
	}
	if p.Received != 2 || p.Completed != 1 || p.WithLimit != 1 || p.OnTime != 0 || p.OpenAtEnd != 1 || p.OverdueAtEnd != 1 {
		t.Errorf("pengaduan: %+v", p.CaseStats)
	}
	over, err := q.OverdueCases(ctx, "bppd-kalbar", month, "", wib, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(over) != 2 || over[0].ID != "I" || over[1].ID != "D" {
		t.Errorf("overdue list: %+v", over)
	}
	// The backlog at October's end, per officer (the ringkasan's actions due): Siti's D and I
	// overdue — I since 13 September 23.00, 48 whole days to 1 November 00.00 — Budi's F open
	// and not yet due; they add up to the open and overdue counts above. While October runs
	// (now 25 October 00.00) the days count to now: 41.
	backlogAtEnd := func(how string) {
		t.Helper()
		for _, c := range []struct {
			now  time.Time
			want string
		}{{day(time.December, 1, 0), "Siti 2/2/48, Budi 1/0/0"}, {day(time.October, 25, 0), "Siti 2/2/41, Budi 1/0/0"}} {
			backlog, err := q.BacklogAtMonthEnd(ctx, "bppd-kalbar", month, wib, c.now)
			var got []string
			for _, b := range backlog {
				got = append(got, fmt.Sprintf("%s %d/%d/%d", b.Officer, b.Open, b.Overdue, b.OldestLate))
			}
			if err != nil || strings.Join(got, ", ") != c.want {
				t.Errorf("backlog at October's end %s, now %v: %v %v, want %s", how, c.now, got, err, c.want)
			}
		}
	}
	backlogAtEnd("from the cases")
	// The same hand-computed figures from the months computed ahead (case_month), where the
	// median and p90 are computed in SQL.
	set := standardtest.Examples(t)
	if _, err := ingest.NewCaseMonths(ingest.NewStore(db.Conn, db.Name), set, nil).Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	var markers uint64
	_ = db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".case_month WHERE dim = 'marker' AND month = toDate('2026-10-01')").Scan(&markers)
	computed, err := q.CaseSummary(ctx, "bppd-kalbar", month, "", wib)
	if err != nil || markers == 0 || !reflect.DeepEqual(computed.CaseStats, want) {
		t.Errorf("October computed ahead (%d markers, %v):\n got %+v\nwant %+v", markers, err, computed.CaseStats, want)
	}
	q.ForgetCoverage()
	backlogAtEnd("computed ahead")
	// The dashboard's overdue cases per officer, of the agency and of each service: from the
	// months computed ahead as from the cases (Siti's D and I for the agency).
	kb, _ := set.Agency("bppd-kalbar")
	for _, service := range append([]string{""}, kb.ServiceCodes()...) {
		ahead, err := q.OverdueByOfficer(ctx, "bppd-kalbar", month, service, wib)
		raw, rawErr := q.OverdueByOfficerRaw(ctx, "bppd-kalbar", month, service, wib)
		if err != nil || rawErr != nil || !reflect.DeepEqual(ahead, raw) {
			t.Errorf("overdue by officer of %q: computed ahead %+v (%v), from the cases %+v (%v)", service, ahead, err, raw, rawErr)
		}
		if want := []reports.OfficerCount{{Officer: "Siti", Cases: 2}}; service == "" && !reflect.DeepEqual(ahead, want) {
			t.Errorf("overdue by officer: %+v, want %+v", ahead, want)
		}
	}
	if over, err := q.OverdueCases(ctx, "bppd-kalbar", month, "", wib, 10); err != nil || len(over) != 2 || over[0].ID != "I" || over[1].ID != "D" {
		t.Errorf("overdue list computed ahead: %+v %v", over, err)
	}
	// Completed per month and service, September to November: H counts once (its newest
	// version), A has no limit, I was completed late in November.
	sep, _ := survey.ParsePeriod("2026-09")
	nov, _ := survey.ParsePeriod("2026-11")
	byMonth, err := q.OnTimeByMonth(ctx, "bppd-kalbar", sep, nov, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range byMonth {
		got = append(got, fmt.Sprintf("%s %s %d/%d/%d", r.Month, r.Service, r.Completed, r.WithLimit, r.OnTime))
	}
	if g := strings.Join(got, ", "); g != "2026-10 data-informasi 2/2/2, 2026-10 konsultasi 1/0/0, 2026-10 narasumber 1/1/1, "+
		"2026-10 pengaduan 1/1/0, 2026-11 konsultasi 1/1/0" {
		t.Errorf("on time by month: %s", g)
	}
}

func TestPercentileIsExcels(t *testing.T) {
	for _, tc := range []struct {
		v    []uint32
		p    float64
		want float64
	}{
		{nil, 0.5, 0}, {[]uint32{7}, 0.9, 7}, {[]uint32{1, 2, 3, 4}, 0.5, 2.5}, {[]uint32{1, 2, 3, 4}, 0.9, 3.7},
		{[]uint32{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 0.9, 91}, {[]uint32{5, 5, 9}, 0.5, 5},
	} {
		if got := cases.Percentile(tc.v, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Percentile(%v, %v) = %v, want %v", tc.v, tc.p, got, tc.want)
		}
	}
}

// TestCaseSummaryEqualsADirectCountOverRandomRows counts random case versions in Go (newest
// version of each case wins) and compares every figure with the query's.
func TestCaseSummaryEqualsADirectCountOverRandomRows(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 14))
	services := []string{"konsultasi", "data-informasi", "pengaduan"}
	channels := []string{"surat", "email", "tatap-muka"}
	var rows []cases.Record
	newest := map[string]cases.Record{}
	for i := range 3000 {
		id := fmt.Sprintf("C%04d", i)
		received := time.Date(2026, 8, 1, 0, 0, 0, 0, wib).Add(time.Duration(rng.IntN(120*24*60)) * time.Minute)
		for v := range 1 + rng.IntN(3) {
			c := cases.Record{Agency: "bppd-kalbar", ID: id, Kind: "layanan", Service: services[rng.IntN(3)], Channel: channels[rng.IntN(3)],
				Status: "diterima", ReceivedAt: received.UTC(), ReceivedDate: standard.LocalDate(received, wib), Version: uint64(v + 1)}
			if c.Service == "pengaduan" {
				c.Kind, c.Class = "pengaduan", []string{"", "ringan", "normatif"}[rng.IntN(3)]
			}
			if rng.IntN(4) > 0 {
				d := received.Add(time.Duration(rng.IntN(20*24)) * time.Hour).UTC()
				c.SLAAmount, c.SLAUnit, c.DeadlineAt = 3, "hari", &d
			}
			if rng.IntN(3) > 0 {
				done := received.Add(time.Duration(rng.IntN(40*24*60)) * time.Minute).UTC()
				day := standard.LocalDate(done, wib)
				wm := uint32(rng.IntN(5000))
				c.Status, c.CompletedAt, c.CompletedDate, c.WorkingMinutes = "selesai", &done, &day, &wm
				if c.DeadlineAt != nil {
					on := !done.After(*c.DeadlineAt)
					c.OnTime = &on
				}
			}
			rows = append(rows, c)
			newest[id] = c
		}
	}
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	for _, code := range []string{"2026-09", "2026-10", "2026-11"} {
		month, _ := survey.ParsePeriod(code)
		first, last := month.Bounds()
		end := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, wib)
		inMonth := func(day time.Time) bool { return !day.Before(first) && !day.After(last) }
		var want reports.CaseStats
		var minutes []uint32
		complaints, overdue := uint64(0), 0
		for _, c := range newest {
			if inMonth(c.ReceivedDate) {
				want.Received++
				if c.Kind == "pengaduan" {
					complaints++
				}
			}
			if c.CompletedDate != nil && inMonth(*c.CompletedDate) {
				want.Completed++
				minutes = append(minutes, *c.WorkingMinutes)
				if c.SLAUnit != "" {
					want.WithLimit++
					if *c.OnTime {
						want.OnTime++
					}
				}
			}
			if c.ReceivedAt.Before(end) && (c.CompletedAt == nil || !c.CompletedAt.Before(end)) {
				want.OpenAtEnd++
				if c.DeadlineAt != nil && c.DeadlineAt.Before(end) {
					want.OverdueAtEnd++
					overdue++
				}
			}
		}
		slices.Sort(minutes)
		want.MedianMinutes, want.P90Minutes = cases.Percentile(minutes, 0.5), cases.Percentile(minutes, 0.9)
		got, err := q.CaseSummary(ctx, "bppd-kalbar", month, "", wib)
		if err != nil {
			t.Fatal(err)
		}
		g := got.CaseStats
		if g.Received != want.Received || g.Completed != want.Completed || g.WithLimit != want.WithLimit || g.OnTime != want.OnTime ||
			g.OpenAtEnd != want.OpenAtEnd || g.OverdueAtEnd != want.OverdueAtEnd || g.MedianMinutes != want.MedianMinutes || g.P90Minutes != want.P90Minutes {
			t.Errorf("%s:\n got %+v\nwant %+v", code, g, want)
		}
		if got.Complaints.Received != complaints {
			t.Errorf("%s: complaints received %d, want %d", code, got.Complaints.Received, complaints)
		}
		var sumSvc, sumAge uint64
		for _, s := range got.ByService {
			sumSvc += s.Received
		}
		for _, n := range g.OpenByAge {
			sumAge += n
		}
		if sumSvc != want.Received || sumAge != want.OpenAtEnd {
			t.Errorf("%s: services add up to %d, ages to %d", code, sumSvc, sumAge)
		}
		list, err := q.OverdueCases(ctx, "bppd-kalbar", month, "", wib, 100000)
		if err != nil || len(list) != overdue {
			t.Errorf("%s: overdue list %d, want %d (%v)", code, len(list), overdue, err)
		}
	}
	// The same figures computed ahead into case_month: equal, for every month and service.
	set := standardtest.Examples(t)
	months := ingest.NewCaseMonths(ingest.NewStore(db.Conn, db.Name), set, nil)
	if n, err := months.Refresh(ctx); err != nil || n < 4 {
		t.Fatalf("refresh: %d months, %v", n, err)
	}
	q.ForgetCoverage()
	var markers uint64
	if err := db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".case_month WHERE dim = 'marker' AND month >= toDate('2026-08-01')").Scan(&markers); err != nil || markers < 4 {
		t.Fatalf("case_month has %d computed months (%v): the comparison below would read the raw path", markers, err)
	}
	// A month a year earlier, before the first case, is a month without cases, as counted.
	compareComputed(t, q, []string{"2025-08", "2026-08", "2026-09", "2026-10", "2026-11"}, append(services, ""))
	// A case corrected into another month leaves its old month once the months are computed
	// again; a second pass without writes computes nothing.
	moved := newest["C0001"]
	moved.ReceivedAt, moved.ReceivedDate, moved.Version = moved.ReceivedAt.AddDate(0, -1, 0), moved.ReceivedDate.AddDate(0, -1, 0), 9
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, []cases.Record{moved}); err != nil {
		t.Fatal(err)
	}
	if _, err := months.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	q.ForgetCoverage()
	compareComputed(t, q, []string{"2026-07", "2026-08", "2026-09", "2026-10", "2026-11"}, append(services, ""))
	// A correction moving a case to a later month is seen by the full pass (marks cover the
	// new month on only).
	later := newest["C0002"]
	later.ReceivedAt, later.ReceivedDate, later.Version = later.ReceivedAt.AddDate(0, 1, 0), later.ReceivedDate.AddDate(0, 1, 0), 9
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, []cases.Record{later}); err != nil {
		t.Fatal(err)
	}
	if err := ingest.NewStore(db.Conn, db.Name).MarkAllCaseMonths(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := months.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	q.ForgetCoverage()
	compareComputed(t, q, []string{"2026-07", "2026-08", "2026-09", "2026-10", "2026-11"}, append(services, ""))
	jul, _ := survey.ParsePeriod("2026-07")
	nov, _ := survey.ParsePeriod("2026-11")
	// The population of the semester (cases received) from the computed months equals the
	// raw count; a span reaching before the first case still reads the computed months.
	s2, _ := survey.ParsePeriod("2026-S2")
	pop, err := q.Population(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2})
	var rawPop uint64
	_ = db.Conn.QueryRow(ctx, "SELECT uniqExact(id) FROM "+db.Name+".cases FINAL WHERE agency = 'bppd-kalbar' AND received_date BETWEEN '2026-07-01' AND '2026-12-31'").Scan(&rawPop)
	if err != nil || pop != rawPop || pop == 0 {
		t.Errorf("population %d, raw %d (%v)", pop, rawPop, err)
	}
	early, _ := survey.ParsePeriod("2025-12")
	ef, _ := early.Bounds()
	_, nl := nov.Bounds()
	if ok, err := reports.Computed(q, ctx, "bppd-kalbar", ef, nl); err != nil || !ok {
		t.Errorf("a span from before the first case is not read from the computed months: %v %v", ok, err)
	}
	if ok, _ := reports.Computed(q, ctx, "bppd-ntt", ef, nl); ok {
		t.Error("an agency with nothing computed counts as computed")
	}
	for _, svc := range append(services, "") {
		got, err := q.OnTimeByMonth(ctx, "bppd-kalbar", jul, nov, svc)
		raw, err2 := q.OnTimeByMonthRaw(ctx, "bppd-kalbar", jul, nov, svc)
		if err != nil || err2 != nil || len(got) == 0 || !reflect.DeepEqual(got, raw) {
			t.Errorf("on time by month %q: computed %v, raw %v (%v %v)", svc, got, raw, err, err2)
		}
	}
}

// compareComputed checks that CaseSummary (from case_month) equals CaseSummaryRaw.
func compareComputed(t *testing.T, q *reports.Querier, months, services []string) {
	t.Helper()
	ctx := context.Background()
	for _, code := range months {
		month, _ := survey.ParsePeriod(code)
		for _, svc := range services {
			got, err := q.CaseSummary(ctx, "bppd-kalbar", month, svc, wib)
			raw, err2 := q.CaseSummaryRaw(ctx, "bppd-kalbar", month, svc, wib)
			if err != nil || err2 != nil || !reflect.DeepEqual(got, raw) {
				t.Errorf("%s %q: computed ahead\n %+v\nraw\n %+v\n(%v %v)", code, svc, got.CaseStats, raw.CaseStats, err, err2)
			}
			for _, limit := range []int{5, 200} {
				list, err := q.OverdueCases(ctx, "bppd-kalbar", month, svc, wib, limit)
				rawList, err2 := q.OverdueCasesRaw(ctx, "bppd-kalbar", month, svc, wib, limit)
				if err != nil || err2 != nil || fmt.Sprint(list) != fmt.Sprint(rawList) {
					t.Errorf("%s %q: %d overdue computed, %d raw (%v %v)", code, svc, len(list), len(rawList), err, err2)
				}
			}
		}
	}

}

// TestCaseWithoutIDIsNotFound: Case names one case by its number; an empty number (a form
// posted without its id) finds none, never the register's newest case, so a note, a
// reclassification or a reopening cannot land on a case nobody chose.
func TestCaseWithoutIDIsNotFound(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	received := time.Date(2026, 10, 5, 9, 0, 0, 0, wib)
	done := received.Add(48 * time.Hour).UTC()
	doneDay := standard.LocalDate(done, wib)
	c := cases.Record{Agency: "bppd-kalbar", ID: "REG-2026-00001", Kind: "layanan", Service: "konsultasi", Channel: "tatap-muka",
		Status: "selesai", ReceivedAt: received.UTC(), ReceivedDate: standard.LocalDate(received, wib), CompletedAt: &done,
		CompletedDate: &doneDay, UpdatedAt: done, Version: 1}
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, []cases.Record{c}); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	if got, found, err := q.Case(ctx, "bppd-kalbar", c.ID); err != nil || !found || got.ID != c.ID {
		t.Fatalf("by its number: %+v %v %v", got, found, err)
	}
	for _, id := range []string{"", "REG-2026-00002"} {
		if got, found, err := q.Case(ctx, "bppd-kalbar", id); err != nil || found {
			t.Errorf("Case(%q) = %+v, %v, %v; want not found", id, got.ID, found, err)
		}
	}
}
