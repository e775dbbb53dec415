package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/cases"
	"skm/standard"
)

// Calendars gives each agency's working calendar: the standards' calendars with the
// administrators' holiday changes stored in ClickHouse applied. Changes are re-read at most
// every Refresh; when ClickHouse cannot be read, the last ones read are kept.
type Calendars struct {
	set     *standard.Set
	store   *Store
	refresh time.Duration

	mu      sync.Mutex
	changes []standard.HolidayChange
	loaded  time.Time
	cache   map[string]*standard.WorkCalendar
}

// NewCalendars returns the calendars of set's agencies, with changes read through store.
func NewCalendars(set *standard.Set, store *Store) *Calendars {
	return &Calendars{set: set, store: store, refresh: 30 * time.Second, cache: map[string]*standard.WorkCalendar{}}
}

// For returns agency a's working calendar.
func (c *Calendars) For(ctx context.Context, a *standard.Agency) (*standard.WorkCalendar, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.loaded) >= c.refresh {
		changes, err := c.store.HolidayChanges(ctx)
		if err != nil && c.loaded.IsZero() {
			return nil, err
		}
		if err == nil {
			c.changes, c.loaded, c.cache = changes, time.Now(), map[string]*standard.WorkCalendar{}
		}
	}
	if cal, ok := c.cache[a.Code]; ok {
		return cal, nil
	}
	cal := a.WorkCalendar(c.set).Apply(c.changes)
	c.cache[a.Code] = cal
	return cal, nil
}

// Invalidate makes the next For re-read the changes.
func (c *Calendars) Invalidate() {
	c.mu.Lock()
	c.loaded = time.Time{}
	c.mu.Unlock()
}

// HolidayChanges reads the current holiday changes, oldest first.
func (s *Store) HolidayChanges(ctx context.Context) ([]standard.HolidayChange, error) {
	rows, err := s.conn.Query(ctx, s.sql("HolidayChanges"))
	if err != nil {
		return nil, fmt.Errorf("ingest: read holiday changes: %w", err)
	}
	defer rows.Close()
	var out []standard.HolidayChange
	for rows.Next() {
		var (
			ch      standard.HolidayChange
			day     time.Time
			off     uint8
			version uint64
		)
		if err := rows.Scan(&ch.Agency, &day, &off, &ch.Kind, &ch.Name, &version); err != nil {
			return nil, fmt.Errorf("ingest: read holiday changes: %w", err)
		}
		ch.Date, ch.Off = standard.DateOf(day), off == 1
		out = append(out, ch)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ingest: read holiday changes: %w", err)
	}
	return out, nil
}

// SaveHolidayChanges stores holiday changes made by who at one instant (a move is two).
func (s *Store) SaveHolidayChanges(ctx context.Context, changes []standard.HolidayChange, who string, at time.Time) error {
	return s.insertRows(ctx, s.sql("SaveHolidayChanges"), "save holiday change", len(changes), func(b driver.Batch, i int) error {
		ch := changes[i]
		day := time.Date(ch.Date.Year, ch.Date.Month, ch.Date.Day, 0, 0, 0, 0, time.UTC)
		return b.Append(ch.Agency, day, boolByte(ch.Off), ch.Kind, ch.Name, at.UTC(), who, uint64(at.UnixNano())+uint64(i))
	})
}

// RecomputeOpenCases recomputes the deadline of every open case with a time limit, of agency
// (or all agencies when ""), with the calendars as they are now, and stores a new version of
// each case whose deadline moved. Completed cases keep what was true when they closed. It
// returns how many cases moved.
func (s *Store) RecomputeOpenCases(ctx context.Context, cals *Calendars, agency string, now time.Time) (int, error) {
	rows, err := s.conn.Query(s.readContext(ctx), s.sql("RecomputeOpenCases"), agency, agency)
	if err != nil {
		return 0, fmt.Errorf("ingest: read open cases: %w", err)
	}
	var moved []cases.Record
	for rows.Next() {
		var r cases.Record
		if err := rows.Scan(append([]any{&r.Agency}, caseScanDest(&r)...)...); err != nil {
			rows.Close()
			return 0, fmt.Errorf("ingest: read open cases: %w", err)
		}
		a, ok := cals.set.Agency(r.Agency)
		if !ok {
			continue // an agency no longer in the standards: leave its cases alone
		}
		cal, err := cals.For(ctx, a)
		if err != nil {
			rows.Close()
			return 0, err
		}
		d, ok := cal.Deadline(r.ReceivedAt, standard.TimeLimit{Amount: int(r.SLAAmount), Unit: standard.Unit(r.SLAUnit)})
		if !ok || (r.DeadlineAt != nil && r.DeadlineAt.Equal(d)) {
			continue
		}
		d = d.UTC()
		r.DeadlineAt = &d
		r.ReceivedDate = standard.LocalDate(r.ReceivedAt, a.Location)
		r.UpdatedAt = now.UTC()
		r.Version = max(uint64(now.UnixNano()), r.Version+1)
		moved = append(moved, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("ingest: read open cases: %w", err)
	}
	for start := 0; start < len(moved); start += 50_000 {
		if err := s.WriteCases(ctx, moved[start:min(start+50_000, len(moved))]); err != nil {
			return 0, err
		}
	}
	return len(moved), nil
}

// ChangeHolidays makes holiday changes by who: it stores them, refreshes cals and recomputes
// the deadlines of the open cases of the changes' agency (every agency's for a national
// change). It is the one implementation behind `skm holiday` and the staff screen, and
// returns how many cases moved.
func (s *Store) ChangeHolidays(ctx context.Context, cals *Calendars, changes []standard.HolidayChange, who string, at time.Time) (int, error) {
	if err := s.SaveHolidayChanges(ctx, changes, who, at); err != nil {
		return 0, err
	}
	cals.Invalidate()
	agency := ""
	if len(changes) > 0 {
		agency = changes[0].Agency
	}
	n, err := s.RecomputeOpenCases(ctx, cals, agency, at)
	if err != nil {
		return n, fmt.Errorf("ingest: the holiday change is saved, but recomputing open cases failed (make the same change again): %w", err)
	}
	return n, nil
}
