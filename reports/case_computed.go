package reports

import (
	"context"
	"slices"
	"time"
)

// computed reports whether the case figures of every month from first to last are computed
// ahead: each month between the agency's first and last computed month (before and after
// them there are no cases yet). The months computed are read at most every coverageTTL.
func (q *Querier) computed(ctx context.Context, agency string, first, last time.Time) (bool, error) {
	months, err := q.computedMonths(ctx, agency)
	if err != nil || len(months) == 0 {
		return false, err
	}
	lo, hi := months[0], months[len(months)-1]
	from, to := monthStart(first), monthStart(last)
	if lo.After(from) {
		from = lo
	}
	if hi.Before(to) {
		to = hi
	}
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		if _, ok := slices.BinarySearchFunc(months, m, func(a, b time.Time) int { return a.Compare(b) }); !ok {
			return false, nil
		}
	}
	return true, nil
}

// coverageTTL is how long the list of computed months is reused: a page asks several times.
const coverageTTL = 2 * time.Second

type coverage struct {
	months []time.Time // sorted
	at     time.Time
}

func (q *Querier) computedMonths(ctx context.Context, agency string) ([]time.Time, error) {
	q.mu.Lock()
	c, ok := q.coverage[agency]
	q.mu.Unlock()
	if ok && time.Since(c.at) < coverageTTL {
		return c.months, nil
	}
	var months []time.Time
	if err := q.conn.QueryRow(ctx, queries.Get("computedMonths", q.db), agency).Scan(&months); err != nil {
		return nil, err
	}
	for i, m := range months {
		months[i] = monthStart(m)
	}
	slices.SortFunc(months, func(a, b time.Time) int { return a.Compare(b) })
	q.mu.Lock()
	q.coverage[agency] = coverage{months: months, at: time.Now()}
	q.mu.Unlock()
	return months, nil
}

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
