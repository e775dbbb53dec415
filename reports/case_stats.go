package reports

import (
	"cmp"
	"math"
	"slices"

	"skm/cases"
)

// CaseStats are the monthly evaluation's figures for a set of cases, counted from the newest
// version of each case.
type CaseStats struct {
	// Received in the month, and Completed in the month.
	Received  uint64
	Completed uint64
	// WithLimit of the completed had a time limit; OnTime of those were completed by their
	// deadline. Completed − WithLimit had none ("tanpa standar waktu") and are counted apart.
	WithLimit uint64
	OnTime    uint64
	// MedianMinutes and P90Minutes are the working minutes from receipt to completion of the
	// cases completed in the month, as Excel's MEDIAN and PERCENTILE.INC compute them (the
	// mean of the two middle values; linear between the closest ranks); 0 when none.
	MedianMinutes float64
	P90Minutes    float64
	// OpenAtEnd were received by the month's end and not completed by then; OverdueAtEnd of
	// them had passed their deadline; OpenByAge splits them by cases.AgeBuckets.
	OpenAtEnd    uint64
	OverdueAtEnd uint64
	OpenByAge    []uint64
	// ByDuration counts the cases completed in the month by cases.DurationBuckets.
	ByDuration []uint64

	minutes counted
}

// counted is a multiset of values: distinct values with how often each occurs, as the
// statements return working minutes and ages (sumMap), several times fewer than the cases.
type counted struct {
	values []uint32
	counts []uint64
}

// sorted returns c ordered by value, equal values merged.
func (c counted) sorted() counted {
	type pair struct {
		v uint32
		n uint64
	}
	pairs := make([]pair, len(c.values))
	for i := range c.values {
		pairs[i] = pair{c.values[i], c.counts[i]}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.v, b.v) })
	var out counted
	for _, p := range pairs {
		if k := len(out.values); k > 0 && out.values[k-1] == p.v {
			out.counts[k-1] += p.n
			continue
		}
		out.values = append(out.values, p.v)
		out.counts = append(out.counts, p.n)
	}
	return out
}

// percentile is cases.Percentile over the sorted multiset c.
func (c counted) percentile(p float64) float64 {
	var n uint64
	for _, k := range c.counts {
		n += k
	}
	if n == 0 {
		return 0
	}
	rank := p * float64(n-1)
	lo := uint64(math.Floor(rank))
	a := float64(c.nth(lo))
	if lo+1 >= n {
		return a
	}
	return a + (rank-float64(lo))*(float64(c.nth(lo+1))-a)
}

// nth returns the k-th value (from 0) of the sorted multiset c.
func (c counted) nth(k uint64) uint32 {
	for i, n := range c.counts {
		if k < n {
			return c.values[i]
		}
		k -= n
	}
	return c.values[len(c.values)-1]
}

// WithoutLimit is how many completed cases had no time limit.
func (s CaseStats) WithoutLimit() uint64 { return s.Completed - s.WithLimit }

// OnTimePercent is the share of completed cases with a time limit that were on time; ok is
// false when there were none.
func (s CaseStats) OnTimePercent() (float64, bool) {
	if s.WithLimit == 0 {
		return 0, false
	}
	return 100 * float64(s.OnTime) / float64(s.WithLimit), true
}

func (s *CaseStats) add(o *CaseStats, ages counted) {
	s.Received += o.Received
	s.Completed += o.Completed
	s.WithLimit += o.WithLimit
	s.OnTime += o.OnTime
	s.OverdueAtEnd += o.OverdueAtEnd
	s.minutes.values = append(s.minutes.values, o.minutes.values...)
	s.minutes.counts = append(s.minutes.counts, o.minutes.counts...)
	if s.OpenByAge == nil {
		s.OpenByAge = make([]uint64, len(cases.AgeBuckets))
	}
	for j, age := range ages.values {
		n := ages.counts[j]
		s.OpenAtEnd += n
		s.OpenByAge[cases.BucketOf(cases.AgeBuckets, age)] += n
	}
}

func (s *CaseStats) finish() {
	m := s.minutes.sorted()
	s.MedianMinutes = m.percentile(cases.MedianLevel)
	s.P90Minutes = m.percentile(cases.P90Level)
	s.ByDuration = make([]uint64, len(cases.DurationBuckets))
	for j, v := range m.values {
		s.ByDuration[cases.BucketOf(cases.DurationBuckets, v)] += m.counts[j]
	}
	s.minutes = counted{}
}

// CaseGroup is the figures of one service, channel, class or kind.
type CaseGroup struct {
	Key string
	CaseStats
}
