package web

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

// tallyOf is the tally of n respondents who all gave the answers a.
func tallyOf(n int, a [9]uint8) survey.Tally {
	var t survey.Tally
	for range n {
		t.Add(&survey.Response{Answers: a})
	}
	return t
}

// published is a fake with 1 853 respondents in Semester I 2026 (the last ended period at
// the test clock, 23 November 2026), a follow-up plan and three publications.
func published() *fakeResults {
	return &fakeResults{
		// (7×4 + 2×3)/9 × 25 = 94,444… → 94,44 A.
		tally: tallyOf(1853, [9]uint8{4, 4, 3, 4, 4, 4, 4, 3, 4}),
		pop:   5000,
		followUps: []survey.FollowUp{
			{Element: "U3", Action: "Menambah loket pada jam sibuk", TargetQuarter: "2026-Q4", PersonInCharge: "Kepala Subbagian Umum",
				Status: survey.StatusOngoing, Progress: 60},
			{Element: "", Action: "Mengumumkan hasil di media sosial", TargetQuarter: "2026-Q3", PersonInCharge: "Humas",
				Status: survey.StatusDone, Progress: 100},
			{Element: "U8", Action: "Kotak saran elektronik", TargetQuarter: "2026-Q4", PersonInCharge: "Koordinator Pengaduan",
				Status: survey.StatusCancelled, Progress: 10},
		},
		publications: []survey.Publication{
			{Medium: "situs web", Location: "https://bppd.kalbarprov.go.id/skm?p=2026-S1&x=1", PublishedOn: time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC)},
			{Medium: "media sosial", Location: "javascript:alert(1)", PublishedOn: time.Date(2026, 7, 12, 0, 0, 0, 0, time.UTC)},
			{Medium: "papan pengumuman", Location: "Lobi kantor lantai 1", PublishedOn: time.Date(2026, 7, 8, 0, 0, 0, 0, time.UTC)},
		},
	}
}

func TestResultsPageShowsThePlanThePublicationsAndIndonesianNumbers(t *testing.T) {
	res := published()
	srv := resultsServer(t, res)
	w := do(srv, http.MethodGet, "/hasil/bppd-kalbar", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		"Semester I 2026 (1 Januari 2026 – 30 Juni 2026)", "94,44", "Mutu A (Sangat Baik)", "1.853 responden",
		`<td class="n">1.853</td>`, // per element and per service: answers and respondents with a thousands point
		// Krejcie-Morgan for 5 000 users: 357.
		"Sampel memenuhi ukuran minimal 357 responden (tabel Krejcie-Morgan untuk 5.000 pengguna layanan).",
		// The plan: element, action, target quarter, person in charge, status and progress as text.
		"U3 Waktu Penyelesaian", "Menambah loket pada jam sibuk", "Target: Triwulan IV 2026 · Penanggung jawab: Kepala Subbagian Umum",
		"<strong>Berjalan</strong>", "60 % selesai", "Umum", "Target: Triwulan III 2026", "<strong>Selesai</strong>", "100 % selesai",
		"U8 Penanganan Pengaduan, Saran dan Masukan", "<strong>Dibatalkan</strong>",
		// Cancelled items are not counted: 1 of 2 done, (60 + 100) / 2 = 80 % on average.
		"1 dari 2 butir tindak lanjut selesai; rata-rata kemajuan 80 %.",
		// Publications: dates in Indonesian, a web address linked, the rest as text.
		"<strong>10 Juli 2026</strong> · Situs web: <a href=\"https://bppd.kalbarprov.go.id/skm?p=2026-S1&amp;x=1\" rel=\"noopener\">",
		"<strong>12 Juli 2026</strong> · Media sosial: javascript:alert(1)</li>",
		"<strong>8 Juli 2026</strong> · Papan pengumuman: Lobi kantor lantai 1</li>",
		`href="/hasil/bppd-kalbar/papan"`, `href="/hasil/bppd-kalbar/papan?ukuran=A3"`, `href="/hasil/bppd-kalbar/papan.png"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	if regexp.MustCompile(`(?i)href="\s*javascript`).MatchString(body) {
		t.Error("a javascript: address is a link")
	}
	if strings.Contains(body, "laporan-skm") {
		t.Error("a report link without a report")
	}
	// No count of four digits or more without its thousands point.
	if m := regexp.MustCompile(`>\s*\d{4,}\s*(responden)?<`).FindString(body); m != "" {
		t.Errorf("a number without a thousands point: %s", m)
	}
	if res.asked["2026-S1"] != 2 {
		t.Errorf("the plan and publications were asked for %v, want 2026-S1", res.asked)
	}

	withReport := newServer(t, Options{Results: published(), Report: func(context.Context, io.Writer, *standard.Agency, survey.Period) error { return nil }})
	if body := do(withReport, http.MethodGet, "/hasil/bppd-kalbar", nil).Body.String(); !strings.Contains(body,
		`<a href="/hasil/bppd-kalbar/laporan-skm-2026-S1.pdf">Unduh laporan SKM Semester I 2026 (PDF)</a>`) {
		t.Error("no report link")
	}
}

