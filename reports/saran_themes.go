package reports

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"skm/standard"
	"skm/survey"
)

// Bounds of the saran themes' answers.
const (
	// ThemeExamples is how many saran each theme quotes, the newest first.
	ThemeExamples = 3
	// ThemeExampleRunes is the longest a quoted example is; longer ones are clipped.
	ThemeExampleRunes = 160
)

// SaranTheme is one theme of a scope's saran: how many fall in it, their share of all the
// scope's saran, and the newest few as examples.
type SaranTheme struct {
	Code, Label string
	// Element is the SKM element the theme speaks of (U3), or "".
	Element string
	Count   uint64
	// Share is Count as a percentage of all the scope's saran; a saran may fall in several
	// themes, so shares add up to more than 100.
	Share float64
	// Examples are up to ThemeExamples saran, newest first, clipped to ThemeExampleRunes.
	Examples []Saran
}

// SaranThemeSummary is a scope's saran grouped into the agency's themes.
type SaranThemeSummary struct {
	// Total is every saran of the scope, "tanpa saran" ones included.
	Total uint64
	// Themes are the agency's themes in display order, then lainnya and tanpa-saran; themes
	// without saran are listed with Count 0.
	Themes []SaranTheme
}

// Theme returns the theme with the given code.
func (s SaranThemeSummary) Theme(code string) (SaranTheme, bool) {
	i := slices.IndexFunc(s.Themes, func(t SaranTheme) bool { return t.Code == code })
	if i < 0 {
		return SaranTheme{}, false
	}
	return s.Themes[i], true
}

// Top returns up to n themes with saran, the largest first, leaving out lainnya and
// tanpa-saran (what a summary names as what residents ask for).
func (s SaranThemeSummary) Top(n int) []SaranTheme {
	var out []SaranTheme
	for _, t := range s.Themes {
		if t.Count > 0 && t.Code != standard.ThemeOther && t.Code != standard.ThemeNone {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b SaranTheme) int { return cmp.Compare(b.Count, a.Count) })
	return out[:min(n, len(out))]
}

// SaranThemes groups a scope's saran into the themes ts (an agency's, standard.Agency.Themes).
//
// The grouping is kept per day of an agency (agency, date, rules), each service's part apart,
// and a day is grouped again only when the fingerprint of its saran (saranPrints.sql: one
// query for the agency's days, a few milliseconds) shows one added, changed or removed: a page
// view reads the fingerprints, groups today's saran, and adds up the days (of the scope's
// service only, when it has one), so the agency-wide view and each service's share one read.
func (q *Querier) SaranThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes) (SaranThemeSummary, error) {
	// The fingerprints are read before the saran: a saran stored between the two is in a
	// day's grouping and not in its fingerprint, and only makes the next call group it again.
	prints, err := q.saranPrints(ctx, s)
	if err != nil {
		return SaranThemeSummary{}, err
	}
	codes := ts.Codes()
	key := func(day string) themeDay { return themeDay{s.Agency, day, ts.Key()} }
	days := make([]*dayThemes, len(prints))
	for i, p := range prints {
		days[i], _ = q.themes.get(key(p.day), p.print)
	}
	// The days to group, in runs of neighbours (prints are newest first), each run one read
	// of every service's saran.
	all := s
	all.Service = ""
	for i := 0; i < len(days); {
		if days[i] != nil {
			i++
			continue
		}
		j := i
		for j+1 < len(days) && days[j+1] == nil {
			j++
		}
		grouped, err := q.groupDays(ctx, all, prints[j].day, prints[i].day, ts, codes)
		if err != nil {
			return SaranThemeSummary{}, err
		}
		for k := i; k <= j; k++ {
			d := grouped[prints[k].day]
			if d == nil { // its saran were deleted since the fingerprint was read
				d = &dayThemes{}
			}
			days[k] = d
			q.themes.put(key(prints[k].day), prints[k].print, d)
		}
		i = j + 1
	}
	return sumDays(ts, codes, days, s.Service), nil
}

