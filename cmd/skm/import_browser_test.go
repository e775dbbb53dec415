package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"skm/reports/xlsx/xlsxtest"
	"skm/survey"
)

// fillTemplate fills the questionnaire template at tpl with rows (one []any per
// questionnaire, in the template's columns) with openpyxl, as a person's spreadsheet would,
// and saves it as out.
func fillTemplate(t *testing.T, tpl, out string, rows [][]any) {
	t.Helper()
	raw, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	script := `import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for r in json.loads(sys.argv[3]):
    ws.append(r)
wb.save(sys.argv[2])
`
	cmd := exec.Command(xlsxtest.Python, "-c", script, tpl, out, string(raw))
	if msg, err := cmd.CombinedOutput(); err != nil {
		if strings.Contains(string(msg), "No module named 'openpyxl'") && os.Getenv("CI") != "true" {
			t.Skip("python3-openpyxl not installed")
		}
		t.Fatalf("openpyxl: %v\n%s", err, msg)
	}
}

// questionnaire is one template row: service, day and minute past 10:00, answers all v
// except the first, profile and saran.
func questionnaire(service, day string, minute int, first, v any) []any {
	row := []any{nil, service, day, fmt.Sprintf("10:%02d", minute), first}
	for range 8 {
		row = append(row, v)
	}
	return append(row, 41, "L", "SMA", "Wirausaha", fmt.Sprintf("Saran nomor %d", minute))
}

