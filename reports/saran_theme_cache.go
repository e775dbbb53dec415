package reports

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"time"

	"skm/survey"
)

// themeCacheSize bounds the days of grouped saran a Querier keeps (each the day's saran of
// every service of an agency: counts and ThemeExamples clipped examples per service and
// theme, some tens of kilobytes for an agency of many services): two agencies' two years of
// days and more; the least recently used is dropped first.
const themeCacheSize = 2048

// themeDay is what a day's grouping is filed under: the agency, the local date and the
// rules' identity (standard.SaranThemes.Key). A day's grouping holds every service's part and
// does not depend on the period, as-of or service it is asked for, so every scope that holds
// the day shares it: the agency-wide view and each service's.
type themeDay struct {
	agency, day, rules string
}

// saranPrint is the fingerprint of one day's saran (saranPrints.sql).
type saranPrint struct{ n, sum uint64 }

// dayPrint is one day of an agency that has saran, with their fingerprint.
type dayPrint struct {
	day   string // YYYY-MM-DD
	print saranPrint
}

// dayThemes is one day's saran of an agency grouped into the themes, per service.
type dayThemes struct {
	services map[string]*serviceThemes
}

// serviceThemes is one service's saran of a day grouped into the themes, indexed as the
// rules' Codes.
type serviceThemes struct {
	total  uint64
	counts []uint64
	// examples are up to ThemeExamples per theme, newest first, clipped.
	examples [][]themeExample
}

// themeExample is a theme's example with its place in the day's saran as eachSaran reads
// them (newest first), by which the examples of several services are merged.
type themeExample struct {
	Saran
	seq int
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

// saranPrints returns the fingerprint of each day of a scope's agency that has saran, of
// every service (whatever the scope's), newest first.
func (q *Querier) saranPrints(ctx context.Context, s survey.Scope) ([]dayPrint, error) {
	first, last := s.Bounds()
	rows, err := q.conn.Query(ctx, queries.Get("saranPrints", q.db), s.Agency, first.Format(time.DateOnly), last.Format(time.DateOnly))
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
