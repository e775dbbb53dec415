package reports

// Computed exposes computed to the tests.
var Computed = (*Querier).computed

// ForgetCoverage drops the cached lists of computed months, as coverageTTL would.
func (q *Querier) ForgetCoverage() {
	q.mu.Lock()
	clear(q.coverage)
	q.mu.Unlock()
}
