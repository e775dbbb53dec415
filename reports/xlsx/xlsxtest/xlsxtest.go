// Package xlsxtest opens workbooks with independent readers for tests: openpyxl (Debian's
// python3-openpyxl) reads cells, formats and print settings, LibreOffice (headless)
// recalculates every formula and prints to PDF, and poppler's pdftotext and pdftoppm read
// the print back. Without them tests fail under CI=true (where scripts/install-deps.sh
// installs them) and are skipped elsewhere with the reason.
package xlsxtest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/survey/pagetest"
)

//go:embed read.py
var readPy []byte

// Python is Debian's interpreter, which has python3-openpyxl (not a pyenv or venv one).
const Python = "/usr/bin/python3"

// Workbook is what openpyxl read.
type Workbook struct {
	Order  []string `json:"order"`
	Sheets []*Sheet `json:"sheets"`
}

// Sheet is one sheet as openpyxl read it.
type Sheet struct {
	Name           string            `json:"name"`
	MaxRow         int               `json:"max_row"`
	MaxColumn      int               `json:"max_column"`
	Orientation    string            `json:"orientation"`
	PaperSize      *int              `json:"paper_size"`
	FitToWidth     *int              `json:"fit_to_width"`
	FitToHeight    *int              `json:"fit_to_height"`
	FitToPage      bool              `json:"fit_to_page"`
	PrintTitleRows string            `json:"print_title_rows"`
	Footer         string            `json:"footer"`
	Merged         []string          `json:"merged"`
	Charts         int               `json:"charts"`
	Freeze         string            `json:"freeze"`
	Cells          map[string]any    `json:"cells"`
	Formats        map[string]string `json:"formats"`
}

// Sheet returns the sheet named name, failing the test without it.
func (w *Workbook) Sheet(t testing.TB, name string) *Sheet {
	t.Helper()
	for _, s := range w.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q in %v", name, w.Order)
	return nil
}

var cellRef = regexp.MustCompile(`^([A-Z]+)([0-9]+)$`)

// Find returns the reference of the first cell (by row, then column) whose value is v.
func (s *Sheet) Find(v string) (col string, row int, ok bool) {
	best := ""
	bestRow, bestCol := 0, ""
	for ref, x := range s.Cells {
		if str, isStr := x.(string); !isStr || str != v {
			continue
		}
		m := cellRef.FindStringSubmatch(ref)
		var r int
		fmt.Sscan(m[2], &r)
		if best == "" || r < bestRow || (r == bestRow && (len(m[1]) < len(bestCol) || m[1] < bestCol)) {
			best, bestRow, bestCol = ref, r, m[1]
		}
	}
	return bestCol, bestRow, best != ""
}

// Right returns the value n columns right of the cell holding label, failing without it.
func (s *Sheet) Right(t testing.TB, label string, n int) any {
	t.Helper()
	return s.Cells[s.rightOf(t, label, n)]
}

// RightFormat returns the number format of the cell n columns right of the cell holding
// label, failing without it.
func (s *Sheet) RightFormat(t testing.TB, label string, n int) string {
	t.Helper()
	return s.Formats[s.rightOf(t, label, n)]
}

// rightOf is the reference of the cell n columns right of the cell holding label.
func (s *Sheet) rightOf(t testing.TB, label string, n int) string {
	t.Helper()
	col, row, ok := s.Find(label)
	if !ok {
		t.Fatalf("sheet %s: no cell %q", s.Name, label)
	}
	c := 0
	for _, ch := range col {
		c = c*26 + int(ch-'A'+1)
	}
	return colName(c+n) + fmt.Sprint(row)
}

func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// need fails under CI=true when a tool is missing, and skips elsewhere.
func need(t testing.TB, path, what string) {
	t.Helper()
	if _, err := exec.LookPath(path); err == nil {
		return
	}
	msg := what + " is not installed (scripts/install-deps.sh installs it)"
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true and " + msg)
	}
	t.Skip(msg)
}