func TestResultsPageTakesTheLastEndedPeriodWithResponses(t *testing.T) {
	// Semester I 2026 ended without a response; Semester II 2025 had some.
	res := &fakeResults{byPeriod: map[string]survey.Tally{"2025-S2": tallyOf(12, [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}),
		"2026-S2": tallyOf(5, [9]uint8{1, 1, 1, 1, 1, 1, 1, 1, 1})}}
	body := do(resultsServer(t, res), http.MethodGet, "/hasil/bppd-kalbar", nil).Body.String()
	// All 3 → 75,00 C (the worked check of the method).
	for _, want := range []string{"Semester II 2025 (1 Juli 2025 – 31 Desember 2025)", "75,00", "Mutu C (Kurang Baik)", "12 responden", "belum ada data"} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	if res.asked["2025-S2"] != 2 || len(res.asked) != 1 {
		t.Errorf("plan and publications asked for %v, want 2025-S2", res.asked)
	}
	if strings.Contains(body, "Semester II 2026 (") {
		t.Error("the running period is shown as published")
	}
}

func TestResultsPageSaysPlainlyWhenNothingEndedHasData(t *testing.T) {
	// Only the running period has responses.
	res := &fakeResults{byPeriod: map[string]survey.Tally{"2026-S2": tallyOf(5, [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4})}}
	srv := resultsServer(t, res)
	for _, path := range []string{"/hasil/bppd-kalbar", "/hasil/bppd-kalbar?tv=1", "/hasil/bppd-kalbar/papan"} {
		w := do(srv, http.MethodGet, path, nil)
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, "Belum ada hasil survei yang dapat diumumkan: belum ada periode survei yang sudah berakhir dengan responden. "+
			"Survei Semester II 2026 sedang berjalan; hasilnya diumumkan setelah periode itu berakhir.") {
			t.Errorf("%s: %d without the plain sentence", path, w.Code)
		}
		if main := body[strings.Index(body, "<main"):]; strings.Contains(main, "—") || strings.Contains(main, "<table") {
			t.Errorf("%s: empty tables or dashes instead of a sentence", path)
		}
	}
	if len(res.asked) != 0 {
		t.Errorf("asked for a plan or publications of %v without a period to show", res.asked)
	}
}

