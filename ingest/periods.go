package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/google/uuid"

	"skm/standard"
	"skm/survey"
)

// PeriodGate decides whether a survey period still takes responses. A period is open while
// it runs; after its end it stays open for late paper forms for the agency's grace days,
// unless its results are published first (a publication record); then it is closed, until
// the head or an admin reopens it (with a reason, until a given instant). Anonymous
// responses are dated now and so always fall in the running period; the gate matters for
// earlier-dated submissions (tokens, staff, imports).
type PeriodGate struct {
	store *Store
	now   func() time.Time

	mu    sync.Mutex
	cache map[string]gateState
}

// gateState is what the gate knows of one agency's periods.
type gateState struct {
	loaded    time.Time
	published map[string]time.Time // period → first publication date
	reopened  map[string]reopening // period → its latest reopening
}

// reopening is what the gate knows of a period's latest reopening.
type reopening struct {
	until      time.Time
	by, reason string
}

// gateTTL is how long the gate trusts what it read; Forget drops it at once after this
// process's own changes.
const gateTTL = 10 * time.Second

// NewPeriodGate returns a gate reading store's database. now may be nil.
func NewPeriodGate(store *Store, now func() time.Time) *PeriodGate {
	if now == nil {
		now = time.Now
	}
	return &PeriodGate{store: store, now: now, cache: map[string]gateState{}}
}

// Check returns nil when period p of agency a takes responses now, else a
// *survey.ClosedPeriodError saying why.
func (g *PeriodGate) Check(ctx context.Context, a *standard.Agency, p survey.Period) error {
	if g.running(a, p, g.now()) {
		return nil // the common case, answered without ClickHouse
	}
	st, err := g.Status(ctx, a, p)
	if err != nil {
		return err
	}
	if st.Open {
		return nil
	}
	return &survey.ClosedPeriodError{Agency: a.Code, Period: p.Code(), Reason: st.Reason}
}

// end is the first instant after period p in the agency's time.
func periodEnd(a *standard.Agency, p survey.Period) time.Time {
	_, last := p.Bounds()
	return time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, a.Location)
}

func (g *PeriodGate) running(a *standard.Agency, p survey.Period, now time.Time) bool {
	return now.Before(periodEnd(a, p))
}

// Status says where period p of agency a stands for new responses now.
func (g *PeriodGate) Status(ctx context.Context, a *standard.Agency, p survey.Period) (survey.PeriodStatus, error) {
	now := g.now()
	end := periodEnd(a, p)
	grace := end.AddDate(0, 0, a.SurveyGraceDays)
	st := survey.PeriodStatus{Period: p, GraceEnds: grace.AddDate(0, 0, -1)}
	known, err := g.state(ctx, a.Code, now)
	if err != nil {
		return st, err
	}
	code := p.Code()
	st.PublishedOn = known.published[code]
	if r, ok := known.reopened[code]; ok {
		st.ReopenedUntil, st.ReopenedBy, st.ReopenReason = r.until, r.by, r.reason
	}
	switch {
	case now.Before(end):
		st.Open, st.Reason = true, "berjalan"
	case now.Before(st.ReopenedUntil):
		st.Open = true
		st.Reason = "dibuka kembali sampai " + survey.DateLabel(st.ReopenedUntil.In(a.Location), survey.ID) + " oleh " + st.ReopenedBy
	case !st.PublishedOn.IsZero():
		st.Reason = "hasil dipublikasikan " + survey.DateLabel(st.PublishedOn, survey.ID)
	case !now.Before(grace):
		st.Reason = "batas pemasukan kuesioner kertas " + survey.DateLabel(st.GraceEnds, survey.ID) + " sudah lewat"
	default:
		st.Open = true
		st.Reason = "kuesioner kertas masih diterima sampai " + survey.DateLabel(st.GraceEnds, survey.ID)
	}
	return st, nil
}

// Forget drops what the gate knows of agency, after a publication or reopening was saved.
func (g *PeriodGate) Forget(agency string) {
	g.mu.Lock()
	delete(g.cache, agency)
	g.mu.Unlock()
}

func (g *PeriodGate) state(ctx context.Context, agency string, now time.Time) (gateState, error) {
	g.mu.Lock()
	st, ok := g.cache[agency]
	g.mu.Unlock()
	if ok && now.Sub(st.loaded) < gateTTL {
		return st, nil
	}
	st = gateState{loaded: now, published: map[string]time.Time{}, reopened: map[string]reopening{}}
	if err := g.query(ctx, "PeriodGate.state.Published", agency, func(rows driver.Rows) error {
		var period string
		var on time.Time
		if err := rows.Scan(&period, &on); err != nil {
			return err
		}
		st.published[period] = on
		return nil
	}); err != nil {
		return st, err
	}
	if err := g.query(ctx, "PeriodGate.state.Reopened", agency, func(rows driver.Rows) error {
		var period string
		var r reopening
		if err := rows.Scan(&period, &r.until, &r.by, &r.reason); err != nil {
			return err
		}
		st.reopened[period] = r
		return nil
	}); err != nil {
		return st, err
	}
	g.mu.Lock()
	g.cache[agency] = st
	g.mu.Unlock()
	return st, nil
}

func (g *PeriodGate) query(ctx context.Context, stmt, agency string, scan func(driver.Rows) error) error {
	rows, err := g.store.conn.Query(ctx, g.store.sql(stmt), agency)
	if err != nil {
		return fmt.Errorf("ingest: period gate: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("ingest: period gate: %w", err)
		}
	}
	return rows.Err()
}

// PeriodReopening is the head's or an admin's decision to take responses for a closed
// survey period again, until a given instant.
type PeriodReopening struct {
	ID         string
	Agency     string
	Period     string
	Reason     string
	ReopenedBy string
	ReopenedAt time.Time
	Until      time.Time
}

// SavePeriodReopening records a reopening; the one made last is the period's (closing a
// period early is a reopening ending now).
func (s *Store) SavePeriodReopening(ctx context.Context, r *PeriodReopening) error {
	if r.ID == "" {
		r.ID = uuid.NewString()
	}
	return s.insertOne(ctx, s.sql("SavePeriodReopening"), "save period reopening",
		r.Agency, r.Period, r.ID, r.Reason, r.ReopenedBy, r.ReopenedAt.UTC(), r.Until.UTC(), uint64(time.Now().UnixNano()))
}
