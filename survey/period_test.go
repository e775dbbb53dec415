package survey

import (
	"testing"
	"time"
)

// A period ends at the first midnight after its last day in the agency's own time: a report
// made a nanosecond before is provisional, one made at midnight is final, whatever the time
// in UTC (17:00 the day before in WIB, 16:00 in WITA).
func TestPeriodEndsAtLocalMidnight(t *testing.T) {
	s1 := Period{Kind: Semester, Year: 2026, N: 1}
	for _, c := range []struct {
		loc      *time.Location
		midnight time.Time // 1 July 2026 00:00 local, in UTC
	}{
		{time.FixedZone("WIB", 7*3600), time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC)},
		{time.FixedZone("WITA", 8*3600), time.Date(2026, 6, 30, 16, 0, 0, 0, time.UTC)},
	} {
		if s1.Ended(c.midnight.Add(-time.Nanosecond), c.loc) {
			t.Errorf("%s: ended a nanosecond before midnight", c.loc)
		}
		if !s1.Ended(c.midnight, c.loc) {
			t.Errorf("%s: not ended at midnight", c.loc)
		}
	}
	// December ends the year's second half at New Year.
	s2 := Period{Kind: Semester, Year: 2026, N: 2}
	wib := time.FixedZone("WIB", 7*3600)
	if s2.Ended(time.Date(2026, 12, 31, 23, 59, 59, 0, wib), wib) || !s2.Ended(time.Date(2027, 1, 1, 0, 0, 0, 0, wib), wib) {
		t.Error("Semester II 2026 does not end at New Year's midnight")
	}
}
