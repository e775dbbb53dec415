package main

import (
	"encoding/json"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"skm/reports/xlsx/xlsxtest"
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
	ctx := browserWithin(t, 3*time.Minute)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAs(p.url+"/dashboard/bppd-kalbar", "staf-kalbar")); err != nil {
		t.Fatalf("signing in to the dashboard: %v", err)
	}
	// The link is followed by a script click: the dashboard's charts are still being drawn,
	// and a click at the link's coordinates may land on whatever the layout moved there.
	err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`main a[href^="/laporan/bppd-kalbar?period="]`)))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('main a[href^="/laporan/bppd-kalbar?period="]').click(), true`))
	}
	if err == nil {
		err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#form-laporan`)))
	}
	if err != nil {
		t.Fatalf("following the dashboard's link to the Laporan SKM page: %v", err)
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

// apiIKM is the public IKM API's answer for a period of Kalbar.
type apiIKM struct {
	Respondents uint64   `json:"respondents"`
	IKMRounded  *float64 `json:"ikm_rounded"`
	Mutu        *string  `json:"mutu"`
	Elements    []struct {
		Code string   `json:"code"`
		Name string   `json:"name"`
		NRR  *float64 `json:"nrr"`
		IKM  *float64 `json:"ikm"`
	} `json:"elements"`
}

func kalbarIKM(t *testing.T, p *process, period survey.Period) apiIKM {
	t.Helper()
	var out apiIKM
	code, body, _ := timedRequest(http.MethodGet, p.url+"/api/v1/agencies/bppd-kalbar/ikm?period="+period.Code(), "", "", 5*time.Second)
	if code != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil || out.IKMRounded == nil {
		t.Fatalf("GET the IKM of %s: %d %s", period, code, body)
	}
	return out
}

// decimal writes v with n decimals and a decimal comma, as the report prints it.
func decimal(v float64, n int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', n, 64), ".", ",", 1)
}

// checkLaporanPDF reads a downloaded Laporan SKM with poppler and compares it with the public
// IKM API: A4 pages, every chapter heading, the IKM, and per element its IKM and its NRR (printed
// with three decimals; the API rounds to two) on the element's row of the NRR table. It returns
// the text of each page.
func checkLaporanPDF(t *testing.T, file string, want apiIKM) []string {
	t.Helper()
	pages := xlsxtest.PDFPageTexts(t, file)
	info, err := exec.Command(xlsxtest.Poppler(t, "pdfinfo"), "-f", "1", "-l", strconv.Itoa(len(pages)), file).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", file, err)
	}
	if a4 := len(regexp.MustCompile(`size:\s+595\.28 x 841\.89 pts \(A4\)`).FindAll(info, -1)); a4 != len(pages) {
		t.Errorf("%s: %d of %d pages are A4:\n%s", filepath.Base(file), a4, len(pages), info)
	}
	if len(pages) < 15 {
		t.Errorf("%s: %d pages", filepath.Base(file), len(pages))
	}
	text := strings.Join(pages, "\n")
	for _, c := range survey.ReportChapters {
		if !strings.Contains(text, c.Heading()) {
			t.Errorf("%s: no chapter %q", filepath.Base(file), c.Heading())
		}
	}
	ikm := decimal(*want.IKMRounded, 2)
	if !strings.Contains(text, "IKM "+ikm) && !strings.Contains(text, ikm+" dengan mutu") {
		t.Errorf("%s: the IKM %s (mutu %s) is not stated", filepath.Base(file), ikm, *want.Mutu)
	}
	nrr := regexp.MustCompile(`\b[1-4],\d{3}\b`)
	for _, e := range want.Elements {
		row := ""
		for line := range strings.Lines(text) {
			if f := strings.Fields(line); len(f) > 0 && f[0] == e.Code && strings.Contains(line, decimal(*e.IKM, 2)) && nrr.MatchString(line) {
				row = line
				break
			}
		}
		if row == "" {
			t.Errorf("%s: no row of %s with IKM unsur %s", filepath.Base(file), e.Code, decimal(*e.IKM, 2))
			continue
		}
		printed, _ := strconv.ParseFloat(strings.Replace(nrr.FindString(row), ",", ".", 1), 64)
		if math.Abs(printed-*e.NRR) > 0.005+1e-9 {
			t.Errorf("%s: %s NRR printed %v, the API says %v: %q", filepath.Base(file), e.Code, printed, *e.NRR, row)
		}
	}
	return pages
}

