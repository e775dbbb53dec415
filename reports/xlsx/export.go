package xlsx

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Format is the file format of a raw export.
type Format string

// The raw export formats: an Excel workbook, or CSV as Indonesian Excel opens it (semicolons,
// decimal comma, UTF-8 with a byte order mark).
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// ParseFormat reads a format name (xlsx or csv).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimPrefix(s, "."))); f {
	case XLSX, CSV:
		return f, nil
	}
	return "", fmt.Errorf("format %q tidak dikenal: gunakan xlsx atau csv", s)
}

// maxDataRows is how many rows a sheet of a raw export holds below its header: Excel's limit
// of 1 048 576 rows less the header. Longer exports continue on further sheets.
var maxDataRows = 1<<20 - 1

// ResponseColumns are the headers of the raw response export.
var ResponseColumns = []string{"ID", "Tanggal", "Waktu", "Layanan", "Saluran", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9",
	"Umur", "Jenis kelamin", "Pendidikan", "Pekerjaan", "Saran"}

// CaseColumns are the headers of the raw case export.
var CaseColumns = []string{"Nomor kasus", "Jenis", "Layanan", "Saluran", "Klasifikasi", "Status", "Diterima", "Selesai",
	"Standar waktu", "Tenggat", "Tepat waktu", "Waktu kerja (menit)", "Petugas", "Nomor rujukan"}

// Responses writes every response of an agency's period (any period: month, quarter,
// semester, year) to w in format f, oldest first; unanswered elements are empty. progress,
// when not nil, is called with the rows written so far.
func Responses(ctx context.Context, src Source, a *standard.Agency, period survey.Period, f Format, w io.Writer, progress func(int)) error {
	loc := a.Location
	each := func(fn func(*reports.ResponseRow) error) error {
		return src.EachResponse(ctx, survey.Scope{Agency: a.Code, Period: period}, fn)
	}
	row := func(r *reports.ResponseRow, out *record) {
		out.text(r.ID)
		out.date(r.Date)
		out.time(wall(r.SubmittedAt, loc))
		out.text(r.Service)
		out.text(r.Channel)
		for _, v := range r.Answers {
			if v > 0 {
				out.int(int64(v))
			} else {
				out.empty()
			}
		}
		if r.Umur > 0 {
			out.int(int64(r.Umur))
		} else {
			out.empty()
		}
		out.text(r.JenisKelamin)
		out.text(r.Pendidikan)
		out.text(r.Pekerjaan)
		out.text(r.Saran)
	}
	if err := export(ctx, a, "Respons", ResponseColumns, f, w, each, row, progress); err != nil {
		return fmt.Errorf("xlsx: response export %s %s: %w", a.Code, period, err)
	}
	return nil
}

// Cases writes the newest version of every case an agency received in a period to w in
// format f, in order of receipt. progress, when not nil, is called with the rows written.
func Cases(ctx context.Context, src Source, a *standard.Agency, period survey.Period, f Format, w io.Writer, progress func(int)) error {
	loc := a.Location
	first, last := period.Bounds()
	each := func(fn func(*cases.Record) error) error { return src.EachCase(ctx, a.Code, first, last, fn) }
	row := func(c *cases.Record, out *record) {
		out.text(c.ID)
		out.text(c.Kind)
		out.text(c.Service)
		out.text(c.Channel)
		out.text(c.Class)
		out.text(c.Status)
		out.time(wall(c.ReceivedAt, loc))
		if c.CompletedAt != nil {
			out.time(wall(*c.CompletedAt, loc))
		} else {
			out.empty()
		}
		out.text(c.LimitLabel())
		if c.DeadlineAt != nil {
			out.time(wall(*c.DeadlineAt, loc))
		} else {
			out.empty()
		}
		switch {
		case c.OnTime == nil:
			out.empty()
		case *c.OnTime:
			out.text("Ya")
		default:
			out.text("Tidak")
		}
		if c.WorkingMinutes != nil {
			out.int(int64(*c.WorkingMinutes))
		} else {
			out.empty()
		}
		out.text(c.Officer)
		out.text(c.ExternalRef)
	}
	if err := export(ctx, a, "Kasus", CaseColumns, f, w, each, row, progress); err != nil {
		return fmt.Errorf("xlsx: case export %s %s: %w", a.Code, period, err)
	}
	return nil
}

// record is one exported row being built: cells for a workbook, fields for CSV.
type record struct {
	csv    bool
	cells  []any
	fields []string
	styles *styles
}

func (r *record) reset() { r.cells, r.fields = r.cells[:0], r.fields[:0] }

func (r *record) text(s string) {
	if r.csv {
		r.fields = append(r.fields, neutralise(s))
		return
	}
	r.cells = append(r.cells, s)
}

func (r *record) int(v int64) {
	if r.csv {
		r.fields = append(r.fields, strconv.FormatInt(v, 10))
		return
	}
	r.cells = append(r.cells, v)
}

func (r *record) empty() {
	if r.csv {
		r.fields = append(r.fields, "")
		return
	}
	r.cells = append(r.cells, nil)
}

func (r *record) date(t time.Time) {
	if r.csv {
		r.fields = append(r.fields, t.Format(time.DateOnly))
		return
	}
	r.cells = append(r.cells, excelize.Cell{StyleID: r.styles.date, Value: t})
}

