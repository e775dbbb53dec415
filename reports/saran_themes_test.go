package reports_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// The themes of hand-made saran stored in ClickHouse, counted by hand.
func TestSaranThemesCountHandMadeSaran(t *testing.T) {
	db := chtest.NewDB(t)
	all4 := [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}
	var rows []ingest.ResponseRow
	add := func(service string, at time.Time, saran string) {
		r := resp(service, at, all4)
		r.Saran = saran
		rows = append(rows, r)
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, wib) }
	add("konsultasi", day(7, 1), "Antriannya lama sekali")                 // waktu, antrean
	add("konsultasi", day(7, 2), "petugas judes")                          // perilaku
	add("data-informasi", day(8, 3), "Prosesnya lambat, mohon dipercepat") // waktu
	add("data-informasi", day(8, 4), "Tidak ada saran")                    // tanpa saran
	add("konsultasi", day(9, 5), "-")                                      // tanpa saran
	add("konsultasi", day(9, 6), "toilet kotor dan AC mati")               // sarana
	add("konsultasi", day(10, 7), "perbanyak kegiatan sosial")             // lainnya
	add("narasumber", day(10, 8), "Menunggu terlalu lama di ruang tunggu") // waktu, sarana
	add("konsultasi", day(10, 9), "")                                      // no saran at all: not stored
	add("konsultasi", day(6, 30), "lama")                                  // S1: another period
	other := resp("konsultasi", day(9, 1), all4)
	other.Agency, other.Saran = "bppd-ntt", "lama"
	rows = append(rows, other)
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	ctx := context.Background()
	s2, _ := survey.ParsePeriod("2026-S2")
	var a *standard.Agency
	ts := a.Themes()
	sum, err := q.SaranThemes(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2}, ts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{"waktu": 3, "antrean": 1, "perilaku": 1, "sarana": 2, "lainnya": 1, "tanpa-saran": 2, "biaya": 0}
	if sum.Total != 8 {
		t.Errorf("total %d, want 8 saran in S2", sum.Total)
	}
	for code, n := range want {
		th, ok := sum.Theme(code)
		if !ok || th.Count != n {
			t.Errorf("theme %s: %d, want %d", code, th.Count, n)
		}
	}
	waktu, _ := sum.Theme("waktu")
	if waktu.Share != 100*3.0/8 || waktu.Element != "U3" || len(waktu.Examples) != 3 || waktu.Examples[0].Text != "Menunggu terlalu lama di ruang tunggu" || waktu.Examples[2].Service != "konsultasi" {
		t.Errorf("waktu: %+v", waktu)
	}
	if top := sum.Top(2); len(top) != 2 || top[0].Code != "waktu" || top[1].Code != "sarana" {
		t.Errorf("top themes %+v", top)
	}
	// The month alone, and one service.
	oct, _ := survey.ParsePeriod("2026-10")
	sum, _ = q.SaranThemes(ctx, survey.Scope{Agency: "bppd-kalbar", Period: oct}, ts)
	if th, _ := sum.Theme("waktu"); sum.Total != 2 || th.Count != 1 {
		t.Errorf("October: total %d, waktu %d; want 2 and 1", sum.Total, th.Count)
	}
	sum, _ = q.SaranThemes(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2, Service: "data-informasi"}, ts)
	if th, _ := sum.Theme("tanpa-saran"); sum.Total != 2 || th.Count != 1 {
		t.Errorf("data-informasi: total %d, tanpa saran %d", sum.Total, th.Count)
	}

	// The list of one element's themes (U3: waktu and antrean), newest first, paged.
	page, n, err := q.SaransInThemes(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2}, ts, ts.ForElement("U3"), 2, 0)
	if err != nil || n != 3 || len(page) != 2 || page[0].Text != "Menunggu terlalu lama di ruang tunggu" || !slices.Equal(page[0].Themes, []string{"waktu", "sarana"}) {
		t.Errorf("U3 page 1: %d %+v %v", n, page, err)
	}
	page, _, _ = q.SaransInThemes(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2}, ts, ts.ForElement("U3"), 2, 2)
	if len(page) != 1 || page[0].Text != "Antriannya lama sekali" {
		t.Errorf("U3 page 2: %+v", page)
	}
}

