package dashboards

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// meanTally is 100 respondents whose answers to every element average mean100 ÷ 100.
func meanTally(mean100 uint64) survey.Tally {
	t := survey.Tally{Respondents: 100}
	for i := range t.Sum {
		t.Sum[i], t.Answers[i] = mean100, 100
	}
	return t
}

// staffRouter puts s on a router as the product does.
func staffRouter(s *Staff) http.Handler {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(CrossOriginProtection())
	s.Register(r)
	return r
}

// October 2026 of a semester scheme, with the survey and case figures given.
func octoberKPIs(upTo, upToPrev survey.Tally, cur, prev reports.CaseStats, cap *uint64) []reports.KPI {
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	s2 := survey.Period{Kind: survey.Semester, Year: 2026, N: 2}
	return reports.MonthKPIs(reports.MonthFigures{
		Run:   reports.Running{Month: oct, PrevMonth: oct.Previous(), Period: s2, PrevPeriod: s2, UpTo: upTo, UpToPrev: upToPrev},
		Cases: reports.CaseSummary{CaseStats: cur}, PrevCases: reports.CaseSummary{CaseStats: prev},
		Targets: standard.Targets{IKM: 88.31, OnTimePercent: 90, OverdueCap: cap}})
}

// The headline says the month in one sentence, for each edge: written out here by hand from
// the figures (85,00 = every answer 3.4 × 25; 25 of 28 on time = 89,3 %).
func TestRingkasanHeadlineWording(t *testing.T) {
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	s2 := survey.Period{Kind: survey.Semester, Year: 2026, N: 2}
	ikm85, ikm875, ikm90 := meanTally(340), meanTally(350), meanTally(360)
	cases := reports.CaseStats{Received: 40, Completed: 30, WithLimit: 28, OnTime: 25, OpenAtEnd: 10, OverdueAtEnd: 2}
	allOnTime := reports.CaseStats{Received: 40, Completed: 30, WithLimit: 20, OnTime: 20, OpenAtEnd: 10}
	five, one := uint64(5), uint64(1)
	for _, c := range []struct {
		name string
		kpis []reports.KPI
		want string
	}{
		{"IKM falling, below both targets, no cap", octoberKPIs(ikm85, ikm875, cases, cases, nil),
			"Oktober 2026: IKM 85,00 (mutu B, Baik), turun 2,50 poin, di bawah target 88,31; 89,3 % kasus selesai tepat waktu, di bawah target 90 %; 2 kasus terlambat perlu ditindaklanjuti."},
		{"IKM rising above its target, everything on time, none overdue", octoberKPIs(ikm90, ikm875, allOnTime, cases, nil),
			"Oktober 2026: IKM 90,00 (mutu A, Sangat Baik), naik 2,50 poin, di atas target 88,31; 100,0 % kasus selesai tepat waktu, di atas target 90 %; tidak ada kasus terlambat."},
		{"IKM unchanged; overdue within the cap", octoberKPIs(ikm85, ikm85, cases, cases, &five),
			"Oktober 2026: IKM 85,00 (mutu B, Baik), tetap dibanding bulan lalu, di bawah target 88,31; 89,3 % kasus selesai tepat waktu, di bawah target 90 %; 2 kasus terlambat, dalam batas 5, perlu ditindaklanjuti."},
		{"overdue above the cap; no IKM last month", octoberKPIs(ikm85, survey.Tally{}, cases, cases, &one),
			"Oktober 2026: IKM 85,00 (mutu B, Baik), di bawah target 88,31; 89,3 % kasus selesai tepat waktu, di bawah target 90 %; 2 kasus terlambat, melebihi batas 1, perlu ditindaklanjuti."},
		{"no responses yet", octoberKPIs(survey.Tally{}, survey.Tally{}, cases, cases, nil),
			"Oktober 2026: belum ada jawaban survei pada Semester II 2026; 89,3 % kasus selesai tepat waktu, di bawah target 90 %; 2 kasus terlambat perlu ditindaklanjuti."},
		{"no cases", octoberKPIs(ikm85, ikm875, reports.CaseStats{}, reports.CaseStats{}, nil),
			"Oktober 2026: IKM 85,00 (mutu B, Baik), turun 2,50 poin, di bawah target 88,31; belum ada kasus layanan atau pengaduan tercatat."},
		{"nothing at all", octoberKPIs(survey.Tally{}, survey.Tally{}, reports.CaseStats{}, reports.CaseStats{}, nil),
			"Oktober 2026: belum ada jawaban survei pada Semester II 2026; belum ada kasus layanan atau pengaduan tercatat."},
		{"open cases but none completed with a deadline", octoberKPIs(ikm85, ikm85, reports.CaseStats{Received: 3, OpenAtEnd: 3}, reports.CaseStats{}, nil),
			"Oktober 2026: IKM 85,00 (mutu B, Baik), tetap dibanding bulan lalu, di bawah target 88,31; belum ada kasus bertenggat yang selesai; tidak ada kasus terlambat."},
		{"no on-time target", func() []reports.KPI {
			return reports.MonthKPIs(reports.MonthFigures{
				Run:   reports.Running{Month: oct, PrevMonth: oct.Previous(), Period: s2, PrevPeriod: s2, UpTo: ikm85, UpToPrev: ikm85},
				Cases: reports.CaseSummary{CaseStats: cases}, Targets: standard.Targets{IKM: 88.31}})
		}(), "Oktober 2026: IKM 85,00 (mutu B, Baik), tetap dibanding bulan lalu, di bawah target 88,31; 89,3 % kasus selesai tepat waktu; 2 kasus terlambat perlu ditindaklanjuti."},
	} {
		if got := headline(oct, s2, c.kpis); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// The best movements are the improvements, the worst the declines, each ranked by the change
// relative to last month in the good direction; volumes and the period's respondents are no
// movement.
func TestRingkasanMovements(t *testing.T) {
	ikm85, ikm875 := meanTally(340), meanTally(350)
	// IKM 87,50 → 85,00: −2,50 ÷ 87,50 = −2,9 %. On time 50,0 → 80,0 %: +30 ÷ 50 = +60 %.
	// Overdue 10 → 2: +80 %. Open 10 → 30: −200 %. Median 10 → 5 hours: +50 %.
	// P90 20 → 30 hours: −50 %. Received 100 → 10: a volume, not ranked.
	prev := reports.CaseStats{Received: 100, Completed: 10, WithLimit: 10, OnTime: 5, OpenAtEnd: 10, OverdueAtEnd: 10,
		MedianMinutes: 600, P90Minutes: 1200}
	cur := reports.CaseStats{Received: 10, Completed: 10, WithLimit: 10, OnTime: 8, OpenAtEnd: 30, OverdueAtEnd: 2,
		MedianMinutes: 300, P90Minutes: 1800}
	best, worst := movements(octoberKPIs(ikm85, ikm875, cur, prev, nil), survey.Period{Kind: survey.Month, Year: 2026, N: 9})
	labels := func(ms []movement) string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Label+" "+m.Value+" | "+m.Prev+" | "+m.Target+" | "+m.Delta)
		}
		return strings.Join(out, "\n")
	}
	wantBest := strings.Join([]string{
		reports.KPIOverdue + " 2 kasus | 10 | 0 | ▼ -8",
		reports.KPIOnTime + " 80,0 % | 50,0 | 90 % | ▲ +30,0 poin",
		reports.KPIMedian + " 5,0 jam kerja | 10,0 | tanpa target | ▼ -5,0 jam",
	}, "\n")
	wantWorst := strings.Join([]string{
		reports.KPIOpen + " 30 kasus | 10 | tanpa target | ▲ +20",
		reports.KPIP90 + " 30,0 jam kerja | 20,0 | tanpa target | ▲ +10,0 jam",
		reports.KPIPeriodIKM + " 85,00 mutu B (Baik) | 87,50 | 88,31 | ▼ -2,50",
	}, "\n")
	if got := labels(best); got != wantBest {
		t.Errorf("best movements:\n%s\nwant\n%s", got, wantBest)
	}
	if got := labels(worst); got != wantWorst {
		t.Errorf("worst movements:\n%s\nwant\n%s", got, wantWorst)
	}
}

