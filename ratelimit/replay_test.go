package ratelimit

import (
	"math"
	"testing"
	"time"
)

// Replay against the in-memory bucket fed the same takes, and against counts by hand.
func TestReplayCountsAsOneBucket(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
	now := t0
	k := New(func() time.Time { return now })
	var events []Event
	// Five takes a minute apart from a bucket of 1/3 a minute, burst 5, then one emptying.
	for i := range 5 {
		now = t0.Add(time.Duration(i) * time.Minute)
		k.Allow("x", 1.0/3, 5)
		events = append(events, Event{At: now})
	}
	now = now.Add(30 * time.Second)
	k.Allow("x", 1.0/3, 5)
	k.Empty("x", 1.0/3, 5)
	events = append(events, Event{At: now, Empty: true})
	for _, later := range []time.Duration{0, time.Minute, 3 * time.Minute, time.Hour} {
		at := now.Add(later)
		got := Replay(events, 1.0/3, 5, at)
		lim := k.bucket("x", 1.0/3, 5)
		if want := lim.TokensAt(at); math.Abs(got-want) > 1e-6 {
			t.Errorf("%s after: replay %.4f tokens, the bucket %.4f", later, got, want)
		}
	}
	// By hand: 5 takes over 4 minutes refill 4/3: 5-5+4/3 = 1.333; 30 s later +1/6 = 1.5,
	// one taken (0.5) and the whole tokens emptied (0.5 stays); 3 minutes later 1.5.
	if got := Replay(events, 1.0/3, 5, now.Add(3*time.Minute)); math.Abs(got-1.5) > 1e-9 {
		t.Errorf("by hand: %.4f, want 1.5", got)
	}
	// Order does not matter; no events: a full bucket.
	rev := []Event{events[5], events[3], events[0], events[1], events[4], events[2]}
	if a, b := Replay(rev, 1.0/3, 5, now), Replay(events, 1.0/3, 5, now); a != b {
		t.Errorf("order changed the count: %v vs %v", a, b)
	}
	if got := Replay(nil, 2, 30, now); got != 30 {
		t.Errorf("no events: %v, want 30", got)
	}
}
