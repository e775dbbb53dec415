package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/standard"
	"skm/survey"
)

// fakePeriods closes every ended period (as published) unless reopened.
type fakePeriods struct {
	mu       sync.Mutex
	reopened map[string]time.Time
	reasons  []string
	now      func() time.Time
	// published are the publication dates of periods, by code.
	published map[string]time.Time
}

func (f *fakePeriods) PeriodStatus(_ context.Context, a *standard.Agency, p survey.Period) (survey.PeriodStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
	if f.now != nil {
		now = f.now()
	}
	st := survey.PeriodStatus{Period: p, ReopenedUntil: f.reopened[p.Code()], ReopenedBy: "kepala-kalbar", PublishedOn: f.published[p.Code()]}
	if n := len(f.reasons); n > 0 {
		st.ReopenReason = f.reasons[n-1]
	}
	switch {
	case survey.PeriodOf(now.In(a.Location), a.SurveyPeriods) == p:
		st.Open, st.Reason = true, "berjalan"
	case now.Before(st.ReopenedUntil):
		st.Open, st.Reason = true, "dibuka kembali"
	default:
		st.Reason = "hasil dipublikasikan"
	}
	return st, nil
}

func (f *fakePeriods) ReopenPeriod(_ context.Context, _ *standard.Agency, p survey.Period, reason, _ string, until time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.reopened == nil {
		f.reopened = map[string]time.Time{}
	}
	f.reopened[p.Code()] = until
	f.reasons = append(f.reasons, reason)
	return nil
}

func TestHeadReopensAClosedPeriodWithAReasonAndClosesItAgain(t *testing.T) {
	f := newStaffFixture(t)
	f.periods.now = func() time.Time { return f.now }
	head, staff := f.login(t, "kepala-kalbar"), f.login(t, "staf-kalbar")
	body := f.do(http.MethodGet, "/periode/bppd-kalbar", staff, nil).Body.String()
	if !strings.Contains(body, "Semester I 2026") || !strings.Contains(body, "hasil dipublikasikan") || strings.Contains(body, `id="form"`) {
		t.Errorf("staff's view of the periods: no list or a reopen form:\n%s", body)
	}
	if w := f.do(http.MethodPost, "/periode/bppd-kalbar", staff, url.Values{"period": {"2026-S1"}, "alasan": {"kuesioner kertas terlambat"}, "hari": {"3"}}); w.Code != http.StatusForbidden {
		t.Errorf("staff reopening: %d, want 403", w.Code)
	}
	for _, bad := range []url.Values{
		{"period": {"2026-S1"}, "alasan": {"telat"}, "hari": {"3"}},
		{"period": {"2026-S1"}, "alasan": {"kuesioner kertas terlambat"}, "hari": {"90"}},
		{"period": {"2026-S2"}, "alasan": {"kuesioner kertas terlambat"}, "hari": {"3"}}, // running: open already
	} {
		if w := f.do(http.MethodPost, "/periode/bppd-kalbar", head, bad); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("reopen %v: %d, want 422", bad, w.Code)
		}
	}
	w := f.do(http.MethodPost, "/periode/bppd-kalbar", head, url.Values{"period": {"2026-S1"}, "alasan": {"kuesioner kertas loket Sanggau terlambat"}, "hari": {"3"}})
	if w.Code != http.StatusSeeOther || f.periods.reopened["2026-S1"].Sub(f.now) != 72*time.Hour {
		t.Fatalf("head reopening: %d, reopened until %v", w.Code, f.periods.reopened["2026-S1"])
	}
	if body := f.do(http.MethodGet, "/periode/bppd-kalbar", head, nil).Body.String(); !strings.Contains(body, "Loket Sanggau") && !strings.Contains(body, "loket Sanggau") {
		t.Errorf("the reason is not shown:\n%s", body)
	}
	if w := f.do(http.MethodPost, "/periode/bppd-kalbar", head, url.Values{"period": {"2026-S1"}, "tutup": {"1"}}); w.Code != http.StatusSeeOther ||
		!f.periods.reopened["2026-S1"].Equal(f.now) {
		t.Errorf("closing again: %d, until %v", w.Code, f.periods.reopened["2026-S1"])
	}
	got := strings.Join(f.audit.actions(), " ")
	if !strings.Contains(got, "period.reopen") || !strings.Contains(got, "period.close") {
		t.Errorf("audit: %s", got)
	}
}

func TestDashboardWarnsOfRevisedFiguresAndSharpMoves(t *testing.T) {
	f := newStaffFixture(t)
	body := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", f.login(t, "kepala-kalbar"), nil).Body.String()
	for _, want := range []string{
		"IKM Semester I 2026 direvisi 12 Agustus 2026: 35 respons masuk setelah hasil dipublikasikan 10 Juli 2026.",
		"Perhatian (22 November 2026 10.00): IKM Semester II 2026 berubah dari 86,10 ke 71,02 dalam 10 menit oleh 240 respons",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
}

func TestPagesSayTheirAsOfDate(t *testing.T) {
	f := newStaffFixture(t) // now: 23 November 2026
	c := f.login(t, "kepala-kalbar")
	for target, want := range map[string]string{
		"/dashboard/bppd-kalbar?month=2026-10": "Data s.d. 31 Oktober 2026",
		"/dashboard/bppd-kalbar":               "Data s.d. 23 November 2026",
		"/rtl/bppd-kalbar?period=2026-S1":      "Data s.d. 23 November 2026",
		// Opened from October's dashboard, the plan's lowest elements are October's too.
		"/rtl/bppd-kalbar?period=2026-S2&month=2026-10": "Data s.d. 31 Oktober 2026",
		"/dashboard/bppd-kalbar?month=2026-09":          `href="/rtl/bppd-kalbar?period=2026-S2&amp;month=2026-09"`,
	} {
		if body := f.do(http.MethodGet, target, c, nil).Body.String(); !strings.Contains(body, want) {
			t.Errorf("%s does not say %q", target, want)
		}
	}
}

func TestFollowUpPlanRefusesAMonthOutsideItsPeriod(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "kepala-kalbar")
	for _, target := range []string{"/rtl/bppd-kalbar?period=2026-S2&month=2026-06", "/rtl/bppd-kalbar?period=2026-S2&month=2026-S2",
		"/rtl/bppd-kalbar?period=2026-S2&month=oktober"} {
		if w := f.do(http.MethodGet, target, c, nil); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "tidak termasuk periode Semester II 2026") {
			t.Errorf("%s: %d", target, w.Code)
		}
	}
}

func TestErrorPagesAreInIndonesian(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "kepala-kalbar")
	for target, want := range map[string]string{
		"/dashboard/bppd-ntt":                  "Tidak diizinkan",
		"/dashboard/bppd-kalbar?month=2026-13": "Permintaan tidak valid",
	} {
		body := f.do(http.MethodGet, target, c, nil).Body.String()
		if !strings.Contains(body, "<title>"+want) {
			t.Errorf("%s: title is not %q", target, want)
		}
		for _, english := range []string{"Forbidden", "Bad Request", "Not Found", "Waktu server"} {
			if strings.Contains(body, english) {
				t.Errorf("%s shows %q", target, english)
			}
		}
	}
}

func TestDashboardLinksTheLastFinalReport(t *testing.T) {
	f := newStaffFixture(t) // now: 23 November 2026, in Semester II
	body := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", f.login(t, "kepala-kalbar"), nil).Body.String()
	for _, want := range []string{"Laporan SKM Semester II 2026 (sementara)", `skm.xlsx?period=2026-S1" download>Laporan SKM Semester I 2026 (final`} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
}
