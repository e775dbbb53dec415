package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"skm/ingest/chtest"
)

const adminPassword = "rahasia-kantor-2026"

// staffServer starts skm on a database of its own with one admin account and returns the
// process, the database and the data directory.
func staffServer(t *testing.T) (*process, *chtest.DB, string) {
	t.Helper()
	db := chtest.NewDB(t)
	ch := db.DSN
	if code, _, errs := runIn(t, adminPassword+"\n", "user", "add", "--clickhouse", ch, "--by", "tes", "--username", "admin", "--role", "admin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	data := t.TempDir()
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", data, "--clickhouse", ch, "--batch-max-wait", "100ms")
	return p, db, data
}

// loginClientFrom returns an HTTP client that connects from the loopback address ip (127.0.0.x:
// every one of them is this machine, so the server sees distinct client addresses) and
// does not follow redirects.
func loginClientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{
		Transport:     &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 16},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       20 * time.Second,
	}
}

// postLogin posts the login form and returns the status and the Location header.
func postLogin(t *testing.T, c *http.Client, base, username, password, next string) (int, string, []*http.Cookie) {
	t.Helper()
	form := url.Values{"username": {username}, "password": {password}}
	if next != "" {
		form.Set("next", next)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// The transport itself: the client would refuse to parse a hostile Location.
	resp, err := c.Transport.RoundTrip(req)
	if err != nil {
		t.Fatalf("POST /login: %v", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), resp.Cookies()
}

// getWith sends a GET with cookies and returns the status and Location.
func getWith(t *testing.T, c *http.Client, target string, cookies []*http.Cookie) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	resp, err := c.Transport.RoundTrip(req)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("Location")
}

// redirectPayloads are values of next that must never take a browser off our host.
var redirectPayloads = []string{
	"/../%5Cevil.example",
	"/%09/evil.example",
	"//evil.example",
	`/\evil.example`,
	`/\\evil.example`,
	"/%2F%2Fevil.example",
	"/%2F/evil.example",
	"https://evil.example/",
	"http:evil.example",
	"/%0d%0aLocation:%20https://evil.example",
	"/%5C%5Cevil.example",
	"/%5cevil.example",
	"/.//evil.example",
	"/./%5Cevil.example",
	"/dashboard/../../%5Cevil.example",
	"/dashboard/..%5C..%5Cevil.example",
	"/%E2%80%AE/evil.example",
	"/\u3000/evil.example",
	" //evil.example",
	"\t//evil.example",
	"/ /evil.example",
	"/dashboard%0a//evil.example",
	"/dashboard#//evil.example",
}

// TestLoginRedirectStaysOnOurHost logs in with every payload as next, from the query of
// the login page (as the guard writes it) and from the form: the Location is always a path
// of ours, and a real Chromium that follows it ends on our host.
func TestLoginRedirectStaysOnOurHost(t *testing.T) {
	p, _, _ := staffServer(t)
	c := loginClientFrom("127.0.0.1")
	host := strings.TrimPrefix(p.url, "http://")
	for _, payload := range redirectPayloads {
		// The payload as the query of the login page carries it (decoded once by the server).
		next, err := url.QueryUnescape(payload)
		if err != nil {
			next = payload
		}
		code, loc, cookies := postLogin(t, c, p.url, "admin", adminPassword, next)
		if code != http.StatusSeeOther {
			t.Fatalf("login with next=%q: %d", next, code)
		}
		if !safeLocation(p.url, loc) {
			t.Errorf("next=%q: Location %q leaves our host", next, loc)
		}
		// Signed in, the login page redirects by next too.
		code, loc = getWith(t, c, p.url+"/login?next="+url.QueryEscape(next), cookies)
		if code != http.StatusSeeOther || !safeLocation(p.url, loc) {
			t.Errorf("GET /login?next=%q signed in: %d, Location %q", next, code, loc)
		}
	}
	// A clean path of ours is kept.
	if _, loc, _ := postLogin(t, c, p.url, "admin", adminPassword, "/dashboard/bppd-ntt?month=2026-10"); loc != "/dashboard/bppd-ntt?month=2026-10" {
		t.Errorf("a clean local next became %q", loc)
	}

	// evil.example resolves, in this browser only, to a server of the test that counts visits.
	var evilHits atomic.Int64
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		evilHits.Add(1)
		_, _ = io.WriteString(w, "<!doctype html><h1>evil</h1>")
	}))
	t.Cleanup(evil.Close)
	ctx := browser(t, chromedp.Flag("host-resolver-rules", "MAP evil.example "+strings.TrimPrefix(evil.URL, "http://")))
	for _, payload := range redirectPayloads {
		if strings.ContainsAny(payload, " \t#") {
			continue // not a link a browser would send as it stands; the form case covers it
		}
		err := chromedp.Do(ctx,
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
				return err
			}),
			chromedp.Navigate(p.url+"/login?next="+payload),
			chromedp.WaitVisible(chromedp.CSS(`#username`)),
			chromedp.SetValue(chromedp.CSS(`#username`), "admin"),
			chromedp.SetValue(chromedp.CSS(`#password`), adminPassword),
			chromedp.Submit(chromedp.CSS(`#password`)),
		)
		if err != nil {
			t.Fatalf("next=%s in Chromium: %v", payload, err)
		}
		// Wait until the browser has left the login page, wherever it went. (Our pages'
		// form-action policy stops Chromium from following the login form's answer off-site.)
		if final := leftLogin(ctx); !onPageOf(final, host) {
			t.Errorf("next=%s: after the login form Chromium is on %q, not on a page of %s", payload, final, host)
		}
		// Signed in, a link to the login page redirects at once.
		if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/login?next="+payload)); err != nil {
			t.Fatalf("next=%s in Chromium, signed in: %v", payload, err)
		}
		if final := leftLogin(ctx); !onPageOf(final, host) {
			t.Errorf("next=%s: signed in, Chromium followed the login page to %q, not to a page of %s", payload, final, host)
		}
	}
	if n := evilHits.Load(); n != 0 {
		t.Errorf("Chromium was sent to evil.example %d times", n)
	}
}