// decisionsAsOf is the fixture's decision log, noting the date it was read as of.
type decisionsAsOf struct {
	*fakeMeetings
	asOf time.Time
}

func (f *decisionsAsOf) OpenDecisions(ctx context.Context, agency string, asOf time.Time) ([]survey.Decision, error) {
	f.asOf = asOf
	return f.fakeMeetings.OpenDecisions(ctx, agency, asOf)
}

// The page: the as-of date once, the headline, the actions due with links, the share text
// with the link back; the meeting notes not yet kept are said so; a bad month is a 400.
func TestRingkasanPage(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodGet, "/dashboard/bppd-kalbar/ringkasan?month=2026-10", head, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("ringkasan: %d %s", w.Code, w.Body)
	}
	body := w.Body.String()
	if strings.Contains(body, "<script>alert") {
		t.Error("a hostile name runs as script on the ringkasan")
	}
	if n := strings.Count(body, "Data s.d. "); n != 2 { // once on the page, once in the share text
		t.Errorf("the as-of date is said %d times, want once on the page and once in the share text", n)
	}
	for _, want := range []string{
		"<strong>Data s.d. 31 Oktober 2026</strong>",
		// The fake's figures: IKM 84,99 in every month, 25 of 28 on time, 2 of 10 open overdue.
		`<p class="headline" id="headline">Oktober 2026: IKM `,
		"89,3 % kasus selesai tepat waktu, di bawah target 90 %; 2 kasus terlambat perlu ditindaklanjuti.</p>",
		"Semua keputusan rapat sebelumnya sudah selesai.",
		// The fake's themes: 3 of the month's 4 saran speak of waktu, none of the others.
		`<strong>Saran terbanyak Oktober 2026:</strong> <a href="/saran/bppd-kalbar?period=2026-10&amp;tema=waktu">Waktu penyelesaian</a> 3 <span class="muted">(dari 4 saran;`,
		`href="/cases/bppd-kalbar?month=2026-10&amp;petugas=` + "%3C%2Fscript%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E" + `&amp;terlambat=akhir">2</a>`,
		"12 hari",
		// U9 has a follow-up item; U3 and U8, also among the three lowest, have none.
		"<strong>U3 ", "<strong>U8 ",
		"Selengkapnya: http://example.com/dashboard/bppd-kalbar/ringkasan?month=2026-10</textarea>",
		`<a href="/dashboard/bppd-kalbar?month=2026-10">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the ringkasan lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<strong>U9 ") {
		t.Error("U9 has a follow-up item yet is listed without one")
	}
	share := html.UnescapeString(regexp.MustCompile(`(?s)<textarea id="share-text" readonly rows="8">(.*?)</textarea>`).FindStringSubmatch(body)[1])
	if lines := strings.Count(share, "\n") + 1; lines > 8 || !strings.Contains(share, "2 kasus terlambat") {
		t.Errorf("share text (%d lines):\n%s", lines, share)
	}
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar/ringkasan?month=2026-13", head, nil); w.Code != http.StatusBadRequest ||
		!strings.Contains(w.Body.String(), "Bulan tidak dikenal") {
		t.Errorf("a bad month: %d", w.Code)
	}
	// A failing survey source: the headline says it cannot be loaded, the rest still shows.
	f.data.fail["IKMMonths"] = true
	w = f.do(http.MethodGet, "/dashboard/bppd-kalbar/ringkasan?month=2026-10", head, nil)
	if b := w.Body.String(); w.Code != http.StatusOK || !strings.Contains(b, "Angka bulan ini tidak dapat dimuat") || strings.Contains(b, `id="headline"`) ||
		!strings.Contains(b, "12 hari") {
		t.Errorf("a failing survey source: %d\n%s", w.Code, b)
	}
}

// With a decision log, its open decisions of the month's as-of date are listed, the late one
// marked.
func TestRingkasanDecisions(t *testing.T) {
	f := newStaffFixture(t)
	sept := time.Date(2026, 10, 2, 3, 0, 0, 0, time.UTC)
	dec := &decisionsAsOf{fakeMeetings: &fakeMeetings{decisions: []survey.Decision{
		{ID: "d1", Agency: "bppd-kalbar", Month: "2026-09", What: "Tambah loket " + hostile, Responsible: "Kabid Pelayanan",
			Due: time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC), Status: survey.DecisionOpen, RecordedAt: sept},
		{ID: "d2", Agency: "bppd-kalbar", Month: "2026-09", What: "Perbarui papan informasi",
			Due: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Status: survey.DecisionOpen, RecordedAt: sept},
		{ID: "d3", Agency: "bppd-kalbar", Month: "2026-09", What: "Sudah dikerjakan", Status: survey.StatusDone, RecordedAt: sept},
		{ID: "d4", Agency: "bppd-ntt", Month: "2026-09", What: "Keputusan instansi lain", Status: survey.DecisionOpen, RecordedAt: sept},
	}}}
	key := make([]byte, 64)
	staff, err := NewStaff(StaffOptions{Set: f.set, Accounts: f.accounts, Auditor: f.audit, Data: f.data, SessionKey: key,
		Register: fakeRegister{}, Meetings: dec, Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	f.h = staffRouter(staff)
	w := f.do(http.MethodGet, "/dashboard/bppd-kalbar/ringkasan?month=2026-10", f.login(t, "staf-kalbar"), nil)
	body := w.Body.String()
	if w.Code != http.StatusOK || strings.Contains(body, "Catatan rapat belum tersedia") {
		t.Fatalf("%d\n%s", w.Code, body)
	}
	// As the decision log reads October: up to the month's end in Pontianak (WIB).
	if want := time.Date(2026, 10, 31, 17, 0, 0, 0, time.UTC); !dec.asOf.Equal(want) {
		t.Errorf("decisions read as of %v, want %v (the month's end)", dec.asOf, want)
	}
	for _, want := range []string{"Tambah loket &lt;/script&gt;", "Kabid Pelayanan, tenggat 15 Oktober 2026 <span class=\"badge terlambat\">lewat tenggat</span> · Terbuka · rapat September 2026",
		"Perbarui papan informasi <small class=\"muted\">— tenggat 1 Desember 2026 · Terbuka", "2 keputusan rapat belum selesai"} {
		if !strings.Contains(body, want) {
			t.Errorf("lacks %q:\n%s", want, body)
		}
	}
	for _, not := range []string{"Sudah dikerjakan", "Keputusan instansi lain"} {
		if strings.Contains(body, not) {
			t.Errorf("lists %q, which is done or another agency's", not)
		}
	}
}
