package main

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"skm/reports/xlsx/xlsxtest"
	"skm/survey"
)

// The public results of the demo in a real Chromium: on a phone (360 px) the page shows the
// last ended semester's IKM, its follow-up plan and publications (the demo records them)
// with Indonesian numbers and no sideways scrolling; on a 1920×1080 waiting-room screen
// (?tv=1) the headings are larger than the text and the per-element table is there; the
// IKM board prints on exactly one A4 and one A3 page; the image for social media is a
// 1080×1080 PNG. Screenshots of each are saved.
func TestRealBrowserPublicResultsBoardAndImage(t *testing.T) {
	p := startDemo(t)
	dir := artifactDir(t)
	ctx := browserWithin(t, 3*time.Minute)
	errs := watchConsole(t, ctx)
	period := survey.PeriodOf(kalbarNow(t), survey.SchemeSemester).Previous()
	results := p.url + "/hasil/bppd-kalbar"

	// A phone.
	err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)),
		chromedp.Navigate(results), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	scrollWidth, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	innerWidth, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if innerWidth != 360 || scrollWidth > innerWidth {
		t.Errorf("at %d px the results page scrolls sideways: %d", innerWidth, scrollWidth)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	for _, want := range []string{period.Label(survey.ID) + " (", "Mutu ", "Sampel ", "Per unsur", "Per layanan", "Perkembangan",
		"Rencana tindak lanjut (RTL) " + period.Label(survey.ID), "U3 Waktu Penyelesaian", "Penanggung jawab: Kepala Subbagian Umum",
		"60 % selesai", "100 % selesai", "1 dari 3 butir tindak lanjut selesai; rata-rata kemajuan 53 %.", "Publikasi hasil", "Papan pengumuman:",
		"Papan IKM untuk dicetak (A4)", "Gambar hasil untuk media sosial"} {
		if !strings.Contains(text, want) {
			t.Errorf("the results page lacks %q", want)
		}
	}
	// The demo has some 1 800 respondents a semester: counts carry a thousands point.
	if m := regexp.MustCompile(`(\d[\d.]*) responden`).FindStringSubmatch(text); m == nil || !regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`).MatchString(m[1]) {
		t.Errorf("respondents not written the Indonesian way: %v", m)
	}
	if m := regexp.MustCompile(`\b\d{4,}\b`).FindAllString(regexp.MustCompile(`\b20\d\d\b|https?://\S+`).ReplaceAllString(text, ""), -1); len(m) > 0 {
		t.Errorf("numbers without a thousands point: %v", m)
	}
	// The results page itself is recorded as a publication: a link, opened without opener.
	link, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector('.pubs a'); return a ? a.href + ' ' + a.rel : ''; })()`))
	if link != results+" noopener" {
		t.Errorf("publication link %q", link)
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "hasil-360.png"), shot, 0o644)
	}

	// The waiting-room screen.
	err = chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(results+"?tv=1"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	type sizes struct{ Body, H1, H2, Big float64 }
	got, err := chromedp.Run(ctx, chromedp.Evaluate[sizes](`(() => {
		const px = e => e ? parseFloat(getComputedStyle(e).fontSize) : 0;
		return {Body: px(document.querySelector('td')), H1: px(document.querySelector('h1')), H2: px(document.querySelector('h2')), Big: px(document.querySelector('.big'))};
	})()`))
	if err != nil || got.Body < 24 || got.H1 <= got.Body || got.H2 <= got.Body || got.Big < 2*got.H1 {
		t.Errorf("TV font sizes (px) %+v (%v): the text must be readable from a distance and headings larger", got, err)
	}
	tv, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	rows, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('table')).filter(t => /U9 Sarana dan Prasarana/.test(t.innerText)).length`))
	if !strings.Contains(tv, "Per unsur ("+period.Label(survey.ID)+")") || rows != 1 {
		t.Errorf("the TV view lacks the per-element table")
	}
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "hasil-tv-1920.png"), shot, 0o644)
	}

	// The board, printed by Chromium.
	for _, paper := range []struct{ size, pts string }{{"A4", `59[45](\.\d+)? x 84[12](\.\d+)?`}, {"A3", `84[12](\.\d+)? x 119[01](\.\d+)?`}} {
		err = chromedp.Do(ctx, chromedp.EmulateViewport(1000, 1400), chromedp.Navigate(results+"/papan?ukuran="+paper.size),
			chromedp.WaitVisible(chromedp.CSS(`.sheet`)))
		if err != nil {
			t.Fatal(err)
		}
		if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			_ = os.WriteFile(filepath.Join(dir, "papan-"+paper.size+"-layar.png"), shot, 0o644)
		}
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPrintBackground(), func(p *page.PrintToPDFParams) { t := true; p.PreferCSSPageSize = &t }))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "papan-"+paper.size+".pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", file).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		if !regexp.MustCompile(`(?m)^Pages:\s+1$`).Match(info) || !regexp.MustCompile(`(?m)^Page size:\s+`+paper.pts+` pts`).Match(info) {
			t.Errorf("the %s board is not one %s page:\n%s", paper.size, paper.size, info)
		}
		printed := strings.Join(strings.Fields(xlsxtest.PDFText(t, file)), " ")
		for _, want := range []string{"INDEKS KEPUASAN MASYARAKAT", period.Label(survey.ID), "Mutu pelayanan", " responden",
			"U9 Sarana dan Prasarana", "Sampaikan penilaian Saudara", "Diumumkan "} {
			if !strings.Contains(printed, want) {
				t.Errorf("the printed %s board lacks %q:\n%s", paper.size, want, printed)
			}
		}
		if strings.Contains(printed, "Ukuran lain") {
			t.Errorf("the printed %s board shows the screen's tools", paper.size)
		}
		if out, err := exec.Command("pdftoppm", "-r", "50", "-png", file, filepath.Join(dir, "papan-"+paper.size+"-cetak")).CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v %s", err, out)
		}
	}

	// The image for social media.
	code, body, _ := timedRequest(http.MethodGet, results+"/papan.png", "", "", 20*time.Second)
	img, err := png.Decode(bytes.NewReader([]byte(body)))
	if code != http.StatusOK || err != nil || img.Bounds() != image.Rect(0, 0, 1080, 1080) {
		t.Fatalf("papan.png: %d %v", code, err)
	}
	_ = os.WriteFile(filepath.Join(dir, "papan.png"), []byte(body), 0o644)
	// The resident pages name no icon; the browser's own request for one is not the page's.
	if e := slices.DeleteFunc(errs.all(), func(s string) bool { return strings.HasSuffix(s, "/favicon.ico") }); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}
