package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"time"

	"skm/standard"
	"skm/survey"
)

// BurstWatch flags a survey period whose IKM moved sharply within minutes — a burst of
// responses, whatever its source (residents, a token, staff, an import) — with an audit line
// (survey.BurstAction) that the dashboard shows to staff.
type BurstWatch struct {
	store  *Store
	set    *standard.Set
	audit  func(ctx context.Context, r AuditRow) error
	logger *slog.Logger
	now    func() time.Time
	// Window is how far back a burst is looked for (default 10 minutes); Threshold the move
	// of the IKM in points that is flagged (default 2); MinResponses the fewest responses in
	// the window that can be a burst (default 20).
	Window       time.Duration
	Threshold    float64
	MinResponses uint64
	flagged      map[string]time.Time // agency and period → when last flagged
}

// NewBurstWatch returns a watch over the agencies of set that writes its findings with audit.
func NewBurstWatch(store *Store, set *standard.Set, audit func(context.Context, AuditRow) error, logger *slog.Logger, now func() time.Time) *BurstWatch {
	if now == nil {
		now = time.Now
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &BurstWatch{store: store, set: set, audit: audit, logger: logger, now: now,
		Window: 10 * time.Minute, Threshold: 2, MinResponses: 20, flagged: map[string]time.Time{}}
}

// Run checks every minute until ctx ends.
func (w *BurstWatch) Run(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := w.Check(ctx); err != nil && ctx.Err() == nil {
				w.logger.Warn("burst watch", "err", err)
			}
		}
	}
}

// Burst is a flagged move of a period's IKM.
type Burst struct {
	Agency, Period string
	// Before and After are the IKM (× 100, rounded) without and with the window's responses.
	Before, After int64
	Responses     uint64
}

// Check looks at the last Window of every agency once and flags (and returns) the bursts; a
// period is flagged at most once in three windows.
func (w *BurstWatch) Check(ctx context.Context) ([]Burst, error) {
	now := w.now()
	cutoff := now.Add(-w.Window)
	var found []Burst
	for _, a := range w.set.Agencies {
		counts := map[survey.Period]uint64{}
		rows, err := w.store.conn.Query(ctx, w.store.sql("BurstWatch.Check"), a.Code, cutoff.UTC())
		if err != nil {
			return found, fmt.Errorf("ingest: burst watch: %w", err)
		}
		for rows.Next() {
			var month time.Time
			var n uint64
			if err := rows.Scan(&month, &n); err != nil {
				rows.Close()
				return found, fmt.Errorf("ingest: burst watch: %w", err)
			}
			counts[survey.PeriodOf(month, a.SurveyPeriods)] += n
		}
		rows.Close()
		for p, n := range counts {
			if n < w.MinResponses {
				continue
			}
			key := a.Code + "/" + p.Code()
			if last, ok := w.flagged[key]; ok && now.Sub(last) < 3*w.Window {
				continue
			}
			before, err := w.tally(ctx, a.Code, p, cutoff)
			if err != nil {
				return found, err
			}
			after, err := w.tally(ctx, a.Code, p, now.Add(time.Hour))
			if err != nil {
				return found, err
			}
			b, c := survey.Compute(before), survey.Compute(after)
			if !b.Complete || !c.Complete || math.Abs(float64(c.Rounded100-b.Rounded100)) < w.Threshold*100 {
				continue
			}
			burst := Burst{Agency: a.Code, Period: p.Code(), Before: b.Rounded100, After: c.Rounded100, Responses: n}
			w.flagged[key] = now
			found = append(found, burst)
			detail := fmt.Sprintf("IKM %s berubah dari %s ke %s dalam %d menit oleh %d respons; periksa asal respons ini di log audit",
				p.Label(survey.ID), survey.Format100(b.Rounded100), survey.Format100(c.Rounded100), int(w.Window.Minutes()), n)
			w.logger.Warn("IKM moved sharply within minutes", "agency", a.Code, "period", p.Code(), "before", b.Rounded100, "after", c.Rounded100, "responses", n)
			if err := w.audit(ctx, AuditRow{At: now, Agency: a.Code, Username: "skm", Role: "system", Action: survey.BurstAction, Target: p.Code(), Detail: detail}); err != nil {
				return found, fmt.Errorf("ingest: burst watch: audit: %w", err)
			}
		}
	}
	return found, nil
}

func (w *BurstWatch) tally(ctx context.Context, agency string, p survey.Period, before time.Time) (survey.Tally, error) {
	var t survey.Tally
	first, last := p.Bounds()
	if err := w.store.conn.QueryRow(ctx, w.store.sql("BurstWatch.tally"), agency, first.Format(time.DateOnly), last.Format(time.DateOnly), before.UTC()).Scan(t.Fields()...); err != nil {
		return t, fmt.Errorf("ingest: burst watch: %w", err)
	}
	return t, nil
}
