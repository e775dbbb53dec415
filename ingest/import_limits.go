package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"os"
	"unicode/utf8"
)

// ImportLimits bound an import file's size and shape. They are checked before the file is
// parsed (its size, an XLSX's uncompressed size, a CSV's encoding) and while its rows are
// read (rows, columns), so a hostile or broken file is refused within a known memory bound.
// A zero field is no limit.
type ImportLimits struct {
	// MaxBytes is the most bytes of the file as uploaded.
	MaxBytes int64
	// MaxUnzippedBytes is the most bytes of all parts of an XLSX file once uncompressed, as
	// its zip directory declares them (reading past a declared size is an error in
	// archive/zip, so the directory cannot lie).
	MaxUnzippedBytes int64
	// MaxRows is the most rows below the header, blank ones included.
	MaxRows int
	// MaxColumns is the most columns up to a row's last non-blank cell.
	MaxColumns int
}

// WebImportLimits are the limits of an import through the browser: a file at these limits
// is read within 128 MB of heap (TestImportWithinMemoryBound).
var WebImportLimits = ImportLimits{MaxBytes: 10 << 20, MaxUnzippedBytes: 100 << 20, MaxRows: 20_000, MaxColumns: 100}

// CLIImportLimits are the limits of skm import on the server, which streams cases of any
// number of rows: only the shape of a row is bounded.
var CLIImportLimits = ImportLimits{MaxColumns: 1000}

// xlsxMaxParts bounds the parts of an XLSX file; a spreadsheet has a few dozen.
const xlsxMaxParts = 10_000

// xlsxInMemoryPart is the largest worksheet or shared-string part excelize reads into memory;
// larger ones are read from a temporary file.
const xlsxInMemoryPart = 4 << 20

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// checkFileSize refuses a file larger than lim allows.
func (lim ImportLimits) checkFileSize(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("berkas %s tidak dapat dibuka: %w", path, err)
	}
	if lim.MaxBytes > 0 && st.Size() > lim.MaxBytes {
		return ImportErrors{{Row: 1, Reason: fmt.Sprintf("berkas %s terlalu besar (batas %s); bagi menjadi beberapa berkas", mb(st.Size()), mb(lim.MaxBytes))}}
	}
	return nil
}

// checkXLSX refuses an XLSX file that is not a zip, or whose parts would take more than lim
// allows once uncompressed (a "zip bomb"), before excelize opens it.
func (lim ImportLimits) checkXLSX(path string) error {
	z, err := zip.OpenReader(path)
	if err != nil {
		return ImportErrors{{Row: 1, Reason: "berkas ini bukan XLSX yang utuh; simpan ulang dari Excel sebagai \"Excel Workbook (*.xlsx)\" atau gunakan CSV"}}
	}
	defer z.Close()
	if len(z.File) > xlsxMaxParts {
		return ImportErrors{{Row: 1, Reason: fmt.Sprintf("berkas XLSX ini terdiri dari %d bagian (batas %d); berkas ini rusak atau bukan lembar kerja biasa", len(z.File), xlsxMaxParts)}}
	}
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
	}
	if lim.MaxUnzippedBytes > 0 && total > uint64(lim.MaxUnzippedBytes) {
		return ImportErrors{{Row: 1, Reason: fmt.Sprintf("berkas XLSX ini berisi %s bila dibuka (batas %s): berkas seperti ini (\"bom zip\") ditolak; simpan ulang hanya dengan data yang perlu, atau gunakan CSV", mb(int64(min(total, 1<<62))), mb(lim.MaxUnzippedBytes))}}
	}
	return nil
}

// checkCSVEncoding refuses a CSV file that is not UTF-8 (with or without a BOM): UTF-16, as
// Excel's "Unicode Text" writes, or a legacy code page.
func checkCSVEncoding(br *bufio.Reader) error {
	head, _ := br.Peek(4096)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}), bytes.IndexByte(head, 0) >= 0:
		return ImportErrors{{Row: 1, Reason: "berkas CSV ini berpengodean UTF-16, bukan UTF-8; di Excel simpan ulang sebagai \"CSV UTF-8 (Comma delimited)\""}}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return ImportErrors{{Row: 1, Reason: "berkas ini XLSX yang bernama .csv; ganti akhiran namanya menjadi .xlsx"}}
	}
	// The peek may end inside a character: only its last three bytes may be incomplete.
	valid := head
	for i := 0; i < 3 && len(valid) > 0 && !utf8.Valid(valid); i++ {
		valid = valid[:len(valid)-1]
	}
	if !utf8.Valid(valid) {
		return ImportErrors{{Row: 1, Reason: "berkas CSV ini bukan UTF-8 (mungkin Windows-1252); di Excel simpan ulang sebagai \"CSV UTF-8 (Comma delimited)\""}}
	}
	return nil
}

// shaped wraps a row reader so that it refuses more rows or columns than lim allows; row 1
// is the header.
func (lim ImportLimits) shaped(next func() ([]string, error)) func() ([]string, error) {
	row := 0
	return func() ([]string, error) {
		rec, err := next()
		if err != nil {
			return rec, err
		}
		row++
		if lim.MaxRows > 0 && row > lim.MaxRows+1 {
			return nil, ImportErrors{{Row: row, Reason: fmt.Sprintf("berkas lebih dari %d baris; bagi menjadi beberapa berkas", lim.MaxRows)}}
		}
		last := len(rec)
		for last > 0 && rec[last-1] == "" {
			last--
		}
		rec = rec[:last]
		if lim.MaxColumns > 0 && len(rec) > lim.MaxColumns {
			return nil, ImportErrors{{Row: row, Reason: fmt.Sprintf("baris ini berisi %d kolom (batas %d); hapus kolom yang tidak dipakai", len(rec), lim.MaxColumns)}}
		}
		return rec, nil
	}
}
