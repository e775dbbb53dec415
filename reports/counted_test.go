package reports

import (
	"math/rand/v2"
	"slices"
	"testing"

	"skm/cases"
)

// The percentiles of a multiset given as values with counts, in any order and with repeats,
// equal Percentile over the expanded, sorted values (Excel's PERCENTILE.INC).
func TestCountedPercentileEqualsPercentile(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		var c counted
		var all []uint32
		for range rng.IntN(40) {
			v, n := uint32(rng.IntN(50)), uint64(1+rng.IntN(4))
			c.values, c.counts = append(c.values, v), append(c.counts, n)
			for range n {
				all = append(all, v)
			}
		}
		slices.Sort(all)
		s := c.sorted()
		for _, p := range []float64{0, 0.1, 0.5, 0.9, 1} {
			if got, want := s.percentile(p), cases.Percentile(all, p); got != want {
				t.Fatalf("trial %d, p %v: %v, want %v (values %v)", trial, p, got, want, all)
			}
		}
	}
}
