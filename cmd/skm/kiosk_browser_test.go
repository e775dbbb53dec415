package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"skm/ingest/chtest"
	"skm/survey"
)

// kioskIdle is the idle wait of NTT's kiosk in these tests (the standard allows 15 s at least).
const kioskIdle = 15

// startKioskDemo starts `skm demo` on a fresh database, with the example standards but NTT's
// kiosk idle wait set to kioskIdle seconds, and returns it and its database.
func startKioskDemo(t *testing.T) (*process, *chtest.DB) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../standard/examples")); err != nil {
		t.Fatal(err)
	}
	ntt := filepath.Join(dir, "bppd-ntt.yaml")
	b, err := os.ReadFile(ntt)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ntt, append(b, fmt.Sprintf("kiosk_idle_seconds: %d\n", kioskIdle)...), 0o644); err != nil {
		t.Fatal(err)
	}
	db := chtest.NewDB(t)
	return startSkm(t, "demo", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN,
		"--batch-max-wait", "100ms", "--standards", dir), db
}

// tablet is a headless Chromium as an 800×1280 tablet with a touch screen.
func tablet(t *testing.T, within time.Duration) context.Context {
	t.Helper()
	ctx := browserWithin(t, within, chromedp.WindowSize(800, 1280))
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1280, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// tapStep taps the button sel of kiosk screen n and waits for the next screen (or the
// thanks screen after the last): the browser's script draws each screen.
func tapStep(n int, sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Tap(chromedp.CSS(fmt.Sprintf(`#kios form[data-n="%d"] %s`, n, sel))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#kios form[data-n="%d"], #kios h1.thanks`, n+1))),
	)
}

// nttVisitor answers NTT's kiosk by taps from its start screen: "Mulai", the nine questions
// (value v for each), the age on the keypad, and the three profile questions.
func nttVisitor(v int, age string) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Tap(chromedp.CSS(`#kios button.mulai`)),
		chromedp.WaitVisible(chromedp.CSS(`#kios form[data-n="0"]`)),
	}
	for n := range 9 {
		steps = append(steps, tapStep(n, fmt.Sprintf(`button[name=v][value="%d"]`, v)))
	}
	for _, d := range age {
		steps = append(steps, chromedp.Tap(chromedp.CSS(fmt.Sprintf(`#kios form[data-n="9"] button[name=tombol][value="%c"]`, d))))
	}
	return chromedp.Steps(append(steps,
		tapStep(9, `button[value=lanjut]`), tapStep(10, `button[value=P]`),
		tapStep(11, `button[value="SMA"]`), tapStep(12, `button[value="Wirausaha"]`),
		chromedp.WaitVisible(chromedp.CSS(`#kios h1.thanks`)))...)
}

// axButtons returns the accessible names of the buttons of the page, as a screen reader
// reads them from Chromium's accessibility tree.
func axButtons(ctx context.Context) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Action[[]string](func(ctx context.Context, tg *chromedp.Target) ([]string, error) {
		tree, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return nil, err
		}
		var names []string
		for _, n := range tree.Nodes {
			if n.Ignored || n.Role == nil || n.Name == nil || string(n.Role.Value) != `"button"` {
				continue
			}
			var name string
			if err := json.Unmarshal(n.Name.Value, &name); err != nil {
				return nil, err
			}
			names = append(names, name)
		}
		return names, nil
	}))
}

// shot saves a screenshot of the tablet as name.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// kioskRow is a stored kiosk response as the tests read it.
type kioskRow struct {
	umur        uint8
	u1          uint8
	submittedAt time.Time
}

