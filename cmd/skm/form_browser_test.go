package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"skm/ingest/chtest"
	"skm/reports/xlsx/xlsxtest"
	"skm/survey"
	"skm/survey/pagetest"
)

// axNode is one node of Chromium's accessibility tree as a screen reader gets it.
type axNode struct {
	Role, Name, Description string
}

// accessibleNodes reads the page's accessibility tree: the nodes a screen reader announces,
// in document order.
func accessibleNodes(t *testing.T, ctx context.Context) []axNode {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("accessibility tree: %v", err)
	}
	str := func(v *accessibility.Value) string {
		var s string
		if v != nil {
			_ = json.Unmarshal([]byte(v.Value), &s)
		}
		return s
	}
	var out []axNode
	for _, n := range tree.Nodes {
		if !n.Ignored {
			out = append(out, axNode{Role: str(n.Role), Name: str(n.Name), Description: str(n.Description)})
		}
	}
	return out
}

// noSidewaysScroll fails the test when the page is wider than the phone's screen, 360 CSS
// pixels, or than half of it, as the page is laid out zoomed to 200 %.
func noSidewaysScroll(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	for _, width := range []int64{180, 360} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 640, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(float64(720/width))))
		if err != nil {
			t.Fatal(err)
		}
		widths, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int64](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		if widths[0] > widths[1] || widths[1] != width {
			t.Errorf("%s scrolls sideways on a screen %d CSS px wide (360 px zoomed to %d %%): %d px wide", page, width, 360*100/width, max(widths[0], widths[1]))
		}
	}
}

