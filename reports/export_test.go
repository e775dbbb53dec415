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

// ThemeCacheLen is how many groupings q keeps.
func (q *Querier) ThemeCacheLen() int { return q.themes.len() }

// ThemeCacheSize is the bound of the groupings a Querier keeps.
const ThemeCacheSize = themeCacheSize

// SaranPrint exposes the fingerprint of a scope's saran to the benchmarks.
func (q *Querier) SaranPrint(ctx context.Context, s survey.Scope) (n, sum uint64, err error) {
	p, err := q.saranPrint(ctx, s)
	return p.n, p.sum, err
}
