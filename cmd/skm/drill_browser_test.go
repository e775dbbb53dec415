package main

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pointXY scrolls a chart into view and returns the viewport position of its point
// [x, y] (in the chart's data coordinates), as ECharts maps it.
func pointXY(t *testing.T, ctx context.Context, chart string, series, x, y any) (float64, float64) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
  const el = document.getElementById(%q);
  el.scrollIntoView({block: 'center'});
  const c = echarts.getInstanceByDom(el), r = el.getBoundingClientRect();
  const p = c.convertToPixel({seriesIndex: %v}, [%v, %v]);
  return [r.left + p[0], r.top + p[1]];
})()`, chart, series, x, y)
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil || len(xy) != 2 {
		t.Fatalf("position of a point of %s: %v %v", chart, xy, err)
	}
	return xy[0], xy[1]
}

// clickTo clicks at x, y and waits until the page has left from and shows sel.
func clickTo(t *testing.T, ctx context.Context, from string, x, y float64, sel string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	// The page changes under the evaluation: errors while it loads are retried.
	js := fmt.Sprintf(`location.href !== %q && document.readyState === 'complete' && document.querySelector(%q) ? location.href : ''`, from, sel)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](js)); err == nil && loc != "" {
			return loc
		}
	}
	t.Fatalf("a click at %.0f,%.0f on %s led nowhere", x, y, from)
	return ""
}

// waitCharts waits until every chart of the page is drawn.
func waitCharts(t *testing.T, ctx context.Context) {
	t.Helper()
	if drawn, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll('.chart')).every(e => e.querySelector('svg'))`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil || !drawn {
		t.Fatalf("charts not drawn: %v", err)
	}
}