func TestReportOfAnEndedPeriodOnly(t *testing.T) {
	var asked []string
	report := func(_ context.Context, w io.Writer, a *standard.Agency, p survey.Period) error {
		asked = append(asked, a.Code+" "+p.Code())
		if p.Code() == "2025-S1" {
			_, _ = w.Write([]byte("%PDF-1.7 half"))
			return errors.New("font missing")
		}
		_, err := w.Write([]byte("%PDF-1.7 " + p.Code()))
		return err
	}
	srv := newServer(t, Options{Results: published(), Report: report})
	w := do(srv, http.MethodGet, "/hasil/bppd-kalbar/laporan-skm-2026-S1.pdf", nil)
	if w.Code != http.StatusOK || w.Body.String() != "%PDF-1.7 2026-S1" || w.Header().Get("Content-Type") != "application/pdf" ||
		w.Header().Get("Content-Disposition") != `inline; filename="laporan-skm-2026-S1.pdf"` ||
		w.Header().Get("Cache-Control") != "public, max-age=300" {
		t.Errorf("ended period: %d %q %v", w.Code, w.Body, w.Header())
	}
	for _, path := range []string{
		"/hasil/bppd-kalbar/laporan-skm-2026-S2.pdf", // running (the clock is 23 November 2026)
		"/hasil/bppd-kalbar/laporan-skm-2027-S1.pdf", // future
		"/hasil/bppd-kalbar/laporan-skm-2026-S3.pdf", // no such period
		"/hasil/bppd-kalbar/laporan-skm-2026-s1.pdf", // not written as its code
		"/hasil/bppd-kalbar/laporan-skm-2026-05.pdf", // a month has no SKM report
		"/hasil/bppd-kalbar/laporan-skm-2026-S1.xlsx",
		"/hasil/bppd-kalbar/laporan-2026-S1.pdf",
		"/hasil/bppd-kalbar/papanx",
		"/hasil/nope/laporan-skm-2026-S1.pdf",
	} {
		if w := do(srv, http.MethodGet, path, nil); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
	w = do(srv, http.MethodGet, "/hasil/bppd-kalbar/laporan-skm-2025-S1.pdf", nil)
	if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "%PDF") ||
		!strings.Contains(w.Body.String(), "Laporan SKM periode ini sementara tidak dapat dibuat") || w.Header().Get("Content-Type") == "application/pdf" {
		t.Errorf("a failed report: %d %q", w.Code, w.Body)
	}
	if strings.Join(asked, ",") != "bppd-kalbar 2026-S1,bppd-kalbar 2025-S1" {
		t.Errorf("reports asked for: %v", asked)
	}
	// Without a report writer there is no report at all.
	if w := do(resultsServer(t, published()), http.MethodGet, "/hasil/bppd-kalbar/laporan-skm-2026-S1.pdf", nil); w.Code != http.StatusNotFound {
		t.Errorf("no report writer: %d", w.Code)
	}
}

func TestBoardPrintsOnA4OrA3(t *testing.T) {
	srv := newServer(t, Options{Results: published(), PublicURL: "https://skm.example.go.id/"})
	for size, page := range map[string]string{"": "A4", "?ukuran=A4": "A4", "?ukuran=a3": "A3"} {
		w := do(srv, http.MethodGet, "/hasil/bppd-kalbar/papan"+size, nil)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", size, w.Code)
		}
		other := map[string]string{"A4": "A3", "A3": "A4"}[page]
		for _, want := range []string{"@page{size:" + page + " portrait;margin:0}", "Badan Pengelola Perbatasan Daerah Provinsi Kalimantan Barat",
			"Pemerintah Provinsi Kalimantan Barat", "INDEKS KEPUASAN MASYARAKAT", "Semester I 2026 (1 Januari 2026 – 30 Juni 2026)",
			`<div class="ikm">94,44</div>`, `<span class="letter">A</span>`, "Sangat Baik", "<strong>1.853</strong> responden",
			"U1 Persyaratan", "U8 Penanganan Pengaduan, Saran dan Masukan", "U9 Sarana dan Prasarana", "<svg",
			"https://skm.example.go.id/#bppd-kalbar", "Diumumkan 8 Juli 2026", `href="?ukuran=` + other + `"`} {
			if !strings.Contains(body, want) {
				t.Errorf("board %s lacks %q", page, want)
			}
		}
		if strings.Contains(body, "@page{size:"+other) || strings.Contains(body, "<script") {
			t.Errorf("board %s: the other paper size or a script", page)
		}
		// U3 and U8 are answered 3 by all: 75,00 C; the others 100,00 A.
		if n := strings.Count(body, "<td class=\"v\">75,00 C</td>"); n != 2 || strings.Count(body, "<td class=\"v\">100,00 A</td>") != 7 {
			t.Errorf("board %s: element values wrong (%d of 75,00 C)", page, n)
		}
	}
	// NTT has one service: the QR code leads straight to its form.
	if body := do(srv, http.MethodGet, "/hasil/bppd-ntt/papan", nil).Body.String(); !strings.Contains(body, "https://skm.example.go.id/s/bppd-ntt/pengaduan") {
		t.Error("the one-service board does not lead to the form")
	}
	if w := do(srv, http.MethodGet, "/hasil/bppd-kalbar/papan?ukuran=A5", nil); w.Code != http.StatusBadRequest ||
		!strings.Contains(w.Body.String(), "Ukuran papan IKM harus A4 atau A3") {
		t.Errorf("unknown size: %d", w.Code)
	}
	// Without a public address: no QR code, and the date line says the figures' date.
	noURL := resultsServer(t, &fakeResults{tally: published().tally})
	body := do(noURL, http.MethodGet, "/hasil/bppd-kalbar/papan", nil).Body.String()
	if strings.Contains(body, "<svg") || !strings.Contains(body, "Data s.d. 23 November 2026") {
		t.Error("board without a public address: a QR code, or no date line")
	}
}

