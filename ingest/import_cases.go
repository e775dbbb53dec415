package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"skm/cases"
	"skm/standard"
)

// CaseColumns are the columns of the case-import template.
var CaseColumns = []string{"nomor", "jenis", "layanan", "saluran", "klasifikasi", "status",
	"diterima", "selesai", "petugas", "rujukan"}

// caseFields maps each API field to the header names accepted for it (normalised: lower
// case, runs of other characters as "_"). The first is the template's.
var caseFields = []struct {
	field   string
	headers []string
}{
	{"id", []string{"nomor", "nomor_registrasi", "no_registrasi", "nomor_agenda", "id"}},
	{"kind", []string{"jenis", "kind"}},
	{"service", []string{"layanan", "service"}},
	{"channel", []string{"saluran", "channel"}},
	{"class", []string{"klasifikasi", "class"}},
	{"status", []string{"status"}},
	{"received_at", []string{"diterima", "waktu_diterima", "tanggal_diterima", "received_at"}},
	{"completed_at", []string{"selesai", "waktu_selesai", "tanggal_selesai", "completed_at"}},
	{"officer", []string{"petugas", "officer", "penanggung_jawab"}},
	{"external_ref", []string{"rujukan", "nomor_rujukan", "nomor_lapor", "external_ref"}},
}

// lapor recognises an SP4N-LAPOR! export by its tracking-number column and maps its columns
// onto our fields. Every report is a complaint received through sp4n-lapor, keyed by its
// tracking number (also kept as the external reference).
var laporFields = []struct {
	field   string
	headers []string
}{
	{"id", []string{"nomor_tracking", "no_tracking", "tracking_id", "kode_tracking", "id_tracking", "nomor_laporan", "no_laporan"}},
	{"received_at", []string{"tanggal_laporan", "tanggal_masuk", "tanggal_dibuat", "waktu_laporan", "tanggal_lapor", "tanggal"}},
	{"completed_at", []string{"tanggal_selesai", "tanggal_tindak_lanjut", "tanggal_ditutup", "waktu_selesai"}},
	{"status", []string{"status", "status_laporan"}},
	{"class", []string{"klasifikasi"}},
	{"officer", []string{"petugas", "penanggung_jawab", "disposisi", "instansi_disposisi"}},
}

// laporStatus maps SP4N-LAPOR!'s status buckets onto ours; "arsip" (archived without
// follow-up) is not a case of the agency and is skipped.
var laporStatus = map[string]string{
	"belum terverifikasi":                cases.StatusDiterima,
	"terdisposisi belum ditindaklanjuti": cases.StatusDiterima,
	"belum ditindaklanjuti":              cases.StatusDiterima,
	"terdisposisi sedang diproses":       cases.StatusDiproses,
	"sedang diproses":                    cases.StatusDiproses,
	"tertunda":                           cases.StatusDiproses,
	"terdisposisi selesai":               cases.StatusSelesai,
	"selesai":                            cases.StatusSelesai,
	"arsip":                              "",
}

// Case import formats.
const (
	CaseFormatSKM   = "skm"
	CaseFormatLapor = "sp4n-lapor"
)

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

func normHeader(h string) string {
	return strings.Trim(nonWord.ReplaceAllString(strings.ToLower(strings.TrimPrefix(h, "\ufeff")), "_"), "_")
}

// caseColumns is a file's header mapped onto case fields.
type caseColumns struct {
	format  string
	idx     map[string]int // field → column
	headers []string
}