// leftLogin waits up to 10 s until the browser is no longer on the login page and returns
// where it is.
func leftLogin(ctx context.Context) string {
	var final string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		final, _ = chromedp.Run(ctx, chromedp.Location())
		if final != "" && !strings.Contains(final, "/login") {
			break
		}
	}
	return final
}

// onPageOf reports whether loc is a page of host other than the login page.
func onPageOf(loc, host string) bool {
	u, err := url.Parse(loc)
	return err == nil && u.Host == host && u.Path != "/login"
}

// safeLocation reports whether a Location header, resolved as a browser resolves it
// (backslashes as slashes, tabs and newlines dropped), stays on base's host.
func safeLocation(base, loc string) bool {
	if loc == "" || strings.ContainsAny(loc, "\\\t\r\n") || strings.HasPrefix(loc, "//") || !strings.HasPrefix(loc, "/") {
		return false
	}
	b, _ := url.Parse(base)
	u, err := b.Parse(loc)
	return err == nil && u.Host == b.Host
}

// TestLoginCannotLockOutTheAccountFromElsewhere: wrong passwords for admin from other
// addresses must not keep the real admin out. Attackers fail from ten addresses (more
// failures than the account's overall ceiling); the attacking addresses are throttled, and
// the admin, from an address with no failures, gets in at once.
func TestLoginCannotLockOutTheAccountFromElsewhere(t *testing.T) {
	p, _, _ := staffServer(t)
	var wg sync.WaitGroup
	throttled := make([]int, 10)
	for i := range throttled {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := loginClientFrom(fmt.Sprintf("127.0.0.%d", i+2))
			for j := range 8 {
				code, _, _ := postLogin(t, c, p.url, "admin", fmt.Sprintf("tebakan-%d-%d", i, j), "")
				if code == http.StatusTooManyRequests {
					throttled[i]++
				}
			}
		}()
	}
	wg.Wait()
	for i, n := range throttled {
		if n < 3 {
			t.Errorf("attacker 127.0.0.%d was throttled %d times in 8 tries, want ≥ 3", i+2, n)
		}
	}
	// An attacker address that already failed stays throttled, even with the right password.
	if code, _, _ := postLogin(t, loginClientFrom("127.0.0.2"), p.url, "admin", adminPassword, ""); code != http.StatusTooManyRequests {
		t.Errorf("the attacking address logged in with the right password: %d", code)
	}
	code, loc, cookies := postLogin(t, loginClientFrom("127.0.0.1"), p.url, "admin", adminPassword, "")
	if code != http.StatusSeeOther || loc != "/dashboard" || len(cookies) == 0 {
		t.Fatalf("the real admin from a clean address: %d %q, want 303 to /dashboard", code, loc)
	}
	// Past the account's ceiling, a new address gets one try, not five.
	c := loginClientFrom("127.0.0.40")
	codes := []int{}
	for j := range 3 {
		code, _, _ := postLogin(t, c, p.url, "admin", fmt.Sprintf("lagi-%d", j), "")
		codes = append(codes, code)
	}
	if codes[0] != http.StatusUnauthorized || codes[1] != http.StatusTooManyRequests || codes[2] != http.StatusTooManyRequests {
		t.Errorf("a new address past the account's ceiling: %v, want [401 429 429]", codes)
	}
}

