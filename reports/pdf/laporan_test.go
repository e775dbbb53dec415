package pdf

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"skm/reports"
	"skm/reports/xlsx/xlsxtest"
	"skm/standard"
	"skm/standard/standardtest"
)

// printed is a rendered report as poppler reads it.
type printed struct {
	path  string
	pages []string // the text of each page, layout kept, from pdftotext -f N -l N
	info  string   // pdfinfo's answer
}

// render writes the report of s1 as of now and reads it back page by page.
func render(t *testing.T, src Source, a *standard.Agency, now time.Time, opt Options, name string) *printed {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".pdf")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Laporan(context.Background(), src, a, s1, now, out, opt); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(xlsxtest.Poppler(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	p := &printed{path: path, info: string(info)}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(p.info)
	if m == nil {
		t.Fatalf("pdfinfo says no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	text := xlsxtest.Poppler(t, "pdftotext")
	for i := 1; i <= n; i++ {
		out, err := exec.Command(text, "-layout", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", i, err)
		}
		p.pages = append(p.pages, string(out))
	}
	return p
}

// all is the whole text.
func (p *printed) all() string { return strings.Join(p.pages, "\f") }

// flat is the whole text with every run of white space one space (wrapped lines joined).
func (p *printed) flat() string { return strings.Join(strings.Fields(p.all()), " ") }

// lines are the trimmed lines of page n (1-based).
func (p *printed) lines(n int) []string {
	var out []string
	for _, l := range strings.Split(p.pages[n-1], "\n") {
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// headingPage returns the first page after skip that sets heading on lines of its own: a
// chapter ("BAB IV ANALISIS …") as its number's line followed by its title's, anything else
// as one line.
func (p *printed) headingPage(heading string, skip int) int {
	for n := skip + 1; n <= len(p.pages); n++ {
		lines := p.lines(n)
		for i, l := range lines {
			if l == heading {
				return n
			}
			if strings.HasPrefix(heading, "BAB ") && i+1 < len(lines) && l+" "+lines[i+1] == heading {
				return n
			}
		}
	}
	return 0
}

// pageWith returns the first page whose text contains s (0: none).
func (p *printed) pageWith(s string) int {
	for i, pg := range p.pages {
		if strings.Contains(strings.Join(strings.Fields(pg), " "), s) {
			return i + 1
		}
	}
	return 0
}

var tocEntryLine = regexp.MustCompile(`^(\S.*?)\s+(?:\.\s*){3,}(\d+)$`)

// checkTOC holds the Daftar Isi to the pages: every heading it lists is set on the page it
// gives, and it lists as many headings as planned.
func checkTOC(t *testing.T, p *printed, want int) {
	t.Helper()
	first := p.headingPage("DAFTAR ISI", 0)
	if first == 0 {
		t.Fatal("no Daftar Isi")
	}
	type entry struct {
		title string
		page  int
	}
	var toc []entry
	last := first
	for n := first; n <= len(p.pages); n++ {
		found := false
		for _, l := range p.lines(n) {
			if m := tocEntryLine.FindStringSubmatch(l); m != nil {
				page, _ := strconv.Atoi(m[2])
				toc = append(toc, entry{m[1], page})
				found = true
			}
		}
		if !found {
			break
		}
		last = n
	}
	if len(toc) != want {
		t.Errorf("the Daftar Isi lists %d headings, want %d: %v", len(toc), want, toc)
	}
	for _, e := range toc {
		skip := last
		if e.page <= last { // Kata Pengantar and Daftar Isi come before the body
			skip = 0
		}
		if got := p.headingPage(e.title, skip); got != e.page {
			t.Errorf("the Daftar Isi puts %q on page %d; it is on page %d", e.title, e.page, got)
		}
	}
}

// saveScreenshots renders pages of a report to PNG for people to look at: in
// $SKM_SCREENSHOT_DIR (make test: screenshots/) or the test's artifact directory.
func saveScreenshots(t *testing.T, p *printed, name string, pages ...int) {
	t.Helper()
	dir := os.Getenv("SKM_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.ArtifactDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tool := xlsxtest.Poppler(t, "pdftoppm")
	for _, n := range pages {
		if n < 1 || n > len(p.pages) {
			continue
		}
		prefix := filepath.Join(dir, fmt.Sprintf("laporan-skm-%s-p%02d", name, n))
		if out, err := exec.Command(tool, "-r", "60", "-png", "-singlefile", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), p.path,
			prefix).CombinedOutput(); err != nil {
			t.Errorf("pdftoppm page %d: %v\n%s", n, err, out)
		}
	}
}

func exampleAgency(t *testing.T) *standard.Agency {
	a := standardtest.Agency(t, "bppd-kalbar")
	a.Head.Rank = "Pembina Utama Muda (IV/c)"
	a.Head.NIP = "19700101 199503 1 001"
	return a
}

// The report of the hand-computed example, the period ended: A4, every chapter, the NRR and
// IKM as computed by hand, the Daftar Isi right, the staff's texts in their chapters, the
// head's signature with rank and NIP, nothing marked SEMENTARA, no word printed over another.
func TestLaporanOfAClosedPeriod(t *testing.T) {
	a := exampleAgency(t)
	f, rows := exampleFigures(a)
	p := render(t, &fakeSource{f: f, rows: rows}, a, closedAt(a), Options{}, "closed")
	if !strings.Contains(p.info, "Page size:       595.28 x 841.89 pts (A4)") {
		t.Errorf("not A4:\n%s", p.info)
	}
	if len(p.pages) < 15 {
		t.Errorf("%d pages", len(p.pages))
	}
	checkTOC(t, p, plannedHeadings(read(f, a, closedAt(a))))
	for _, c := range []string{"BAB I PENDAHULUAN", "BAB II METODOLOGI", "BAB III HASIL SURVEI", "BAB IV ANALISIS DAN RENCANA TINDAK LANJUT",
		"BAB V PENUTUP", "LAMPIRAN"} {
		if p.headingPage(c, 3) == 0 {
			t.Errorf("no chapter %q", c)
		}
	}

	// The NRR table, by hand: code, sum, answers, NRR, NRR × 1/9, IKM unsur, mutu.
	table := p.headingPage("3.2 Nilai per Unsur Pelayanan", 3)
	text := p.pages[table-1]
	for _, row := range []string{
		`U1 .*14 +4 +3,500 +0,3889 +87,50 +B`, `U2 .*11 +4 +2,750 +0,3056 +68,75 +C`, `U3 .*10 +4 +2,500 +0,2778 +62,50 +D`,
		`U4 .*16 +4 +4,000 +0,4444 +100,00 +A`, `U5 .*13 +4 +3,250 +0,3611 +81,25 +B`, `U6 .*14 +4 +3,500 +0,3889 +87,50 +B`,
		`U7 .*16 +4 +4,000 +0,4444 +100,00 +A`, `U8 .* 9 +3 +3,000 +0,3333 +75,00 +C`, `U9 .*11 +4 +2,750 +0,3056 +68,75 +C`,
		`Nilai indeks \(jumlah NRR +3,2500`, `IKM \(nilai indeks × 25\) +81,25 +B`,
	} {
		if !regexp.MustCompile(`(?m)^\s*` + row + `\s*$`).MatchString(text) {
			t.Errorf("the NRR table has no row %q:\n%s", row, text)
		}
	}
	flat := p.flat()
	for _, s := range []string{
		"adalah 81,25 dengan mutu pelayanan B (Baik), naik 6,25 poin dari Semester II 2025 (75,00).",
		"Pelayanan Konsultasi 2 80,56 B Baik", "Penanganan Pengaduan, Saran, dan Masukan 2 81,94 B Baik",
		"Unit pelayanan (semua layanan) 4 81,25 B Baik",
		"2 Kurang cepat 2 (50,0 %)", // U3's answers
		"Nilai indeks = 3,2500; IKM = 3,2500 × 25 = 81,25; mutu pelayanan B (Baik).",
		"NRR 3,500 2,750 2,500 4,000 3,250 3,500 4,000 3,000 2,750", // under the recap
		"1 05/01/2026 Pelayanan Konsultasi 4 3 3 4 3 4 4 3 3",
		"4 05/04/2026 Penanganan Pengaduan, Saran, d… 3 3 3 4 4 3 4 3", // U8 blank
		"Prosesnya lama sekali, mohon dipercepat",
		"Contoh saran: “Prosesnya lama sekali, mohon dipercepat”",
		"88,31 – 100,00 A Sangat Baik", "25,00 – 64,99 D Tidak Baik", // the mutu table, read from survey
	} {
		if !strings.Contains(flat, s) {
			t.Errorf("the report does not say %q", s)
		}
	}
	if strings.Contains(p.all(), reports.Provisional) {
		t.Errorf("the report of an ended period says %s", reports.Provisional)
	}
	if strings.Contains(p.all(), "%!") || strings.Contains(p.all(), "NaN") {
		t.Error("a formatting error is printed")
	}

	// The staff's texts, each after its chapter's generated text.
	if n := p.headingPage("4.5 Catatan dan Analisis Unit Pelayanan", 3); n == 0 || !strings.Contains(strings.Join(p.lines(n), " "),
		"Keterlambatan terjadi saat petugas layanan cuti bersama.") || p.pageWith("Kami menambah satu petugas loket.") != n {
		t.Errorf("the staff's analysis is not in BAB IV (page %d)", n)
	}
	if n := p.headingPage("1.5 Catatan dan Analisis Unit Pelayanan", 3); n == 0 || p.pageWith("Survei semester ini memakai kios baru di loket.") != n {
		t.Errorf("the staff's introduction is not in BAB I (page %d)", n)
	}

	// The signature ends BAB V, on the page before the appendices.
	sig := p.headingPage("LAMPIRAN", 3) - 1
	page := strings.Join(strings.Fields(p.pages[sig-1]), " ")
	for _, s := range []string{"Pontianak, 10 Juli 2026", "Kepala Badan Pengelola Perbatasan Daerah Provinsi Kalimantan Barat",
		"Alexander Rombonang Pembina Utama Muda (IV/c) NIP. 19700101 199503 1 001"} {
		if !strings.Contains(page, s) {
			t.Errorf("the signature block on page %d lacks %q:\n%s", sig, s, p.pages[sig-1])
		}
	}
	if strings.Contains(flat, reports.ProvisionalNote) {
		t.Error("an ended period's report carries the provisional note")
	}

	for i, words := range xlsxtest.PDFWords(t, p.path) {
		if o := xlsxtest.Overlaps(words); len(o) > 0 {
			t.Errorf("page %d: words printed over each other: %v", i+1, o)
		}
	}
	saveScreenshots(t, p, "final", 1, 3, table, p.headingPage("4.3 Rencana Tindak Lanjut", 3), sig)
}

// Without rank and NIP the signature has no such lines.
func TestLaporanSignatureWithoutNIP(t *testing.T) {
	a := standardtest.Agency(t, "bppd-kalbar")
	f, rows := exampleFigures(a)
	p := render(t, &fakeSource{f: f, rows: rows}, a, closedAt(a), Options{}, "no-nip")
	if flat := p.flat(); !strings.Contains(flat, "Alexander Rombonang") || strings.Contains(flat, "NIP") {
		t.Error("the signature without a NIP lacks the name or prints a NIP line")
	}
}

// While the period runs every page says SEMENTARA, and no page is signed.
func TestLaporanOfARunningPeriod(t *testing.T) {
	a := exampleAgency(t)
	f, rows := exampleFigures(a)
	p := render(t, &fakeSource{f: f, rows: rows}, a, runningAt(a), Options{}, "provisional")
	for i, pg := range p.pages {
		if !strings.Contains(pg, reports.Provisional) {
			t.Errorf("page %d does not say %s", i+1, reports.Provisional)
		}
	}
	flat := p.flat()
	for _, s := range []string{"Alexander Rombonang", "NIP", "Pontianak, 1 Mei 2026"} {
		if strings.Contains(flat, s) {
			t.Errorf("a provisional report is signed: it says %q", s)
		}
	}
	for _, s := range []string{reports.ProvisionalNote, "periode belum berakhir pada 1 Mei 2026",
		"Periode ini belum berakhir pada 1 Mei 2026, sehingga angka dalam laporan ini bersifat sementara."} {
		if !strings.Contains(flat, s) {
			t.Errorf("a provisional report does not say %q", s)
		}
	}
	checkTOC(t, p, plannedHeadings(read(f, a, runningAt(a))))
	saveScreenshots(t, p, "sementara", 1, p.headingPage("LAMPIRAN", 3)-1)
}

// The public copy leaves the saran's texts out and says so; counts and themes stay.
func TestLaporanPublicCopy(t *testing.T) {
	a := exampleAgency(t)
	f, rows := exampleFigures(a)
	p := render(t, &fakeSource{f: f, rows: rows}, a, closedAt(a), Options{Public: true}, "public")
	flat := p.flat()
	for _, s := range []string{"Prosesnya lama sekali", "0812", "Ruang tunggu panas", "Contoh saran"} {
		if strings.Contains(flat, s) {
			t.Errorf("the public copy prints a saran: %q", s)
		}
	}
	for _, s := range []string{"Teks saran tidak dimuat dalam salinan publik ini", "Salinan publik: teks saran responden tidak dimuat.",
		"Responden menuliskan 3 saran atau masukan.", "1 Waktu penyelesaian U3 1 33,3 %",
		"Saran responden yang berkaitan dengan unsur ini: Waktu penyelesaian (1 saran) dan Antrean (1 saran)."} {
		if !strings.Contains(flat, s) {
			t.Errorf("the public copy does not say %q", s)
		}
	}
}

// A period with no response at all, at an agency of one service whose head is not named:
// every chapter says so, the recap is empty, the name is a line to write on.
func TestLaporanWithoutResponses(t *testing.T) {
	a := standardtest.Agency(t, "bppd-ntt")
	p := render(t, &fakeSource{f: &reports.SemesterFigures{}}, a, time.Date(2026, 7, 10, 9, 0, 0, 0, a.Location), Options{}, "empty")
	flat := p.flat()
	for _, s := range []string{
		"Belum ada responden pada Semester I 2026, sehingga nilai IKM Badan Pengelola Perbatasan Daerah Provinsi Nusa Tenggara Timur belum dapat dihitung.",
		"Belum ada kuesioner yang terisi pada Semester I 2026.",
		"Belum ada data profil responden karena belum ada responden.",
		"Belum ada unsur yang dapat dianalisis karena belum ada jawaban pada Semester I 2026.",
		"Rencana tindak lanjut hasil survei Semester I 2026 belum disusun.",
		"Belum ada responden dalam periode ini.",
		"Survei ini mencakup periode Semester I 2026 (1 Januari 2026 s.d. 30 Juni 2026) dan satu layanan",
		"Kupang, 10 Juli 2026", "(.......................................)",
	} {
		if !strings.Contains(flat, s) {
			t.Errorf("the empty report does not say %q", s)
		}
	}
	if strings.Contains(p.all(), "%!") || strings.Contains(p.all(), "NaN") {
		t.Error("a formatting error is printed")
	}
	checkTOC(t, p, plannedHeadings(read(&reports.SemesterFigures{}, a, closedAt(a))))
}

// A recap of many pages repeats its header on each, and its rows are all there.
func TestLaporanRecapRepeatsItsHeader(t *testing.T) {
	a := exampleAgency(t)
	f, _ := exampleFigures(a)
	const n = 300
	p := render(t, &fakeSource{f: f, synthetic: n}, a, closedAt(a), Options{}, "recap")
	first, last := p.headingPage("Lampiran 2 Rekapitulasi Jawaban per Responden", 3), p.headingPage("Lampiran 3 Saran dan Masukan Responden", 3)
	if last-first < 5 {
		t.Fatalf("the recap of %d respondents takes pages %d–%d", n, first, last-1)
	}
	header := regexp.MustCompile(`(?m)^\s*No\s+Tanggal\s+Layanan\s+U1\s+U2\s+U3\s+U4\s+U5\s+U6\s+U7\s+U8\s+U9\s*$`)
	row := regexp.MustCompile(`(?m)^\s*(\d+)\s+\d\d/\d\d/2026\s`)
	seen := 0
	for pg := first; pg < last; pg++ {
		if !header.MatchString(p.pages[pg-1]) {
			t.Errorf("recap page %d has no header", pg)
		}
		for _, m := range row.FindAllStringSubmatch(p.pages[pg-1], -1) {
			if k, _ := strconv.Atoi(m[1]); k != seen+1 {
				t.Errorf("page %d: row %d after %d", pg, k, seen)
			}
			seen++
		}
	}
	if seen != n {
		t.Errorf("%d recap rows, want %d", seen, n)
	}
}