func (c caseColumns) get(rec []string, field string) string {
	if i, ok := c.idx[field]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

func (c caseColumns) header(field string) string {
	if i, ok := c.idx[field]; ok {
		return c.headers[i]
	}
	return field
}

func mapCaseColumns(header []string, a *standard.Agency) (caseColumns, ImportErrors) {
	c := caseColumns{format: CaseFormatSKM, idx: map[string]int{}, headers: header}
	norm := make([]string, len(header))
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		norm[i] = normHeader(h)
	}
	fields := caseFields
	for _, n := range norm {
		for _, h := range laporFields[0].headers {
			if n == h {
				c.format, fields = CaseFormatLapor, laporFields
			}
		}
	}
	var errs ImportErrors
	for _, f := range fields {
		for i, n := range norm {
			for _, h := range f.headers {
				if n != h {
					continue
				}
				if prev, dup := c.idx[f.field]; dup && prev != i {
					errs = append(errs, RowError{Row: 1, Column: header[i], Reason: fmt.Sprintf("kolom ini dan kolom %q sama artinya; hapus salah satu", header[prev])})
				}
				c.idx[f.field] = i
			}
		}
	}
	need := []string{"id", "service", "channel", "received_at"}
	if c.format == CaseFormatLapor {
		need = []string{"id", "received_at", "status"}
		if complaintService(a) == nil {
			errs = append(errs, RowError{Row: 1, Reason: "standar pelayanan instansi ini tidak memuat layanan pengaduan; ekspor SP4N-LAPOR! tidak dapat dipetakan"})
		}
	}
	for _, f := range need {
		if _, ok := c.idx[f]; !ok {
			name := f
			for _, cf := range fields {
				if cf.field == f {
					name = cf.headers[0]
				}
			}
			errs = append(errs, RowError{Row: 1, Column: name, Reason: "kolom wajib tidak ada; gunakan templat"})
		}
	}
	return c, errs
}

// complaintService is the agency's service for complaints: one of kind pengaduan.
func complaintService(a *standard.Agency) *standard.Service {
	for _, s := range a.Services {
		if s.Kind == standard.KindPengaduan {
			return s
		}
	}
	return nil
}

// parseCaseRow turns a row into a Case; skip is true for rows that are not cases (an
// SP4N-LAPOR! report in "arsip").
func parseCaseRow(n int, rec []string, cols caseColumns, a *standard.Agency) (c cases.Case, skip bool, errs ImportErrors) {
	bad := func(field, reason string) {
		errs = append(errs, RowError{Row: n, Column: cols.header(field), Reason: reason})
	}
	c = cases.Case{Agency: a.Code, ID: cols.get(rec, "id"), Kind: cols.get(rec, "kind"), Service: cols.get(rec, "service"),
		Channel: cols.get(rec, "channel"), Class: cols.get(rec, "class"),
		Status: strings.ToLower(cols.get(rec, "status")), Officer: cols.get(rec, "officer"), ExternalRef: cols.get(rec, "external_ref")}
	if cols.format == CaseFormatLapor {
		c.Kind, c.Channel, c.Service, c.ExternalRef = standard.KindPengaduan, "sp4n-lapor", complaintService(a).Code, c.ID
		bucket := strings.Join(strings.Fields(c.Status), " ")
		st, ok := laporStatus[bucket]
		switch {
		case !ok:
			bad("status", fmt.Sprintf("status SP4N-LAPOR! %q tidak dikenal; yang dikenal: belum terverifikasi, terdisposisi belum ditindaklanjuti, terdisposisi sedang diproses, terdisposisi selesai, tertunda, arsip", cols.get(rec, "status")))
		case st == "":
			return c, true, nil
		}
		c.Status = st
	}
	if cols.format != CaseFormatLapor && c.ID == exampleCaseID && c.Officer == exampleOfficer {
		bad("id", "ini baris contoh templat; hapus baris ini atau ganti dengan kasus yang sebenarnya")
	}
	codedCaseFields(&c, cols.format, a, bad)
	v := cols.get(rec, "received_at")
	t, err := parseCaseTime(v, a.Location)
	if err != nil {
		bad("received_at", fmt.Sprintf("waktu diterima %q tidak terbaca; tulis seperti 2026-10-14 10:00 atau 14/10/2026 10:00", v))
	}
	c.ReceivedAt = t
	if v := cols.get(rec, "completed_at"); v != "" {
		t, err := parseCaseTime(v, a.Location)
		if err != nil {
			bad("completed_at", fmt.Sprintf("waktu selesai %q tidak terbaca; tulis seperti 2026-10-16 14:30 atau 16/10/2026 14:30", v))
		} else {
			c.CompletedAt = &t
		}
	}
	return c, false, errs
}