// sumDays adds up days of grouped saran, newest first, into a summary: the parts of service
// alone, or of every service when it is "". A local date follows from submitted_at, so the
// newest days' newest examples are the scope's newest; within a day the services' examples
// are merged in the order eachSaran read them.
func sumDays(ts *standard.SaranThemes, codes []string, days []*dayThemes, service string) SaranThemeSummary {
	out := SaranThemeSummary{Themes: make([]SaranTheme, len(codes))}
	for i, code := range codes {
		th, _ := ts.Theme(code)
		out.Themes[i] = SaranTheme{Code: th.Code, Label: th.Label, Element: th.Element}
	}
	var parts []*serviceThemes
	var merged []themeExample
	for _, d := range days {
		parts = parts[:0]
		if service != "" {
			if p := d.services[service]; p != nil {
				parts = append(parts, p)
			}
		} else {
			for _, p := range d.services {
				parts = append(parts, p)
			}
		}
		for _, p := range parts {
			out.Total += p.total
		}
		for i := range out.Themes {
			t := &out.Themes[i]
			merged = merged[:0]
			for _, p := range parts {
				t.Count += p.counts[i]
				merged = append(merged, p.examples[i]...)
			}
			if n := ThemeExamples - len(t.Examples); n > 0 && len(merged) > 0 {
				if len(parts) > 1 {
					slices.SortFunc(merged, func(a, b themeExample) int { return cmp.Compare(a.seq, b.seq) })
				}
				for _, e := range merged[:min(n, len(merged))] {
					t.Examples = append(t.Examples, e.Saran)
				}
			}
		}
	}
	for i := range out.Themes {
		if out.Total > 0 {
			out.Themes[i].Share = 100 * float64(out.Themes[i].Count) / float64(out.Total)
		}
	}
	return out
}

// groupDays reads the saran of a scope's days first..last (YYYY-MM-DD) and groups each
// day's into the themes ts, whose Codes are codes, each service's part apart.
func (q *Querier) groupDays(ctx context.Context, s survey.Scope, first, last string, ts *standard.SaranThemes, codes []string) (map[string]*dayThemes, error) {
	q.themeGroupings.Add(1)
	index := make(map[string]int, len(codes))
	for i, code := range codes {
		index[code] = i
	}
	out := map[string]*dayThemes{}
	seq := map[string]int{} // how many of each day's saran were read
	match := memoMatch(ts)
	err := q.eachSaran(ctx, s, first, last, func(day string, sr Saran) {
		d := out[day]
		if d == nil {
			d = &dayThemes{services: map[string]*serviceThemes{}}
			out[day] = d
		}
		p := d.services[sr.Service]
		if p == nil {
			p = &serviceThemes{counts: make([]uint64, len(codes)), examples: make([][]themeExample, len(codes))}
			d.services[sr.Service] = p
		}
		n := seq[day]
		seq[day] = n + 1
		p.total++
		for _, code := range match(sr.Text) {
			i := index[code]
			p.counts[i]++
			if len(p.examples[i]) < ThemeExamples {
				sr := sr
				sr.Text = survey.Clip(strings.TrimSpace(sr.Text), ThemeExampleRunes)
				p.examples[i] = append(p.examples[i], themeExample{sr, n})
			}
		}
	})
	q.themeDaysGrouped.Add(uint64(len(out)))
	return out, err
}

// ThemedSaran is one saran with the codes of the themes it falls in.
type ThemedSaran struct {
	Saran
	Themes []string
}

// SaransInThemes returns a page of the scope's saran that fall in any of the themes codes,
// newest first, and how many there are in all.
func (q *Querier) SaransInThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes, codes []string, limit, offset int) ([]ThemedSaran, uint64, error) {
	var page []ThemedSaran
	var n uint64
	match := memoMatch(ts)
	first, last := s.Bounds()
	err := q.eachSaran(ctx, s, first.Format(time.DateOnly), last.Format(time.DateOnly), func(_ string, sr Saran) {
		themes := match(sr.Text)
		if !slices.ContainsFunc(themes, func(c string) bool { return slices.Contains(codes, c) }) {
			return
		}
		if n >= uint64(offset) && len(page) < limit {
			page = append(page, ThemedSaran{Saran: sr, Themes: themes})
		}
		n++
	})
	return page, n, err
}

// memoSize bounds the saran texts memoMatch remembers.
const memoSize = 20000

// memoMatch is ts.Match remembering its answers: many saran are written alike ("-", "tidak
// ada", "sudah baik", "pertahankan"), and one scope repeats them by the thousand.
func memoMatch(ts *standard.SaranThemes) func(string) []string {
	seen := map[string][]string{}
	return func(text string) []string {
		if codes, ok := seen[text]; ok {
			return codes
		}
		codes := ts.Match(text)
		if len(seen) < memoSize {
			seen[text] = codes
		}
		return codes
	}
}

// eachSaran calls fn with every saran of a scope's days first..last (YYYY-MM-DD, within the
// scope's bounds), newest first, and the local date of each.
func (q *Querier) eachSaran(ctx context.Context, s survey.Scope, first, last string, fn func(day string, sr Saran)) error {
	rows, err := q.conn.Query(ctx, queries.Get("eachSaran", q.db), s.Agency, first, last, s.Service, s.Service)
	if err != nil {
		return fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	for rows.Next() {
		var day time.Time
		var sr Saran
		if err := rows.Scan(&day, &sr.At, &sr.Service, &sr.Text); err != nil {
			return fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
		}
		fn(day.Format(time.DateOnly), sr)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	return nil
}
