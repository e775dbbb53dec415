package reports

import (
	"container/list"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"skm/standard"
	"skm/survey"
)

// themeCacheSize bounds the groupings a Querier keeps: a few hundred scopes (agency ×
// period × service × as-of) are what the dashboards, the RTL page and the workbooks ask for
// at one time; the least recently used is dropped first.
const themeCacheSize = 256

// themeScope is what a cached grouping is filed under: exactly what eachSaran's query is
// given (agency, first and last date after Until, service) and the rules' identity.
type themeScope struct {
	agency, service string
	first, last     time.Time
	rules           string
}

// saranPrint is the fingerprint of a scope's saran (saranPrint.sql).
type saranPrint struct{ n, sum uint64 }

type themeEntry struct {
	key   themeScope
	print saranPrint
	sum   SaranThemeSummary
}

// themeCache holds computed groupings, least recently used dropped first; safe for
// concurrent use.
type themeCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *themeEntry, most recently used first
	index map[themeScope]*list.Element
}

func newThemeCache(max int) *themeCache {
	return &themeCache{max: max, order: list.New(), index: map[themeScope]*list.Element{}}
}

// get returns the grouping stored under k if it was made from saran with fingerprint p.
func (c *themeCache) get(k themeScope, p saranPrint) (SaranThemeSummary, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.index[k]
	if !ok || el.Value.(*themeEntry).print != p {
		return SaranThemeSummary{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*themeEntry).sum, true
}

// put stores a grouping made from saran with fingerprint p.
func (c *themeCache) put(k themeScope, p saranPrint, sum SaranThemeSummary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.index[k]; ok {
		el.Value = &themeEntry{k, p, sum}
		c.order.MoveToFront(el)
		return
	}
	c.index[k] = c.order.PushFront(&themeEntry{k, p, sum})
	for c.order.Len() > c.max {
		last := c.order.Back()
		delete(c.index, last.Value.(*themeEntry).key)
		c.order.Remove(last)
	}
}

// len is how many groupings are kept.
func (c *themeCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// saranPrint returns the fingerprint of a scope's saran.
func (q *Querier) saranPrint(ctx context.Context, s survey.Scope) (saranPrint, error) {
	var p saranPrint
	if err := q.conn.QueryRow(ctx, queries.Get("saranPrint", q.db), scopeArgs(s)...).Scan(&p.n, &p.sum); err != nil {
		return p, fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	return p, nil
}

// themeScopeOf is the key of a scope's grouping by ts.
func themeScopeOf(s survey.Scope, ts *standard.SaranThemes) themeScope {
	first, last := s.Bounds()
	return themeScope{agency: s.Agency, service: s.Service, first: first, last: last, rules: ts.Key()}
}

// clone copies a summary's slices, so that a caller changing its answer changes no cached one.
func (s SaranThemeSummary) clone() SaranThemeSummary {
	s.Themes = slices.Clone(s.Themes)
	for i := range s.Themes {
		s.Themes[i].Examples = slices.Clone(s.Themes[i].Examples)
	}
	return s
}
