package reports

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"time"

	"skm/survey"
)

// themeCacheSize bounds the days of grouped saran a Querier keeps (each at most a few
// kilobytes: counts and ThemeExamples clipped examples per theme): two agencies' two years of
// days with room for a few services' scopes; the least recently used is dropped first.
const themeCacheSize = 4096

// themeDay is what a day's grouping is filed under: the agency, the service (empty: every
// service), the local date and the rules' identity (standard.SaranThemes.Key). A day's
// grouping does not depend on the period or as-of it is asked for, so every scope that
// holds the day shares it.
type themeDay struct {
	agency, service, day, rules string
}

// saranPrint is the fingerprint of one day's saran (saranPrints.sql).
type saranPrint struct{ n, sum uint64 }

// dayPrint is one day of a scope that has saran, with their fingerprint.
type dayPrint struct {
	day   string // YYYY-MM-DD
	print saranPrint
}

// dayThemes is one day's saran grouped into the themes, indexed as the rules' Codes.
type dayThemes struct {
	total  uint64
	counts []uint64
	// examples are up to ThemeExamples per theme, newest first, clipped.
	examples [][]Saran
}

type themeEntry struct {
	key   themeDay
	print saranPrint
	day   *dayThemes
}

// themeCache holds days of grouped saran, the least recently used dropped first; safe for
// concurrent use. What it holds is never changed.
type themeCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *themeEntry, most recently used first
	index map[themeDay]*list.Element
}

func newThemeCache(max int) *themeCache {
	return &themeCache{max: max, order: list.New(), index: map[themeDay]*list.Element{}}
}

// get returns the day's grouping if it was made from saran with fingerprint p.
func (c *themeCache) get(k themeDay, p saranPrint) (*dayThemes, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.index[k]
	if !ok || el.Value.(*themeEntry).print != p {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*themeEntry).day, true
}

// put stores a day's grouping made from saran with fingerprint p.
func (c *themeCache) put(k themeDay, p saranPrint, d *dayThemes) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.index[k]; ok {
		el.Value = &themeEntry{k, p, d}
		c.order.MoveToFront(el)
		return
	}
	c.index[k] = c.order.PushFront(&themeEntry{k, p, d})
	for c.order.Len() > c.max {
		last := c.order.Back()
		delete(c.index, last.Value.(*themeEntry).key)
		c.order.Remove(last)
	}
}

// len is how many days are kept.
func (c *themeCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// saranPrints returns the fingerprint of each day of a scope that has saran, newest first.
func (q *Querier) saranPrints(ctx context.Context, s survey.Scope) ([]dayPrint, error) {
	rows, err := q.conn.Query(ctx, queries.Get("saranPrints", q.db), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []dayPrint
	for rows.Next() {
		var day time.Time
		var p dayPrint
		if err := rows.Scan(&day, &p.print.n, &p.print.sum); err != nil {
			return nil, fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
		}
		p.day = day.Format(time.DateOnly)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	return out, nil
}
