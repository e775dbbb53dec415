package main

import (
	"context"
	"fmt"
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

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"skm/reports"
	"skm/reports/xlsx/xlsxtest"
	"skm/survey"
)

// artifactDir is where a test saves what people look at (screenshots, printed pages):
// SKM_SCREENSHOT_DIR when set, else the test's artifact directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("SKM_SCREENSHOT_DIR"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.ArtifactDir()
}

// decimalOf reads an Indonesian number as shown ("84,88", "1.161").
func decimalOf(t *testing.T, s string) float64 {
	t.Helper()
	s = strings.TrimSpace(strings.Fields(s + " ")[0])
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."), 64)
	if err != nil {
		t.Fatalf("not a number as shown: %q", s)
	}
	return v
}

// A head opens last month's dashboard while this month's responses (all answers 1, which
// would pull any figure down) keep coming: every figure of the dashboard, its monthly
// workbook and the follow-up plan opened from it is as of the month's end and agrees; the
// dashboard prints as a clean meeting handout (the summary first, charts whole, no word
// broken, no technical line). Screenshots of the screen and of every printed page are saved.
func TestRealBrowserOneAsOfDateAndAHandout(t *testing.T) {
	p := startDemo(t, "--batch-max-wait", "100ms")
	month := monthOf(kalbarNow(t)).Previous()
	_, last := month.Bounds()
	asOf := "Data s.d. " + survey.DateLabel(last, survey.ID)
	// Later data: responses of today, after the month's end, stored before the month is read
	// (else the test could not fail): the public IKM of the running period counts them.
	before := runningRespondents(t, p)
	for range 5 {
		body := fmt.Sprintf(`{"id":%q,"agency":"bppd-kalbar","service":"narasumber","channel":"kiosk",
			"answers":{"U1":1,"U2":1,"U3":1,"U4":1,"U5":1,"U6":1,"U7":1,"U8":1,"U9":1}}`, uuid.NewString())
		if code, out, _ := timedRequest(http.MethodPost, p.url+"/api/v1/responses", "application/json", body, 5*time.Second); code != http.StatusAccepted {
			t.Fatalf("POST /api/v1/responses: %d %s", code, out)
		}
	}
	for deadline := time.Now().Add(20 * time.Second); runningRespondents(t, p) < before+5; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the later responses were not stored within 20 s (%d, then %d)", before, runningRespondents(t, p))
		}
	}
	dir := artifactDir(t)

	ctx := browser(t)
	errs := watchConsole(t, ctx)
	dash := p.url + "/dashboard/bppd-kalbar?month=" + month.Code()
	err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), loginAs(dash, "kepala-kalbar"))
	if err != nil {
		t.Fatal(err)
	}
	if drawn, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll('.chart')).every(e => e.querySelector('svg'))`,
		chromedp.WithPollingTimeout(30e9))); err != nil || !drawn {
		t.Fatalf("charts not drawn: %v", err)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	if strings.Count(text, "Data s.d. ") != 1 || !strings.Contains(text, asOf) {
		t.Errorf("the dashboard should say %q once at the top", asOf)
	}
	tile := func(label string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
			const t = Array.from(document.querySelectorAll('.tile')).find(e => e.querySelector('.label').textContent.trim() === %q);
			return t ? t.querySelector('.value').textContent.trim() : '';
		})()`, label)))
		if err != nil || v == "" {
			t.Fatalf("no tile %q: %v", label, err)
		}
		return v
	}
	chartData := func(id string) []float64 {
		t.Helper()
		vals, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
			const o = JSON.parse(document.querySelector('script[data-chart="chart-%s"]').textContent);
			return o.series[0].data.map(d => (d !== null && typeof d === 'object') ? d.value : d).map(v => v == null ? -1 : v);
		})()`, id)))
		if err != nil {
			t.Fatalf("chart %s: %v", id, err)
		}
		return vals
	}
	// yearAgo reads a tile's line of the same month a year earlier: "s.d. Okt 2025: 78,44
	// (▲ +3,05)" gives 78,44 and 3,05.
	yearAgo := func(label string) (then, change float64) {
		t.Helper()
		line, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
			const t = Array.from(document.querySelectorAll('.tile')).find(e => e.querySelector('.label').textContent.trim() === %q);
			const lines = t ? t.querySelectorAll('.change') : [];
			return lines.length === 2 ? lines[1].textContent.trim() : '';
		})()`, label)))
		ago := monthAbbrs[month.N-1] + " " + strconv.Itoa(month.Year-1) + ": "
		m := regexp.MustCompile(regexp.QuoteMeta(ago) + `([\d.,]+) \([▲▼■] ([-+]?[\d.,]+)\)$`).FindStringSubmatch(line)
		if err != nil || m == nil {
			t.Fatalf("tile %q: a year earlier %q, want %q followed by the figure and its change (%v)", label, line, ago, err)
		}
		return decimalOf(t, m[1]), decimalOf(t, strings.TrimPrefix(m[2], "+"))
	}
	ikm := decimalOf(t, tile(reports.KPIPeriodIKM))
	respondents := decimalOf(t, tile(reports.KPIRespondents))
	received := decimalOf(t, tile(reports.KPIReceived))
	onTime := decimalOf(t, tile(reports.KPIOnTime))
	trend := chartData("ikm-trend")
	if got := trend[len(trend)-1]; got != ikm {
		t.Errorf("the IKM trend's last point %v, the tile %v: two IKMs of one semester on one page", got, ikm)
	}
	nrr := chartData("nrr")
	lowest, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('section.card')).
		find(s => s.querySelector('h2').textContent.startsWith('Unsur terendah')).querySelectorAll('tbody tr td:first-child')
		.values().map(td => td.textContent.trim().split(' ')[0]).toArray().join(',')`))

	// The same month's workbook, downloaded by the head's browser.
	book := monthlyWorkbook(t, ctx, month)
	wb := xlsxtest.Read(t, book, false, true)
	sum := wb.Sheet(t, "Ringkasan")
	number := func(s *xlsxtest.Sheet, label string, n int) float64 {
		t.Helper()
		v, ok := s.Right(t, label, n).(float64)
		if !ok {
			t.Fatalf("sheet %s, %q: %v is not a number", s.Name, label, s.Right(t, label, n))
		}
		return v
	}
	for _, c := range []struct {
		label       string
		book, shown float64
	}{
		{reports.KPIPeriodIKM, number(sum, reports.KPIPeriodIKM, 1), ikm},
		{reports.KPIRespondents, number(sum, reports.KPIRespondents, 1), respondents},
		{reports.KPIReceived, number(sum, reports.KPIReceived, 1), received},
		{reports.KPIOnTime, math.Round(number(sum, reports.KPIOnTime, 1)*1000) / 10, onTime},
	} {
		if math.Abs(c.book-c.shown) > 1e-9 {
			t.Errorf("%s: workbook %v, dashboard %v", c.label, c.book, c.shown)
		}
	}
	// The same month a year earlier (the demo has two years of history) and the change
	// against it: the same figures on the tiles and in the workbook.
	for _, c := range []struct {
		label string
		scale float64
	}{{reports.KPIPeriodIKM, 1}, {reports.KPIMonthIKM, 1}, {reports.KPIRespondents, 1}, {reports.KPIReceived, 1}, {reports.KPIOnTime, 100}} {
		then, change := yearAgo(c.label)
		book, bookChange := math.Round(number(sum, c.label, 4)*c.scale*100)/100, number(sum, c.label, 5)
		if math.Abs(book-then) > 1e-9 || math.Abs(bookChange-change) > 1e-9 {
			t.Errorf("%s a year earlier: workbook %v (%+v), dashboard %v (%+v)", c.label, book, bookChange, then, change)
		}
	}
	running := wb.Sheet(t, "SKM Berjalan")
	period := survey.PeriodOf(last, "semester")
	if got := number(running, period.Label(survey.ID), 3); got != ikm {
		t.Errorf("SKM Berjalan: IKM of %s %v, dashboard %v", period.Label(survey.ID), got, ikm)
	}
	for i, code := range []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"} {
		// The chart shows NRR to two decimals, as the element tables do.
		if got := math.Round(number(running, code, 4)*100) / 100; i >= len(nrr) || got != nrr[i] {
			t.Errorf("NRR %s: workbook %v, dashboard chart %v", code, got, nrr)
		}
	}
	// The follow-up plan opened from the dashboard names the same lowest elements, as of the
	// same day.
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href^="/rtl/bppd-kalbar?period="]`)), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	rtl, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	if !strings.Contains(rtl, asOf) {
		t.Errorf("the follow-up plan opened from the dashboard does not say %q", asOf)
	}
	var rtlLowest []string
	if m := regexp.MustCompile(`Unsur terendah periode ini: ([^\n]*)`).FindStringSubmatch(rtl); m != nil {
		rtlLowest = regexp.MustCompile(`U\d`).FindAllString(m[1], -1)
	}
	if strings.Join(rtlLowest, ",") != lowest || lowest == "" {
		t.Errorf("lowest elements: dashboard %q, follow-up plan %v", lowest, rtlLowest)
	}

	// The dashboard on screen, and printed.
	if err := chromedp.Do(ctx, chromedp.Navigate(dash), chromedp.WaitVisible(chromedp.CSS(`.tiles`))); err != nil {
		t.Fatal(err)
	}
	_, _ = chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll('.chart')).every(e => e.querySelector('svg'))`,
		chromedp.WithPollingTimeout(30e9)))
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "dashboard-1366.jpg"), shot, 0o644)
	}
	checkPrintLayout(t, ctx)
	// Back at the screen's size the charts are drawn again; print once they are.
	time.Sleep(300 * time.Millisecond)
	if fitted, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll('.chart svg')).every(s => s.getAttribute('viewBox'))`,
		chromedp.WithPollingTimeout(10e9))); err != nil || !fitted {
		t.Errorf("the charts have no view box to be scaled into the printed page: %v", err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFLandscape(),
		chromedp.PDFPrintBackground(), func(p *page.PrintToPDFParams) { t := true; p.PreferCSSPageSize = &t }))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "dashboard-print.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	printed := xlsxtest.PDFText(t, file)
	for _, bad := range []string{"Waktu server", "Kode permintaan", "Unduh", "Tampilkan", "Keluar", "NaN", "undefined"} {
		if strings.Contains(printed, bad) {
			t.Errorf("the printed dashboard shows %q", bad)
		}
	}
	pages := strings.Split(printed, "\f")
	if !strings.Contains(pages[0], asOf) || !strings.Contains(pages[0], reports.KPIPeriodIKM) || !strings.Contains(pages[0], reports.KPIComplaintOnTime) {
		t.Errorf("the handout's first page should carry the as-of date and every tile:\n%s", pages[0])
	}
	// Each chart printed whole: its labels on its title's page.
	for title, label := range map[string]string{"NRR per unsur": "U9", "Tren IKM per periode survei": "Smt II"} {
		found := false
		for _, pg := range pages {
			if strings.Contains(pg, title) {
				found = strings.Contains(pg, label)
			}
		}
		if !found {
			t.Errorf("the printed chart %q lacks %q on its page: cut or not drawn", title, label)
		}
	}
	n := xlsxtest.PDFPages(t, file)
	t.Logf("printed dashboard: %d pages (%s)", n, file)
	if out, err := exec.Command("pdftoppm", "-r", "50", "-png", file, filepath.Join(dir, "dashboard-print")).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm: %v %s", err, out)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// checkPrintLayout lays the page out as printed on A4 landscape (273 mm wide inside its
