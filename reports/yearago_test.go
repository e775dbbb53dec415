package reports_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// monthKPIs computes October 2026's key figures of bppd-kalbar (one service, or all) with
// the year-ago figures, from the queries the dashboard and the workbook send.
func monthKPIs(t *testing.T, q *reports.Querier, service string) []reports.KPI {
	t.Helper()
	ctx := context.Background()
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	s2 := survey.Period{Kind: survey.Semester, Year: 2026, N: 2}
	months, err := q.IKMMonths(ctx, "bppd-kalbar", service, reports.SurveyFrom(s2, 1), s2)
	if err != nil {
		t.Fatal(err)
	}
	var sums [3]reports.CaseSummary
	for i, m := range []survey.Period{oct, oct.Previous(), reports.YearBefore(oct)} {
		if sums[i], err = q.CaseSummary(ctx, "bppd-kalbar", m, service, wib); err != nil {
			t.Fatal(err)
		}
	}
	return reports.MonthKPIs(reports.MonthFigures{Run: reports.RunningAt(months, oct, s2, 1), Cases: sums[0], PrevCases: sums[1],
		Targets: standard.Targets{IKM: 88.31, OnTimePercent: 90}, YearAgo: reports.YearAgoFigures(months, oct, s2, sums[2])})
}

// TestYearAgoFigures: October 2026 beside October 2025, computed by hand. The survey period's
// IKM a year earlier is Semester II 2025 up to the end of October 2025 — what October 2025's
// own dashboard showed —, not the whole semester: November 2025's answers (all 1) would pull it
// from 87,50 to 66,67. A service without answers or cases a year earlier has no year-ago
// figure, with the reason, never 0.
func TestYearAgoFigures(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	at := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 10, 0, 0, 0, wib) }
	a := ingesttest.Answers
	rows := []ingest.ResponseRow{
		// Semester II 2025: July all 4, October all 3; November all 1 is after the point.
		resp("konsultasi", at(2025, 7, 10), a(4)), resp("konsultasi", at(2025, 10, 20), a(3)), resp("konsultasi", at(2025, 11, 5), a(1)),
		// Semester II 2026: July and August all 4, October twice all 2.
		resp("konsultasi", at(2026, 7, 10), a(4)), resp("konsultasi", at(2026, 8, 10), a(4)),
		resp("konsultasi", at(2026, 10, 14), a(2)), resp("konsultasi", at(2026, 10, 15), a(2)),
		// narasumber only this October.
		resp("narasumber", at(2026, 10, 16), a(4)),
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		t.Fatal(err)
	}
	// Cases of konsultasi: two received in October 2025 and never completed, three in October
	// 2026. Open at October 2026's end: all five.
	var recs []cases.Record
	for i, r := range []time.Time{at(2025, 10, 6), at(2025, 10, 7), at(2026, 10, 5), at(2026, 10, 6), at(2026, 10, 7)} {
		recs = append(recs, cases.Record{Agency: "bppd-kalbar", ID: "REG-Y" + string(rune('A'+i)), Kind: "layanan", Service: "konsultasi",
			Channel: "tatap-muka", Status: "diterima", ReceivedAt: r.UTC(), ReceivedDate: standard.LocalDate(r, wib), UpdatedAt: r.UTC(), Version: 1})
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(ctx, recs); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	oct25 := survey.Period{Kind: survey.Month, Year: 2025, N: 10}

	// konsultasi: S2 2026 up to October (4+4+2+2)/4 = 3,00 → 75,00 against S2 2025 up to
	// October (4+3)/2 = 3,50 → 87,50: -12,50. October alone 2 → 50,00 against 3 → 75,00:
	// -25,00. Respondents 4 against 2: +2. Received 3 against 2: +1; open 5 against 2: +3.
	type want struct {
		ago, change float64
	}
	kpis := monthKPIs(t, q, "konsultasi")
	for key, w := range map[string]want{
		reports.KPIPeriodIKM:   {87.5, -12.5},
		reports.KPIMonthIKM:    {75, -25},
		reports.KPIRespondents: {2, 2},
		reports.KPIReceived:    {2, 1},
		reports.KPIOpen:        {2, 3},
		reports.KPICompleted:   {0, 0},
		reports.KPIComplaints:  {0, 0},
	} {
		k := kpiOf(t, kpis, key)
		if k.YearAgo == nil || k.YearAgoChange == nil || *k.YearAgo != w.ago || *k.YearAgoChange != w.change || k.YearAgoMonth != oct25 {
			t.Errorf("%s: a year ago %s (%s) of %s, want %v (%v) of Oktober 2025; missing %q", key, val(k.YearAgo), val(k.YearAgoChange),
				k.YearAgoMonth, w.ago, w.change, k.YearAgoMissing)
		}
	}
	if got := kpiOf(t, kpis, reports.KPIPeriodIKM).YearAgoWords(); got != "▼ -12,50 dibanding periode yang sama s.d. Oktober 2025" {
		t.Errorf("period IKM: %q", got)
	}
	if got := kpiOf(t, kpis, reports.KPIReceived).YearAgoWords(); got != "▲ +1 dibanding Oktober 2025" {
		t.Errorf("received: %q", got)
	}
	// Cases a year earlier but none completed: no share and no time, each saying why.
	for key, why := range map[string]string{
		reports.KPIOnTime:          "belum ada kasus bertenggat yang selesai",
		reports.KPIMedian:          "belum ada kasus selesai",
		reports.KPIComplaintOnTime: "belum ada pengaduan bertenggat yang selesai",
		reports.KPIFollowUps:       "tidak dibandingkan",
	} {
		if k := kpiOf(t, kpis, key); k.YearAgo != nil || k.YearAgoChange != nil || k.YearAgoMissing != why || k.YearAgoWords() != "" {
			t.Errorf("%s: a year ago %s, missing %q; want none because %q", key, val(k.YearAgo), k.YearAgoMissing, why)
		}
	}

	// narasumber had neither answers nor cases a year earlier: no figure, not 0.
	for _, k := range monthKPIs(t, q, "narasumber") {
		why := "belum ada data kasus"
		switch k.Key {
		case reports.KPIPeriodIKM, reports.KPIMonthIKM, reports.KPIRespondents:
			why = "belum ada data survei"
		case reports.KPIFollowUps:
			why = "tidak dibandingkan"
		}
		if k.YearAgo != nil || k.YearAgoChange != nil || k.YearAgoMissing != why {
			t.Errorf("narasumber %s: a year ago %s, missing %q; want none because %q", k.Key, val(k.YearAgo), k.YearAgoMissing, why)
		}
	}
	// Its own October has a figure, which the missing year does not hide.
	if k := kpiOf(t, monthKPIs(t, q, "narasumber"), reports.KPIPeriodIKM); k.Value == nil || *k.Value != 100 {
		t.Errorf("narasumber's IKM %s, want 100", val(k.Value))
	}
}

func kpiOf(t *testing.T, kpis []reports.KPI, key string) reports.KPI {
	t.Helper()
	for _, k := range kpis {
		if k.Key == key {
			return k
		}
	}
	t.Fatalf("no key figure %q", key)
	return reports.KPI{}
}

// val shows a figure that may be missing.
func val(v *float64) string {
	if v == nil {
		return "none"
	}
	return fmt.Sprint(*v)
}