// codedCaseFields turns the names a row may give for kind, service, channel, class and
// status (the template's dropdowns show names) into their codes; codes are taken as they
// are. A name that is none of the standard's is refused with the choices, but in an
// SP4N-LAPOR! export an unknown class or status is left to the checks of the case (the
// export's own vocabulary has its messages there).
func codedCaseFields(c *cases.Case, format string, a *standard.Agency, bad func(field, reason string)) {
	lapor := format == CaseFormatLapor
	if c.Kind != "" && !lapor {
		if k, ok := standard.LookupKind(c.Kind); ok {
			c.Kind = k
		} else {
			bad("kind", fmt.Sprintf("jenis %q tidak dikenal; pilih salah satu: %s", c.Kind, choiceList(standard.Kinds, standard.KindName)))
		}
	}
	if c.Service != "" && !lapor {
		if s, ok := a.LookupService(c.Service); ok {
			c.Service = s.Code
		} else {
			bad("service", fmt.Sprintf("layanan %q tidak dikenal; pilih salah satu: %s", c.Service, choiceList(a.ServiceCodes(), a.ServiceName)))
		}
	}
	if c.Channel != "" && !lapor {
		if ch, ok := a.LookupChannel(c.Channel); ok {
			c.Channel = ch
		} else {
			bad("channel", fmt.Sprintf("saluran %q tidak dikenal; pilih salah satu: %s", c.Channel, choiceList(a.Channels, standard.ChannelName)))
		}
	}
	if c.Class != "" {
		if cl, ok := a.LookupComplaintClass(c.Class); ok {
			c.Class = cl
		} else if !lapor && len(a.ComplaintClasses) > 0 {
			bad("class", fmt.Sprintf("klasifikasi %q tidak dikenal; pilih salah satu: %s", c.Class, choiceList(a.ComplaintClassCodes(), a.ClassName)))
		} else {
			c.Class = strings.ToLower(c.Class)
		}
	}
	if st, ok := cases.LookupStatus(c.Status); ok && !lapor {
		c.Status = st
	}
}

var caseTimeLayouts = []string{"2006-01-02 15:04", "2006-01-02 15:04:05", time.RFC3339, "2006-01-02T15:04", "2006-01-02T15:04:05",
	"02/01/2006 15:04", "02/01/2006 15:04:05", "2/1/2006 15:04", "2/1/2006 15:04:05", "02-01-2006 15:04", "02-01-2006 15:04:05",
	"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "2 January 2006 15:04", "2 January 2006"}

// clockDots finds a time written the Indonesian way, 10.30 or 10.30.00, after the date.
var clockDots = regexp.MustCompile(`\s\d{1,2}\.\d{2}(?:\.\d{2})?$`)

var indonesianMonths = strings.NewReplacer("Januari", "January", "Februari", "February", "Maret", "March",
	"Mei", "May", "Juni", "June", "Juli", "July", "Agustus", "August", "Oktober", "October", "Desember", "December",
	"Pukul ", "", "pukul ", "")

// parseCaseTime reads an instant as staff write it, in the agency's time zone unless it
// carries an offset: ISO or day/month/year dates with an optional time (a date alone is the
// start of that day), Indonesian month names, or an Excel date serial number.
func parseCaseTime(v string, loc *time.Location) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, errors.New("empty")
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f > 20000 && f < 80000 {
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return time.Time{}, err
		}
		t = t.Round(time.Second)
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc), nil
	}
	if strings.IndexFunc(v, unicode.IsLetter) >= 0 {
		v = indonesianMonths.Replace(v)
	}
	if strings.Contains(v, ".") {
		v = clockDots.ReplaceAllStringFunc(v, func(m string) string { return strings.ReplaceAll(m, ".", ":") })
	}
	for _, layout := range caseTimeLayouts {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("unreadable")
}

// CaseImportOptions configure ImportCases.
type CaseImportOptions struct {
	// DryRun checks the file (against the stored cases too) and stores nothing.
	DryRun bool
	// Progress, if set, is called with the rows read so far.
	Progress func(rows int)
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Limits bound the file (default CLIImportLimits).
	Limits *ImportLimits
	// Each, if set, is given every checked row while the file has no problems (for a
	// preview's counts).
	Each func(r cases.Record)
	// By is who the stored versions are recorded by, for the cases' history (default
	// "impor:" and the file's name).
	By string
}

// CaseImportResult tells what an import did.
type CaseImportResult struct {
	Format  string
	Rows    int // case rows read
	Skipped int // rows that are not cases (SP4N-LAPOR! "arsip")
	Stored  int
}

// Chunks: rows checked against the stored cases at once, and rows sent to the staging
// table at once.
const (
	importChunk = 20_000
	importBatch = 25_000
)

