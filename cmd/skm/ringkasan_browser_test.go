package main

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"skm/reports"
	"skm/reports/xlsx/xlsxtest"
	"skm/survey"
)

// A head opens last month's ringkasan from the dashboard: its headline says what the
// dashboard's tiles say (worked out here from the tiles), its best and worst movements are
// those worked out here from the same month's workbook, the share text carries the headline
// and the link back and is copied by the button, and the page prints on exactly one A4
// portrait page (pdfinfo).
func TestRealBrowserRingkasanOnOnePage(t *testing.T) {
	p := startDemo(t, "--batch-max-wait", "100ms")
	month := monthOf(kalbarNow(t)).Previous()
	dir := artifactDir(t)
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	dash := p.url + "/dashboard/bppd-kalbar?month=" + month.Code()
	err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), loginAs(dash, "kepala-kalbar"))
	if err != nil {
		t.Fatal(err)
	}
	type tileText struct{ Value, Light, Change string }
	tile := func(label string) tileText {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[tileText](fmt.Sprintf(`(() => {
			const t = Array.from(document.querySelectorAll('.tile')).find(e => e.querySelector('.label').textContent.trim() === %q);
			const txt = s => { const e = t.querySelector(s); return e ? e.textContent.trim() : ''; };
			// The change against last month in full words ("▲ +1,20 dibanding September 2026"),
			// the title of the tile's first change line.
			const change = t && t.querySelector('.change') ? t.querySelector('.change').title.trim() : '';
			return t ? {Value: txt('.value'), Light: txt('.light'), Change: change} : {};
		})()`, label)))
		if err != nil || v.Value == "" {
			t.Fatalf("no tile %q: %v", label, err)
		}
		return v
	}
	ikm, onTime, overdue := tile(reports.KPIPeriodIKM), tile(reports.KPIOnTime), tile(reports.KPIOverdue)
	received, completed := tile(reports.KPIReceived), tile(reports.KPICompleted)

	// The same month's workbook, for the figures that have no tile (P90, open cases).
	book := monthlyWorkbook(t, ctx, month)
	sum := xlsxtest.Read(t, book, false, true).Sheet(t, "Ringkasan")

	// The headline, worked out from the tiles.
	want := month.Label(survey.ID) + ": "
	var parts []string
	ikmValue := decimalOf(t, ikm.Value)
	mutu := map[bool]string{true: "A, Sangat Baik"}[ikmValue >= 88.31]
	switch {
	case mutu != "":
	case ikmValue >= 76.61:
		mutu = "B, Baik"
	case ikmValue >= 65:
		mutu = "C, Kurang Baik"
	default:
		mutu = "D, Tidak Baik"
	}
	part := "IKM " + strings.Fields(ikm.Value)[0] + " (mutu " + mutu + ")"
	if ikm.Change != "" {
		d := regexp.MustCompile(`[-+]?[\d.,]+`).FindString(ikm.Change)
		switch {
		case strings.HasPrefix(ikm.Change, "▲"):
			part += ", naik " + strings.TrimLeft(d, "+-") + " poin"
		case strings.HasPrefix(ikm.Change, "▼"):
			part += ", turun " + strings.TrimLeft(d, "+-") + " poin"
		default:
			part += ", tetap dibanding bulan lalu"
		}
	}
	target := regexp.MustCompile(`target ([\d.,]+)`).FindStringSubmatch(ikm.Light)[1]
	part += ", " + map[int]string{1: "di atas", -1: "di bawah", 0: "tepat mencapai"}[cmpf(ikmValue, decimalOf(t, target))] + " target " + target
	parts = append(parts, part)
	if decimalOf(t, received.Value) == 0 && decimalOf(t, completed.Value) == 0 && cellNumber(t, sum, reports.KPIOpen, 1) == 0 {
		parts = append(parts, "belum ada kasus layanan atau pengaduan tercatat")
	} else {
		onTimeTarget := regexp.MustCompile(`target ([\d.,]+ %)`).FindStringSubmatch(onTime.Light)[1]
		onTimeValue := strings.Fields(onTime.Value)[0]
		parts = append(parts, onTimeValue+" % kasus selesai tepat waktu, "+
			map[int]string{1: "di atas", -1: "di bawah", 0: "tepat mencapai"}[cmpf(decimalOf(t, onTimeValue), decimalOf(t, onTimeTarget))]+" target "+onTimeTarget)
		n := strings.Fields(overdue.Value)[0]
		capWords := regexp.MustCompile(`(dalam|melebihi) batas [\d.]+`).FindString(overdue.Light)
		switch {
		case n == "0":
			parts = append(parts, "tidak ada kasus terlambat")
		case capWords != "":
			parts = append(parts, n+" kasus terlambat, "+capWords+", perlu ditindaklanjuti")
		default:
			parts = append(parts, n+" kasus terlambat perlu ditindaklanjuti")
		}
	}
	want += strings.Join(parts, "; ") + "."

	// The movements, worked out from the workbook: the change against last month relative
	// to last month (at least 1), in the good direction.
	type move struct {
		label string
		score float64
	}
	var best, worst []move
	for label, sense := range map[string]float64{reports.KPIPeriodIKM: 1, reports.KPIMonthIKM: 1, reports.KPIOnTime: 1,
		reports.KPIComplaintOnTime: 1, reports.KPIFollowUps: 1, reports.KPIMedian: -1, reports.KPIP90: -1, reports.KPIOpen: -1, reports.KPIOverdue: -1} {
		this, okThis := sum.Right(t, label, 1).(float64)
		last, okLast := sum.Right(t, label, 2).(float64)
		if !okThis || !okLast {
			continue
		}
		places := map[string]float64{reports.KPIPeriodIKM: 100, reports.KPIMonthIKM: 100, reports.KPIMedian: 10, reports.KPIP90: 10}[label]
		if strings.Contains(sum.RightFormat(t, label, 1), "%") { // a share, stored as a fraction
			this, last, places = this*100, last*100, 10
		}
		if places == 0 {
			places = 1
		}
		this, last = math.Round(this*places)/places, math.Round(last*places)/places
		change := math.Round((this-last)*places) / places
		m := move{label, sense * change / math.Max(math.Abs(last), 1)}
		switch {
		case m.score > 0:
			best = append(best, m)
		case m.score < 0:
			worst = append(worst, m)
		}
	}
	slices.SortFunc(best, func(a, b move) int { return cmpf(b.score, a.score) })
	slices.SortFunc(worst, func(a, b move) int { return cmpf(a.score, b.score) })
	labels := func(ms []move) []string {
		var out []string
		for _, m := range ms[:min(3, len(ms))] {
			out = append(out, m.label)
		}
		return out
	}
	wantBest, wantWorst := labels(best), labels(worst)
	t.Logf("movements worked out: best %v, worst %v", best, worst)

	// The ringkasan, opened from the dashboard.
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href^="/dashboard/bppd-kalbar/ringkasan?month=`+month.Code()+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#pergerakan`)))
	if err != nil {
		t.Fatal(err)
	}
	type shown struct {
		Headline, Share, Main string
		Best, Worst           []string
		Officers              []string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](`(() => ({
		Headline: document.querySelector('#headline').textContent.trim(),
		Share: document.querySelector('#share-text').value,
		Main: document.querySelector('main').innerText,
		Best: Array.from(document.querySelectorAll('#pergerakan tr.best td:first-child')).map(td => td.textContent.trim()),
		Worst: Array.from(document.querySelectorAll('#pergerakan tr.worst td:first-child')).map(td => td.textContent.trim()),
		Officers: Array.from(document.querySelectorAll('#terlambat tbody td:nth-child(2)')).map(td => td.textContent.trim()),
	}))()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Headline != want {
		t.Errorf("headline:\n got %s\nwant %s", got.Headline, want)
	}
	if !slices.Equal(got.Best, wantBest) || !slices.Equal(got.Worst, wantWorst) {
		t.Errorf("movements: best %v worst %v, want best %v worst %v", got.Best, got.Worst, wantBest, wantWorst)
	}
	if len(wantBest)+len(wantWorst) == 0 {
		t.Error("the demo month has no movement at all: the test proves nothing")
	}
	// The overdue cases per officer add up to the overdue tile (the demo has fewer than six
	// officers, so every one is listed).
	listed := 0.0
	for _, n := range got.Officers {
		listed += decimalOf(t, n)
	}
	if strings.Contains(got.Main, "petugas lain") || listed != decimalOf(t, overdue.Value) || len(got.Officers) == 0 {
		t.Errorf("overdue per officer %v (sum %v), the tile %q", got.Officers, listed, overdue.Value)
	}
	_, last := month.Bounds()
	if strings.Count(got.Main, "Data s.d. ") != 1 || !strings.Contains(got.Main, "Data s.d. "+survey.DateLabel(last, survey.ID)) {
		t.Errorf("the ringkasan should say its as-of date once on the page:\n%s", got.Main)
	}
	link := p.url + "/dashboard/bppd-kalbar/ringkasan?month=" + month.Code()
	if !strings.Contains(got.Share, want) || !strings.HasSuffix(got.Share, "Selengkapnya: "+link) || strings.Count(got.Share, "\n") > 7 {
		t.Errorf("share text:\n%s", got.Share)
	}
	// The copy button copies the share text (the clipboard is caught as the page writes it).
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(resolve => {
		navigator.clipboard.writeText = t => { resolve(t); return Promise.resolve(); };
		document.querySelector('#copy-share').click();
	})`, chromedp.EvalAwaitPromise))
	if err != nil || copied != got.Share {
		t.Errorf("copied %q (%v), want the share text", copied, err)
	}
	status, _ := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector('#copy-status').textContent || null`, chromedp.WithPollingTimeout(5e9)))
	if !strings.HasPrefix(status, "Teks tersalin") {
		t.Errorf("copy status %q", status)
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "ringkasan-1366.jpg"), shot, 0o644)
	}

	// Printed: exactly one A4 portrait page, with the headline and no controls.
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground(),
		func(p *page.PrintToPDFParams) { t := true; p.PreferCSSPageSize = &t }))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "ringkasan-print.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+1$`).Match(info) || !regexp.MustCompile(`(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts`).Match(info) {
		t.Errorf("the printed ringkasan is not one A4 portrait page:\n%s", info)
	}
	printed := strings.Join(strings.Fields(xlsxtest.PDFText(t, file)), " ")
	if !strings.Contains(printed, strings.Join(strings.Fields(want), " ")[:60]) {
		t.Errorf("the printed page lacks the headline:\n%s", printed)
	}
	for _, bad := range []string{"Salin teks", "Tampilkan", "Keluar", "Kode untuk laporan", "NaN", "undefined"} {
		if strings.Contains(printed, bad) {
			t.Errorf("the printed ringkasan shows %q", bad)
		}
	}
	if out, err := exec.Command("pdftoppm", "-r", "60", "-png", file, filepath.Join(dir, "ringkasan-print")).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm: %v %s", err, out)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// cmpf compares two numbers: −1, 0 or 1.
func cmpf(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cellNumber is the value n cells right of label on a sheet, 0 when it is empty.
func cellNumber(t *testing.T, s *xlsxtest.Sheet, label string, n int) float64 {
	t.Helper()
	v, _ := s.Right(t, label, n).(float64)
	return v
}
