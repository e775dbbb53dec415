package reports_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
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

func TestMain(m *testing.M) { chtest.Main(m) }

var wib = time.FixedZone("WIB", 7*3600)

func resp(service string, at time.Time, answers [9]uint8) ingest.ResponseRow {
	return ingesttest.Response("bppd-kalbar", service, at.In(wib), answers)
}

func seed(t *testing.T, db *chtest.DB) {
	t.Helper()
	all4 := [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}
	all3 := [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}
	rows := []ingest.ResponseRow{
		resp("konsultasi", time.Date(2026, 7, 1, 0, 30, 0, 0, wib), all4),                                  // first minutes of S2
		resp("konsultasi", time.Date(2026, 9, 9, 10, 0, 0, 0, wib), [9]uint8{4, 4, 2, 4, 4, 4, 4, 4, 4}),   // U3 = 2
		resp("konsultasi", time.Date(2026, 12, 31, 23, 0, 0, 0, wib), [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 0}), // paper, U9 blank
		resp("data-informasi", time.Date(2026, 8, 3, 9, 0, 0, 0, wib), all3),
		resp("data-informasi", time.Date(2026, 10, 14, 9, 0, 0, 0, wib), all3),
		resp("konsultasi", time.Date(2026, 6, 30, 23, 59, 0, 0, wib), [9]uint8{1, 1, 1, 1, 1, 1, 1, 1, 1}), // S1
	}
	other := resp("konsultasi", time.Date(2026, 9, 1, 9, 0, 0, 0, wib), [9]uint8{1, 1, 1, 1, 1, 1, 1, 1, 1})
	other.Agency = "bppd-ntt"
	rows = append(rows, other)
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	var recs []cases.Record
	for i, at := range []time.Time{time.Date(2026, 7, 2, 9, 0, 0, 0, wib), time.Date(2026, 8, 2, 9, 0, 0, 0, wib), time.Date(2026, 8, 2, 10, 0, 0, 0, wib), time.Date(2026, 3, 2, 9, 0, 0, 0, wib)} {
		recs = append(recs, cases.Record{Agency: "bppd-kalbar", ID: "REG-" + string(rune('A'+i)), Kind: "layanan", Service: "konsultasi",
			Channel: "tatap-muka", Status: "diterima", ReceivedAt: at.UTC(), ReceivedDate: standard.LocalDate(at, wib), UpdatedAt: at.UTC(), Version: 1})
	}
	// A later version of the same case is the same service user.
	again := recs[0]
	again.Status, again.Version = "selesai", 2
	recs = append(recs, again)
	if err := ingest.NewStore(db.Conn, db.Name).WriteCases(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
}

func TestIKMFromRollupEqualsRawAndHandComputation(t *testing.T) {
	db := chtest.NewDB(t)
	seed(t, db)
	q := reports.New(db.Conn, db.Name)
	ctx := context.Background()
	s2, _ := survey.ParsePeriod("2026-S2")
	for _, tc := range []struct {
		service     string
		respondents uint64
		rounded     int64
		letter      string
	}{
		// All services: NRR 3,6 ×7, U3 16/5 = 3,2, U9 14/4 = 3,5 → Σ 31,9 → ×25/9 = 88,611… → 88,61 A.
		{"", 5, 8861, "A"},
		// Konsultasi: NRR 4 ×7, U3 10/3, U9 8/2 = 4 → Σ 35,333… → 98,148… → 98,15 A.
		{"konsultasi", 3, 9815, "A"},
		{"data-informasi", 2, 7500, "C"},
	} {
		scope := survey.Scope{Agency: "bppd-kalbar", Period: s2, Service: tc.service}
		rolled, err := q.IKM(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := q.IKMRaw(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		if rolled != raw {
			t.Errorf("%q: rollup %+v differs from raw %+v", tc.service, rolled, raw)
		}
		k := survey.Compute(rolled)
		if k.Respondents != tc.respondents || k.Rounded100 != tc.rounded || k.Mutu.Letter != tc.letter {
			t.Errorf("%q: %d respondents, IKM %s %s; want %d, %s %s", tc.service, k.Respondents,
				survey.Format100(k.Rounded100), k.Mutu.Letter, tc.respondents, survey.Format100(tc.rounded), tc.letter)
		}
	}
	pop, err := q.Population(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2, Service: "konsultasi"})
	if err != nil || pop != 3 {
		t.Errorf("population %d (%v), want 3 distinct cases received in S2", pop, err)
	}
}

func TestBreakdownsSaranAndLowestElements(t *testing.T) {
	db := chtest.NewDB(t)
	seed(t, db)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	s2, _ := survey.ParsePeriod("2026-S2")
	scope := survey.Scope{Agency: "bppd-kalbar", Period: s2}

	by, err := q.IKMByService(ctx, scope)
	if err != nil || len(by) != 2 || by[0].Service != "data-informasi" || by[1].Service != "konsultasi" || by[1].Tally.Respondents != 3 {
		t.Fatalf("by service: %+v %v", by, err)
	}
	if k := survey.Compute(by[1].Tally); k.Rounded100 != 9815 {
		t.Errorf("konsultasi %s, want 98,15", survey.Format100(k.Rounded100))
	}
	months, err := q.IKMByMonth(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	var total uint64
	for _, m := range months {
		codes = append(codes, m.Month.Code())
		total += m.Tally.Respondents
	}
	if strings.Join(codes, ",") != "2026-07,2026-08,2026-09,2026-10,2026-12" || total != 5 {
		t.Errorf("months %v, %d respondents", codes, total)
	}
	// Per local day: the response at 00:30 WIB on 1 July is a July day, not 30 June.
	days, err := q.ResponsesByDay(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	var dl []string
	for _, d := range days {
		dl = append(dl, fmt.Sprintf("%s:%d", d.Day.Format("01-02"), d.Respondents))
	}
	if g := strings.Join(dl, " "); g != "07-01:1 08-03:1 09-09:1 10-14:1 12-31:1" {
		t.Errorf("responses by day: %s", g)
	}

	// Profiles and saran need values: add two respondents who gave them.
	a := resp("narasumber", time.Date(2026, 11, 2, 9, 0, 0, 0, wib), [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3})
	a.Umur, a.JenisKelamin, a.Pendidikan, a.Pekerjaan, a.Saran = 34, "P", "D4/S1", "PNS", "Antrean panjang"
	b := resp("narasumber", time.Date(2026, 11, 3, 9, 0, 0, 0, wib), [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3})
	b.Umur, b.JenisKelamin, b.Saran = 61, "P", "Ruang tunggu nyaman"
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, []ingest.ResponseRow{a, b}); err != nil {
		t.Fatal(err)
	}
	prof, err := q.Profile(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2, Service: "narasumber"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]uint64{}
	for _, p := range prof {
		got[p.Dimension+"="+p.Value] = p.Count
	}
	want := map[string]uint64{"jenis_kelamin=P": 2, "umur=30–39": 1, "umur=≥ 60": 1, "pendidikan=D4/S1": 1, "pendidikan=": 1, "pekerjaan=PNS": 1, "pekerjaan=": 1}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("profile %s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
	// The rollup equals the raw count, for the agency's whole period too.
	for _, sc := range []survey.Scope{{Agency: "bppd-kalbar", Period: s2, Service: "narasumber"}, scope} {
		raw, err := q.ProfileRaw(ctx, sc)
		rolled, err2 := q.Profile(ctx, sc)
		if err != nil || err2 != nil || !reflect.DeepEqual(raw, rolled) {
			t.Errorf("profile of %+v: rollup %v, raw %v (%v %v)", sc, rolled, raw, err, err2)
		}
	}
	sarans, err := q.Sarans(ctx, scope, 1, 0)
	if err != nil || len(sarans) != 1 || sarans[0].Text != "Ruang tunggu nyaman" {
		t.Errorf("newest saran: %+v %v", sarans, err)
	}
	next, _ := q.Sarans(ctx, scope, 10, 1)
	if len(next) != 1 || next[0].Text != "Antrean panjang" {
		t.Errorf("second page: %+v", next)
	}

	tally, _ := q.IKM(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2, Service: "konsultasi"})
	low := reports.LowestElements(survey.Compute(tally), 3)
	if len(low) != 3 || low[0].Element != survey.U3 {
		t.Errorf("lowest elements start with %v, want U3", low)
	}
}
