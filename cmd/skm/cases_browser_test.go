package main

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A staff member works in the case register in a real browser: the backlog's counts per
// officer are the counts of the register filtered by that officer and "belum selesai" or
// "terlambat"; on an overdue demo case she adds a note, reclassifies it, sees the new time
// limit and deadline, and then the history lines (who changed what) and the note.
func TestRealBrowserCaseRegisterBacklogNoteAndReclassify(t *testing.T) {
	p := startDemo(t, "--batch-max-wait", "100ms")
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), loginAt(p.url+"/cases/bppd-kalbar/petugas", "staf-kalbar", `#beban`))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name, OpenLink, OverdueLink string
		Open, Overdue               int
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]row](`Array.from(document.querySelectorAll('#beban tbody tr')).map(tr => ({
		Name: tr.cells[0].textContent.trim(), Open: parseInt(tr.cells[1].textContent), Overdue: parseInt(tr.cells[2].textContent),
		OpenLink: tr.querySelector('a.open') ? tr.querySelector('a.open').href : '',
		OverdueLink: tr.querySelector('a.overdue') ? tr.querySelector('a.overdue').href : ''}))`))
	if err != nil || len(rows) == 0 {
		t.Fatalf("backlog rows: %v %v", rows, err)
	}
	// The register's count of the filtered list ("N kasus", or "N kasus terlambat").
	registerCount := func(link string) int {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`form.filters`))); err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#jumlah-kasus') || {textContent: '0'}).textContent`))
		if err != nil {
			t.Fatal(err)
		}
		v, _ := strconv.Atoi(strings.Fields(n + " ")[0])
		return v
	}
	var overdueLink string
	checked := 0
	for _, r := range rows {
		if r.Open > 500 || checked == 3 {
			continue // the register lists 500 at most
		}
		checked++
		if got := registerCount(r.OpenLink); got != r.Open {
			t.Errorf("%s: backlog %d open, register %d", r.Name, r.Open, got)
		}
		if r.Overdue > 0 {
			if got := registerCount(r.OverdueLink); got != r.Overdue {
				t.Errorf("%s: backlog %d overdue, register %d", r.Name, r.Overdue, got)
			}
			// The filters are kept in the URL and in the form.
			kept, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#f-terlambat').checked && document.querySelector('#f-petugas').value !== ''`))
			if !kept {
				t.Errorf("%s: the overdue register does not show its filters", r.Name)
			}
			if overdueLink == "" {
				overdueLink = r.OverdueLink
			}
		}
	}
	if overdueLink == "" {
		t.Fatal("no officer with overdue cases in the demo data")
	}

	// An overdue case of that officer: a note, then a reclassification.
	if err := chromedp.Do(ctx, chromedp.Navigate(overdueLink), chromedp.WaitVisible(chromedp.CSS(`table`))); err != nil {
		t.Fatal(err)
	}
	caseURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('tbody tr a').href`))
	if err != nil {
		t.Fatal(err)
	}
	note := fmt.Sprintf("Pelapor dihubungi lewat telepon %d.", time.Now().UnixNano())
	if err := chromedp.Do(ctx, chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.CSS(`#note`)),
		chromedp.SendKeys(chromedp.CSS(`#note`), note), chromedp.Submit(chromedp.CSS(`#note`))); err != nil {
		t.Fatal(err)
	}
	// The answer is the case page again, at its history (a 303 after the POST).
	for until := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`location.hash === '#riwayat' && document.querySelector('#riwayat').innerText.includes(%q)`, note)))
		if shown {
			break
		}
		if time.Now().After(until) {
			t.Fatal("the note is not in the history after saving")
		}
	}
	history, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#riwayat').innerText`))
	if !strings.Contains(history, "Catatan: "+note) || !strings.Contains(history, "staf-kalbar") || !strings.Contains(history, "Kasus dicatat") {
		t.Errorf("history after the note:\n%s", history)
	}
	service, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#re-service').value`))
	class, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#re-class').value`))
	toClass, toLimit := "ringan", "3 jam kerja"
	if service == "pengaduan" && class == "ringan" {
		toClass, toLimit = "normatif", "5 hari kerja"
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#re-service`), "pengaduan"),
		chromedp.SetValue(chromedp.CSS(`#re-kind`), "pengaduan"),
		chromedp.SetValue(chromedp.CSS(`#re-class`), toClass),
		chromedp.Submit(chromedp.CSS(`#re-class`))); err != nil {
		t.Fatal(err)
	}
	var saved string
	for until := time.Now().Add(10 * time.Second); !strings.Contains(saved, "disimpan"); time.Sleep(200 * time.Millisecond) {
		saved, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main h1').innerText + '\n' + document.querySelector('main').innerText`))
		if time.Now().After(until) {
			t.Fatalf("no saved page after the reclassification:\n%s", saved)
		}
	}
	if !strings.Contains(saved, "Standar waktu: "+toLimit+"; tenggat ") {
		t.Fatalf("the saved page should name the new time limit %q and deadline:\n%s", toLimit, saved)
	}
	// The history shows the reclassification once the batcher stored it.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if err := chromedp.Do(ctx, chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.CSS(`#riwayat`))); err != nil {
			t.Fatal(err)
		}
		history, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#riwayat').innerText`))
		if strings.Contains(history, "Standar waktu: ") && strings.Contains(history, " → "+toLimit) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the reclassification is not in the history after 20 s:\n%s", history)
		}
		time.Sleep(300 * time.Millisecond)
	}
	if !strings.Contains(history, "Kelas pengaduan: ") || !strings.Contains(history, "Tenggat: ") || !strings.Contains(history, "Catatan: "+note) {
		t.Errorf("history after the reclassification:\n%s", history)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
