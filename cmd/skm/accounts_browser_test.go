package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestRealBrowserManagesAccountsAndTokens: in a real Chromium, the admin adds a staff account
// and gets its one-time link; the person, in a browser of their own, sets a password with it
// and signs in; the admin disables the account and the person's session ends. Then the admin
// makes an API token, sees it once, a machine uses it, the admin revokes it, and the machine
// is refused (401).
func TestRealBrowserManagesAccountsAndTokens(t *testing.T) {
	p := startDemo(t, "--batch-max-wait", "100ms")
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(c context.Context, sel string) string {
		t.Helper()
		v, err := chromedp.Run(c, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return v
	}
	value := func(c context.Context, sel string) string {
		t.Helper()
		v, err := chromedp.Run(c, chromedp.Value(css(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return v
	}
	location := func(c context.Context) string {
		t.Helper()
		v, err := chromedp.Run(c, chromedp.Location())
		if err != nil {
			t.Fatalf("location: %v", err)
		}
		return v
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(p.url+"/admin/akun"),
		chromedp.WaitVisible(css(`#username`)),
		chromedp.SendKeys(css(`#username`), "admin"),
		chromedp.SendKeys(css(`#password`), demoPassword),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`#baru`)),
		chromedp.SendKeys(css(`#baru #username`), "petugas-web"),
		chromedp.SendKeys(css(`#baru #name`), "Petugas Web"),
		chromedp.SetValue(css(`#baru #role`), "staff"),
		chromedp.SetValue(css(`#baru #agency`), "bppd-kalbar"),
		chromedp.Click(css(`#baru button[type=submit]`)),
		chromedp.WaitVisible(css(`#tautan`)),
	)
	if err != nil {
		t.Fatalf("admin adds an account: %v", err)
	}
	link := value(ctx, `#tautan`)
	if !strings.HasPrefix(link, p.url+"/akun/setel-sandi?kode=") {
		t.Fatalf("one-time link %q", link)
	}
	// The person, in a browser context of their own (no admin cookie).
	person, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	err = chromedp.Do(person,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`#sandi`)),
		chromedp.SendKeys(css(`#sandi`), "Tepian-Kapuas-88"),
		chromedp.SendKeys(css(`#ulang`), "Tepian-Kapuas-88"),
		chromedp.Submit(css(`#ulang`)),
		chromedp.WaitVisible(css(`#password`)),
	)
	if err != nil {
		t.Fatalf("the person sets a password: %v", err)
	}
	if notice := text(person, `.notice`); !strings.Contains(notice, "Kata sandi Anda tersimpan") {
		t.Errorf("after setting the password: %q", notice)
	}
	err = chromedp.Do(person,
		chromedp.SendKeys(css(`#password`), "Tepian-Kapuas-88"),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`.tiles`)),
	)
	if err != nil {
		t.Fatalf("the person signs in: %v", err)
	}
	if at := location(person); !strings.Contains(at, "/dashboard/bppd-kalbar") {
		t.Errorf("signed in at %s", at)
	}
	// The link is used up.
	if err := chromedp.Do(person, chromedp.Navigate(link), chromedp.WaitVisible(css(`.notice.err`))); err != nil {
		t.Fatal(err)
	}
	if gone := text(person, `.notice.err`); !strings.Contains(gone, "tidak berlaku") {
		t.Errorf("the used link: %q", gone)
	}
	// The admin disables the account; the person's next page asks for a login.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.url+"/admin/akun"),
		chromedp.WaitVisible(css(`tr[data-akun="petugas-web"]`)),
		chromedp.Click(css(`tr[data-akun="petugas-web"] input[value="nonaktifkan"] + button`)),
		chromedp.WaitVisible(css(`.notice[role=status]`)),
	)
	if err != nil {
		t.Fatalf("disable: %v", err)
	}
	if notice := text(ctx, `.notice[role=status]`); !strings.Contains(notice, "petugas-web dinonaktifkan") {
		t.Errorf("after disabling: %q", notice)
	}
	if err := chromedp.Do(person, chromedp.Navigate(p.url+"/cases/bppd-kalbar"), chromedp.WaitVisible(css(`#username`))); err != nil {
		t.Fatalf("the disabled account's next page: %v", err)
	}
	if at := location(person); !strings.Contains(at, "/login") {
		t.Errorf("the disabled account's session goes on: at %s", at)
	}

	// API token: made, shown once, used, revoked.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.url+"/admin/token"),
		chromedp.WaitVisible(css(`#baru`)),
		chromedp.SendKeys(css(`#baru #name`), "Sistem kasus"),
		chromedp.SetValue(css(`#baru #agency`), "bppd-kalbar"),
		chromedp.Click(css(`#baru button[type=submit]`)),
		chromedp.WaitVisible(css(`#token`)),
	)
	if err != nil {
		t.Fatalf("create a token: %v", err)
	}
	token := value(ctx, `#token`)
	if !strings.HasPrefix(token, "skm_") {
		t.Fatalf("token %q", token)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/admin/token"), chromedp.WaitVisible(css(`table#token`))); err != nil {
		t.Fatal(err)
	}
	list, err := chromedp.Run(ctx, chromedp.OuterHTML(css(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(token, "skm_"), "_")
	if strings.Contains(list, token) || !strings.Contains(list, id) || !strings.Contains(list, "Sistem kasus") {
		t.Errorf("the token list shows the token again, or lacks it")
	}
	api := func() int {
		req, _ := http.NewRequest(http.MethodGet, p.url+"/api/v1/agencies/bppd-kalbar/cases/summary?month=2026-10", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		c := &http.Client{Timeout: 10 * time.Second}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("API: %v", err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := api(); c != http.StatusOK {
		t.Fatalf("API with the new token: %d", c)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css(`tr[data-token="`+id+`"] button`)), chromedp.WaitVisible(css(`.notice[role=status]`))); err != nil {
		t.Fatalf("revoke: %v", err)
	}
	if notice := text(ctx, `.notice[role=status]`); !strings.Contains(notice, "dicabut") {
		t.Errorf("after revoking: %q", notice)
	}
	if c := api(); c != http.StatusUnauthorized {
		t.Errorf("API with the revoked token: %d, want 401", c)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