func TestBoardImage(t *testing.T) {
	srv := resultsServer(t, published())
	w := do(srv, http.MethodGet, "/hasil/bppd-kalbar/papan.png", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" || w.Header().Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("papan.png: %d %v", w.Code, w.Header())
	}
	img, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 1080, 1080) {
		t.Fatalf("size %v", img.Bounds())
	}
	colours := map[[3]uint32]int{}
	for y := 0; y < 1080; y += 3 {
		for x := 0; x < 1080; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}]++
		}
	}
	if len(colours) < 20 {
		t.Errorf("only %d colours: a blank image?", len(colours))
	}
	// The band at the top is the agency's blue, the middle white around the figure, and
	// the figure itself dark.
	if r, g, b, _ := img.At(5, 5).RGBA(); r>>8 != 0x0b || g>>8 != 0x3d || b>>8 != 0x6b {
		t.Errorf("top band colour %x %x %x", r>>8, g>>8, b>>8)
	}
	dark := 0
	for y := 380; y < 540; y++ {
		for x := 200; x < 880; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 0x40 {
				dark++
			}
		}
	}
	if dark < 5000 {
		t.Errorf("the IKM figure is not drawn large: %d dark pixels", dark)
	}
}

func TestBoardImageLayout(t *testing.T) {
	faces, err := newBoardFaces()
	if err != nil {
		t.Fatal(err)
	}
	defer faces.close()
	h := New(Options{Set: standardtest.Examples(t), Results: published(), Now: func() time.Time { return time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC) }})
	a, _ := h.opts.Set.Agency("bppd-kalbar")
	v, err := h.boardData(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	l := boardLayout(v, faces.measure)
	texts := map[string]boardText{}
	for _, tx := range l.Texts {
		texts[tx.Text] = tx
		if w := faces.measure(tx.Text, tx.Size, tx.Bold); tx.X < 0 || tx.X+w > pngSide || tx.Y-int(tx.Size) < 0 || tx.Y > pngSide {
			t.Errorf("%q leaves the image: x %d..%d, baseline %d", tx.Text, tx.X, tx.X+w, tx.Y)
		}
	}
	for _, want := range []string{"INDEKS KEPUASAN MASYARAKAT", "94,44", "Mutu A · Sangat Baik", "1.853 responden",
		"Semester I 2026 (1 Januari 2026 – 30 Juni 2026)", "Pemerintah Provinsi Kalimantan Barat", "75,00 C", "100,00 A", "U8 Penanganan Pengaduan, Saran dan Masukan"} {
		if _, ok := texts[want]; !ok {
			t.Errorf("image lacks %q", want)
		}
	}
	if ikm := texts["94,44"]; ikm.Size < 150 || !ikm.Bold {
		t.Errorf("the IKM is not the largest text: %+v", ikm)
	}
	// The agency's long name wraps onto two lines rather than being cut.
	if !strings.Contains(texts["Badan Pengelola Perbatasan Daerah Provinsi"].Text+" "+
		texts["Kalimantan Barat"].Text, "Perbatasan Daerah Provinsi Kalimantan Barat") {
		var all []string
		for _, tx := range l.Texts {
			all = append(all, tx.Text)
		}
		t.Errorf("agency name lines: %q", all)
	}
	// Nine element bars besides the top band, each in proportion to its IKM on 25–100.
	var fills []int
	for _, r := range l.Rects {
		if r.Color == barFill {
			fills = append(fills, r.Rect.Dx())
		}
	}
	// 100,00 fills the 280 px; 75,00 is (75 − 25) / 75 = 66 % of it: 184 px.
	if len(fills) != 9 || fills[0] != 280 || fills[2] != 184 || fills[7] != 184 {
		t.Errorf("element bars %v, want 9: 280 px for 100,00 and 184 for 75,00", fills)
	}
}
