package ratelimit

import (
	"math"
	"slices"
	"time"
)

// Event is one take from a bucket, as recorded in a log several servers share: at At one
// token was taken (when there was one), and, when Empty, every token left was taken too
// (Keyed.Allow, then Keyed.Empty).
type Event struct {
	At    time.Time
	Empty bool
}

// Replay returns the tokens a bucket of perMinute and burst holds at now after events (in
// any order), counted as Keyed counts them: full at the first event, refilled at perMinute
// between events, never above burst. Servers that log their takes in one place and replay
// the log share the bucket, so two servers together allow what one does.
func Replay(events []Event, perMinute float64, burst int, now time.Time) float64 {
	events = slices.Clone(events)
	slices.SortFunc(events, func(a, b Event) int { return a.At.Compare(b.At) })
	tokens, last := float64(burst), time.Time{}
	refill := func(to time.Time) {
		if !last.IsZero() && to.After(last) {
			tokens = math.Min(float64(burst), tokens+to.Sub(last).Minutes()*perMinute)
		}
		if last.IsZero() || to.After(last) {
			last = to
		}
	}
	for _, e := range events {
		refill(e.At)
		if tokens >= 1 {
			tokens--
		}
		if e.Empty {
			tokens -= math.Floor(tokens)
		}
	}
	refill(now)
	return tokens
}
