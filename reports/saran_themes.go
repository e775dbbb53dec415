package reports

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

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
// The grouping is kept per scope and rules, and reused while a fingerprint of the scope's
// saran (saranPrint.sql, a few milliseconds) shows none added, changed or removed.
func (q *Querier) SaranThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes) (SaranThemeSummary, error) {
	// The fingerprint is read before the saran: a saran stored between the two is in the
	// grouping and not in its fingerprint, and only makes the next call group again.
	p, err := q.saranPrint(ctx, s)
	if err != nil {
		return SaranThemeSummary{}, err
	}
	key := themeScopeOf(s, ts)
	if sum, ok := q.themes.get(key, p); ok {
		return sum.clone(), nil
	}
	sum, err := q.groupSaranThemes(ctx, s, ts)
	if err != nil {
		return SaranThemeSummary{}, err
	}
	q.themes.put(key, p, sum.clone())
	return sum, nil
}

// groupSaranThemes reads a scope's saran and groups them into the themes ts.
func (q *Querier) groupSaranThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes) (SaranThemeSummary, error) {
	q.themeGroupings.Add(1)
	codes := ts.Codes()
	out := SaranThemeSummary{Themes: make([]SaranTheme, len(codes))}
	index := make(map[string]int, len(codes))
	for i, code := range codes {
		th, _ := ts.Theme(code)
		out.Themes[i] = SaranTheme{Code: th.Code, Label: th.Label, Element: th.Element}
		index[code] = i
	}
	match := memoMatch(ts)
	err := q.eachSaran(ctx, s, func(sr Saran) {
		out.Total++
		for _, code := range match(sr.Text) {
			t := &out.Themes[index[code]]
			t.Count++
			if len(t.Examples) < ThemeExamples {
				sr := sr
				sr.Text = survey.Clip(strings.TrimSpace(sr.Text), ThemeExampleRunes)
				t.Examples = append(t.Examples, sr)
			}
		}
	})
	if err != nil {
		return SaranThemeSummary{}, err
	}
	for i := range out.Themes {
		if out.Total > 0 {
			out.Themes[i].Share = 100 * float64(out.Themes[i].Count) / float64(out.Total)
		}
	}
	return out, nil
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
	err := q.eachSaran(ctx, s, func(sr Saran) {
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

// eachSaran calls fn with every saran of a scope, newest first.
func (q *Querier) eachSaran(ctx context.Context, s survey.Scope, fn func(Saran)) error {
	rows, err := q.conn.Query(ctx, queries.Get("eachSaran", q.db), scopeArgs(s)...)
	if err != nil {
		return fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sr Saran
		if err := rows.Scan(&sr.At, &sr.Service, &sr.Text); err != nil {
			return fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
		}
		fn(sr)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reports: saran themes %s %s: %w", s.Agency, s.Period, err)
	}
	return nil
}