func (r *record) time(t time.Time) {
	if r.csv {
		r.fields = append(r.fields, t.Format("2006-01-02 15:04"))
		return
	}
	r.cells = append(r.cells, excelize.Cell{StyleID: r.styles.datetime, Value: t})
}

// neutralise keeps a spreadsheet from reading text as a formula when it opens the CSV
// (formula injection through a resident's saran or an officer's name): text starting with
// =, +, -, @, a tab or a carriage return gets a leading apostrophe, as Excel itself writes it.
// Workbook cells need none: they are typed as text.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// chunk is how many rows the reading goroutine hands over at a time.
const chunk = 1024

// export writes rows read by each to w: reading (the database and decoding) runs in its own
// goroutine beside formatting and writing, a chunk of rows at a time.
func export[T any](ctx context.Context, a *standard.Agency, title string, columns []string, f Format, w io.Writer,
	each func(func(*T) error) error, row func(*T, *record), progress func(int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []T, 4)
	readErr := make(chan error, 1)
	go func() {
		defer close(chunks)
		buf := make([]T, 0, chunk)
		err := each(func(v *T) error {
			buf = append(buf, *v)
			if len(buf) == chunk {
				select {
				case chunks <- buf:
				case <-ctx.Done():
					return ctx.Err()
				}
				buf = make([]T, 0, chunk)
			}
			return nil
		})
		if err == nil && len(buf) > 0 {
			select {
			case chunks <- buf:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		readErr <- err
	}()
	var sink rowSink
	var err error
	if f == CSV {
		sink, err = newCSVSink(w, columns)
	} else {
		sink, err = newXLSXSink(a, title, columns, w)
	}
	if err != nil {
		cancel()
		<-readErr
		return err
	}
	rec := &record{csv: f == CSV, styles: sink.styles()}
	n := 0
	for c := range chunks {
		for i := range c {
			rec.reset()
			row(&c[i], rec)
			if err = sink.write(rec); err != nil {
				break
			}
			n++
		}
		if err != nil {
			break
		}
		if progress != nil {
			progress(n)
		}
	}
	if err != nil {
		cancel()
		for range chunks { // let the reader finish
		}
		<-readErr
		sink.abort()
		return err
	}
	if err := <-readErr; err != nil {
		sink.abort()
		return err
	}
	return sink.close()
}

// rowSink takes the rows of an export.
type rowSink interface {
	styles() *styles
	write(r *record) error
	close() error
	abort()
}

type csvSink struct {
	bw *bufio.Writer
	cw *csv.Writer
}

func newCSVSink(w io.Writer, columns []string) (*csvSink, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(columns); err != nil {
		return nil, err
	}
	return &csvSink{bw: bw, cw: cw}, nil
}

func (s *csvSink) styles() *styles       { return nil }
func (s *csvSink) write(r *record) error { return s.cw.Write(r.fields) }
func (s *csvSink) abort()                {}

func (s *csvSink) close() error {
	s.cw.Flush()
	if err := s.cw.Error(); err != nil {
		return err
	}
	return s.bw.Flush()
}

// xlsxSink streams rows into sheets of at most maxDataRows rows below a header each.
type xlsxSink struct {
	b       *book
	title   string
	columns []string
	w       io.Writer
	sw      *excelize.StreamWriter
	sheets  int
	row     int
}

func newXLSXSink(a *standard.Agency, title string, columns []string, w io.Writer) (*xlsxSink, error) {
	b, err := newBook(a, "Ekspor "+strings.ToLower(title), false)
	if err != nil {
		return nil, err
	}
	s := &xlsxSink{b: b, title: title, columns: columns, w: w}
	if err := s.next(); err != nil {
		b.f.Close()
		return nil, err
	}
	return s, nil
}

// next starts the next sheet: set up for print, then its stream with the header row.
func (s *xlsxSink) next() error {
	if s.sw != nil {
		if err := s.sw.Flush(); err != nil {
			return err
		}
	}
	s.sheets++
	name := s.title
	if s.sheets > 1 {
		name = fmt.Sprintf("%s (%d)", s.title, s.sheets)
	}
	if err := s.b.addSheet(sheet{name: name}, true); err != nil {
		return err
	}
	if err := s.b.printTitles(name, 1); err != nil {
		return err
	}
	sw, err := s.b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(s.columns))
	for i, c := range s.columns {
		head[i] = excelize.Cell{StyleID: s.b.s.header, Value: c}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	s.sw, s.row = sw, 1
	return nil
}

func (s *xlsxSink) styles() *styles { return &s.b.s }

func (s *xlsxSink) write(r *record) error {
	if s.row > maxDataRows {
		if err := s.next(); err != nil {
			return err
		}
	}
	s.row++
	return s.sw.SetRow(rowRef(s.row), r.cells)
}

// rowRef is "A<row>" without fmt.
func rowRef(row int) string { return "A" + strconv.Itoa(row) }

func (s *xlsxSink) abort() { s.b.f.Close() }

func (s *xlsxSink) close() error {
	defer s.b.f.Close()
	if err := s.sw.Flush(); err != nil {
		return err
	}
	s.b.f.SetActiveSheet(0)
	return s.b.save(s.w)
}