// ImportCases imports a CSV or XLSX file of cases of agency a, in our template's columns or
// as an SP4N-LAPOR! export. Every row is checked against the standard and the stored cases
// (status forward only), and every problem is reported by row, column and reason in
// Indonesian (ImportErrors). Checked rows stream into a staging table under this import's
// own id while the rest of the file is read; only when the whole file is good are they
// copied into cases, so a file with errors changes nothing, and memory stays flat at any
// file size. A row whose id is stored already updates that case; an id may appear once per
// file.
func (s *Store) ImportCases(ctx context.Context, path string, a *standard.Agency, cal *standard.WorkCalendar, opts CaseImportOptions) (CaseImportResult, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	res := CaseImportResult{}
	by := opts.By
	if by == "" {
		by = "impor:" + filepath.Base(path)
	}
	lim := CLIImportLimits
	if opts.Limits != nil {
		lim = *opts.Limits
	}
	// XLSX cells are read raw, so dates typed in Excel arrive as serial numbers rather than
	// in a display format of unknown order.
	next, closeFn, err := openRowsAs(path, true, lim)
	if err != nil {
		return res, err
	}
	defer closeFn()
	header, err := next()
	if err == io.EOF {
		return res, ImportErrors{{Row: 1, Reason: "berkas kosong; gunakan templat"}}
	}
	if err != nil {
		return res, fmt.Errorf("berkas %s: %w", path, err)
	}
	cols, errs := mapCaseColumns(header, a)
	if len(errs) > 0 {
		return res, errs
	}
	res.Format = cols.format

	var idb [8]byte
	_, _ = rand.Read(idb[:])
	importID := hex.EncodeToString(idb[:])
	var st *stager
	if !opts.DryRun {
		st = s.newStager(ctx, importID)
		defer st.drop()
	}

	now := opts.Now()
	seed := maphash.MakeSeed()
	seen := map[uint64]int32{} // id hash → row, to refuse an id twice in a file
	var (
		chunk    []cases.Case
		chunkRow []int
		out      []cases.Record
		fatal    error
	)
	check := func() {
		current := map[string]*cases.Record{}
		if len(chunk) > 0 {
			ids := make([]string, len(chunk))
			for i := range chunk {
				ids[i] = strings.TrimSpace(chunk[i].ID)
			}
			rows, err := s.CurrentCases(ctx, a.Code, ids)
			if err != nil {
				fatal = err
				return
			}
			for i := range rows {
				current[rows[i].ID] = &rows[i]
			}
		}
		for i, c := range chunk {
			c.By = by
			row, fe := cases.Resolve(c, current[strings.TrimSpace(c.ID)], a, cal, now)
			for _, f := range fe.SortedKeys() {
				errs = append(errs, RowError{Row: chunkRow[i], Column: cols.header(f), Reason: fe[f]})
			}
			if len(errs) == 0 && opts.Each != nil {
				opts.Each(row)
			}
			if len(errs) == 0 && st != nil {
				if out == nil {
					out = make([]cases.Record, 0, importBatch+importChunk)
				}
				out = append(out, row)
			}
		}
		chunk, chunkRow = chunk[:0], chunkRow[:0]
		if len(errs) > 0 || len(out) >= importBatch {
			if st != nil && len(errs) == 0 {
				st.send(out)
			}
			out = nil
		}
	}
	line := 1
	for {
		rec, err := next()
		if err == io.EOF {
			break
		}
		line++
		var limit ImportErrors
		if errors.As(err, &limit) {
			return res, limit
		}
		if err != nil {
			errs = append(errs, RowError{Row: line, Reason: "baris tidak terbaca: " + err.Error()})
			break
		}
		if opts.Progress != nil && line%10_000 == 0 {
			opts.Progress(line - 1)
		}
		if blank(rec) {
			continue
		}
		c, skip, rowErrs := parseCaseRow(line, rec, cols, a)
		if skip {
			res.Skipped++
			continue
		}
		res.Rows++
		errs = append(errs, rowErrs...)
		if id := strings.TrimSpace(c.ID); id != "" {
			h := maphash.String(seed, id)
			if prev, dup := seen[h]; dup {
				errs = append(errs, RowError{Row: line, Column: cols.header("id"), Reason: fmt.Sprintf("nomor %q sudah ada di baris %d; satu kasus satu baris", id, prev)})
				continue
			}
			seen[h] = int32(line)
		}
		if len(rowErrs) == 0 {
			chunk, chunkRow = append(chunk, c), append(chunkRow, line)
			if len(chunk) == importChunk {
				check()
			}
		}
		if fatal != nil {
			return res, fatal
		}
		if len(errs) >= maxImportErrors {
			return res, append(errs, RowError{Row: line, Reason: tooManyErrors})
		}
	}
	check()
	if fatal != nil {
		return res, fatal
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(x, y RowError) int { return x.Row - y.Row })
		return res, errs
	}
	if res.Rows == 0 {
		return res, ImportErrors{{Row: 2, Reason: "tidak ada baris kasus di bawah judul kolom"}}
	}
	if opts.Progress != nil {
		opts.Progress(line - 1)
	}
	if opts.DryRun {
		return res, nil
	}
	st.send(out)
	n, err := st.wait()
	if err != nil {
		return res, err
	}
	// On a cluster the staged rows are on every replica of their shard (below), so the copy
	// reads them all whichever replica answers; it writes with the intake's quorum.
	copyCtx := s.intakeContext(ctx)
	if err := retryQuorumBusy(ctx, func() error { return s.conn.Exec(copyCtx, s.sql("ImportCases"), importID) }); err != nil {
		return res, fmt.Errorf("import: copying the checked cases failed; run the same import again (it only updates): %w", err)
	}
	if err := retryQuorumBusy(ctx, func() error {
		return s.markCaseMonths(s.intakeContext(ctx), []cases.Record{{Agency: a.Code, ReceivedDate: st.first}})
	}); err != nil {
		return res, fmt.Errorf("import: the cases are stored, but the monthly figures were not told; run the same import again: %w", err)
	}
	res.Stored = n
	return res, nil
}

