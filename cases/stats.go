package cases

import (
	"math"
	"time"
)

// MedianLevel and P90Level are the percentiles the monthly evaluation reports of completion
// times: the median and the 90th percentile.
const (
	MedianLevel = 0.5
	P90Level    = 0.9
)

// Bucket is one group of a histogram: its label and its inclusive upper bound (the last
// bucket's bound is math.MaxUint32, no bound).
type Bucket struct {
	Label string
	Max   uint32
}

// AgeBuckets are the bounds, in calendar days since receipt, of the age groups of cases open
// at a month's end: 0–7, 8–14, 15–30, 31–60 and over 60 days.
var AgeBuckets = []Bucket{{"0–7 hari", 7}, {"8–14 hari", 14}, {"15–30 hari", 30}, {"31–60 hari", 60}, {"> 60 hari", math.MaxUint32}}

// DurationBuckets are the upper bounds, in working minutes, of the completion-time groups:
// up to 1, 4, 8 (about a working day), 24, 40 (about a working week) working hours and more.
var DurationBuckets = []Bucket{{"≤ 1 jam", 60}, {"1–4 jam", 240}, {"4–8 jam", 480}, {"8–24 jam", 1440}, {"24–40 jam", 2400}, {"> 40 jam", math.MaxUint32}}

// BucketOf returns the index of the first of buckets whose bound v does not exceed.
func BucketOf(buckets []Bucket, v uint32) int {
	for i, b := range buckets {
		if v <= b.Max {
			return i
		}
	}
	return len(buckets) - 1
}

// Bounds lists the buckets' upper bounds, as the statements that count by them take them.
func Bounds(buckets []Bucket) []uint32 {
	out := make([]uint32, len(buckets))
	for i, b := range buckets {
		out[i] = b.Max
	}
	return out
}

// Percentile is Excel's PERCENTILE.INC of sorted values: linear interpolation between the
// closest ranks at p·(n−1); 0 for no values. Percentile(v, MedianLevel) is MEDIAN.
func Percentile(sorted []uint32, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := p * float64(len(sorted)-1)
	lo := int(math.Floor(rank))
	if lo >= len(sorted)-1 {
		return float64(sorted[len(sorted)-1])
	}
	frac := rank - float64(lo)
	return float64(sorted[lo]) + frac*float64(int64(sorted[lo+1])-int64(sorted[lo]))
}

// DayEnd is the instant a day ends in loc (the next day's midnight), in UTC: for the last day
// of a month, the month's end, at which a case open is counted as open at the month's end.
func DayEnd(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc).UTC()
}
