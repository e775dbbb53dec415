package pdf

import (
	"context"
	"strings"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/reports"
	"skm/standard/standardtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

// The report read through the real Querier from ClickHouse: the hand-computed example's four
// responses give its figures, and a period without responses gives a whole report too.
func TestLaporanFromClickHouse(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	a := exampleAgency(t)
	var rows []ingest.ResponseRow
	for i, ans := range exampleAnswers {
		r := ingesttest.Response(a.Code, exampleServices[i], time.Date(2026, 1, 5+30*i, 10, 0, 0, 0, a.Location), ans)
		r.Channel = []string{"web", "web", "kiosk", "paper"}[i]
		if i == 0 {
			r.Saran = "Prosesnya lama sekali, mohon dipercepat"
		}
		rows = append(rows, r)
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	p := render(t, q, a, closedAt(a), Options{}, "clickhouse")
	flat := p.flat()
	for _, s := range []string{
		"adalah 81,25 dengan mutu pelayanan B (Baik).",
		"Kuesioner diisi melalui formulir daring oleh 2 responden (50,0 %)",
		"Nilai indeks = 3,2500; IKM = 3,2500 × 25 = 81,25; mutu pelayanan B (Baik).",
		"4 05/04/2026 Penanganan Pengaduan, Saran, d… 3 3 3 4 4 3 4 3",
		"Prosesnya lama sekali, mohon dipercepat",
		"Alexander Rombonang",
	} {
		if !strings.Contains(flat, s) {
			t.Errorf("the report from ClickHouse does not say %q", s)
		}
	}

	// The same Querier, an agency without any response in the period.
	ntt := standardtest.Agency(t, "bppd-ntt")
	empty := render(t, q, ntt, closedAt(ntt), Options{}, "clickhouse-empty")
	if !strings.Contains(empty.flat(), "Belum ada responden dalam periode ini.") {
		t.Error("the report of a period without responses lacks its empty recap")
	}
}
