package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"skm/survey"
)

// In a real browser: staff record last month's evaluation meeting and a decision on
// /rapat/bppd-kalbar; this month's page carries it ("dibawa dari rapat …"); the head closes
// it there with a note; next month's page no longer shows it, this month's neither, and last
// month's page still shows it open, as it stood at that month's end. A refused meeting form
// keeps the typed attendees.
func TestRealBrowserMeetingDecisionCarriedUntilClosed(t *testing.T) {
	p := startDemo(t)
	now := kalbarNow(t)
	cur := monthOf(now)
	prev, next := cur.Previous(), cur.Next()
	page := func(m survey.Period) string { return p.url + "/rapat/bppd-kalbar?month=" + m.Code() }
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAs(p.url+"/dashboard/bppd-kalbar", "staf-kalbar")); err != nil {
		t.Fatal(err)
	}
	// fill sets the form fields by id and submits the form, waiting for the page it answers.
	fill := func(form string, values map[string]string) {
		t.Helper()
		// The notice of the page before is removed: the wait below is for the answer's.
		js := "(() => { document.querySelectorAll('.notice').forEach(e => e.remove());"
		for id, v := range values {
			js += fmt.Sprintf("document.getElementById(%q).value = %q;", id, v)
		}
		js += "return true;})()"
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil {
			err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(form+` button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.notice`)))
		}
		if err != nil {
			t.Fatalf("submit %s: %v", form, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {innerText: ''}).innerText`, sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	open := func(m survey.Period) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(page(m)), chromedp.WaitVisible(chromedp.CSS(`#dibawa`))); err != nil {
			t.Fatal(err)
		}
	}
	// decisionsDue is the ringkasan of month m: its decisions of the meeting not yet done.
	decisionsDue := func(m survey.Period) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/dashboard/bppd-kalbar/ringkasan?month="+m.Code()), chromedp.WaitVisible(chromedp.CSS(`#keputusan`))); err != nil {
			t.Fatal(err)
		}
		return text("#keputusan")
	}
	const decision = "Tambah satu petugas loket pengaduan pada jam sibuk"
	held := time.Date(prev.Year, time.Month(prev.N), 20, 0, 0, 0, 0, time.UTC)

	// Staff record last month's meeting: a refused form first (no date), then the real one.
	open(prev)
	fill("#form-rapat", map[string]string{"peserta-isian": "Kepala BPPD\nSekretaris\nKasubbag Umum"})
	if msg := text("main"); !strings.Contains(msg, "Isi tanggal rapat.") {
		t.Errorf("no message for the missing date:\n%.1500s", msg)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#peserta-isian`))); v != "Kepala BPPD\nSekretaris\nKasubbag Umum" {
		t.Errorf("the refused form lost the attendees: %q", v)
	}
	fill("#form-rapat", map[string]string{"tanggal": held.Format(time.DateOnly), "peserta-isian": "Kepala BPPD\nSekretaris\nKasubbag Umum"})
	fill("#keputusan", map[string]string{"isi-keputusan": decision, "penanggung_jawab": "Kasubbag Umum",
		"tenggat": now.AddDate(0, 0, 10).Format(time.DateOnly), "layanan": "pengaduan"})
	if got := text("#rapat"); !strings.Contains(got, survey.DateLabel(held, survey.ID)) || !strings.Contains(got, "Sekretaris") {
		t.Errorf("last month's meeting:\n%s", got)
	}
	if got := text("#keputusan-rapat"); !strings.Contains(got, decision) || !strings.Contains(got, "Terbuka") {
		t.Errorf("last month's decisions:\n%s", got)
	}

	// This month's page carries it.
	open(cur)
	if got := text("#dibawa"); !strings.Contains(got, decision) || !strings.Contains(got, "dibawa dari rapat "+prev.Label(survey.ID)) {
		t.Fatalf("this month's page does not carry the decision:\n%s", got)
	}
	// The next month's ringkasan lists it among the actions due, until it is closed.
	if got := decisionsDue(cur); !strings.Contains(got, decision) || !strings.Contains(got, "rapat "+prev.Label(survey.ID)) {
		t.Errorf("this month's ringkasan lacks the open decision of last month's meeting:\n%s", got)
	}

	// The head closes it on this month's page.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
		return err
	}), loginAs(p.url+"/dashboard/bppd-kalbar", "kepala-kalbar")); err != nil {
		t.Fatal(err)
	}
	open(cur)
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#dibawa tr[data-id]').dataset.id`))
	if err != nil || id == "" {
		t.Fatalf("no decision row: %v", err)
	}
	fill("#tutup", map[string]string{"tutup-id": id, "tutup-status": "selesai", "tutup-catatan": "Petugas tambahan bertugas sejak Senin"})
	if got := text("main"); !strings.Contains(got, "Keputusan ditutup.") || strings.Contains(text("#dibawa"), decision) {
		t.Errorf("after the close, this month's page:\n%.2000s", got)
	}
	if got := decisionsDue(cur); strings.Contains(got, decision) || !strings.Contains(got, "Semua keputusan rapat sebelumnya sudah selesai") {
		t.Errorf("this month's ringkasan after the close:\n%s", got)
	}
	open(next)
	if got := text("main"); strings.Contains(got, decision) {
		t.Errorf("next month's page still shows the closed decision:\n%s", got)
	}
	// Last month's page shows it as it stood at that month's end: open.
	open(prev)
	if got := text("#keputusan-rapat"); !strings.Contains(got, decision) || !strings.Contains(got, "Terbuka") || strings.Contains(got, "Petugas tambahan") {
		t.Errorf("last month's page after the close:\n%s", got)
	}
	var unexpected []string
	for _, e := range errs.all() {
		if !strings.Contains(e, "status of 422") { // the refused meeting form, answered 422 on purpose
			unexpected = append(unexpected, e)
		}
	}
	if len(unexpected) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(unexpected, "\n"))
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch('/rapat/bppd-ntt').then(r => r.status)`, chromedp.EvalAwaitPromise))
	if err != nil || status != 403 {
		t.Errorf("another agency's meetings as the Kalbar head: %d %v, want 403", status, err)
	}
}
