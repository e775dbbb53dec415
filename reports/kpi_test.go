package reports

import (
	"strings"
	"testing"

	"skm/standard"
	"skm/survey"
)

func kpiByKey(t *testing.T, kpis []KPI, key string) KPI {
	t.Helper()
	for _, k := range kpis {
		if k.Key == key {
			return k
		}
	}
	t.Fatalf("no key figure %q", key)
	return KPI{}
}

// October 2026 against September, computed by hand: complaints 16 of 17 on time (94,1176 →
// 94,1 %) after 43 of 45 (95,5556 → 95,6 %): the change of the figures shown is -1,5 points
// (the raw difference, -1,44, would read -1,4 beside them). 15 of the 16 complaints still
// open are overdue, so the complaints' light is red although 94,1 % meets the target of 90.
func TestMonthKPIsAgreeWithTheFiguresShown(t *testing.T) {
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	f := MonthFigures{
		Run:     Running{Month: oct, PrevMonth: oct.Previous()},
		Targets: standard.Targets{IKM: 88.31, OnTimePercent: 90},
		Cases: CaseSummary{CaseStats: CaseStats{Received: 1267, Completed: 1000, WithLimit: 990, OnTime: 900, OpenAtEnd: 40, OverdueAtEnd: 4},
			Complaints: CaseStats{Received: 17, Completed: 17, WithLimit: 17, OnTime: 16, OpenAtEnd: 16, OverdueAtEnd: 15}},
		PrevCases: CaseSummary{CaseStats: CaseStats{Received: 1000, Completed: 900, WithLimit: 900, OnTime: 800, OpenAtEnd: 20, OverdueAtEnd: 1},
			Complaints: CaseStats{Received: 45, Completed: 45, WithLimit: 45, OnTime: 43}},
	}
	kpis := MonthKPIs(f)
	c := kpiByKey(t, kpis, KPIComplaintOnTime)
	if *c.Value != 94.1 || *c.Prev != 95.6 || *c.Change != -1.5 {
		t.Errorf("complaints on time %v after %v, change %v; want 94,1 after 95,6, change -1,5", *c.Value, *c.Prev, *c.Change)
	}
	if got := c.ChangeWords("September 2026"); got != "▼ -1,5 poin dibanding September 2026" {
		t.Errorf("change words %q", got)
	}
	if c.Light != Red || c.Status != "15 dari 16 pengaduan terbuka melewati tenggat" {
		t.Errorf("complaints light %q %q, want red with the overdue count", c.Light, c.Status)
	}
	want := "17 masuk Oktober 2026; 17 selesai Oktober 2026 (termasuk yang masuk sebelumnya); 16 masih terbuka di akhir Oktober 2026"
	if !strings.HasPrefix(c.Note, want) {
		t.Errorf("complaint note %q, want it to start %q", c.Note, want)
	}
	// Counts change by whole numbers; the overdue cases have a cap of none and say so (4 of
	// 40 open is amber: at most a tenth).
	r := kpiByKey(t, kpis, KPIReceived)
	if *r.Change != 267 || r.Measure.Format(*r.Change) != "267" {
		t.Errorf("received change %v", *r.Change)
	}
	o := kpiByKey(t, kpis, KPIOverdue)
	if *o.Target != 0 || o.Light != Amber || o.Status != "4 dari 40 kasus terbuka melewati tenggat" || o.Label != KPIOverdue {
		t.Errorf("overdue: target %v, %q %q %q", *o.Target, o.Light, o.Status, o.Label)
	}
	// On time 900/990 = 90,909 → 90,9 % after 800/900 = 88,889 → 88,9 %: +2,0 points, green.
	ot := kpiByKey(t, kpis, KPIOnTime)
	if *ot.Value != 90.9 || *ot.Change != 2 || ot.Light != Green || ot.ChangeWords("September 2026") != "▲ +2,0 poin dibanding September 2026" {
		t.Errorf("on time %v change %v %q %q", *ot.Value, *ot.Change, ot.Light, ot.ChangeWords("September 2026"))
	}
	// A month without completed complaints has no share, and the overdue ones still show.
	f.Cases.Complaints = CaseStats{Received: 3, OpenAtEnd: 3, OverdueAtEnd: 1}
	c = kpiByKey(t, MonthKPIs(f), KPIComplaintOnTime)
	if c.Value != nil || c.Change != nil || c.Light != Red || !strings.Contains(c.Status, "1 dari 3 pengaduan") {
		t.Errorf("no completed complaints: %v %q %q", c.Value, c.Light, c.Status)
	}
	for _, k := range kpis {
		if strings.Contains(k.Label+k.Note+k.Status, "bulan ini") {
			t.Errorf("%s says %q: a past month is named, never 'bulan ini'", k.Key, k.Label+" / "+k.Note+" / "+k.Status)
		}
	}
	// While the month runs, its end has not come: the open cases are counted as of now.
	f.Current = true
	if o := kpiByKey(t, MonthKPIs(f), KPIOverdue); o.Label != "Kasus terlambat saat ini" {
		t.Errorf("running month's label %q", o.Label)
	}
}

// TestOverdueCapSetsTheLight: with a cap the overdue tile is green up to the cap and red
// above it, says "batas" in words and shows the cap as its target; the cap's edge is equal.
func TestOverdueCapSetsTheLight(t *testing.T) {
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	f := MonthFigures{Run: Running{Month: oct, PrevMonth: oct.Previous()},
		Cases: CaseSummary{CaseStats: CaseStats{OpenAtEnd: 40, OverdueAtEnd: 4}}}
	for _, c := range []struct {
		cap    uint64
		light  Light
		status string
	}{
		{4, Green, "4 dari 40 kasus terbuka melewati tenggat · dalam batas 4"},
		{10, Green, "4 dari 40 kasus terbuka melewati tenggat · dalam batas 10"},
		{3, Red, "4 dari 40 kasus terbuka melewati tenggat · melebihi batas 3"},
		{0, Red, "4 dari 40 kasus terbuka melewati tenggat · melebihi batas 0"},
	} {
		f.Targets = standard.Targets{IKM: 88.31, OnTimePercent: 90, OverdueCap: &c.cap}
		o := kpiByKey(t, MonthKPIs(f), KPIOverdue)
		if o.Light != c.light || o.Status != c.status || *o.Target != float64(c.cap) {
			t.Errorf("cap %d: %q %q target %v; want %q %q", c.cap, o.Light, o.Status, *o.Target, c.light, c.status)
		}
	}
	// None overdue within a cap of 0 is green.
	zero := uint64(0)
	f.Targets.OverdueCap, f.Cases.OverdueAtEnd = &zero, 0
	if o := kpiByKey(t, MonthKPIs(f), KPIOverdue); o.Light != Green || o.Status != "tidak ada kasus yang terlambat · dalam batas 0" {
		t.Errorf("none overdue, cap 0: %q %q", o.Light, o.Status)
	}
}