// kioskRows returns the kiosk responses of agency stored since since.
func kioskRows(t *testing.T, db *chtest.DB, agency string, since time.Time) []kioskRow {
	t.Helper()
	rows, err := db.Conn.Query(context.Background(), "SELECT umur, u1, submitted_at FROM "+db.Name+
		".survey_responses FINAL WHERE agency = ? AND channel = 'kiosk' AND ingested_at >= ? ORDER BY submitted_at", agency, since.Add(-time.Second).UTC())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []kioskRow
	for rows.Next() {
		var r kioskRow
		if err := rows.Scan(&r.umur, &r.u1, &r.submittedAt); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// A visitor completes the kiosk on an 800×1280 tablet by taps only: the service by tap,
// nine questions with big buttons named by the official labels (checked in Chromium's
// accessibility tree), the visit code skipped, the profile; one response is stored with
// channel kiosk. A visitor who walks away leaves the kiosk to go back to its start by
// itself, with JavaScript and without.
func TestRealBrowserKioskByTapsOnATablet(t *testing.T) {
	p, db := startKioskDemo(t)
	ctx := tablet(t, 3*time.Minute)
	start := time.Now()
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.url+"/k/bppd-kalbar"),
		chromedp.WaitVisible(chromedp.CSS(`#kios button[name=layanan][value=konsultasi]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	scroll, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if scroll {
		t.Error("the start screen scrolls sideways on the tablet")
	}
	shot(t, ctx, "kiosk-start-800.png")
	err = chromedp.Do(ctx,
		chromedp.Tap(chromedp.CSS(`#kios button[name=layanan][value=konsultasi]`)),
		chromedp.WaitVisible(chromedp.CSS(`#kios form[data-n="0"]`)),
		tapStep(0, `button[value="4"]`), tapStep(1, `button[value="3"]`), tapStep(2, `button[value="2"]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Question 4 as a screen reader reads it: the question as the heading, the four answers
	// by their official words, then Kembali and Batal.
	heading, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#kios legend h1`)))
	progress, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#kios .langkah`)))
	q4 := survey.Questionnaire(survey.ID)[3]
	if heading != q4.Text || progress != "Pertanyaan 4 dari 9" {
		t.Errorf("screen 4: %q, %q", heading, progress)
	}
	names, err := axButtons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := append(q4.Labels[:], "Kembali")
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("buttons as a screen reader names them: %q, want %q", names, want)
	}
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
	if focused != q4.Text {
		t.Errorf("focus after a tap is on %q, not the new question", focused)
	}
	height, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.ceil(document.querySelector('#kios .nav').getBoundingClientRect().bottom)`))
	if height > 1280 {
		t.Errorf("a question screen is %d px high: taller than the tablet", height)
	}
	shot(t, ctx, "kiosk-question-800.png")
	err = chromedp.Do(ctx,
		tapStep(3, `button[value="4"]`), tapStep(4, `button[value="3"]`), tapStep(5, `button[value="3"]`),
		tapStep(6, `button[value="4"]`), tapStep(7, `button[value="2"]`), tapStep(8, `button[value="1"]`),
		tapStep(9, `button[value="2"]`),     // the agency's own question
		tapStep(10, `button[value=lewati]`), // no visit code
		chromedp.Tap(chromedp.CSS(`#kios form[data-n="11"] button[value="4"]`)),
		chromedp.Tap(chromedp.CSS(`#kios form[data-n="11"] button[value="7"]`)),
		tapStep(11, `button[value=lanjut]`),
		tapStep(12, `button[value=L]`), tapStep(13, `button[value=lewati]`), tapStep(14, `button[value="PNS"]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "kiosk-thanks-800.png")
	// U8 was answered 1: the thanks screen shows the complaint channels, SP4N-LAPOR! first.
	lapor, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector('#kios .complaint');
		return !!s && !s.hidden && s.getBoundingClientRect().height > 0 && !!s.querySelector('a[href="https://www.lapor.go.id"]'); })()`))
	if err != nil || !lapor {
		t.Errorf("after an answer of 1 the thanks screen shows no complaint channels (%v)", err)
	}
	var got []kioskRow
	for deadline := time.Now().Add(20 * time.Second); len(got) == 0 && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		got = kioskRows(t, db, "bppd-kalbar", start)
	}
	var u3, u8, u9 uint8
	var service, pendidikan, pekerjaan, extra string
	if len(got) == 1 {
		err = db.Conn.QueryRow(context.Background(), "SELECT service, u3, u8, u9, pendidikan, pekerjaan, arrayStringConcat(extra_values, ',') FROM "+
			db.Name+".survey_responses WHERE agency = 'bppd-kalbar' AND channel = 'kiosk' AND ingested_at >= ?", start.Add(-time.Second).UTC()).
			Scan(&service, &u3, &u8, &u9, &pendidikan, &pekerjaan, &extra)
	}
	if len(got) != 1 || err != nil || got[0].umur != 47 || got[0].u1 != 4 || u3 != 2 || u9 != 2 || u8 != 1 || service != "konsultasi" ||
		pendidikan != "" || pekerjaan != "PNS" || extra != "Media sosial" {
		t.Fatalf("stored %+v (%v): service %s u3=%d u8=%d u9=%d %q %q %q", got, err, service, u3, u8, u9, pendidikan, pekerjaan, extra)
	}

	// Walked away after two answers: back at the start after the idle time, with the
	// script (no reload) and without it (the page's refresh).
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.url+"/k/bppd-ntt"),
		chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`)),
		chromedp.Tap(chromedp.CSS(`#kios button.mulai`)),
		chromedp.WaitVisible(chromedp.CSS(`#kios form[data-n="0"]`)),
		tapStep(0, `button[value="3"]`), tapStep(1, `button[value="3"]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	left := time.Now()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`))); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(left); waited < (kioskIdle-1)*time.Second || waited > (kioskIdle+5)*time.Second {
		t.Errorf("with the script the kiosk went back to its start after %s, want %d s", waited.Round(time.Second), kioskIdle)
	}
	noScript := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return chromedp.Void{}, err
	}
	err = chromedp.Do(ctx, noScript,
		chromedp.Navigate(p.url+"/k/bppd-ntt"),
		chromedp.Tap(chromedp.CSS(`#kios button.mulai`)),
		chromedp.WaitVisible(chromedp.CSS(`#kios form[data-n="0"]`)),
		chromedp.Tap(chromedp.CSS(`#kios button[value="4"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#kios form[data-n="1"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#kios input[name=U1]').value`)); u != "4" {
		t.Errorf("without the script the first answer does not travel with the page: %q", u)
	}
	left = time.Now()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`))); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(left); waited < (kioskIdle-1)*time.Second || waited > (kioskIdle+5)*time.Second {
		t.Errorf("without the script the kiosk went back to its start after %s, want %d s", waited.Round(time.Second), kioskIdle)
	}
	if n := len(kioskRows(t, db, "bppd-ntt", start)); n != 0 {
		t.Errorf("%d abandoned responses stored", n)
	}
}

// networkOffline cuts (or restores) the tablet's network for the page and its service
// worker, as DevTools' "Offline" does.
func networkOffline(off bool) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		yes := true
		rules := network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &yes, MatchedNetworkConditions: []*network.Conditions{}}
		if off {
			rules.MatchedNetworkConditions = []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
		}
		if _, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, rules); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return chromedp.Void{}, err
	}
}

// kioskStatus is the kiosk's status line.
func kioskStatus(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('status').textContent`))
	return s
}

