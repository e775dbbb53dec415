package reports_test

import (
	"context"
	"reflect"
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

// A scope's grouping is reused while its saran are unchanged, and a day is grouped again when
// one of its saran is added, duplicated or rewritten; a service's view of the same days reuses
// the agency's grouping; other scopes, as-of dates and rules never take another's answer.
func TestSaranThemesCachedUntilASaranChanges(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	all4 := [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}
	store := ingest.NewStore(db.Conn, db.Name)
	write := func(rs ...ingest.ResponseRow) {
		t.Helper()
		if err := store.WriteResponses(ctx, rs); err != nil {
			t.Fatal(err)
		}
	}
	day := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, wib) }
	mk := func(service string, at time.Time, saran string) ingest.ResponseRow {
		r := resp(service, at, all4)
		r.Saran = saran
		return r
	}
	first := mk("konsultasi", day(3, 9), "Antriannya lama sekali")
	write(first, mk("konsultasi", day(5, 9), "petugas judes"), mk("data-informasi", day(7, 9), "toilet kotor"),
		mk("konsultasi", day(20, 9), "Tidak ada saran"))
	q := reports.New(db.Conn, db.Name)
	var a *standard.Agency
	ts := a.Themes()
	oct, _ := survey.ParsePeriod("2026-10")
	scope := survey.Scope{Agency: "bppd-kalbar", Period: oct}
	get := func(s survey.Scope, ts *standard.SaranThemes) reports.SaranThemeSummary {
		t.Helper()
		sum, err := q.SaranThemes(ctx, s, ts)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	// grouped asserts how many reads and days a call grouped.
	grouped := func(what string, reads, days uint64, call func()) {
		t.Helper()
		r0, d0 := q.ThemeGroupings(), q.ThemeDaysGrouped()
		call()
		if r, d := q.ThemeGroupings()-r0, q.ThemeDaysGrouped()-d0; r != reads || d != days {
			t.Errorf("%s: %d reads of %d days grouped, want %d of %d", what, r, d, reads, days)
		}
	}
	var cold, warm reports.SaranThemeSummary
	grouped("cold", 1, 4, func() { cold = get(scope, ts) })
	grouped("warm", 0, 0, func() { warm = get(scope, ts) })
	if !reflect.DeepEqual(cold, warm) || warm.Total != 4 {
		t.Errorf("warm %+v, cold %+v", warm, cold)
	}
	// A caller changing its answer changes no cached one.
	warm.Themes[0].Examples = append(warm.Themes[0].Examples[:0], reports.Saran{Text: "x"})
	if again := get(scope, ts); !reflect.DeepEqual(again, cold) {
		t.Errorf("a caller's change reached the cache: %+v", again)
	}

	// A new saran on the 20th: that day alone is read again; it is the newest example.
	grouped("new saran", 1, 1, func() {
		write(mk("konsultasi", day(20, 11), "Mohon antrean dipercepat"))
		sum := get(scope, ts)
		th, _ := sum.Theme("antrean")
		if sum.Total != 5 || th.Count != 2 || th.Examples[0].Text != "Mohon antrean dipercepat" {
			t.Errorf("after a new saran: total %d, antrean %+v", sum.Total, th)
		}
	})
	// The same response sent again with another text (the raw table replaces it; the saran
	// table holds both rows, and the grouping counts what eachSaran reads).
	grouped("replaced response", 1, 1, func() {
		again := first
		again.Saran = "biaya mahal"
		write(again)
		sum := get(scope, ts)
		if th, _ := sum.Theme("biaya"); sum.Total != 6 || th.Count != 1 {
			t.Errorf("after a re-sent response: total %d, biaya %d", sum.Total, th.Count)
		}
	})
	// Writes into survey_saran other than the intake's are followed by the correction of the
	// saran's days (as the rebuild and the repair of a half-stored batch do).
	correct := func() {
		t.Helper()
		if err := ingest.NewStore(db.Conn, db.Name).CorrectSaranDays(ctx, "bppd-kalbar", day(1, 0), day(31, 0)); err != nil {
			t.Fatal(err)
		}
	}
	// A saran rewritten in place (same id, same count, another text).
	grouped("rewritten saran", 1, 1, func() {
		for _, stmt := range []string{
			"ALTER TABLE " + db.Name + ".survey_saran DELETE WHERE saran = 'petugas judes'",
			"INSERT INTO " + db.Name + ".survey_saran SELECT agency, service, local_date, submitted_at, id, 'parkir sempit' FROM " + db.Name + ".survey_responses WHERE saran = 'petugas judes'",
		} {
			if err := db.Conn.Exec(ctx, stmt); err != nil {
				t.Fatal(err)
			}
			waitMutations(t, db)
		}
		correct()
		sum := get(scope, ts)
		p, _ := sum.Theme("perilaku")
		s, _ := sum.Theme("sarana")
		if sum.Total != 6 || p.Count != 0 || s.Count != 2 {
			t.Errorf("after a rewrite: total %d, perilaku %d, sarana %d", sum.Total, p.Count, s.Count)
		}
	})
	// A saran deleted: its day has none left, and the others are reused.
	grouped("deleted saran", 0, 0, func() {
		if err := db.Conn.Exec(ctx, "ALTER TABLE "+db.Name+".survey_saran DELETE WHERE saran = 'toilet kotor'"); err != nil {
			t.Fatal(err)
		}
		waitMutations(t, db)
		correct()
		if sum := get(scope, ts); sum.Total != 5 {
			t.Errorf("after a delete: total %d, want 5", sum.Total)
		}
	})
	grouped("unchanged", 0, 0, func() { get(scope, ts) })

	// A service of the same days: its part of the agency's cached days, no read; an earlier
	// as-of shares the days too, and other rules have answers of their own.
	grouped("service", 0, 0, func() {
		if sum := get(survey.Scope{Agency: "bppd-kalbar", Period: oct, Service: "konsultasi"}, ts); sum.Total != 5 {
			t.Errorf("konsultasi: total %d", sum.Total)
		}
		if sum := get(survey.Scope{Agency: "bppd-kalbar", Period: oct, Service: "data-informasi"}, ts); sum.Total != 0 {
			t.Errorf("data-informasi: total %d, want 0", sum.Total)
		}
	})
	grouped("until", 0, 0, func() {
		if sum := get(survey.Scope{Agency: "bppd-kalbar", Period: oct, Until: day(10, 0)}, ts); sum.Total != 3 {
			t.Errorf("until the 10th: total %d, want 3", sum.Total)
		}
	})
	own := standard.DefaultSaranThemes()
	own[0].Keywords = append(own[0].Keywords, "judes")
	other := standard.CompileSaranThemes(own)
	if other.Key() == ts.Key() || standard.CompileSaranThemes(standard.DefaultSaranThemes()).Key() != ts.Key() {
		t.Fatal("rules keys: changed rules share the defaults' key, or the same rules do not")
	}
	grouped("other rules", 1, 3, func() {
		if sum := get(scope, other); sum.Total != 5 {
			t.Errorf("other rules: total %d", sum.Total)
		}
	})
	if n := q.ThemeCacheLen(); n > reports.ThemeCacheSize {
		t.Errorf("%d days kept, bound %d", n, reports.ThemeCacheSize)
	}
}

