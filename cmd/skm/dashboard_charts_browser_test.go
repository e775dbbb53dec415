package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"skm/standard/standardtest"
)

// chartProblems lists, for every chart drawn on the page, what makes it hard to read: a
// visible text with a decimal dot (78.42; a dot grouping thousands is right) or NaN, a text cut with "…" or running out of
// the chart, two visible texts on top of each other (mark-line labels on data labels,
// labels on labels), and an aria description with a decimal dot or NaN.
const chartProblems = `(() => {
  const out = [];
  const shown = t => {
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e = t; e && e.tagName !== 'svg'; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    return true;
  };
  // A dot between digits is a decimal dot, unless it groups thousands (1.234).
  const decimalDot = s => /\d\.\d/.test(s.replace(/(^|[^\d.,])\d{1,3}(\.\d{3})+(?!\d)/g, '$1'));
  for (const el of document.querySelectorAll('.chart')) {
    const id = el.id, box = el.getBoundingClientRect();
    const texts = Array.from(el.querySelectorAll('svg text')).filter(shown);
    const rects = texts.map(t => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const s = t.textContent, r = rects[i];
      if (decimalDot(s)) out.push(id + ': decimal dot in "' + s + '"');
      if (/NaN|undefined|null/.test(s)) out.push(id + ': "' + s + '"');
      if (/(…|\.\.\.)$/.test(s)) out.push(id + ': cut text "' + s + '"');
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.push(id + ': "' + s + '" runs out of the chart');
      }
      for (let j = 0; j < i; j++) {
        // Side by side, texts need a gap of 2 px; the glyph boxes of stacked lines may touch.
        const q = rects[j], gap = 2, m = 1.5;
        if (r.left < q.right + gap && q.left < r.right + gap && r.top + m < q.bottom - m && q.top + m < r.bottom - m) {
          out.push(id + ': "' + s + '" overlaps "' + texts[j].textContent + '"');
        }
      }
    });
    const aria = el.getAttribute('aria-label') || '';
    if (decimalDot(aria) || /NaN|undefined/.test(aria) || !/\d/.test(aria)) out.push(id + ': aria "' + aria.slice(0, 200) + '"');
  }
  return out;
})()`

// chartTexts is the visible text of each chart, lines joined by spaces.
const chartTexts = `Object.fromEntries(Array.from(document.querySelectorAll('.chart')).map(el =>
  [el.id, Array.from(el.querySelectorAll('svg text')).map(t => t.textContent).join(' ').replace(/\s+/g, ' ')]))`

// At a laptop's 1366×768 and a phone's 360×740, every chart of the demo dashboard reads the
// Indonesian way and whole: decimals with a comma, no NaN, service names never cut, the
// target and mutu lines' labels clear of the data labels, a screen-reader description in
// the same words, and the on-time chart as one small plot per service.
func TestRealBrowserChartsAreReadable(t *testing.T) {
	p := startDemo(t)
	set := standardtest.Examples(t)
	kalbar, _ := set.Agency("bppd-kalbar")
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, loginAs(p.url+"/dashboard/bppd-kalbar", "kepala-kalbar")); err != nil {
		t.Fatal(err)
	}
	for _, vp := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{"1366", 1366, 768, nil},
		{"360", 360, 740, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}},
	} {
		// A fresh load at the size, as the page is opened on that screen.
		err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h, vp.opts...),
			chromedp.Navigate(p.url+"/dashboard/bppd-kalbar"), chromedp.WaitVisible(chromedp.CSS(`.tiles`)))
		if err != nil {
			t.Fatal(err)
		}
		drawn, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll('.chart')).every(e => e.querySelector('svg text'))`,
			chromedp.WithPollingTimeout(30e9)))
		if err != nil || !drawn {
			t.Fatalf("at %s px not every chart was drawn: %v", vp.name, err)
		}
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartProblems))
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range problems {
			t.Errorf("at %s px: %s", vp.name, pr)
		}
		texts, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](chartTexts))
		if err != nil {
			t.Fatal(err)
		}
		for _, svc := range kalbar.Services {
			for _, id := range []string{"chart-ikm-service", "chart-ontime-service"} {
				// A name broken over lines is still whole: compare without spaces.
				if !strings.Contains(noSpace(texts[id]), noSpace(svc.Name)) {
					t.Errorf("at %s px %s does not show %q whole: %q", vp.name, id, svc.Name, texts[id])
				}
			}
		}
		for id, want := range map[string][]string{
			"chart-ikm-trend":      {`target IKM 88,31`, `\d\d,\d\d`},
			"chart-nrr":            {`A ≥ 3,5324 · B ≥ 3,0644`, `\d,\d\d`, ` A B `},
			"chart-ikm-service":    {`\d\d,\d\d`},
			"chart-ontime-service": {`target 90 %`, `\d,\d %`},
		} {
			for _, w := range want {
				if !regexp.MustCompile(w).MatchString(texts[id]) {
					t.Errorf("at %s px %s does not read %s: %q", vp.name, id, w, texts[id])
				}
			}
		}
		if dir := os.Getenv("SKM_SCREENSHOT_DIR"); dir != "" {
			if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
				_ = os.WriteFile(filepath.Join(dir, "charts-"+vp.name+".png"), shot, 0o644)
			}
			ids, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.chart')).map(e => e.id)`))
			for _, id := range ids {
				if b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#"+id))); err == nil {
					_ = os.WriteFile(filepath.Join(dir, id+"-"+vp.name+".png"), b, 0o644)
				}
			}
		}
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors on the dashboard:\n%s", strings.Join(e, "\n"))
	}
}

// noSpace is s without its whitespace.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }
