package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"skm/ingest/chtest"
	"skm/survey"
)

// startDemo starts `skm demo` on a fresh ClickHouse database and data directory; extra adds
// flags.
func startDemo(t *testing.T, extra ...string) *process {
	t.Helper()
	db := chtest.NewDB(t)
	return startSkm(t, append([]string{"demo", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN}, extra...)...)
}

// runningRespondents is how many respondents the public IKM of Kalbar's running period counts.
func runningRespondents(t *testing.T, p *process) uint64 {
	t.Helper()
	var out struct {
		Respondents uint64 `json:"respondents"`
	}
	code, body, _ := timedRequest(http.MethodGet, p.url+"/api/v1/agencies/bppd-kalbar/ikm", "", "", 5*time.Second)
	if code != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("GET the running period's IKM: %d %s", code, body)
	}
	return out.Respondents
}

// kalbarNow is the time now where the demo's Kalbar agency is (Asia/Pontianak).
func kalbarNow(t *testing.T) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Pontianak")
	if err != nil {
		t.Fatal(err)
	}
	return time.Now().In(loc)
}

// monthOf is the month of tm as a survey period.
func monthOf(tm time.Time) survey.Period {
	return survey.Period{Kind: survey.Month, Year: tm.Year(), N: int(tm.Month())}
}

// loginAt opens url, signs in as user with the demo password and waits for visible.
func loginAt(url, user, visible string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), user),
		chromedp.SendKeys(chromedp.CSS(`#password`), demoPassword),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(visible)),
	)
}

// downloadInBrowser fetches the URL the JavaScript expression urlJS gives, in the signed-in
// browser, and saves the answer as name in a temporary directory, whose path it returns;
// what names the download in a failure.
func downloadInBrowser(t *testing.T, ctx context.Context, urlJS, name, what string) string {
	t.Helper()
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(`+urlJS+`).
		then(r => { if (!r.ok) throw new Error('status ' + r.status); return r.arrayBuffer(); }).then(b => {
			const u = new Uint8Array(b); let s = '';
			for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode.apply(null, u.subarray(i, i + 8192));
			return btoa(s);
		})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download %s: %v", what, err)
	}
	raw, _ := base64.StdEncoding.DecodeString(b64)
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// monthlyWorkbook downloads the Kalbar monthly workbook of month in the signed-in browser
// and returns its path.
func monthlyWorkbook(t *testing.T, ctx context.Context, month survey.Period) string {
	t.Helper()
	return downloadInBrowser(t, ctx, fmt.Sprintf("'/reports/bppd-kalbar/monthly.xlsx?month=%s'", month.Code()), "monthly.xlsx", "the monthly workbook")
}

// browser returns a headless Chromium context sized like a cheap phone (360×640). It fails
// under CI=true when Chromium is missing, and skips elsewhere. extra adds options (flags).
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	return browserWithin(t, 90*time.Second, extra...)
}

// browserWithin is browser for a test of many steps, bounded by within instead of 90 s.
func browserWithin(t *testing.T, within time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and chromium is not installed (scripts/install-deps.sh installs it)")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(360, 640))
	opts = append(opts, extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	// The first call starts the browser and must not carry a timeout (it would stop the
	// browser); later calls are bounded by the context derived from it.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, within)
	t.Cleanup(cancelT)
	return ctx
}

func TestRealBrowserFillsInTheFormOnAPhone(t *testing.T) {
	db := chtest.NewDB(t)
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(),
		"--clickhouse", db.DSN, "--batch-max-wait", "100ms")
	ctx := browser(t)

	// Answer an element by tapping the label of one of its options.
	tap := func(code string, v int) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=%q][value="%d"] + span`, code, v)))
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)),
		chromedp.Navigate(p.url+"/s/bppd-ntt/pengaduan"),
		// First submit with two questions unanswered: the error summary names them.
		tap("U1", 4), tap("U2", 3), tap("U3", 2), tap("U4", 4), tap("U5", 3), tap("U6", 3), tap("U7", 4),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.summary`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := chromedp.Run(ctx, chromedp.Title())
	if !strings.HasPrefix(title, "Kesalahan:") {
		t.Errorf("title after an incomplete submit: %q", title)
	}
	scrollWidth, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	innerWidth, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if scrollWidth > innerWidth || innerWidth != 360 {
		t.Errorf("at a phone's width (%d px) the form scrolls sideways: %d", innerWidth, scrollWidth)
	}
	err = chromedp.Do(ctx,
		tap("U9", 2), tap("U8", 1), // question 8 (sarana), then question 9 (pengaduan)
		chromedp.SetValue(chromedp.CSS(`#umur`), "29"),
		chromedp.SendKeys(chromedp.CSS(`#saran`), "Antrean lebih tertib"),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot, _ := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`h1.thanks`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	heading, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
	if heading != "Terima kasih" {
		t.Errorf("thanks heading %q", heading)
	}
	if dir := os.Getenv("SKM_SCREENSHOT_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "form-360.png"), shot, 0o644)
	}
	waitDrained(t, p.url, 30*time.Second)
	var u1, u3, u7, u8, u9, umur uint8
	var saran string
	err = db.Conn.QueryRow(context.Background(), "SELECT u1, u3, u7, u8, u9, umur, saran FROM "+db.Name+".survey_responses").
		Scan(&u1, &u3, &u7, &u8, &u9, &umur, &saran)
	if err != nil {
		t.Fatal(err)
	}
	if u1 != 4 || u3 != 2 || u7 != 4 || u8 != 1 || u9 != 2 || umur != 29 || saran != "Antrean lebih tertib" {
		t.Errorf("stored u1=%d u3=%d u7=%d u8=%d u9=%d umur=%d saran=%q", u1, u3, u7, u8, u9, umur, saran)
	}
	var n uint64
	_ = db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".survey_responses").Scan(&n)
	if n != 1 {
		t.Errorf("%d rows stored, want exactly 1", n)
	}
}
