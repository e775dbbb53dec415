package ingest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/ext"

	"skm/cases"
	"skm/ingest/spool"
	"skm/standard"
)

// CaseIntake accepts cases: it checks each against the agency's standard and the case's
// current version, resolves the time limit and deadline, writes the version durably to the
// spool and only then acknowledges. The Batcher moves it on to ClickHouse.
//
// The current version is read from ClickHouse, overlaid with versions acknowledged but not
// yet stored (kept in memory, and found again in the spool after a restart), so that the
// status only moves forward even while the batcher lags. Submissions are serialised: cases
// arrive at human rates, and this makes "read current, check, append" one step.
type CaseIntake struct {
	spool     *spool.Spool
	store     *Store
	set       *standard.Set
	calendars *Calendars
	metrics   *Metrics
	now       func() time.Time

	mu      sync.Mutex
	pending map[caseKey]pendingCase
}

type caseKey struct{ agency, id string }

type pendingCase struct {
	row   cases.Record
	index uint64
}

// NewCaseIntake returns a CaseIntake writing to spool. It reads the spool for versions not
// yet stored. now may be nil.
func NewCaseIntake(sp *spool.Spool, store *Store, set *standard.Set, calendars *Calendars, metrics *Metrics, now func() time.Time) (*CaseIntake, error) {
	if now == nil {
		now = time.Now
	}
	in := &CaseIntake{spool: sp, store: store, set: set, calendars: calendars, metrics: metrics, now: now,
		pending: map[caseKey]pendingCase{}}
	err := sp.Scan(func(e spool.Entry) error {
		if len(e.Data) == 0 || e.Data[0] != entryCase {
			return nil
		}
		row, err := decodeCase(e.Data)
		if err == nil {
			in.remember(row, e.Index)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingest: case intake: %w", err)
	}
	return in, nil
}

func (in *CaseIntake) remember(row cases.Record, index uint64) {
	k := caseKey{row.Agency, row.ID}
	if p, ok := in.pending[k]; !ok || p.row.Version < row.Version {
		in.pending[k] = pendingCase{row: row, index: index}
	}
}

// Record checks and stores cases, all or none: a bad case refuses the submission with a
// *cases.Refusal. Several versions of one id in a submission apply in order. It returns the
// stored versions once they are on disk.
func (in *CaseIntake) Record(ctx context.Context, batch []cases.Case) ([]cases.Record, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	byAgency := map[string][]string{}
	for i, c := range batch {
		if _, ok := in.set.Agency(c.Agency); !ok {
			in.metrics.CasesRejected.Inc()
			return nil, &cases.Refusal{Index: i, ID: c.ID, Fields: cases.FieldErrors{"agency": fmt.Sprintf("instansi %q tidak dikenal", c.Agency)}}
		}
		byAgency[c.Agency] = append(byAgency[c.Agency], c.ID)
	}
	// The committed index is read before ClickHouse is asked: what was committed by then is
	// in ClickHouse's answer; what the batcher commits meanwhile may not be, so it stays in
	// the overlay until the next submission.
	committed := in.spool.Committed()
	current := map[caseKey]*cases.Record{}
	for agency, ids := range byAgency {
		rows, err := in.store.CurrentCases(ctx, agency, ids)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			current[caseKey{agency, rows[i].ID}] = &rows[i]
		}
	}
	for k, p := range in.pending {
		if p.index <= committed {
			delete(in.pending, k) // stored: ClickHouse has it
			continue
		}
		if cur, ok := current[k]; !ok || cur.Version < p.row.Version {
			row := p.row
			current[k] = &row
		}
	}
	now := in.now()
	out := make([]cases.Record, len(batch))
	data := make([][]byte, len(batch))
	for i, c := range batch {
		a, _ := in.set.Agency(c.Agency)
		cal, err := in.calendars.For(ctx, a)
		if err != nil {
			return nil, err
		}
		if c.NewNumber && strings.TrimSpace(c.ID) == "" && !c.ReceivedAt.IsZero() {
			if c.ID, err = in.nextNumber(ctx, a, c.ReceivedAt, current); err != nil {
				return nil, err
			}
		}
		k := caseKey{c.Agency, c.ID}
		row, errs := cases.Resolve(c, current[k], a, cal, now)
		if len(errs) > 0 {
			in.metrics.CasesRejected.Inc()
			return nil, &cases.Refusal{Index: i, ID: c.ID, Fields: errs}
		}
		current[k] = &row
		out[i] = row
		data[i] = encodeCase(row)
	}
	first, err := in.spool.AppendMany(ctx, data)
	if err != nil {
		in.metrics.Errors.WithLabelValues("spool").Inc()
		return nil, err
	}
	for i := range out {
		in.remember(out[i], first+uint64(i))
	}
	in.metrics.CasesAccepted.Add(float64(len(out)))
	return out, nil
}

// nextNumber gives the next register number of agency a for a case received at: one more
// than the highest of the year's numbers, stored or acknowledged (current holds those of
// this submission and the overlay). Record holds the lock, so no two cases get one number.
func (in *CaseIntake) nextNumber(ctx context.Context, a *standard.Agency, received time.Time, current map[caseKey]*cases.Record) (string, error) {
	prefix := cases.NumberPrefix(received.In(a.Location).Year())
	var high uint64
	if err := in.store.conn.QueryRow(in.store.readContext(ctx), in.store.sql("CaseIntake.nextNumber"), len(prefix)+1, a.Code, prefix+"%").Scan(&high); err != nil {
		return "", fmt.Errorf("ingest: highest register number: %w", err)
	}
	for k := range current {
		if n, ok := strings.CutPrefix(k.id, prefix); ok && k.agency == a.Code {
			if v, err := strconv.ParseUint(n, 10, 64); err == nil && v > high {
				high = v
			}
		}
	}
	return fmt.Sprintf("%s%05d", prefix, high+1), nil
}

// CurrentCases reads the newest stored version of an agency's cases with the given ids.
func (s *Store) CurrentCases(ctx context.Context, agency string, ids []string) ([]cases.Record, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	tbl, err := ext.NewTable("case_ids", ext.Column("id", "String"))
	if err != nil {
		return nil, fmt.Errorf("ingest: case id table: %w", err)
	}
	for _, id := range ids {
		if err := tbl.Append(id); err != nil {
			return nil, fmt.Errorf("ingest: case id table: %w", err)
		}
	}
	rows, err := s.conn.Query(clickhouse.Context(s.readContext(ctx), clickhouse.WithExternalTable(tbl)), s.sql("CurrentCases"), agency)
	if err != nil {
		return nil, fmt.Errorf("ingest: read current cases: %w", err)
	}
	defer rows.Close()
	var out []cases.Record
	for rows.Next() {
		r := cases.Record{Agency: agency}
		if err := rows.Scan(caseScanDest(&r)...); err != nil {
			return nil, fmt.Errorf("ingest: read current cases: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ingest: read current cases: %w", err)
	}
	return out, nil
}

// caseScanDest are the destinations of a case version read by CurrentCases.sql and RecomputeOpenCases.sql,
// in their column order after agency.
func caseScanDest(r *cases.Record) []any {
	return []any{&r.ID, &r.Kind, &r.Service, &r.Channel, &r.Class, &r.Status, &r.ReceivedAt, &r.CompletedAt,
		&r.SLAAmount, &r.SLAUnit, &r.DeadlineAt, cases.FlagDest{To: &r.OnTime}, &r.WorkingMinutes, &r.Officer, &r.ExternalRef,
		&r.UpdatedAt, &r.Version}
}