// Issue 21 on a phone (360×640), in Kalbar, whose form takes visit codes: the home page
// does not scroll sideways and links each agency's results; the form names the unanswered
// questions in its error summary, a summary link leads to its question (the next Tab is
// that question's first answer), a screen reader hears each answer by its words and each
// question by its legend; after an answer of 1 the thanks page links SP4N-LAPOR! and
// WhatsApp. Screenshots are saved.
func TestRealBrowserFormErrorsNamesAndComplaintChannels(t *testing.T) {
	db := chtest.NewDB(t)
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN)
	ctx := browser(t)
	dir := artifactDir(t)
	save := func(name string, screenshot chromedp.Action[[]byte]) {
		if b, err := chromedp.Run(ctx, screenshot); err == nil {
			_ = os.WriteFile(filepath.Join(dir, name), b, 0o644)
		}
	}
	shot := func(name string) { save(name, chromedp.FullScreenshot(100)) }
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)),
		chromedp.Navigate(p.url+"/"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "the home page")
	results, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href^="/hasil/"]')].map(a => a.getAttribute('href'))`))
	if !slices.Equal(results, []string{"/hasil/bppd-kalbar", "/hasil/bppd-ntt"}) {
		t.Errorf("the home page links the results %v", results)
	}
	shot("home-360.png")

	tap := func(code string, v int) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=%q][value="%d"] + span`, code, v)))
	}
	err = chromedp.Do(ctx, chromedp.Navigate(p.url+"/s/bppd-kalbar/narasumber"), chromedp.WaitVisible(chromedp.CSS(`h1`)),
		tap("U1", 4), tap("U2", 3), tap("U3", 3), tap("U4", 4), tap("U5", 3), tap("U6", 4), tap("U7", 4),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.summary`)))
	if err != nil {
		t.Fatal(err)
	}
	if title, _ := chromedp.Run(ctx, chromedp.Title()); !strings.HasPrefix(title, "Kesalahan: ") {
		t.Errorf("title after an incomplete submit: %q", title)
	}
	lines, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.summary li')].map(l => l.textContent)`))
	if want := []string{"8. Sarana dan Prasarana: belum dijawab", "9. Penanganan Pengaduan, Saran dan Masukan: belum dijawab"}; !slices.Equal(lines, want) {
		t.Errorf("the error summary says %q, want %q", lines, want)
	}
	noSidewaysScroll(t, ctx, "the refused form")
	save("form-errors-360.png", chromedp.CaptureScreenshot()) // the summary, as the phone shows it

	// A screen reader: each answer by its official words, each question by its legend, an
	// unanswered question with its message.
	nodes := accessibleNodes(t, ctx)
	var radios, groups []string
	described := map[string]string{}
	for _, n := range nodes {
		switch n.Role {
		case "radio":
			radios = append(radios, n.Name)
		case "group":
			groups = append(groups, n.Name)
			described[n.Name] = n.Description
		}
	}
	qs := survey.Questionnaire(survey.ID)
	var labels []string
	for _, q := range qs {
		labels = append(labels, q.Labels[:]...)
	}
	if len(radios) < len(labels) || !slices.Equal(radios[:len(labels)], labels) {
		t.Errorf("the answers are announced as %q, want the official labels %q", radios, labels)
	}
	for _, q := range qs {
		legend := fmt.Sprintf("%d. %s", q.Number, q.Text)
		if !slices.Contains(groups, legend) {
			t.Errorf("no group announced as %q (groups: %q)", legend, groups)
		}
		if q.Element == survey.U8 && described[legend] != "Pertanyaan ini belum dijawab." {
			t.Errorf("unanswered question 9 is described as %q", described[legend])
		}
	}

	// The summary's link leads to its question: the next Tab is the question's first answer.
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.summary a[href="#U8"]`)), chromedp.KeyEvent(kb.Tab))
	if err != nil {
		t.Fatal(err)
	}
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name + '=' + document.activeElement.value`))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "#U8") || focused != "U8=1" {
		t.Errorf("after the summary's link to question 9 and Tab: %s, focus on %q, want #U8 and U8=1", loc, focused)
	}

	// An answer of 1: the thanks page offers the complaint channels of Kalbar's standard.
	err = chromedp.Do(ctx, tap("U9", 3), tap("U8", 1), chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`h1.thanks`)))
	if err != nil {
		t.Fatal(err)
	}
	links, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('section.complaint a')].map(a => a.href)`))
	for _, want := range []string{"https://www.lapor.go.id/", "https://wa.me/6282254427687", "tel:+62561738408", "mailto:bppd.provkalbar@yahoo.com"} {
		if !slices.Contains(links, want) {
			t.Errorf("the thanks page after a low score links %q, want %s among them", links, want)
		}
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/terima-kasih?aduan=1") {
		t.Errorf("the thanks page's address %s says more than a flag", loc)
	}
	noSidewaysScroll(t, ctx, "the thanks page")
	shot("thanks-aduan-360.png")

	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href^="/privasi"]`)), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`))); h != "Privasi: apa yang kami simpan dari survei" {
		t.Errorf("the privacy link leads to %q", h)
	}
	noSidewaysScroll(t, ctx, "the privacy note")
	shot("privasi-360.png")
	waitDrained(t, p.url, 30*time.Second)
}

// Issue 21, item 5, printed: the poster of the service with the longest name, on A4 and A5,
// its QR code drawn as SVG and as PNG, prints on exactly one page of the size; the printed
// page, rasterised, scans (zbarimg) to the service's form; pdftotext finds the survey's name
// and the whole short address on one line. The PDFs and their images are saved.
func TestRealBrowserPrintsPostersThatScan(t *testing.T) {
	zbar := pagetest.Tool(t, "zbarimg", "zbar-tools")
	db := chtest.NewDB(t)
	const public = "https://skm.kalbarprov.go.id"
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN, "--public-url", public)
	ctx := browser(t)
	dir := artifactDir(t)
	a4 := regexp.MustCompile(`(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)`)
	a5 := regexp.MustCompile(`(?m)^Page size:\s+4(19|20)(\.\d+)? x 59[45](\.\d+)? pts \(A5\)`)
	for _, c := range []struct {
		size, qr string
		pageSize *regexp.Regexp
	}{
		{"A4", "svg", a4},
		{"A4", "png", a4},
		{"A5", "svg", a5},
		{"A5", "png", a5},
	} {
		name := "poster-" + c.size + "-" + c.qr
		err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/s/bppd-kalbar/fasilitasi-audiensi/poster?ukuran="+c.size+"&qr="+c.qr),
			chromedp.WaitVisible(chromedp.CSS(`img`)))
		if err != nil {
			t.Fatal(err)
		}
		loaded, _ := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const i = document.querySelector('img'); return i.complete && i.naturalWidth > 0 || null; })()`, chromedp.WithPollingTimeout(5e9)))
		if !loaded {
			t.Fatalf("%s: the QR image did not load", name)
		}
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { t := true; p.PreferCSSPageSize = &t }))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", file).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		if !regexp.MustCompile(`(?m)^Pages:\s+1$`).Match(info) || !c.pageSize.Match(info) {
			t.Errorf("%s is not one %s page:\n%s", name, c.size, info)
		}
		if out, err := exec.Command("pdftoppm", "-r", "150", "-png", "-singlefile", file, filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		scanned, err := exec.Command(zbar, "--quiet", "--raw", "-Sqrcode.enable", filepath.Join(dir, name+".png")).Output()
		if got := strings.TrimSpace(string(scanned)); err != nil || got != public+"/s/bppd-kalbar/fasilitasi-audiensi" {
			t.Errorf("%s: the printed QR code scans as %q (%v)", name, got, err)
		}
		printed := xlsxtest.PDFText(t, file)
		if !strings.Contains(printed, "Survei Kepuasan Masyarakat") {
			t.Errorf("%s does not name the survey:\n%s", name, printed)
		}
		onOneLine := false
		for _, line := range strings.Split(printed, "\n") {
			if strings.TrimSpace(line) == public+"/s/bppd-kalbar/3" {
				onOneLine = true
			}
		}
		if !onOneLine {
			t.Errorf("%s does not print %s/s/bppd-kalbar/3 whole on one line:\n%s", name, public, printed)
		}
	}
}
