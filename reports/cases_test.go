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

func TestCaseMonthCountsTheNewestVersionOfEachCase(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, wib) }
	u8 := func(v uint8) *uint8 { return &v }
	u32 := func(v uint32) *uint32 { return &v }
	tp := func(t time.Time) *time.Time { u := t.UTC(); return &u }
	dp := func(t time.Time) *time.Time { d := ingest.LocalDate(t, wib); return &d }
	mk := func(id, service, unit string, received time.Time, completed *time.Time, deadline time.Time, onTime *uint8, wm *uint32, version uint64) ingest.CaseRow {
		c := ingest.CaseRow{Agency: "bppd-kalbar", ID: id, Kind: "layanan", Service: service, Channel: "tatap-muka", Status: "diterima",
			ReceivedAt: received.UTC(), ReceivedDate: ingest.LocalDate(received, wib), SLAUnit: unit, OnTime: onTime, WorkingMinutes: wm,
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
	rows := []ingest.CaseRow{
		mk("A", "konsultasi", "", day(10, 1, 9), oct(2, 9), time.Time{}, nil, u32(300), 1),
		mk("B", "data-informasi", "hari", day(10, 5, 9), oct(7, 9), day(10, 8, 23), u8(1), u32(600), 1),
		mk("C", "pengaduan", "hari_kerja", day(10, 10, 9), oct(30, 9), day(10, 16, 16), u8(0), u32(3000), 1),
		mk("D", "pengaduan", "jam_kerja", day(10, 20, 9), nil, day(10, 20, 15), nil, nil, 1),
		mk("E", "narasumber", "hari", day(9, 28, 9), oct(1, 9), day(10, 1, 23), u8(1), u32(900), 1),
		mk("F", "data-informasi", "hari", day(10, 30, 9), nil, day(11, 2, 23), nil, nil, 1),
		mk("G", "konsultasi", "", day(11, 2, 9), nil, time.Time{}, nil, nil, 1),
		mk("H", "data-informasi", "hari", day(10, 15, 9), nil, day(10, 18, 23), nil, nil, 1),
		mk("H", "data-informasi", "hari", day(10, 15, 9), oct(16, 9), day(10, 18, 23), u8(1), u32(120), 2), // completed later
		mk("I", "konsultasi", "hari", day(9, 10, 9), func() *time.Time { t := day(11, 3, 9); return &t }(), day(9, 13, 23), u8(0), u32(9000), 1),
	}
	if err := ingest.WriteCases(ctx, db.Conn, db.Name, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	month, _ := survey.ParsePeriod("2026-10")
	m, err := q.CaseMonth(ctx, "bppd-kalbar", month, "", wib)
	if err != nil {
		t.Fatal(err)
	}
	want := reports.CaseMonth{Received: 6, Completed: 5, WithLimit: 4, OnTime: 3, MedianMinutes: 600, P90Minutes: 3000, OpenAtEnd: 3, OverdueAtEnd: 2}
	if m != want {
		t.Errorf("October:\n got %+v\nwant %+v", m, want)
	}
	if pct, ok := m.OnTimePercent(); !ok || pct != 75 {
		t.Errorf("on time %v%%", pct)
	}
	p, err := q.CaseMonth(ctx, "bppd-kalbar", month, "pengaduan", wib)
	if err != nil {
		t.Fatal(err)
	}
	if p.Received != 2 || p.Completed != 1 || p.WithLimit != 1 || p.OnTime != 0 || p.OpenAtEnd != 1 || p.OverdueAtEnd != 1 {
		t.Errorf("pengaduan: %+v", p)
	}
}