// margins, 1 032 CSS pixels) and checks that no chart or card is taller than a page (so it
// can be kept whole), that cards are kept whole, that no word of a table cell is broken over
// two lines, and that the controls and technical lines are hidden.
func checkPrintLayout(t *testing.T, ctx context.Context) {
	t.Helper()
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1032, 700), media("print")); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = chromedp.Do(ctx, media(""), chromedp.EmulateViewport(1366, 768)) }()
	// The charts scale into the printed columns (print.js gives each its view box).
	type finding struct {
		Tall, Split, Broken, Shown []string
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[finding](`(() => {
		const page = 700; // A4 landscape inside 12 mm margins: 186 mm ≈ 703 CSS px
		const out = {Tall: [], Split: [], Broken: [], Shown: []};
		// Tiles and charts are kept whole; a long table may run over pages, row by row.
		for (const c of document.querySelectorAll('.tile, .card:has(.chart)')) {
			const h = c.getBoundingClientRect().height, name = (c.querySelector('h2, .label') || c).textContent.trim().slice(0, 60);
			if (h > page) out.Tall.push(name + ' ' + Math.round(h) + ' px');
			if (getComputedStyle(c).breakInside !== 'avoid') out.Split.push(name);
		}
		for (const r of document.querySelectorAll('main tr')) {
			if (getComputedStyle(r).breakInside !== 'avoid') { out.Split.push('table row'); break; }
		}
		for (const cell of document.querySelectorAll('main th, main td, .tile .label, .tile .value')) {
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const re = /\S+/g; let m;
				while ((m = re.exec(n.data))) {
					const r = document.createRange();
					r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
					const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
					if (lines.size > 1) out.Broken.push(m[0]);
				}
			}
		}
		for (const e of document.querySelectorAll('form.filters, .downloads, header.top, footer')) {
			if (e.getClientRects().length > 0) out.Shown.push(e.tagName + '.' + e.className);
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Tall) > 0 {
		t.Errorf("printed, taller than a page (cannot be kept whole): %v", f.Tall)
	}
	if len(f.Split) > 0 {
		t.Errorf("printed, may be split across pages: %v", f.Split)
	}
	if len(f.Broken) > 0 {
		t.Errorf("printed, words broken over two lines: %v", f.Broken)
	}
	if len(f.Shown) > 0 {
		t.Errorf("printed, controls shown: %v", f.Shown)
	}
}

// monthAbbrs are the short month names of the tiles' year-ago line.
var monthAbbrs = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