// heapWatch samples the server's live heap from /metrics until stopped, and returns the
// most seen.
func heapWatch(t *testing.T, base string) (stop func() uint64) {
	t.Helper()
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := func() {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			return
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "go_memstats_heap_alloc_bytes "); ok {
				f, _ := strconv.ParseFloat(v, 64)
				mu.Lock()
				peak = max(peak, uint64(f))
				mu.Unlock()
			}
		}
	}
	go func() {
		defer close(finished)
		for {
			sample()
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// The "Done when", in a real Chromium: a staff member downloads the questionnaire
// template from the import page, fills in six questionnaires (openpyxl), uploads them, sees
// the preview, saves, and the public IKM counts six more respondents; a file with errors
// shows every row's message (422) and stores nothing; the same file again stores nothing; the
// file with one row added stores one; a zip bomb is refused with a clear message while the
// server's heap stays within the stated bound (128 MB).
func TestRealBrowserStaffImportsPaperQuestionnaires(t *testing.T) {
	p := startDemo(t, "--batch-max-wait", "100ms")
	kb, _ := exampleSet(t).Agency("bppd-kalbar")
	day := runningDay(kb)
	// settled waits until the IKM counts want respondents, and checks it stays there.
	settled := func(want uint64, what string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for runningRespondents(t, p) != want && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond) // a second store would have landed by now
		if got := runningRespondents(t, p); got != want {
			t.Fatalf("%s: the IKM counts %d respondents, want %d", what, got, want)
		}
	}
	before := runningRespondents(t, p)
	dir := t.TempDir()

	// Eleven page loads, four uploads and a bomb: more than browser's 90 s on a busy machine.
	ctx := browserWithin(t, 4*time.Minute)
	errs := watchConsole(t, ctx)
	importPage := p.url + "/impor/bppd-kalbar"
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAt(importPage, "staf-kalbar", `#berkas`)); err != nil {
		t.Fatal(err)
	}
	// The template, downloaded by the staff member's browser from the page's link.
	tpl := downloadInBrowser(t, ctx, `document.querySelector('a[href$="kuesioner.xlsx"]').href`, "templat.xlsx", "the template")
	var six [][]any
	for i := range 6 {
		six = append(six, questionnaire([]string{"konsultasi", "narasumber"}[i%2], day, i, 4, 3))
	}
	good := filepath.Join(dir, "kuesioner-oktober.xlsx")
	fillTemplate(t, tpl, good, six)
	seven := filepath.Join(dir, "kuesioner-oktober-tambah.xlsx")
	fillTemplate(t, tpl, seven, append(six, questionnaire("konsultasi", day, 6, 2, 2)))
	broken := filepath.Join(dir, "kuesioner-rusak.xlsx")
	fillTemplate(t, tpl, broken, [][]any{questionnaire("konsultasi", day, 7, 5, 3), questionnaire("pajak", day, 8, 4, 3), questionnaire("konsultasi", day, 9, 4, 3)})

	// upload sends a file from a fresh import page and returns the answer's status and text.
	upload := func(path string) (int, string) {
		t.Helper()
		defer func(start time.Time) { t.Logf("upload %s: %v", filepath.Base(path), time.Since(start)) }(time.Now())
		err := chromedp.Do(ctx,
			chromedp.Navigate(importPage),
			chromedp.WaitVisible(chromedp.CSS(`#berkas`)),
			chromedp.SetValue(chromedp.CSS(`#jenis`), "responses"),
			chromedp.SetUploadFiles(chromedp.CSS(`#berkas`), []string{path}),
			chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button[type=submit]`)),
		)
		if err != nil {
			t.Fatalf("upload %s: %v", filepath.Base(path), err)
		}
		// The answer replaces the page: ask the page that is there until it is the preview.
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === 'complete' && Array.from(document.querySelectorAll('h2')).some(h => h.textContent.startsWith('Pratinjau'))`))
			if err == nil && shown {
				break
			}
			if time.Now().After(deadline) {
				text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
				t.Fatalf("upload %s: no preview within 30 s (%v)\n%s", filepath.Base(path), err, text)
			}
		}
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByType('navigation')[0].responseStatus`))
		text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
		return status, text
	}
	// save presses Simpan and returns the summary.
	save := func() string {
		t.Helper()
		defer func(start time.Time) { t.Logf("save: %v", time.Since(start)) }(time.Now())
		err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`form[action$="/simpan"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`p.notice[role=status]`)),
		)
		if err != nil {
			t.Fatalf("Simpan: %v", err)
		}
		text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p.notice[role=status]`)))
		return text
	}

	status, text := upload(good)
	period := survey.PeriodOf(time.Now().In(kb.Location), kb.SurveyPeriods).Label(survey.ID)
	for _, want := range []string{"Pratinjau: kuesioner-oktober.xlsx", "6 baris dibaca", "Konsultasi", "3", period,
		"0 kuesioner dikenali dari nomornya dan 6 dari isinya", "6 kuesioner baru akan disimpan."} {
		if !strings.Contains(text, want) {
			t.Errorf("preview: no %q in\n%s", want, text)
		}
	}
	if status != http.StatusOK {
		t.Errorf("preview of a clean file: %d, want 200", status)
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
		_ = os.WriteFile(filepath.Join(artifactDir(t), "impor-pratinjau.jpg"), shot, 0o644)
	}
	if got := runningRespondents(t, p); got != before {
		t.Fatalf("the preview stored something: %d respondents, were %d", got, before)
	}
	if msg := save(); !strings.Contains(msg, "Berkas kuesioner-oktober.xlsx disimpan: 6 baris dibaca, 6 baris baru disimpan") {
		t.Errorf("summary: %q", msg)
	}
	settled(before+6, "after Simpan")

	status, text = upload(broken)
	for _, want := range []string{"2 masalah ditemukan", `baris 2, kolom P1_U1: jawaban "5" harus 1, 2, 3 atau 4`, `baris 3, kolom layanan: layanan "pajak" tidak dikenal`} {
		if !strings.Contains(text, want) {
			t.Errorf("a file with errors: no %q in\n%s", want, text)
		}
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('form[action$="/simpan"]').length`)); status != http.StatusUnprocessableEntity || n != 0 {
		t.Errorf("a file with errors: %d with %d Simpan forms, want 422 and none", status, n)
	}

	if _, text = upload(good); !strings.Contains(text, "0 kuesioner baru akan disimpan; 6 sudah tersimpan") {
		t.Errorf("the same file again: the preview should say nothing is new\n%s", text)
	}
	if msg := save(); !strings.Contains(msg, "0 baris baru disimpan") {
		t.Errorf("the same file again: summary %q", msg)
	}
	if _, text = upload(seven); !strings.Contains(text, "1 kuesioner baru akan disimpan; 6 sudah tersimpan") {
		t.Errorf("one row added: the preview should say one is new\n%s", text)
	}
	if msg := save(); !strings.Contains(msg, "7 baris dibaca, 1 baris baru disimpan") {
		t.Errorf("one row added: summary %q", msg)
	}
	settled(before+7, "after the same file and the file with one row added")

	bombPath := filepath.Join(dir, "kuesioner-bom.xlsx")
	if err := os.Rename(zipBomb(t, good), bombPath); err != nil {
		t.Fatal(err)
	}
	stop := heapWatch(t, p.url)
	start := time.Now()
	status, text = upload(bombPath)
	took := time.Since(start)
	peak := stop()
	if status != http.StatusUnprocessableEntity || !strings.Contains(text, `("bom zip") ditolak`) {
		t.Errorf("a zip bomb: %d, want 422 with a clear refusal\n%s", status, text)
	}
	// The bound of ingest.WebImportLimits: 128 MB of heap for a file within the limits, and
	// a bomb is refused before it is opened.
	if peak > 128<<20 {
		t.Errorf("the server's heap reached %d MB while refusing a zip bomb, over the bound of 128 MB", peak>>20)
	}
	t.Logf("zip bomb refused in %v; the server's live heap peaked at %d MB", took, peak>>20)
	settled(before+7, "after the zip bomb")
	for _, e := range errs.all() {
		if !strings.Contains(e, "status of 422") { // the refused files' pages, on purpose
			t.Errorf("console error on the import page: %s", e)
		}
	}
}