// Read opens path with openpyxl; formulas returns the formulas instead of their cached
// values; cells false reads only the sheets' settings (for big files).
func Read(t testing.TB, path string, formulas, cells bool) *Workbook {
	t.Helper()
	need(t, Python, "python3 (Debian)")
	script := filepath.Join(t.TempDir(), "read.py")
	if err := os.WriteFile(script, readPy, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{script, path}
	if formulas {
		args = append(args, "--formulas")
	}
	if !cells {
		args = append(args, "--no-cells")
	}
	var out, errOut bytes.Buffer
	cmd := exec.Command(Python, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if strings.Contains(errOut.String(), "No module named 'openpyxl'") {
			need(t, "/nonexistent/openpyxl", "python3-openpyxl")
		}
		t.Fatalf("openpyxl could not read %s: %v\n%s", path, err, errOut.String())
	}
	var w Workbook
	if err := json.Unmarshal(out.Bytes(), &w); err != nil {
		t.Fatalf("openpyxl output: %v", err)
	}
	return &w
}

// LibreOffice runs one at a time: it shares its profile.
var officeMu sync.Mutex

// recalcProfile makes LibreOffice recalculate every formula of an Excel file on load, so its
// results, not the cached values the file carries, are what it writes and prints.
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// Convert converts path with headless LibreOffice to format ("pdf", or "xlsx" for a copy
// with every formula recalculated by LibreOffice) and returns the new file's path. It fails
// the test when LibreOffice reports an error or writes nothing.
func Convert(t testing.TB, path, format string) string {
	t.Helper()
	need(t, "soffice", "LibreOffice (libreoffice-calc-nogui)")
	officeMu.Lock()
	defer officeMu.Unlock()
	profile := t.TempDir()
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	filter := format
	if format == "xlsx" {
		filter = `xlsx:Calc MS Excel 2007 XML`
	}
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+profile, "--headless", "--norestore", "--nologo",
		"--convert-to", filter, "--outdir", outDir, path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start LibreOffice: %v", err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("LibreOffice could not convert %s to %s: %v\n%s", path, format, err, out.String())
		}
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("LibreOffice took over 3 minutes converting %s", path)
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "." + format
	result := filepath.Join(outDir, name)
	st, err := os.Stat(result)
	if err != nil || st.Size() == 0 {
		t.Fatalf("LibreOffice wrote no %s for %s:\n%s", format, path, out.String())
	}
	if strings.Contains(strings.ToLower(out.String()), "error") {
		t.Fatalf("LibreOffice reported an error converting %s:\n%s", path, out.String())
	}
	return result
}

// PDFPages counts the pages of a PDF file LibreOffice wrote.
func PDFPages(t testing.TB, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SKM_KEEP_PDF"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644)
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
}

// PDFText returns the text of a PDF as poppler's pdftotext extracts it (layout kept). Under
// CI the tool must be there; elsewhere the test is skipped without it.
func PDFText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command(Poppler(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// PDFPageSizes returns the distinct page sizes (width×height in points, rounded) of the
// pages of a PDF (objects of /Type /Page; the page tree's own box is not a page).
func PDFPageSizes(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := regexp.MustCompile(`/Type\s*/Page[^s]`)
	box := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)
	seen := map[string]bool{}
	var out []string
	for _, obj := range bytes.Split(data, []byte("endobj")) {
		m := box.FindSubmatch(obj)
		if m == nil || !page.Match(obj) {
			continue
		}
		var w, h float64
		fmt.Sscan(string(m[1]), &w)
		fmt.Sscan(string(m[2]), &h)
		k := fmt.Sprintf("%.0f×%.0f", w, h)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// Poppler finds one of poppler's tools (pdftotext, pdfinfo, pdftoppm): under CI it must be
// there; elsewhere the test is skipped without it.
func Poppler(t testing.TB, tool string) string {
	t.Helper()
	return pagetest.Tool(t, tool, "poppler-utils")
}

// PDFPageTexts returns the text of each page of a PDF, layout kept.
func PDFPageTexts(t testing.TB, path string) []string {
	t.Helper()
	out, err := exec.Command(Poppler(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1] // the text ends with a form feed
}

// Word is one word printed on a page and its box, in points from the page's top left.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var (
	pageTag = regexp.MustCompile(`<page `)
	wordTag = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// PDFWords returns the words of each page of a PDF with their boxes (pdftotext -bbox).
func PDFWords(t testing.TB, path string) [][]Word {
	t.Helper()
	out, err := exec.Command(Poppler(t, "pdftotext"), "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	var pages [][]Word
	for i, chunk := range pageTag.Split(string(out), -1) {
		if i == 0 {
			continue // the document's head
		}
		words := []Word{}
		for _, m := range wordTag.FindAllStringSubmatch(chunk, -1) {
			w := Word{Text: m[5]}
			fmt.Sscan(m[1], &w.XMin)
			fmt.Sscan(m[2], &w.YMin)
			fmt.Sscan(m[3], &w.XMax)
			fmt.Sscan(m[4], &w.YMax)
			words = append(words, w)
		}
		pages = append(pages, words)
	}
	return pages
}

// Overlaps returns the pairs of words of a page printed over each other: boxes sharing
// more than a third of the smaller one's area (neighbours on a line only touch).
func Overlaps(words []Word) [][2]Word {
	var out [][2]Word
	for i, a := range words {
		for _, b := range words[i+1:] {
			w := min(a.XMax, b.XMax) - max(a.XMin, b.XMin)
			h := min(a.YMax, b.YMax) - max(a.YMin, b.YMin)
			if w <= 0 || h <= 0 {
				continue
			}
			small := min((a.XMax-a.XMin)*(a.YMax-a.YMin), (b.XMax-b.XMin)*(b.YMax-b.YMin))
			if w*h > small/3 {
				out = append(out, [2]Word{a, b})
			}
		}
	}
	return out
}

// SavePages renders the pages of a PDF to PNG files in $SKM_KEEP_PDF (when set), to look
// at what the tests read.
func SavePages(t testing.TB, path string) {
	t.Helper()
	dir := os.Getenv("SKM_KEEP_PDF")
	if dir == "" {
		return
	}
	prefix := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	if out, err := exec.Command(Poppler(t, "pdftoppm"), "-r", "60", "-png", path, prefix).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm %s: %v\n%s", path, err, out)
	}
}