// auditCount counts the audit lines with an action.
func auditCount(t *testing.T, db *chtest.DB, action string) uint64 {
	t.Helper()
	var n uint64
	q := "SELECT count() FROM " + db.Name + ".audit_log WHERE action = ?"
	if err := db.Conn.QueryRow(context.Background(), q, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLoginFloodKeepsTheAuditLogSmall: 1 000 login attempts from one address write a
// handful of audit lines, throttled ones as one line per address and minute with a count.
func TestLoginFloodKeepsTheAuditLogSmall(t *testing.T) {
	p, db, _ := staffServer(t)
	c := loginClientFrom("127.0.0.9")
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 125 {
				code, _, _ := postLogin(t, c, p.url, []string{"admin", "siapa-saja"}[j%2], fmt.Sprintf("tebak-%d-%d", w, j), "")
				mu.Lock()
				codes[code]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if codes[http.StatusTooManyRequests] < 900 {
		t.Errorf("answers to the flood: %v, want ≥ 900 throttled", codes)
	}
	// Stopping skm writes the counts of the running minute; the spool is drained.
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
	case <-time.After(60 * time.Second):
		t.Fatal("skm did not exit")
	}
	var total uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".audit_log").Scan(&total); err != nil {
		t.Fatal(err)
	}
	refused, throttled := auditCount(t, db, "login.refused"), auditCount(t, db, "login.throttled")
	if total > 40 || throttled > 4 {
		t.Errorf("1 000 login attempts wrote %d audit lines (%d refused, %d throttled), want ≤ 40", total, refused, throttled)
	}
	var counted uint64
	q := "SELECT sum(toUInt64OrZero(extract(detail, '^([0-9]+)'))) FROM " + db.Name + ".audit_log WHERE action = 'login.throttled'"
	if err := db.Conn.QueryRow(context.Background(), q).Scan(&counted); err != nil {
		t.Fatal(err)
	}
	if counted != uint64(codes[http.StatusTooManyRequests]) {
		t.Errorf("the throttled lines count %d attempts, %d were throttled", counted, codes[http.StatusTooManyRequests])
	}
	// No raw address in the log.
	var raw uint64
	q = "SELECT count() FROM " + db.Name + ".audit_log WHERE position(concat(target, detail), '127.0.0') > 0"
	if err := db.Conn.QueryRow(context.Background(), q).Scan(&raw); err != nil || raw != 0 {
		t.Errorf("%d audit lines carry a raw address (%v)", raw, err)
	}
}

// TestLogoutSurvivesRestart: a cookie ended by logout stays refused after skm restarts on
// the same data directory and database.
func TestLogoutSurvivesRestart(t *testing.T) {
	p, db, data := staffServer(t)
	c := loginClientFrom("127.0.0.1")
	code, _, cookies := postLogin(t, c, p.url, "admin", adminPassword, "")
	if code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	if code, _ := getWith(t, c, p.url+"/dashboard", cookies); code != http.StatusOK {
		t.Fatalf("dashboard signed in: %d", code)
	}
	req, _ := http.NewRequest(http.MethodPost, p.url+"/logout", nil)
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	resp, err := c.Do(req)
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %v %v", resp, err)
	}
	resp.Body.Close()
	if code, loc := getWith(t, c, p.url+"/dashboard", cookies); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("the logged-out cookie still works before the restart: %d %s", code, loc)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-p.exited
	p2 := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", data, "--clickhouse", db.DSN)
	if code, loc := getWith(t, c, p2.url+"/dashboard", cookies); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("after a restart the logged-out cookie works again: %d %s", code, loc)
	}
	// A new login still works (the session key survived the restart).
	code, _, cookies = postLogin(t, c, p2.url, "admin", adminPassword, "")
	if code != http.StatusSeeOther {
		t.Fatalf("login after restart: %d", code)
	}
	if code, _ := getWith(t, c, p2.url+"/dashboard", cookies); code != http.StatusOK {
		t.Errorf("a fresh login after the restart: %d", code)
	}
}
