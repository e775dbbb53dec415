package standard

import (
	"fmt"
	"strings"
	"time"
)

// Window is a span of working time within a day, in minutes after local midnight.
type Window struct {
	Start int
	End   int
}

// String formats the window as HH:MM-HH:MM.
func (w Window) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", w.Start/60, w.Start%60, w.End/60, w.End%60)
}

// Week holds the working windows of each day, indexed by time.Weekday; a day without
// windows is not a working day.
type Week [7][]Window

// Minutes returns the working minutes in a week.
func (w Week) Minutes() int {
	n := 0
	for _, day := range w {
		for _, win := range day {
			n += win.End - win.Start
		}
	}
	return n
}

// Schedule is an agency's working time: the default week and the Ramadan week, which
// applies on the Ramadan dates of the national calendar.
type Schedule struct {
	Default Week
	Ramadan Week
}

// DefaultSchedule is the working time of Perpres 21/2023: 37½ hours a week from 07.30,
// and 32½ hours from 08.00 during Ramadan.
func DefaultSchedule() Schedule {
	monThu := []Window{{7*60 + 30, 12 * 60}, {13 * 60, 16 * 60}}
	fri := []Window{{7*60 + 30, 11*60 + 30}, {13 * 60, 16*60 + 30}}
	rMonThu := []Window{{8 * 60, 12 * 60}, {12*60 + 30, 15 * 60}}
	rFri := []Window{{8 * 60, 11*60 + 30}, {12*60 + 30, 15*60 + 30}}
	var s Schedule
	for d := time.Monday; d <= time.Thursday; d++ {
		s.Default[d], s.Ramadan[d] = monThu, rMonThu
	}
	s.Default[time.Friday], s.Ramadan[time.Friday] = fri, rFri
	return s
}

var dayKeys = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// parseWindow parses "HH:MM-HH:MM".
func parseWindow(s string) (Window, error) {
	a, b, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return Window{}, fmt.Errorf("%q is not a time window like \"07:30-12:00\"", s)
	}
	start, err1 := parseClock(a)
	end, err2 := parseClock(b)
	if err1 != nil || err2 != nil {
		return Window{}, fmt.Errorf("%q is not a time window like \"07:30-12:00\"", s)
	}
	if end <= start {
		return Window{}, fmt.Errorf("time window %q ends before it starts", s)
	}
	return Window{start, end}, nil
}

func parseClock(s string) (int, error) {
	s = strings.ReplaceAll(s, ".", ":") // 07.30 is the Indonesian way of writing 07:30
	t, err := time.Parse("15:04", s)
	if err != nil {
		if s == "24:00" {
			return 24 * 60, nil
		}
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}
