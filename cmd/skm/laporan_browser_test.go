package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"skm/survey"
)

// In a real browser on the demo: staff follow the dashboard's link to the Laporan SKM page
// of the running period (provisional, with its PDF and Excel downloads), type their own
// analysis (two paragraphs) into BAB IV, save, open the page again and find the text as
// typed with "Terakhir diubah oleh staf-kalbar"; a screenshot of the page is saved.
func TestRealBrowserStaffWriteTheReportAnalysis(t *testing.T) {
	p := startDemo(t)
	now := kalbarNow(t)
	period := survey.PeriodOf(now, survey.SchemeSemester) // Kalbar surveys twice a year
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAs(p.url+"/dashboard/bppd-kalbar", "staf-kalbar"),
		chromedp.Click(chromedp.CSS(`main a[href^="/laporan/bppd-kalbar?period="]`)),
		chromedp.WaitVisible(chromedp.CSS(`#form-laporan`)))
	if err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	if got := text(`#keadaan`); !strings.Contains(got, period.Label(survey.ID)) ||
		!strings.Contains(got, "SEMENTARA — periode belum berakhir; laporan belum untuk ditandatangani.") {
		t.Errorf("the running period's state: %q", got)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#unduh a')).map(a => a.getAttribute('href'))`))
	if err != nil || len(links) != 2 || links[0] != "/reports/bppd-kalbar/laporan-skm.pdf?period="+period.Code() ||
		links[1] != "/reports/bppd-kalbar/skm.xlsx?period="+period.Code() {
		t.Errorf("downloads: %v %v", links, err)
	}
	// The demo's two years of history: the choice starts at the first period with responses.
	periods, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#f-period option')).map(o => o.value)`))
	if err != nil || len(periods) < 4 || periods[0] != period.Code() || periods[1] != period.Previous().Code() {
		t.Errorf("period choice: %v %v", periods, err)
	}
	if got := text(`#bab-analisis label`); got != "BAB IV ANALISIS DAN RENCANA TINDAK LANJUT" {
		t.Errorf("the analysis chapter's label: %q", got)
	}

	const typed = "Unsur waktu pelayanan terendah karena antrean pagi.\n\nRencana: satu loket tambahan pada jam sibuk."
	err = chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#teks-analisis`), typed),
		chromedp.Click(chromedp.CSS(`#form-laporan button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role=status]`)))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(`p.notice[role=status]`); !strings.Contains(got, "Teks 1 bab disimpan") {
		t.Errorf("after saving: %q", got)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(p.url+"/laporan/bppd-kalbar?period="+period.Code()), chromedp.WaitVisible(chromedp.CSS(`#form-laporan`)))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#teks-analisis`))); got != typed {
		t.Errorf("the analysis after reloading: %q, want %q", got, typed)
	}
	if got := text(`#bab-analisis .changed`); !strings.Contains(got, "Terakhir diubah oleh staf-kalbar, "+survey.DateLabel(kalbarNow(t), survey.ID)) {
		t.Errorf("who changed it: %q", got)
	}
	if got := text(`#bab-penutup .changed`); got != "Belum ada teks tambahan untuk bab ini." {
		t.Errorf("an untouched chapter: %q", got)
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil { // quality 100: PNG
		_ = os.WriteFile(filepath.Join(artifactDir(t), "laporan-teks.png"), shot, 0o644)
	}
	if all := errs.all(); len(all) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(all, "\n"))
	}
}
