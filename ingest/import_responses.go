package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"skm/standard"
	"skm/survey"
)

// ResponseColumns are the columns of the paper-questionnaire template, in the order of the
// printed form: question 8 is U9 (sarana), question 9 is U8 (pengaduan). Only the element
// code after the last "_" matters when reading, so a sheet may also say just U1..U9.
var ResponseColumns = []string{"nomor", "layanan", "tanggal", "jam",
	"P1_U1", "P2_U2", "P3_U3", "P4_U4", "P5_U5", "P6_U6", "P7_U7", "P8_U9", "P9_U8",
	"umur", "jenis_kelamin", "pendidikan", "pekerjaan", "saran"}

// RowError is one problem of an import file, for staff: row as numbered in a spreadsheet
// (the header is row 1), the column's header, and the reason in Indonesian.
type RowError struct {
	Row    int
	Column string
	Reason string
}

// String formats the problem as "baris 12, kolom P3_U3: …".
func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("baris %d: %s", e.Row, e.Reason)
	}
	return fmt.Sprintf("baris %d, kolom %s: %s", e.Row, e.Column, e.Reason)
}

// ImportErrors is every problem found in a file; nothing is imported from it.
type ImportErrors []RowError

// Error lists the problems, one per line.
func (es ImportErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// Stopped reports whether checking stopped at maxImportErrors problems, so more may follow.
func (es ImportErrors) Stopped() bool {
	return len(es) > 0 && es[len(es)-1].Reason == tooManyErrors
}

// maxImportErrors bounds the report of a badly broken file; tooManyErrors ends it.
const (
	maxImportErrors = 200
	tooManyErrors   = "terlalu banyak kesalahan; pemeriksaan dihentikan"
)

var elementHeader = regexp.MustCompile(`(?i)(?:^|_)(U[1-9])$`)

// ParseResponsesFile reads a CSV (";" or "," separated, UTF-8, BOM allowed) or XLSX file of
// paper questionnaires for agency a within CLIImportLimits. It returns every response, or
// ImportErrors listing every bad row; progress, if not nil, is called with the rows read so
// far.
func ParseResponsesFile(path string, a *standard.Agency, progress func(rows int)) ([]survey.Response, error) {
	return ParseResponsesFileWithin(path, a, CLIImportLimits, progress)
}

// ParseResponsesFileWithin is ParseResponsesFile within lim: a file beyond them is refused
// with ImportErrors.
func ParseResponsesFileWithin(path string, a *standard.Agency, lim ImportLimits, progress func(rows int)) ([]survey.Response, error) {
	f, err := ReadResponsesFile(path, a, lim, progress)
	return f.Responses, err
}

// ResponsesFile is what a file of paper questionnaires holds.
type ResponsesFile struct {
	// Responses are its questionnaires, in the file's order, each with its id.
	Responses []survey.Response
	// Rows are the row numbers of Responses in the file, as a spreadsheet numbers them.
	Rows []int
	// Numbered is how many are known by their questionnaire number; the rest are known by
	// their content.
	Numbered int
}

// ReadResponsesFile is ParseResponsesFileWithin, with each response's row and how its id
// was made.
func ReadResponsesFile(path string, a *standard.Agency, lim ImportLimits, progress func(rows int)) (ResponsesFile, error) {
	var f ResponsesFile
	rows, closeFn, err := openRowsAs(path, false, lim)
	if err != nil {
		return f, err
	}
	defer closeFn()
	header, err := rows()
	if err == io.EOF {
		return f, ImportErrors{{Row: 1, Reason: "berkas kosong; gunakan templat"}}
	}
	if err != nil {
		return f, err
	}
	cols, errs := mapColumns(header)
	if len(errs) > 0 {
		return f, errs
	}
	var out []survey.Response
	for n := 2; ; n++ {
		rec, err := rows()
		if err == io.EOF {
			break
		}
		var limit ImportErrors
		if errors.As(err, &limit) {
			return ResponsesFile{}, limit
		}
		if err != nil {
			return ResponsesFile{}, fmt.Errorf("ingest: read %s row %d: %w", path, n, err)
		}
		if progress != nil && n%1000 == 0 {
			progress(n - 1)
		}
		if blank(rec) {
			continue
		}
		r, rowErrs := parseResponseRow(n, rec, cols, a)
		errs = append(errs, rowErrs...)
		if len(errs) >= maxImportErrors {
			errs = append(errs, RowError{Row: n, Reason: tooManyErrors})
			return ResponsesFile{}, errs
		}
		if len(rowErrs) == 0 {
			out = append(out, r)
			f.Rows = append(f.Rows, n)
		}
	}
	if len(errs) > 0 {
		return ResponsesFile{}, errs
	}
	if len(out) == 0 {
		return ResponsesFile{}, ImportErrors{{Row: 2, Reason: "tidak ada baris jawaban di bawah judul kolom"}}
	}
	seen := map[string]int{}
	for i := range out {
		if out[i].ID != "" {
			f.Numbered++
			continue
		}
		// Rows without a questionnaire number are known by their content: re-importing a
		// file with rows added stores just those. Identical rows are told apart by their
		// occurrence, as two respondents may give the same answers on the same day.
		key := contentKey(&out[i])
		seen[key]++
		out[i].ID = uuid.NewSHA1(importNamespace, []byte(key+"\x00"+strconv.Itoa(seen[key]))).String()
	}
	f.Responses = out
	return f, nil
}

// CheckPeriods refuses, row by row, the questionnaires of survey periods that gate says are
// closed (ImportErrors), so that a checked file is not refused when it is stored. Another
// error is a failure to check.
func (f ResponsesFile) CheckPeriods(ctx context.Context, gate *PeriodGate, a *standard.Agency) error {
	closed := map[string]*survey.ClosedPeriodError{}
	var errs ImportErrors
	for i, r := range f.Responses {
		p := survey.PeriodOf(r.SubmittedAt.In(a.Location), a.SurveyPeriods)
		c, checked := closed[p.Code()]
		if !checked {
			err := gate.Check(ctx, a, p)
			if err != nil && !errors.As(err, &c) {
				return fmt.Errorf("ingest: check period %s: %w", p.Code(), err)
			}
			closed[p.Code()] = c
		}
		if c == nil {
			continue
		}
		if len(errs) >= maxImportErrors {
			errs = append(errs, RowError{Row: f.Rows[i], Reason: tooManyErrors})
			break
		}
		errs = append(errs, RowError{Row: f.Rows[i], Reason: fmt.Sprintf("periode %s sudah ditutup (%s); kuesioner periode ini hanya diterima "+
			"bila kepala instansi atau admin membukanya kembali di halaman Periode", p.Label(survey.ID), c.Reason)})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// contentKey is a questionnaire's normalised fields, agency first, as parsed (so "S1" and
// "D4/S1", "l" and "L", 9.30 and 09:30 are the same).
func contentKey(r *survey.Response) string {
	var b strings.Builder
	fmt.Fprintf(&b, "isi\x00%s\x00%s\x00%s", r.Agency, r.Service, r.SubmittedAt.Format("2006-01-02T15:04"))
	for _, e := range survey.Elements {
		fmt.Fprintf(&b, "\x00%d", r.Answer(e))
	}
	fmt.Fprintf(&b, "\x00%d\x00%s\x00%s\x00%s\x00%s", r.Umur, r.JenisKelamin, r.Pendidikan, r.Pekerjaan, strings.Join(strings.Fields(r.Saran), " "))
	return b.String()
}

// importNamespace derives stable response ids for imported paper questionnaires.
var importNamespace = uuid.MustParse("6b1d7a52-8f0e-4c1e-9a57-3f3d2f1b9c01")

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

type columnMap struct {
	idx     map[string]int // field → column index
	headers []string
}

func (c columnMap) get(rec []string, field string) (string, string) {
	i, ok := c.idx[field]
	if !ok || i >= len(rec) {
		return "", ""
	}
	return strings.TrimSpace(rec[i]), c.headers[i]
}

func mapColumns(header []string) (columnMap, ImportErrors) {
	c := columnMap{idx: map[string]int{}, headers: header}
	var errs ImportErrors
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		header[i] = h
		key := strings.ToLower(h)
		if m := elementHeader.FindStringSubmatch(h); m != nil {
			key = strings.ToUpper(m[1])
		}
		if _, dup := c.idx[key]; dup && key != "" {
			errs = append(errs, RowError{Row: 1, Column: h, Reason: "judul kolom ini muncul dua kali"})
		}
		c.idx[key] = i
	}
	for _, need := range []string{"layanan", "tanggal"} {
		if _, ok := c.idx[need]; !ok {
			errs = append(errs, RowError{Row: 1, Column: need, Reason: "kolom wajib tidak ada; gunakan templat"})
		}
	}
	for _, e := range survey.Elements {
		if _, ok := c.idx[e.Code()]; !ok {
			errs = append(errs, RowError{Row: 1, Column: e.Code(), Reason: "kolom jawaban unsur ini tidak ada; gunakan templat"})
		}
	}
	return c, errs
}

var dateLayouts = []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "01-02-06"}

func parseResponseRow(n int, rec []string, cols columnMap, a *standard.Agency) (survey.Response, ImportErrors) {
	var errs ImportErrors
	bad := func(col, reason string) { errs = append(errs, RowError{Row: n, Column: col, Reason: reason}) }
	r := survey.Response{Agency: a.Code, Channel: survey.ChannelPaper}
	svc, col := cols.get(rec, "layanan")
	r.Service = svc
	if s, ok := a.LookupService(svc); ok {
		r.Service = s.Code
	} else {
		bad(col, fmt.Sprintf("layanan %q tidak dikenal; pilih salah satu: %s", svc, choiceList(a.ServiceCodes(), a.ServiceName)))
	}
	day, col := cols.get(rec, "tanggal")
	var date time.Time
	var err error = errors.New("empty")
	for _, layout := range dateLayouts {
		if date, err = time.ParseInLocation(layout, day, a.Location); err == nil {
			break
		}
	}
	if err != nil {
		bad(col, fmt.Sprintf("tanggal %q tidak terbaca; tulis seperti 2026-10-14 atau 14/10/2026", day))
	}
	clock, col := cols.get(rec, "jam")
	if clock == "" {
		clock = "12:00"
	}
	hm, err := time.Parse("15:04", strings.ReplaceAll(clock, ".", ":"))
	if err != nil {
		bad(col, fmt.Sprintf("jam %q tidak terbaca; tulis seperti 09:30", clock))
	}
	r.SubmittedAt = date.Add(time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute)
	for _, e := range survey.Elements {
		v, col := cols.get(rec, e.Code())
		if !r.SetAnswer(e, v) {
			bad(col, fmt.Sprintf("jawaban %q harus 1, 2, 3 atau 4 (kosongkan bila tidak dijawab)", v))
		}
	}
	if v, col := cols.get(rec, "umur"); v != "" {
		age, err := strconv.Atoi(v)
		if err != nil || age < 10 || age > 120 {
			bad(col, fmt.Sprintf("umur %q harus bilangan 10 sampai 120", v))
		}
		r.Umur = age
	}
	if v, col := cols.get(rec, "jenis_kelamin"); v != "" {
		r.JenisKelamin = survey.NormalizeGender(v)
		if !contains(survey.Genders, r.JenisKelamin) {
			bad(col, fmt.Sprintf("jenis kelamin %q harus Laki-laki atau Perempuan (L atau P)", v))
		}
	}
	v, col := cols.get(rec, "pendidikan")
	if r.Pendidikan = survey.NormalizeEducation(v); v != "" && !contains(survey.Educations, r.Pendidikan) {
		bad(col, fmt.Sprintf("pendidikan %q tidak dikenal; pilih: %s", v, strings.Join(survey.Educations, ", ")))
	}
	v, col = cols.get(rec, "pekerjaan")
	if r.Pekerjaan = survey.NormalizeOccupation(v); v != "" && !contains(survey.Occupations, r.Pekerjaan) {
		bad(col, fmt.Sprintf("pekerjaan %q tidak dikenal; pilih: %s", v, strings.Join(survey.Occupations, ", ")))
	}
	r.Saran, _ = cols.get(rec, "saran")
	if nomor, _ := cols.get(rec, "nomor"); nomor != "" {
		// The number printed on the questionnaire makes re-imports of corrected files safe.
		r.ID = uuid.NewSHA1(importNamespace, []byte(a.Code+"\x00"+r.Service+"\x00nomor\x00"+nomor)).String()
	}
	if len(errs) == 0 {
		for field, msg := range r.Validate(survey.Rules{AllowBlankAnswers: true, Now: time.Now()}) {
			bad(headerFor(cols, field), msg)
		}
	}
	return r, errs
}

func headerFor(cols columnMap, field string) string {
	if i, ok := cols.idx[field]; ok {
		return cols.headers[i]
	}
	return field
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// openRowsAs returns a function yielding the file's rows one at a time (io.EOF at the end),
// within lim (a file beyond them is refused with ImportErrors); with raw, XLSX cells are read
// as stored (dates as serial numbers) rather than in their display format.
func openRowsAs(path string, raw bool, lim ImportLimits) (func() ([]string, error), func(), error) {
	if err := lim.checkFileSize(path); err != nil {
		return nil, nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		if err := lim.checkXLSX(path); err != nil {
			return nil, nil, err
		}
		opts := excelize.Options{UnzipXMLSizeLimit: xlsxInMemoryPart}
		if lim.MaxUnzippedBytes > 0 {
			opts.UnzipSizeLimit = max(lim.MaxUnzippedBytes, xlsxInMemoryPart)
		}
		f, err := excelize.OpenFile(path, opts)
		if err != nil {
			return nil, nil, fmt.Errorf("berkas %s tidak dapat dibuka sebagai XLSX: %w", path, err)
		}
		it, err := f.Rows(f.GetSheetName(0))
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("berkas %s: %w", path, err)
		}
		next := func() ([]string, error) {
			if !it.Next() {
				if err := it.Error(); err != nil {
					return nil, err
				}
				return nil, io.EOF
			}
			return it.Columns(excelize.Options{RawCellValue: raw})
		}
		return lim.shaped(next), func() { it.Close(); f.Close() }, nil
	case ".csv", ".txt":
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("berkas %s tidak dapat dibuka: %w", path, err)
		}
		br := bufio.NewReader(f)
		if err := checkCSVEncoding(br); err != nil {
			f.Close()
			return nil, nil, err
		}
		first, _ := br.Peek(4096)
		first = bytes.TrimPrefix(first, []byte("\ufeff"))
		line, _, _ := bytes.Cut(first, []byte("\n"))
		r := csv.NewReader(br)
		r.FieldsPerRecord = -1
		r.Comma = ','
		if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
			r.Comma = ';' // Indonesian Excel writes CSV with semicolons
		}
		return lim.shaped(csvRows(r)), func() { f.Close() }, nil
	}
	return nil, nil, fmt.Errorf("berkas %s: gunakan .csv atau .xlsx", path)
}

// csvRows yields r's records as a spreadsheet shows the file: a blank line is a blank row
// (encoding/csv skips it, which would shift every later row number), and a record whose
// quoted cell spans lines is one row.
func csvRows(r *csv.Reader) func() ([]string, error) {
	nextLine := 1 // where the next record starts if no blank line comes first
	gap := 0      // blank rows still to yield before held
	var held []string
	return func() ([]string, error) {
		if held == nil {
			rec, err := r.Read()
			if err != nil {
				return nil, err
			}
			start, _ := r.FieldPos(0)
			gap, held = start-nextLine, rec
			nextLine = start + 1
			for _, field := range rec {
				nextLine += strings.Count(field, "\n")
			}
		}
		if gap > 0 {
			gap--
			return []string{}, nil
		}
		rec := held
		held = nil
		return rec, nil
	}
}
