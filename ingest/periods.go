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
	conn driver.Conn
	db   string
	now  func() time.Time

	mu    sync.Mutex
	cache map[string]gateState
}

// gateState is what the gate knows of one agency's periods.
type gateState struct {
	loaded    time.Time
	published map[string]time.Time // period → first publication date
	reopened  map[string]time.Time // period → end of the latest reopening
}

// gateTTL is how long the gate trusts what it read; Forget drops it at once after this
// process's own changes.
const gateTTL = 10 * time.Second

// NewPeriodGate returns a gate reading database db. now may be nil.
func NewPeriodGate(conn driver.Conn, db string, now func() time.Time) *PeriodGate {
	if now == nil {
		now = time.Now
	}
	return &PeriodGate{conn: conn, db: db, now: now, cache: map[string]gateState{}}
}

// Check returns nil when period p of agency a takes responses now, else a
// *survey.ClosedPeriodError saying why.
func (g *PeriodGate) Check(ctx context.Context, a *standard.Agency, p survey.Period) error {
	now := g.now()
	_, last := p.Bounds()
	end := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, a.Location)
	if now.Before(end) {
		return nil
	}
	st, err := g.state(ctx, a.Code, now)
	if err != nil {
		return err
	}
	code := p.Code()
	if until, ok := st.reopened[code]; ok && now.Before(until) {
		return nil
	}
	closed := &survey.ClosedPeriodError{Agency: a.Code, Period: code}
	if on, ok := st.published[code]; ok {
		closed.Reason = "hasil dipublikasikan " + survey.DateLabel(on, survey.ID)
		return closed
	}
	if grace := end.AddDate(0, 0, a.SurveyGraceDays); !now.Before(grace) {
		closed.Reason = "batas pemasukan kuesioner kertas " + survey.DateLabel(grace.AddDate(0, 0, -1), survey.ID) + " sudah lewat"
		return closed
	}
	return nil
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
	st = gateState{loaded: now, published: map[string]time.Time{}, reopened: map[string]time.Time{}}
	if err := g.read(ctx, "periods.Published", agency, st.published); err != nil {
		return st, err
	}
	if err := g.read(ctx, "periods.Reopened", agency, st.reopened); err != nil {
		return st, err
	}
	g.mu.Lock()
	g.cache[agency] = st
	g.mu.Unlock()
	return st, nil
}

func (g *PeriodGate) read(ctx context.Context, stmt, agency string, into map[string]time.Time) error {
	rows, err := g.conn.Query(ctx, sqlFor(stmt, g.db), agency)
	if err != nil {
		return fmt.Errorf("ingest: period gate: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var period string
		var at time.Time
		if err := rows.Scan(&period, &at); err != nil {
			return fmt.Errorf("ingest: period gate: %w", err)
		}
		into[period] = at
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

// SavePeriodReopening records a reopening (a new one, or a new version of r.ID: closing it
// early is a version with Until = now).
func SavePeriodReopening(ctx context.Context, conn driver.Conn, db string, r *PeriodReopening) error {
	if r.ID == "" {
		r.ID = uuid.NewString()
	}
	return insertOne(ctx, conn, sqlFor("periods.Reopen", db), "save period reopening",
		r.Agency, r.Period, r.ID, r.Reason, r.ReopenedBy, r.ReopenedAt.UTC(), r.Until.UTC(), uint64(time.Now().UnixNano()))
}
