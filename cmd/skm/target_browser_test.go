package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"skm/reports"
	"skm/reports/xlsx/xlsxtest"
)

// The Kalbar head sets last month's year's targets on /target/bppd-kalbar in a real browser:
// first an IKM target below the period's IKM and an overdue cap at the overdue count (both
// tiles green), then a target above the IKM and a cap below the count: the IKM tile leaves
// green, the overdue tile turns red ("melebihi batas"), and the monthly workbook downloaded
// next shows the same targets in its Ringkasan (read with openpyxl). A refused setting keeps
// the typed values; the history shows old → new.
func TestRealBrowserHeadSetsTargets(t *testing.T) {
	p := startDemo(t)
	month := monthOf(kalbarNow(t)).Previous()
	year := strconv.Itoa(month.Year)
	dash := p.url + "/dashboard/bppd-kalbar?month=" + month.Code()
	ctx := browser(t)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAs(dash, "kepala-kalbar")); err != nil {
		t.Fatal(err)
	}
	// tile returns the light, the value and the status of the tile labelled label.
	tile := func(label string) (light string, value float64, status string) {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
			const t = Array.from(document.querySelectorAll('.tile')).find(e => e.querySelector('.label').textContent.trim() === %q);
			if (!t) return [];
			const s = t.querySelector('.light');
			return [t.className.replace('tile', '').trim(), t.querySelector('.value').textContent.trim(), s ? s.textContent.trim() : ''];
		})()`, label)))
		if err != nil || len(v) != 3 {
			t.Fatalf("no tile %q: %v", label, err)
		}
		return v[0], decimalOf(t, v[1]), v[2]
	}
	_, ikm, _ := tile(reports.KPIPeriodIKM)
	_, overdue, _ := tile(reports.KPIOverdue)
	if ikm < 27 || ikm > 98 || overdue < 1 {
		t.Fatalf("the demo's %s: IKM %v, %v overdue; the test needs an IKM from 27 to 98 and an overdue case", month, ikm, overdue)
	}
	// set fills the targets form and submits it; wantSaved: a 303 back to the page.
	set := func(ikmTarget, onTime, cap, note string, wantSaved bool) {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/target/bppd-kalbar"), chromedp.WaitVisible(chromedp.CSS(`#form`)))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
				const v = {tahun: %q, ikm: %q, tepat_waktu: %q, batas_terlambat: %q, catatan: %q};
				for (const [id, x] of Object.entries(v)) document.getElementById(id).value = x;
				return true;
			})()`, year, ikmTarget, onTime, cap, note)))
		}
		if err == nil {
			err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.notice`)))
		}
		if err != nil {
			t.Fatal(err)
		}
		text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
		if saved := strings.Contains(text, "Target tahun "+year+" disimpan"); saved != wantSaved {
			t.Fatalf("setting IKM %s, cap %s: saved %v, want %v\n%.2000s", ikmTarget, cap, saved, wantSaved, text)
		}
	}
	below, above := math.Floor(ikm)-1, math.Min(100, math.Ceil(ikm)+1)
	format := func(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', 2, 64), ".", ",", 1) }

	// A refused setting (IKM target 120) keeps the values and changes nothing.
	set("120", "90", "", "rapat evaluasi bulanan", false)
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#ikm`))); v != "120" {
		t.Errorf("the refused form lost the typed IKM target: %q", v)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	if !strings.Contains(text, "Target IKM berupa angka dari 25 sampai 100") {
		t.Errorf("no message at the IKM target:\n%.1500s", text)
	}

	set(format(below), "50", strconv.Itoa(int(overdue)), "rapat evaluasi bulanan", true)
	if err := chromedp.Do(ctx, chromedp.Navigate(dash), chromedp.WaitVisible(chromedp.CSS(`.tiles`))); err != nil {
		t.Fatal(err)
	}
	if l, _, s := tile(reports.KPIPeriodIKM); l != "hijau" || !strings.Contains(s, "target "+format(below)) {
		t.Errorf("IKM %v against the target %v: %s %q, want hijau", ikm, below, l, s)
	}
	if l, _, s := tile(reports.KPIOverdue); l != "hijau" || !strings.Contains(s, "dalam batas "+strconv.Itoa(int(overdue))) {
		t.Errorf("%v overdue within a cap of as many: %s %q, want hijau", overdue, l, s)
	}

	cap := int(overdue) - 1
	set(format(above), "95", strconv.Itoa(cap), "keputusan kepala nomor 7", true)
	if err := chromedp.Do(ctx, chromedp.Navigate(dash), chromedp.WaitVisible(chromedp.CSS(`.tiles`))); err != nil {
		t.Fatal(err)
	}
	if l, _, s := tile(reports.KPIPeriodIKM); l == "hijau" || l == "" || !strings.Contains(s, "target "+format(above)) {
		t.Errorf("IKM %v against the target %v: %s %q, want it no longer green", ikm, above, l, s)
	}
	if l, _, s := tile(reports.KPIOverdue); l != "merah" || !strings.Contains(s, "melebihi batas "+strconv.Itoa(cap)) {
		t.Errorf("%v overdue above a cap of %d: %s %q, want merah", overdue, cap, l, s)
	}
	if dir := os.Getenv("SKM_SCREENSHOT_DIR"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			_ = os.WriteFile(filepath.Join(dir, "dashboard-targets.png"), shot, 0o644)
		}
	}

	// The month's workbook, downloaded by the head's browser, shows the same targets.
	book := monthlyWorkbook(t, ctx, month)
	sum := xlsxtest.Read(t, book, false, true).Sheet(t, "Ringkasan")
	for _, c := range []struct {
		label string
		want  float64
	}{{reports.KPIPeriodIKM, above}, {reports.KPIMonthIKM, above}, {reports.KPIOverdue, float64(cap)}} {
		if got, ok := sum.Right(t, c.label, 6).(float64); !ok || got != c.want {
			t.Errorf("Ringkasan, target of %q: %v, want %v as on the dashboard", c.label, sum.Right(t, c.label, 6), c.want)
		}
	}

	// The history names both settings with old → new; staff read it without the form.
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/target/bppd-kalbar"), chromedp.WaitVisible(chromedp.CSS(`#riwayat`))); err != nil {
		t.Fatal(err)
	}
	hist, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#riwayat').innerText`))
	if !strings.Contains(hist, format(below)+" → "+format(above)) || !strings.Contains(hist, "keputusan kepala nomor 7") ||
		!strings.Contains(hist, "88,31 → "+format(below)) {
		t.Errorf("history:\n%s", hist)
	}
	var unexpected []string
	for _, e := range errs.all() {
		if !strings.Contains(e, "status of 422") { // the refused setting, answered 422 on purpose
			unexpected = append(unexpected, e)
		}
	}
	if len(unexpected) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(unexpected, "\n"))
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch('/target/bppd-ntt').then(r => r.status)`, chromedp.EvalAwaitPromise))
	if err != nil || status != 403 {
		t.Errorf("another agency's targets as the Kalbar head: %d %v, want 403", status, err)
	}
}