// In a real browser on the demo: the head downloads the Laporan SKM of the running period
// (SEMENTARA on every page, no signature) with the staff's analysis in BAB IV, and of the
// last ended period (signed, no SEMENTARA); both state the public API's IKM and NRR; the
// public copy on /hasil has the figures but not the residents' saran texts.
func TestRealBrowserLaporanPDFStatesTheAPIsFigures(t *testing.T) {
	p := startDemo(t)
	now := kalbarNow(t)
	running := survey.PeriodOf(now, survey.SchemeSemester)
	closed := running.Previous()
	ctx := browserWithin(t, 3*time.Minute)
	const typed = "Antrean pagi memperlambat layanan; satu loket tambahan dibuka pada jam sibuk."
	err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAt(p.url+"/laporan/bppd-kalbar?period="+running.Code(), "staf-kalbar", `#form-laporan`),
		chromedp.WaitVisible(chromedp.CSS(`#form-laporan`)),
		chromedp.SendKeys(chromedp.CSS(`#teks-analisis`), typed),
		chromedp.Click(chromedp.CSS(`#form-laporan button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role=status]`)))
	if err != nil {
		t.Fatal(err)
	}
	file := downloadInBrowser(t, ctx, "document.querySelector('#unduh a[href*=\"laporan-skm.pdf\"]').href", "laporan-sementara.pdf", "the running period's report")
	pages := checkLaporanPDF(t, file, kalbarIKM(t, p, running))
	for i, page := range pages {
		if !strings.Contains(page, "SEMENTARA") {
			t.Errorf("running period: page %d without SEMENTARA", i+1)
		}
	}
	text := strings.Join(pages, "\n")
	if !strings.Contains(strings.Join(strings.Fields(text), " "), typed) {
		t.Error("running period: the staff's analysis is not in the report")
	}
	if strings.Contains(text, "NIP") || strings.Contains(text, "Alexander Rombonang") {
		t.Error("running period: the report carries a signature block")
	}
	xlsxtest.SavePages(t, file)

	file = downloadInBrowser(t, ctx, "'/reports/bppd-kalbar/laporan-skm.pdf?period="+closed.Code()+"'", "laporan-final.pdf", "the ended period's report")
	pages = checkLaporanPDF(t, file, kalbarIKM(t, p, closed))
	text = strings.Join(pages, "\n")
	if strings.Contains(text, "SEMENTARA") {
		t.Error("ended period: the report is marked SEMENTARA")
	}
	if !strings.Contains(text, "Alexander Rombonang") || !strings.Contains(text, "Kepala Badan Pengelola Perbatasan Daerah") {
		t.Error("ended period: no signature block with the head's name and title")
	}
	const withheld = "Teks saran tidak dimuat dalam salinan publik ini"
	if strings.Contains(text, withheld) {
		t.Error("the staff's copy withholds the saran")
	}

	// The public copy: the same figures and signature, without the saran texts (fewer pages).
	file = downloadInBrowser(t, ctx, "'/hasil/bppd-kalbar/laporan-skm-"+closed.Code()+".pdf'", "laporan-publik.pdf", "the public report")
	public := checkLaporanPDF(t, file, kalbarIKM(t, p, closed))
	joined := strings.Join(strings.Fields(strings.Join(public, " ")), " ")
	if !strings.Contains(joined, "Alexander Rombonang") || !strings.Contains(joined, withheld) || len(public) >= len(pages) {
		t.Errorf("public copy: %d pages (staff's %d), signed %v, saran withheld %v", len(public), len(pages),
			strings.Contains(joined, "Alexander Rombonang"), strings.Contains(joined, withheld))
	}
}
