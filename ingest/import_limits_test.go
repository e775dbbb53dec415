package ingest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"skm/ingest"
)

// heapBound is the memory bound stated by ingest.WebImportLimits.
const heapBound = 128 << 20

// peakHeap runs fn and returns the most heap (live and not yet collected) seen meanwhile.
func peakHeap(t *testing.T, fn func()) uint64 {
	t.Helper()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			peak = max(peak, read())
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	peak = max(peak, read())
	if peak < base {
		return 0
	}
	return peak - base
}

// refusedWith parses path within the web limits and checks that it is refused with a row
// error containing want, within the memory bound.
func refusedWith(t *testing.T, path, want string) {
	t.Helper()
	defer func(start time.Time) { t.Logf("%s refused in %v", filepath.Base(path), time.Since(start)) }(time.Now())
	var err error
	heap := peakHeap(t, func() { _, err = ingest.ParseResponsesFileWithin(path, kalbar(t), ingest.WebImportLimits, nil) })
	var errs ingest.ImportErrors
	if !errors.As(err, &errs) || !strings.Contains(errs.Error(), want) {
		t.Errorf("%s: err = %v, want a row error with %q", filepath.Base(path), err, want)
	}
	if heap > heapBound {
		t.Errorf("%s: refusing took %d MB of heap, over the bound of %d MB", filepath.Base(path), heap>>20, heapBound>>20)
	}
}

// templateWith writes the XLSX questionnaire template with cells set by fill.
func templateWith(t *testing.T, fill func(f *excelize.File)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kuesioner.xlsx")
	if err := ingest.WriteResponsesTemplate(path, kalbar(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fill(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestUTF16CSVIsRefusedForItsEncoding(t *testing.T) {
	text := "\ufeff" + strings.Join(ingest.ResponseColumns, "\t") + "\r\n1\tkonsultasi\t2026-10-14\r\n"
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(text)) {
		b.Write([]byte{byte(u), byte(u >> 8)})
	}
	path := filepath.Join(t.TempDir(), "unicode.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, path, "baris 1: berkas CSV ini berpengodean UTF-16, bukan UTF-8")
	// The case importer reads through the same checks, before it touches the database.
	lim := ingest.WebImportLimits
	_, err := ingest.NewStore(nil, "skm").ImportCases(context.Background(), path, kalbar(t), nil, ingest.CaseImportOptions{DryRun: true, Limits: &lim})
	if err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("cases: err = %v, want the encoding refused", err)
	}
	latin := filepath.Join(t.TempDir(), "latin.csv")
	if err := os.WriteFile(latin, []byte(strings.Join(ingest.ResponseColumns, ";")+"\n1;konsultasi;2026-10-14;;4;4;4;4;4;4;4;4;4;;;;;Caf\xe9 penuh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, latin, "bukan UTF-8 (mungkin Windows-1252)")
}

func TestZipBombIsRefusedBeforeExcelizeOpensIt(t *testing.T) {
	good := templateWith(t, func(*excelize.File) {})
	zr, err := zip.OpenReader(good)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		r, _ := f.Open()
		if f.Name == "xl/worksheets/sheet1.xml" {
			// The sheet's own XML, padded with 1 GB of spaces before its end: well-formed.
			body, _ := io.ReadAll(r)
			i := bytes.LastIndex(body, []byte("</worksheet>"))
			w.Write(body[:i])
			pad := bytes.Repeat([]byte(" "), 1<<20)
			for range 1024 {
				w.Write(pad)
			}
			w.Write(body[i:])
		} else {
			io.Copy(w, r)
		}
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 2<<20 {
		t.Fatalf("the bomb is %d bytes; it should be small", out.Len())
	}
	path := filepath.Join(t.TempDir(), "bom.xlsx")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, path, `("bom zip") ditolak`)
}

func TestTooManyColumnsOrRowsAreRefused(t *testing.T) {
	refusedWith(t, templateWith(t, func(f *excelize.File) {
		f.SetCellValue("Kuesioner", "XFD2", "x")
	}), "baris 2: baris ini berisi 16384 kolom (batas 100)")
	refusedWith(t, templateWith(t, func(f *excelize.File) {
		f.SetCellValue("Kuesioner", "A1048576", "x")
	}), "baris 20002: berkas lebih dari 20000 baris")
	header := strings.Repeat("x;", 150) + "\n"
	path := filepath.Join(t.TempDir(), "lebar.csv")
	if err := os.WriteFile(path, []byte(header), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, path, "baris 1: baris ini berisi 150 kolom (batas 100)")
	big := filepath.Join(t.TempDir(), "besar.csv")
	if err := os.WriteFile(big, bytes.Repeat([]byte("a"), 11<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, big, "berkas 11.0 MB terlalu besar (batas 10.0 MB)")
}

func TestImportWithinMemoryBound(t *testing.T) {
	// A file at the row limit, each row filled, parsed whole.
	path := templateWith(t, func(f *excelize.File) {
		sw, err := f.NewStreamWriter("Kuesioner")
		if err != nil {
			t.Fatal(err)
		}
		head := make([]any, len(ingest.ResponseColumns))
		for i, c := range ingest.ResponseColumns {
			head[i] = c
		}
		sw.SetRow("A1", head)
		for r := 2; r <= ingest.WebImportLimits.MaxRows+1; r++ {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			sw.SetRow(cell, []any{"", "konsultasi", "2026-10-14", "09:30", 4, 3, 3, 4, 3, 4, 4, 1, 2, 34, "P", "S1", "Swasta",
				"Saran nomor " + strconv.Itoa(r) + ": ruang tunggu perlu kipas angin dan kursi tambahan."})
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	})
	var (
		rs  int
		err error
	)
	heap := peakHeap(t, func() {
		r, e := ingest.ParseResponsesFileWithin(path, kalbar(t), ingest.WebImportLimits, nil)
		rs, err = len(r), e
	})
	if err != nil || rs != ingest.WebImportLimits.MaxRows {
		t.Fatalf("%d responses, err %v", rs, err)
	}
	t.Logf("%d rows parsed within %d MB of heap", rs, heap>>20)
	if heap > heapBound {
		t.Errorf("parsing took %d MB of heap, over the bound of %d MB", heap>>20, heapBound>>20)
	}
}