// A head drills down from last month's demo dashboard: a service's bar opens that service's
// dashboard; an element's bar opens the element's page, whose NRR per service, weighted by
// their answers, make the element's NRR on the dashboard; the overdue tile opens the
// register listing as many cases as it counts, each with its days overdue; an officer's row
// of the overdue cases opens as many cases as it says; a point of the IKM trend opens that
// period's month.
func TestRealBrowserDrillDown(t *testing.T) {
	p := startDemo(t)
	month := monthOf(kalbarNow(t)).Previous()
	dash := p.url + "/dashboard/bppd-kalbar?month=" + month.Code()
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), loginAs(dash, "kepala-kalbar")); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx)
	text := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	back := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(dash), chromedp.WaitVisible(chromedp.CSS(`.tiles`))); err != nil {
			t.Fatal(err)
		}
		waitCharts(t, ctx)
	}

	// The overdue tile and its officers.
	overdueTile := `Array.from(document.querySelectorAll('a.tilelink')).find(a => a.querySelector('.label').textContent.trim() === 'Kasus terlambat di akhir bulan')`
	tileValue := int(decimalOf(t, text(overdueTile+`.querySelector('.value').textContent`)))
	if tileValue == 0 {
		t.Fatal("the demo's overdue tile counts no case: nothing to drill down to")
	}
	type officerRow struct {
		Name string `json:"name"`
		N    string `json:"n"`
		Href string `json:"href"`
	}
	officers, err := chromedp.Run(ctx, chromedp.Evaluate[[]officerRow](`Array.from(document.querySelectorAll('#terlambat-petugas tbody tr')).map(r =>
  ({name: r.cells[0].textContent.trim(), n: r.cells[1].textContent.trim(), href: r.cells[1].querySelector('a').href}))`))
	if err != nil || len(officers) == 0 {
		t.Fatalf("overdue cases per officer: %v %v", officers, err)
	}
	sum := 0
	for _, o := range officers {
		sum += int(decimalOf(t, o.N))
	}
	if sum != tileValue {
		t.Errorf("the officers' overdue cases add up to %d, the tile counts %d", sum, tileValue)
	}
	registerRows := func() (int, []string) {
		t.Helper()
		n := int(decimalOf(t, text(`(document.querySelector('#jumlah-kasus') || {textContent: '0'}).textContent`)))
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('td.hari-terlambat')).map(td => td.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != n {
			t.Errorf("the register says %d cases and lists %d", n, len(rows))
		}
		return n, rows
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a.tilelink[href*="terlambat=akhir"]`)), chromedp.WaitVisible(chromedp.CSS(`#pilihan-kasus`))); err != nil {
		t.Fatal(err)
	}
	if n, days := registerRows(); n != tileValue && tileValue <= 500 {
		t.Errorf("the overdue tile counts %d, its register lists %d", tileValue, n)
	} else {
		for _, d := range days {
			if !strings.HasSuffix(d, " hari") {
				t.Errorf("an overdue case without its days overdue: %q", d)
			}
		}
	}
	for _, o := range officers[:min(2, len(officers))] {
		if err := chromedp.Do(ctx, chromedp.Navigate(o.Href), chromedp.WaitVisible(chromedp.CSS(`#pilihan-kasus`))); err != nil {
			t.Fatal(err)
		}
		if n, _ := registerRows(); n != int(decimalOf(t, o.N)) {
			t.Errorf("officer %s: %s overdue on the dashboard, %d in the register", o.Name, o.N, n)
		}
	}

	// A service's bar.
	back()
	type bar struct {
		Value float64 `json:"value"`
		Link  string  `json:"link"`
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[bar](`echarts.getInstanceByDom(document.getElementById('chart-ikm-service')).getOption().series[0].data[0]`))
	if err != nil || first.Link == "" {
		t.Fatalf("first bar of IKM per service: %+v %v", first, err)
	}
	value, link := first.Value, first.Link
	x, y := pointXY(t, ctx, "chart-ikm-service", 0, value/2, 0)
	got := clickTo(t, ctx, dash, x, y, `.tiles`)
	u, _ := url.Parse(got)
	if u.Path != "/dashboard/bppd-kalbar" || u.Query().Get("service") == "" || u.Query().Get("month") != month.Code() {
		t.Errorf("a service's bar opened %s", got)
	} else if want, _ := url.Parse(link); want.Query().Get("service") != u.Query().Get("service") {
		t.Errorf("the first bar opened %s, its link is %s", got, link)
	}

	// An element's bar: U1.
	back()
	dashNRR := text(`document.querySelector('#rincian-chart-nrr a, #rincian-nrr .drill-links a').textContent`)
	u1 := decimalOf(t, strings.Trim(strings.TrimPrefix(dashNRR[strings.Index(dashNRR, "("):], "("), ")"))
	x, y = pointXY(t, ctx, "chart-nrr", 0, 0, u1/2+0.5)
	got = clickTo(t, ctx, dash, x, y, `#nrr-layanan`)
	if !strings.Contains(got, "/dashboard/bppd-kalbar/unsur/U1?") {
		t.Fatalf("U1's bar opened %s", got)
	}
	type elementRow struct {
		N   string `json:"n"`
		NRR string `json:"nrr"`
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]elementRow](`Array.from(document.querySelectorAll('#nrr-layanan tbody tr')).map(r =>
  ({n: r.querySelector('.jawaban').textContent, nrr: r.querySelector('.nrr').textContent}))`))
	if err != nil || len(rows) < 2 {
		t.Fatalf("U1 per service: %v %v", rows, err)
	}
	var weighted, answers float64
	for _, r := range rows {
		n := decimalOf(t, r.N)
		weighted += n * decimalOf(t, r.NRR)
		answers += n
	}
	// Each service's NRR is shown to 2 decimals: their weighted mean is within 0,005.
	if math.Abs(weighted/answers-u1) > 0.005 {
		t.Errorf("U1's NRR per service, weighted by answers, make %.4f; the dashboard shows %.2f", weighted/answers, u1)
	}
	if total := decimalOf(t, text(`document.querySelector('#nrr-layanan tfoot .nrr').textContent`)); total != u1 {
		t.Errorf("U1's page totals %.2f, the dashboard shows %.2f", total, u1)
	}
	if href := text(`document.querySelector('#saran-unsur').getAttribute('href')`); !strings.Contains(href, "/saran/bppd-kalbar?") || !strings.Contains(href, "unsur=U1") {
		t.Errorf("saran link %s", href)
	}

	// A point of the IKM trend with a value, not the last.
	back()
	type point struct {
		I    int     `json:"i"`
		V    float64 `json:"v"`
		Link string  `json:"link"`
	}
	pt, err := chromedp.Run(ctx, chromedp.Evaluate[point](`(() => {
  const d = echarts.getInstanceByDom(document.getElementById('chart-ikm-trend')).getOption().series[0].data;
  for (let i = d.length - 2; i >= 0; i--) if (d[i] && d[i].value != null) return {i: i, v: d[i].value, link: d[i].link};
  return {i: -1};
})()`))
	if err != nil || pt.I < 0 {
		t.Fatalf("no earlier period with an IKM on the trend: %v", err)
	}
	x, y = pointXY(t, ctx, "chart-ikm-trend", 0, pt.I, pt.V)
	got = clickTo(t, ctx, dash, x, y, `.tiles`)
	if !strings.HasSuffix(got, pt.Link) || !strings.Contains(got, "month=") || strings.Contains(got, "month="+month.Code()) {
		t.Errorf("the trend's point %d opened %s, want %s", pt.I, got, pt.Link)
	}
	// The clicks hover the charts: their tooltips must show without a Content-Security-Policy
	// violation (an HTML tooltip with inline styles would log one on every hover).
	if other := errs.all(); len(other) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(other, "\n"))
	}
}