// BenchmarkSaranThemes groups a month's saran at the evaluation data set's size (10M
// responses over two agencies and 22 months, one in ten with a saran: ~23 000 an agency-month)
// and a semester's (~136 000), each saran made unique so that no answer is remembered.
func BenchmarkSaranThemes(b *testing.B) {
	db := chtest.NewDB(b)
	ctx := context.Background()
	parts := []string{"Mohon waktu tunggu dipersingkat", "Ruang tunggu perlu kipas angin atau AC", "Petugas ramah dan membantu",
		"Informasi persyaratan sebaiknya diumumkan di media sosial", "Tolong sediakan nomor antrean", "Parkir kendaraan masih sempit",
		"Pelayanan sudah baik", "perbanyak kegiatan sosial di wilayah perbatasan"}
	all4 := [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}
	const n = 136000
	rows := make([]ingest.ResponseRow, 0, n)
	start := time.Date(2026, 7, 1, 8, 0, 0, 0, wib)
	for i := range n {
		r := resp("konsultasi", start.Add(time.Duration(i)*time.Duration(184*24*time.Hour/n)), all4)
		r.Saran = parts[i%len(parts)] + ", catatan " + strconv.Itoa(i)
		rows = append(rows, r)
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		b.Fatal(err)
	}
	var a *standard.Agency
	q := reports.New(db.Conn, db.Name)
	one := clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"max_threads": 1}))
	for _, code := range []string{"2026-10", "2026-S2"} {
		p, _ := survey.ParsePeriod(code)
		scope := survey.Scope{Agency: "bppd-kalbar", Period: p}
		// cold: a Querier that has grouped nothing (fingerprint, read, group, store).
		b.Run(code+"/cold", func(b *testing.B) {
			for b.Loop() {
				sum, err := reports.New(db.Conn, db.Name).SaranThemes(ctx, scope, a.Themes())
				if err != nil || sum.Total == 0 {
					b.Fatal(sum.Total, err)
				}
				b.ReportMetric(float64(sum.Total), "saran")
			}
		})
		// warm: the same scope again, nothing stored since (fingerprint, then the cached answer).
		b.Run(code+"/warm", func(b *testing.B) {
			if _, err := q.SaranThemes(ctx, scope, a.Themes()); err != nil {
				b.Fatal(err)
			}
			before := q.ThemeGroupings()
			for b.Loop() {
				sum, err := q.SaranThemes(ctx, scope, a.Themes())
				if err != nil || sum.Total == 0 {
					b.Fatal(sum.Total, err)
				}
			}
			if q.ThemeGroupings() != before {
				b.Fatal("a warm call grouped the saran again")
			}
		})
		// new-saran: one saran stored on the scope's last day before each call (as on a
		// dashboard of the current month): that day is grouped again, the others reused.
		b.Run(code+"/new-saran", func(b *testing.B) {
			_, last := scope.Bounds()
			i := 0
			for b.Loop() {
				b.StopTimer()
				r := resp("konsultasi", time.Date(last.Year(), last.Month(), last.Day(), 10, 0, i, 0, wib), all4)
				r.Saran = "Antrean baru " + strconv.Itoa(i)
				i++
				if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, []ingest.ResponseRow{r}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := q.SaranThemes(ctx, scope, a.Themes()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(code+"/fingerprint", func(b *testing.B) {
			for b.Loop() {
				if _, n, err := q.SaranPrint(ctx, scope); err != nil || n == 0 {
					b.Fatal(n, err)
				}
			}
		})
		// Reference from the same run: counting the scope's saran, one thread as the Querier.
		b.Run(code+"/count-reference", func(b *testing.B) {
			first, last := scope.Bounds()
			for b.Loop() {
				var n uint64
				if err := db.Conn.QueryRow(one, "SELECT count() FROM "+db.Name+".survey_saran WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)",
					scope.Agency, first.Format(time.DateOnly), last.Format(time.DateOnly)).Scan(&n); err != nil || n == 0 {
					b.Fatal(n, err)
				}
			}
		})
		b.Run(code+"/read-only", func(b *testing.B) {
			for b.Loop() {
				if _, err := q.Sarans(ctx, scope, 1_000_000, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