// waitStatus waits until the kiosk's status line contains want.
func waitStatus(t *testing.T, ctx context.Context, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(kioskStatus(ctx), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the kiosk does not say %q within %s; it says %q", want, within, kioskStatus(ctx))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Staff register the NTT tablet; its link goes down: five visitors answer, the tablet shows
// them waiting, is reloaded (the service worker brings the kiosk back, the answers are still
// there), the link returns, and exactly those five are stored — with the times they were
// given and channel kiosk. Then the device is revoked: the next answer is refused with a
// visible message and kept, and goes once the tablet is registered again.
func TestRealBrowserKioskKeepsAnswersOffline(t *testing.T) {
	p, db := startKioskDemo(t)
	ctx := tablet(t, 4*time.Minute)
	start := time.Now()
	err := chromedp.Do(ctx,
		loginAt(p.url+"/login?next=/kios/bppd-ntt", "staf-ntt", "#baru"),
		chromedp.SendKeys(chromedp.CSS(`#name`), "Kios loket 1"),
		chromedp.Submit(chromedp.CSS(`#name`)),
		chromedp.WaitVisible(chromedp.CSS(`#pasang`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if warned, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById('https')`)); warned {
		t.Error("the HTTPS warning shows on 127.0.0.1, where service workers run")
	}
	err = chromedp.Do(ctx,
		chromedp.Tap(chromedp.CSS(`#pasang`)),
		chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`)),
		// The service worker runs and holds the kiosk's start page.
		chromedp.Poll[chromedp.Void](`navigator.serviceWorker.controller !== null && caches.open('skm-kios-1').then(c => c.match(location.pathname)).then(r => !!r)`,
			chromedp.WithPollingTimeout(15*time.Second), chromedp.WithPollingInterval(100*time.Millisecond)),
	)
	if err != nil {
		t.Fatalf("the kiosk does not run its service worker: %v", err)
	}
	waitStatus(t, ctx, "Perangkat kios terdaftar: Kios loket 1.", 5*time.Second)
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`)); strings.Contains(u, "pasang") {
		t.Errorf("the token stays in the address: %s", u)
	}

	if err := chromedp.Do(ctx, networkOffline(true)); err != nil {
		t.Fatal(err)
	}
	given := make([]time.Time, 5)
	for i := range given {
		if err := chromedp.Do(ctx, nttVisitor(i%4+1, fmt.Sprint(21+i))); err != nil {
			t.Fatalf("visitor %d offline: %v", i+1, err)
		}
		given[i] = time.Now()
		waitStatus(t, ctx, fmt.Sprintf("%d jawaban menunggu dikirim", i+1), 5*time.Second)
		if i == 4 {
			shot(t, ctx, "kiosk-waiting-800.png")
		}
		if err := chromedp.Do(ctx, chromedp.Tap(chromedp.CSS(`#kios a.mulai`)), chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second) // the answers' times differ
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`))); err != nil {
		t.Fatalf("the kiosk does not reload without the network: %v", err)
	}
	waitStatus(t, ctx, "5 jawaban menunggu dikirim", 5*time.Second)
	time.Sleep(3 * time.Second) // stored later than given
	if n := len(kioskRows(t, db, "bppd-ntt", start)); n != 0 {
		t.Fatalf("%d answers reached the server while the network was cut", n)
	}
	restored := time.Now()
	if err := chromedp.Do(ctx, networkOffline(false)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(45 * time.Second)
	var rows []kioskRow
	for ; time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		if rows = kioskRows(t, db, "bppd-ntt", start); len(rows) >= 5 && !strings.Contains(kioskStatus(ctx), "menunggu") {
			break
		}
	}
	time.Sleep(time.Second)
	rows = kioskRows(t, db, "bppd-ntt", start)
	if len(rows) != 5 {
		t.Fatalf("%d answers stored after the network returned, want exactly 5 (status %q)", len(rows), kioskStatus(ctx))
	}
	for i, r := range rows {
		if r.umur != uint8(21+i) || r.u1 != uint8(i%4+1) {
			t.Errorf("answer %d stored as umur %d, U1 %d", i+1, r.umur, r.u1)
		}
		if d := r.submittedAt.Sub(given[i]); d < -5*time.Second || d > time.Second || !r.submittedAt.Before(restored) {
			t.Errorf("answer %d stored at %s, given at %s (network back at %s)", i+1, r.submittedAt.Format(time.TimeOnly),
				given[i].Format(time.TimeOnly), restored.Format(time.TimeOnly))
		}
	}

	// The device is revoked (by the head, at their desk): the next answer is refused, kept,
	// and said so on the kiosk.
	desk, cancel := chromedp.NewContext(ctx)
	defer cancel()
	err = chromedp.Do(desk,
		chromedp.Navigate(p.url+"/kios/bppd-ntt"),
		chromedp.Click(chromedp.CSS(`#perangkat button.link`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role=status]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, nttVisitor(4, "60")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "Perangkat kios ini tidak lagi terdaftar; hubungi petugas.", 10*time.Second)
	waitStatus(t, ctx, "1 jawaban menunggu dikirim", time.Second)
	visible, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const r = document.getElementById('status').getBoundingClientRect(); return r.height > 0 && r.bottom <= window.innerHeight; })()`))
	if !visible {
		t.Error("the message is not on the screen")
	}
	shot(t, ctx, "kiosk-revoked-800.png")
	if n := len(kioskRows(t, db, "bppd-ntt", start)); n != 5 {
		t.Errorf("%d answers stored from a revoked device's tablet, want the 5 before", n)
	}
	// Registered again, the tablet sends what it kept.
	var link string
	err = chromedp.Do(desk,
		chromedp.SendKeys(chromedp.CSS(`#name`), "Kios loket 1 (baru)"),
		chromedp.Submit(chromedp.CSS(`#name`)),
		chromedp.WaitVisible(chromedp.CSS(`#pasang`)),
	)
	if err == nil {
		link, err = chromedp.Run(desk, chromedp.Evaluate[string](`document.getElementById('pasang').getAttribute('href')`))
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+link), chromedp.WaitVisible(chromedp.CSS(`#kios button.mulai`))); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); len(rows) < 6 && time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		rows = kioskRows(t, db, "bppd-ntt", start)
	}
	if len(rows) != 6 || rows[5].umur != 60 {
		t.Errorf("after registering again: %+v", rows)
	}

	// An answer the server refuses as invalid (here one made up in the tablet's storage) is
	// marked and shown with the server's reason, and not sent again and again.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise((ok, fail) => {
		const r = indexedDB.open('skm-kios', 1);
		r.onsuccess = () => {
			const t = r.result.transaction('jawaban', 'readwrite');
			t.objectStore('jawaban').put({id: '33333333-3333-4333-8333-333333333333', state: 'menunggu', reason: '',
				body: {id: '33333333-3333-4333-8333-333333333333', agency: 'bppd-ntt', service: 'pengaduan', channel: 'kiosk',
					submitted_at: new Date().toISOString(), answers: {U1: 9}}});
			t.oncomplete = () => { window.dispatchEvent(new Event('online')); ok(true); };
			t.onerror = () => fail(t.error);
		};
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "1 jawaban ditolak server: ", 10*time.Second)
	state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(ok => {
		const r = indexedDB.open('skm-kios', 1);
		r.onsuccess = () => { const g = r.result.transaction('jawaban').objectStore('jawaban').get('33333333-3333-4333-8333-333333333333'); g.onsuccess = () => ok(g.result.state); };
	})`, chromedp.EvalAwaitPromise))
	if state != "ditolak" || strings.Contains(kioskStatus(ctx), "menunggu") {
		t.Errorf("the refused answer is %q; status %q", state, kioskStatus(ctx))
	}
	if n := len(kioskRows(t, db, "bppd-ntt", start)); n != 6 {
		t.Errorf("%d stored, want the 6 before", n)
	}
}
