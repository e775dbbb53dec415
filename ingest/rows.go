package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/google/uuid"

	"skm/chsql"

	"skm/cases"
)

// ResponseRow is one survey response as stored: answers by element code (Answers[0] is
// U1, Answers[8] is U9), 0 for an element left blank.
type ResponseRow struct {
	Agency       string
	Service      string
	ID           uuid.UUID
	SubmittedAt  time.Time
	LocalDate    time.Time // the agency-local date, at midnight UTC
	Channel      string    // web, kiosk, paper
	Answers      [9]uint8
	Umur         uint8 // 0 = not given
	JenisKelamin string
	Pendidikan   string
	Pekerjaan    string
	Saran        string
	ExtraKeys    []string
	ExtraValues  []string
	IngestedAt   time.Time
}

// WriteResponses inserts rows in one batch.
func (s *Store) WriteResponses(ctx context.Context, rows []ResponseRow) error {
	return s.insertRows(ctx, s.sql("WriteResponses"), "write responses", len(rows), func(b driver.Batch, i int) error {
		r := &rows[i]
		a := r.Answers
		if err := b.Append(r.Agency, r.Service, r.ID, r.SubmittedAt.UTC(), r.LocalDate, r.Channel,
			a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
			r.Umur, r.JenisKelamin, r.Pendidikan, r.Pekerjaan, r.Saran,
			nonNil(r.ExtraKeys), nonNil(r.ExtraValues), r.IngestedAt.UTC()); err != nil {
			return fmt.Errorf("response %s: %w", r.ID, err)
		}
		return nil
	})
}

// writeResponseIDs adds rows' ids to the id index directly (its view missed them).
func (s *Store) writeResponseIDs(ctx context.Context, rows []ResponseRow) error {
	return s.insertRows(ctx, s.sql("writeResponseIDs"), "write response ids", len(rows), func(b driver.Batch, i int) error {
		if err := b.Append(rows[i].ID, rows[i].Agency, rows[i].Service, rows[i].LocalDate); err != nil {
			return fmt.Errorf("id %s: %w", rows[i].ID, err)
		}
		return nil
	})
}

// insertRows sends n rows with insert in one batch, add appending the i-th; what names the
// step in errors. Nothing is sent when n is 0.
func (s *Store) insertRows(ctx context.Context, insert, what string, n int, add func(b driver.Batch, i int) error) error {
	if n == 0 {
		return nil
	}
	batch, err := s.conn.PrepareBatch(chsql.BatchContext(ctx), insert)
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", what, err)
	}
	for i := range n {
		if err := add(batch, i); err != nil {
			_ = batch.Abort()
			return fmt.Errorf("ingest: %s: %w", what, err)
		}
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("ingest: %s: send %d rows: %w", what, n, err)
	}
	return nil
}

// WriteCases inserts case versions in one batch, and marks the months they change for
// CaseMonths. The batch is filled column by column,
// several times cheaper than row by row for the large batches of a file import.
func (s *Store) WriteCases(ctx context.Context, rows []cases.Record) error {
	if err := s.writeCases(ctx, s.sql("WriteCases"), "", rows); err != nil {
		return err
	}
	return s.markCaseMonths(ctx, rows)
}

// writeCases sends rows with insert; a non-empty importID fills a leading import_id column.
func (s *Store) writeCases(ctx context.Context, insert, importID string, rows []cases.Record) error {
	if len(rows) == 0 {
		return nil
	}
	batch, err := s.conn.PrepareBatch(chsql.BatchContext(ctx), insert)
	if err != nil {
		return fmt.Errorf("ingest: prepare cases batch: %w", err)
	}
	n := len(rows)
	var (
		strs  [11][]string // agency, id, kind, service, channel, class, status, sla_unit, officer, external_ref, recorded_by
		times [3][]time.Time
		opt   [3][]*time.Time
		amt   = make([]uint32, n)
		on    = make([]*uint8, n)
		mins  = make([]*uint32, n)
		vers  = make([]uint64, n)
	)
	for i := range strs {
		strs[i] = make([]string, n)
	}
	for i := range times {
		times[i], opt[i] = make([]time.Time, n), make([]*time.Time, n)
	}
	for i := range rows {
		r := &rows[i]
		for j, v := range [11]string{r.Agency, r.ID, r.Kind, r.Service, r.Channel, r.Class, r.Status, r.SLAUnit, r.Officer, r.ExternalRef, r.RecordedBy} {
			strs[j][i] = v
		}
		times[0][i], times[1][i], times[2][i] = r.ReceivedAt.UTC(), r.ReceivedDate, r.UpdatedAt.UTC()
		opt[0][i], opt[1][i], opt[2][i] = utcPtr(r.CompletedAt), r.CompletedDate, utcPtr(r.DeadlineAt)
		amt[i], on[i], mins[i], vers[i] = r.SLAAmount, flagByte(r.OnTime), r.WorkingMinutes, r.Version
	}
	// In the column order of WriteCases.sql.
	var cols []any
	if importID != "" {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = importID
		}
		cols = append(cols, ids)
	}
	cols = append(cols, strs[0], strs[1], strs[2], strs[3], strs[4], strs[5], strs[6], times[0], times[1], opt[0], opt[1],
		amt, strs[7], opt[2], on, mins, strs[8], strs[9], times[2], vers, strs[10])
	for i, col := range cols {
		if err := batch.Column(i).Append(col); err != nil {
			_ = batch.Abort()
			return fmt.Errorf("ingest: cases batch column %d: %w", i, err)
		}
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("ingest: send %d cases: %w", len(rows), err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// flagByte is a flag as stored (Nullable(UInt8)).
func flagByte(b *bool) *uint8 {
	if b == nil {
		return nil
	}
	v := boolByte(*b)
	return &v
}

// CountResponses returns how many survey responses agency has stored. The error is the
// driver's, for the caller to say what it was counting for.
func (s *Store) CountResponses(ctx context.Context, agency string) (uint64, error) {
	var n uint64
	err := s.conn.QueryRow(ctx, s.sql("CountResponses"), agency).Scan(&n)
	return n, err
}
