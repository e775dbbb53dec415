package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/cases"
	"skm/standard"
	"skm/survey"
)

// markCaseMonths records that rows changed the case figures of their agencies from the month
// of their earliest receipt on, for CaseMonths to compute again.
func (s *Store) markCaseMonths(ctx context.Context, rows []cases.Record) error {
	first := map[string]time.Time{}
	for _, r := range rows {
		if f, ok := first[r.Agency]; !ok || r.ReceivedDate.Before(f) {
			first[r.Agency] = r.ReceivedDate
		}
	}
	if len(first) == 0 {
		return nil
	}
	agencies := slices.Collect(maps.Keys(first))
	seq := uint64(time.Now().UnixNano())
	return s.insertRows(ctx, s.sql("markCaseMonths"), "mark case months", len(agencies), func(b driver.Batch, i int) error {
		f := first[agencies[i]]
		return b.Append(agencies[i], time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, time.UTC), seq)
	})
}

// MarkAllCaseMonths marks every month of every agency's cases for computing again.
func (s *Store) MarkAllCaseMonths(ctx context.Context) error {
	if err := s.conn.Exec(ctx, s.sql("MarkAllCaseMonths"), uint64(time.Now().UnixNano())); err != nil {
		return fmt.Errorf("ingest: mark all case months: %w", err)
	}
	return nil
}

// RefreshCaseMonth computes one month of an agency's case figures into case_month. loc is
// the agency's time zone (the month's end instant).
func (s *Store) RefreshCaseMonth(ctx context.Context, a *standard.Agency, month survey.Period) error {
	first, last := month.Bounds()
	common := []any{clickhouse.Named("agency", a.Code), clickhouse.Named("month", first.Format(time.DateOnly)),
		clickhouse.Named("last", last.Format(time.DateOnly)), clickhouse.Named("end", cases.DayEnd(last, a.Location).Format(time.DateTime)),
		clickhouse.Named("version", uint64(time.Now().UnixNano()))}
	// The overdue list first: readers follow the figures' version, which lands second.
	overdue := append(slices.Clip(common), clickhouse.Named("first", last.Format(time.DateOnly)), // see overdueAtEnd.sql
		clickhouse.Named("service", ""))
	if err := s.conn.Exec(s.readContext(ctx), s.sql("RefreshCaseMonth.Overdue"), overdue...); err != nil {
		return fmt.Errorf("ingest: overdue cases of %s %s: %w", a.Code, month, err)
	}
	args := append(common, clickhouse.Named("first", first.Format(time.DateOnly)), clickhouse.Named("levels", []float64{cases.MedianLevel, cases.P90Level}),
		clickhouse.Named("age_bounds", cases.Bounds(cases.AgeBuckets)), clickhouse.Named("duration_bounds", cases.Bounds(cases.DurationBuckets)))
	if err := s.conn.Exec(s.readContext(ctx), s.sql("RefreshCaseMonth.Figures"), args...); err != nil {
		return fmt.Errorf("ingest: case figures of %s %s: %w", a.Code, month, err)
	}
	return nil
}

// CaseMonths keeps case_month current: it computes again the months that writes of cases
// marked (from the first month they touch to the agency's current month), when told that
// cases were written and at least every Interval.
type CaseMonths struct {
	store  *Store
	set    *standard.Set
	logger *slog.Logger
	now    func() time.Time
	// Interval is the longest time between passes; MinGap the shortest (a busy intake does
	// not make it compute the current month after every batch); FullEvery how often every
	// month is computed again, for what marks cannot see (a correction moving a case's
	// receipt to a later month leaves the earlier month's figures until then).
	Interval, MinGap, FullEvery time.Duration

	mu        sync.Mutex
	watermark uint64
	loaded    bool
	wake      chan struct{}
}

// lateWrites is how far back each pass looks again, for marks stamped before the last pass
// but stored after it (two writers at once); computing a month again is harmless.
const lateWrites = uint64(time.Minute)

// NewCaseMonths returns a CaseMonths on store's database.
func NewCaseMonths(store *Store, set *standard.Set, logger *slog.Logger) *CaseMonths {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &CaseMonths{store: store, set: set, logger: logger, now: time.Now,
		Interval: 30 * time.Second, MinGap: 5 * time.Second, FullEvery: 24 * time.Hour, wake: make(chan struct{}, 1)}
}

// Changed tells the loop that cases were written.
func (c *CaseMonths) Changed() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Run computes pending months until ctx ends, and every month once every FullEvery.
func (c *CaseMonths) Run(ctx context.Context) {
	// Where the last computation left off is read again: another server may have computed
	// since this one last ran (Leases.RunWhileHeld).
	c.mu.Lock()
	c.loaded = false
	c.mu.Unlock()
	c.Changed() // a first pass at start
	full := time.NewTicker(c.FullEvery)
	defer full.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
		case <-time.After(c.Interval):
		case <-full.C:
			if err := c.store.MarkAllCaseMonths(ctx); err != nil && ctx.Err() == nil {
				c.logger.Error("case figures: mark all months", "err", err)
			}
		}
		if _, err := c.Refresh(ctx); err != nil && ctx.Err() == nil {
			c.logger.Error("case figures: refresh", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(c.MinGap):
		}
	}
}

// Refresh computes the months marked since the last pass and returns how many it computed.
func (c *CaseMonths) Refresh(ctx context.Context) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loaded {
		var done uint64
		if err := c.store.conn.QueryRow(c.store.readContext(ctx), c.store.sql("CaseMonths.Refresh.Done")).Scan(&done); err != nil {
			return 0, fmt.Errorf("ingest: case figures: %w", err)
		}
		c.watermark, c.loaded = done, true
	}
	from := uint64(0)
	if c.watermark > lateWrites {
		from = c.watermark - lateWrites
	}
	rows, err := c.store.conn.Query(c.store.readContext(ctx), c.store.sql("CaseMonths.Refresh.Pending"), from)
	if err != nil {
		return 0, fmt.Errorf("ingest: case figures: %w", err)
	}
	type pending struct {
		agency string
		first  time.Time
		seq    uint64
	}
	var todo []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.agency, &p.first, &p.seq); err != nil {
			rows.Close()
			return 0, fmt.Errorf("ingest: case figures: %w", err)
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("ingest: case figures: %w", err)
	}
	n := 0
	for _, p := range todo {
		a, ok := c.set.Agency(p.agency)
		if !ok {
			continue
		}
		now := c.now().In(a.Location)
		current := survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}
		m := survey.Period{Kind: survey.Month, Year: p.first.Year(), N: int(p.first.Month())}
		for ; !m.After(current); m = m.Next() {
			if err := c.store.RefreshCaseMonth(ctx, a, m); err != nil {
				return n, err
			}
			n++
		}
		c.watermark = max(c.watermark, p.seq)
	}
	return n, nil
}
