package main

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// A head reads last month's saran themes on the demo dashboard in a real browser, and every
// theme's link lands on /saran with the same count: in its overview row and as the number of
// saran listed for it (counted over the list's pages). The themes' chart is drawn.
func TestRealBrowserSaranThemesAddUpFromDashboardToList(t *testing.T) {
	p := startDemo(t)
	month := monthOf(kalbarNow(t)).Previous()
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAs(p.url+"/dashboard/bppd-kalbar?month="+month.Code(), "kepala-kalbar")); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Code, Href string
		Count      int
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]row](`Array.from(document.querySelectorAll('#tema-saran tr[data-theme]')).map(r =>
		({Code: r.dataset.theme, Count: +r.dataset.count, Href: r.querySelector('a').href}))`))
	if err != nil || len(rows) < 3 {
		t.Fatalf("dashboard theme rows: %v %v", rows, err)
	}
	drawn, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector('#chart-saran-tema svg')`))
	if err != nil || !drawn {
		t.Errorf("theme chart not drawn: %v", err)
	}
	for i, r := range rows {
		if i > 0 && r.Count > rows[i-1].Count {
			t.Errorf("themes not largest first: %v", rows)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(r.Href), chromedp.WaitVisible(chromedp.CSS(`#saran-count`))); err != nil {
			t.Fatal(err)
		}
		listed, overview := 0, 0
		for page := 1; ; page++ {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[+document.querySelector('#saran-count').dataset.count,
				document.querySelectorAll('#daftar tbody tr').length,
				+document.querySelector('#tema-saran tr[data-theme="`+r.Code+`"]').dataset.count,
				document.querySelector('#daftar a[href*="hal=`+strconv.Itoa(page+1)+`"]') ? 1 : 0]`))
			if err != nil || len(v) != 4 {
				t.Fatalf("%s page %d: %v %v", r.Code, page, v, err)
			}
			if v[0] != r.Count {
				t.Errorf("%s: the list says %d saran, the dashboard %d", r.Code, v[0], r.Count)
			}
			listed, overview = listed+v[1], v[2]
			if v[3] == 0 || page > 20 {
				break
			}
			next, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#daftar a[href*="hal=`+strconv.Itoa(page+1)+`"]').href`))
			if err == nil {
				err = chromedp.Do(ctx, chromedp.Navigate(next), chromedp.WaitVisible(chromedp.CSS(`#saran-count`)))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if listed != r.Count || overview != r.Count {
			t.Errorf("%s: dashboard %d, listed %d, overview row %d", r.Code, r.Count, listed, overview)
		}
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