// The agency-wide view and each service's view share one read of their days, whichever comes
// first, and each equals what the saran listed newest first (Sarans) give: the services' parts
// of a day add up, and the agency's examples are the newest across services, ties (the same
// second) in the order of the listing.
func TestSaranThemesServicesShareADay(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	all4 := [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}
	at := func(d, h, m int) time.Time { return time.Date(2026, 10, d, h, m, 0, 0, wib) }
	var rows []ingest.ResponseRow
	add := func(service string, when time.Time, saran string) {
		r := resp(service, when, all4)
		r.Saran = saran
		rows = append(rows, r)
	}
	services := []string{"konsultasi", "data-informasi", "narasumber"}
	texts := []string{"Antrean lama", "mohon antrean dipercepat", "toilet kotor", "petugas judes", "Tidak ada saran", "antrean panjang, parkir sempit"}
	for i := range 36 {
		// interleaved services within a day, and every fourth pair in the same second.
		m := i
		if i%4 == 1 {
			m = i - 1
		}
		add(services[i%len(services)], at(3+i/12, 9, m), texts[i%len(texts)]+" "+strconv.Itoa(i))
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		t.Fatal(err)
	}
	var a *standard.Agency
	ts := a.Themes()
	oct, _ := survey.ParsePeriod("2026-10")
	scopes := []survey.Scope{{Agency: "bppd-kalbar", Period: oct}}
	for _, svc := range services {
		scopes = append(scopes, survey.Scope{Agency: "bppd-kalbar", Period: oct, Service: svc})
	}
	// want is a scope's summary from its saran as listed, newest first.
	q := reports.New(db.Conn, db.Name)
	want := func(s survey.Scope) reports.SaranThemeSummary {
		t.Helper()
		list, err := q.Sarans(ctx, s, 1000, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := reports.SaranThemeSummary{Total: uint64(len(list))}
		for _, code := range ts.Codes() {
			th, _ := ts.Theme(code)
			st := reports.SaranTheme{Code: th.Code, Label: th.Label, Element: th.Element}
			for _, sr := range list {
				if slices.Contains(ts.Match(sr.Text), code) {
					st.Count++
					if len(st.Examples) < reports.ThemeExamples {
						st.Examples = append(st.Examples, sr)
					}
				}
			}
			if out.Total > 0 {
				st.Share = 100 * float64(st.Count) / float64(out.Total)
			}
			out.Themes = append(out.Themes, st)
		}
		return out
	}
	check := func(q *reports.Querier, what string, reads uint64, s survey.Scope) {
		t.Helper()
		r0 := q.ThemeGroupings()
		got, err := q.SaranThemes(ctx, s, ts)
		if err != nil {
			t.Fatal(err)
		}
		if r := q.ThemeGroupings() - r0; r != reads {
			t.Errorf("%s %q: %d reads, want %d", what, s.Service, r, reads)
		}
		w := want(s)
		for _, sum := range []reports.SaranThemeSummary{got, w} { // one location to compare
			for _, th := range sum.Themes {
				for j := range th.Examples {
					th.Examples[j].At = th.Examples[j].At.UTC()
				}
			}
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s %q:\n got %+v\nwant %+v", what, s.Service, got, w)
		}
	}
	// The agency first, then its services: one read.
	check(q, "agency first", 1, scopes[0])
	for _, s := range scopes[1:] {
		check(q, "after the agency", 0, s)
	}
	// A service first (on a Querier that has read nothing): the agency's days are read once
	// for every view.
	q2 := reports.New(db.Conn, db.Name)
	check(q2, "service first", 1, scopes[2])
	for _, s := range append(scopes[:2:2], scopes[3:]...) {
		check(q2, "after a service", 0, s)
	}
}

// waitMutations waits until the test database's mutations are done (18.16 runs them in the
// background).
func waitMutations(t *testing.T, db *chtest.DB) {
	t.Helper()
	for range 200 {
		var n uint64
		if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM system.mutations WHERE database = ? AND is_done = 0", db.Name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("mutations not done")
}
