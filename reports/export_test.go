package reports

import (
	"context"

	"skm/survey"
)

// Computed exposes computed to the tests.
var Computed = (*Querier).computed

// ForgetCoverage drops the cached lists of computed months, as coverageTTL would.
func (q *Querier) ForgetCoverage() {
	q.mu.Lock()
	clear(q.coverage)
	q.mu.Unlock()
}

// ThemeGroupings is how many times q read a scope's saran and grouped them into themes
// (a cached grouping reused is not counted).
func (q *Querier) ThemeGroupings() uint64 { return q.themeGroupings.Load() }

// ThemeCacheLen is how many days of grouped saran q keeps.
func (q *Querier) ThemeCacheLen() int { return q.themes.len() }

// ThemeCacheSize is the bound of the days of grouped saran a Querier keeps.
const ThemeCacheSize = themeCacheSize

// ThemeDaysGrouped is how many days of saran q grouped into themes.
func (q *Querier) ThemeDaysGrouped() uint64 { return q.themeDaysGrouped.Load() }

// SaranPrint exposes the fingerprints of a scope's days of saran to the benchmarks: the days
// with saran and how many saran they hold.
func (q *Querier) SaranPrint(ctx context.Context, s survey.Scope) (days int, n uint64, err error) {
	ps, err := q.saranPrints(ctx, s)
	for _, p := range ps {
		n += p.print.n
	}
	return len(ps), n, err
}
