package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// consoleErrors collects what a page reports as an error: console.error calls, uncaught
// exceptions, and browser log entries of level error (Content-Security-Policy violations
// among them).
type consoleErrors struct {
	mu   sync.Mutex
	list []string
}

func (c *consoleErrors) add(s string) { c.mu.Lock(); c.list = append(c.list, s); c.mu.Unlock() }

func (c *consoleErrors) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.list...)
}

func watchConsole(t *testing.T, ctx context.Context) *consoleErrors {
	t.Helper()
	errs := &consoleErrors{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				errs.add(string(e.Type) + ": " + strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			errs.add(fmt.Sprintf("exception: %s at %s:%d", desc, d.URL, d.LineNumber))
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				errs.add("log: " + string(e.Entry.Source) + ": " + e.Entry.Text + " " + e.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return errs
}

// waitChartsDrawn waits up to within until every chart of the dashboard has its SVG (the SVG
// renderer), and fails the test with the page's main element otherwise.
func waitChartsDrawn(t *testing.T, ctx context.Context, within time.Duration) {
	t.Helper()
	drawn, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const c = document.querySelectorAll('.chart');
		return c.length >= 11 && Array.from(c).every(e => e.querySelector('svg'));
	})()`, chromedp.WithPollingTimeout(within)))
	if err != nil || !drawn {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`main`)))
		t.Fatalf("not every chart was drawn: %v\n%.3000s", err, html)
	}
}

// loginAs opens url, is sent to the login form, signs in as the demo user and waits for the
// dashboard it asked for.
func loginAs(url, user string) chromedp.Action[chromedp.Void] {
	return loginAt(url, user, `.tiles`)
}

// A head logs in with a real browser, sees every chart of the month drawn (an SVG in each),
// with no console error and no CSP violation, and is refused another agency's dashboard.
func TestRealBrowserHeadSeesTheDashboard(t *testing.T) {
	p := startDemo(t)
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		loginAs(p.url+"/dashboard/bppd-kalbar", "kepala-kalbar"),
	)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "/dashboard/bppd-kalbar") {
		t.Errorf("after login the browser is at %s, want the dashboard it asked for", loc)
	}
	// Every chart container gets an SVG (the SVG renderer); none failed.
	waitChartsDrawn(t, ctx, 30*time.Second)
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart svg').length`))
	failed, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.failed').length`))
	if failed != 0 {
		t.Errorf("%d panels or charts failed", failed)
	}
	t.Logf("%d charts drawn", n)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SKM_SCREENSHOT_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "dashboard.png"), shot, 0o644)
		for _, id := range []string{"ikm-trend", "ikm-service", "nrr", "ontime-service", "channels"} {
			if b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#chart-"+id))); err == nil {
				_ = os.WriteFile(filepath.Join(dir, "chart-"+id+".png"), b, 0o644)
			}
		}
	}
	// At a phone's width nothing scrolls sideways.
	err = chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	if err != nil {
		t.Fatal(err)
	}
	// The charts follow the new width after the (debounced) resize.
	_, _ = chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.scrollWidth <= 360`, chromedp.WithPollingTimeout(5e9)))
	sw, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if sw > 360 {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('body *')).
			filter(e => e.getBoundingClientRect().right > 361).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`))
		t.Errorf("at 360 px the dashboard is %d px wide: %v", sw, wide)
	}
	if dir := os.Getenv("SKM_SCREENSHOT_DIR"); dir != "" {
		phone, _ := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		_ = os.WriteFile(filepath.Join(dir, "dashboard-360.png"), phone, 0o644)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors on the dashboard:\n%s", strings.Join(e, "\n"))
	}
	// Another agency's dashboard is refused, whatever the URL.
	for _, path := range []string{"/dashboard/bppd-ntt", "/dashboard/bppd-ntt?month=2026-10", "/dashboard/bppd-kalbar/../bppd-ntt"} {
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`fetch(%q).then(r => r.status)`, path), chromedp.EvalAwaitPromise))
		if err != nil || status != 403 {
			t.Errorf("GET %s as the Kalbar head: %d %v, want 403", path, status, err)
		}
	}
	err = chromedp.Do(ctx, chromedp.Navigate(p.url+"/dashboard/bppd-ntt"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
	if h1 != "Akses ditolak" {
		t.Errorf("another agency's dashboard shows %q", h1)
	}
}