// stagingContext is ctx for the staging inserts of a case import: on a cluster they wait for
// every replica of the shard, so that the copy, which reads them through the Distributed
// table from any replica, reads them all. Sequential consistency would not do: the staging
// partition is dropped after each import, and ClickHouse 18.16 then refuses every read with
// it ("Replica doesn't have part …", the last quorum part of a dropped partition). So an
// import on a cluster needs every replica of its agency's shard up (it says so otherwise and
// can be run again).
func (s *Store) stagingContext(ctx context.Context) context.Context {
	if s.repl == nil {
		return ctx
	}
	return s.quorumContext(ctx, s.repl.ShardReplicas)
}

// stager streams checked rows into the staging table from a goroutine, one batch in flight,
// so that ClickHouse stores a batch while the next is read and checked.
type stager struct {
	ctx      context.Context
	store    *Store
	importID string
	batches  chan []cases.Record
	closing  sync.Once
	done     chan struct{}
	sent     int       // written by the goroutine, read after done
	first    time.Time // the earliest receipt date staged; likewise
	err      error     // written by the goroutine, read after done
}

func (s *Store) newStager(ctx context.Context, importID string) *stager {
	st := &stager{ctx: ctx, store: s, importID: importID, batches: make(chan []cases.Record, 1), done: make(chan struct{})}
	batches := st.batches
	go func() {
		defer close(st.done)
		insert := s.sql("newStager")
		for rows := range batches {
			if st.err != nil {
				continue
			}
			err := retryQuorumBusy(ctx, func() error { return s.writeCases(s.stagingContext(ctx), insert, importID, rows) })
			if quorumShort(err) {
				err = fmt.Errorf("on a cluster an import needs every replica of the agency's shard, and one is down; run the same import again when it is back: %w", err)
			}
			if err != nil {
				st.err = fmt.Errorf("import: staging: %w", err)
				continue
			}
			st.sent += len(rows)
			for _, r := range rows {
				if st.first.IsZero() || r.ReceivedDate.Before(st.first) {
					st.first = r.ReceivedDate
				}
			}
		}
	}()
	return st
}

func (s *stager) send(rows []cases.Record) {
	if len(rows) > 0 {
		s.batches <- rows
	}
}

// wait returns how many rows were staged, once every batch is sent.
func (s *stager) wait() (int, error) {
	s.closing.Do(func() { close(s.batches) })
	<-s.done
	return s.sent, s.err
}

// drop removes the import's staging partition, whatever happened.
func (s *stager) drop() {
	_, _ = s.wait()
	_ = s.store.conn.Exec(context.WithoutCancel(s.ctx), s.store.sql("stager.drop"), s.importID)
}
