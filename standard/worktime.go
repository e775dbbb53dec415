package standard

import "time"

// WorkCalendar is an agency's working time: its schedule (default and Ramadan weeks) in its
// time zone, the national days off of the calendars it knows, its own days off, and whether
// cuti bersama are working days for it.
type WorkCalendar struct {
	agency      string
	cutiWorking bool
	loc         *time.Location
	sched       Schedule
	ramadan     []DateRange
	off         map[Date]bool
	years       map[int]bool
}

// WorkCalendar builds the agency's working-time calendar from the national calendars of set.
func (a *Agency) WorkCalendar(set *Set) *WorkCalendar {
	c := &WorkCalendar{agency: a.Code, cutiWorking: a.CutiBersamaWorking, loc: a.Location, sched: a.Schedule, off: map[Date]bool{}, years: map[int]bool{}}
	for _, cal := range set.Calendars {
		c.years[cal.Year] = true
		c.ramadan = append(c.ramadan, cal.Ramadan)
		for _, h := range cal.Holidays {
			if h.Kind == HolidayCutiBersama && a.CutiBersamaWorking {
				continue
			}
			c.off[h.Date] = true
		}
	}
	for _, h := range a.Holidays {
		c.off[h.Date] = true
	}
	return c
}

// Covers reports whether the calendar knows the national days off of year; for other years
// only weekends and the agency's own days off are non-working.
func (c *WorkCalendar) Covers(year int) bool { return c.years[year] }

// Location is the agency's time zone.
func (c *WorkCalendar) Location() *time.Location { return c.loc }

// Windows returns the working windows of a local date: none on a day off, the Ramadan week's
// on Ramadan dates, else the default week's.
func (c *WorkCalendar) Windows(d Date) []Window {
	if c.off[d] {
		return nil
	}
	week := c.sched.Default
	for _, r := range c.ramadan {
		if r.Contains(d) {
			week = c.sched.Ramadan
			break
		}
	}
	return week[d.Weekday()]
}

// IsWorkingDay reports whether d has working time.
func (c *WorkCalendar) IsWorkingDay(d Date) bool { return len(c.Windows(d)) > 0 }

func (c *WorkCalendar) at(d Date, minute int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, minute, 0, 0, c.loc)
}

// minuteOfDay returns t's local date and its minutes (with fractions) after local midnight.
func (c *WorkCalendar) local(t time.Time) (Date, time.Duration) {
	lt := t.In(c.loc)
	d := DateOf(lt)
	return d, lt.Sub(c.at(d, 0))
}

// nextWorkingDay returns the first working day after d. It gives up after ten years of days
// off (a calendar with no working time at all), returning the day after d.
func (c *WorkCalendar) nextWorkingDay(d Date) Date {
	for i := 1; i <= 3660; i++ {
		if n := d.AddDays(i); c.IsWorkingDay(n) {
			return n
		}
	}
	return d.AddDays(1)
}

// Deadline returns the instant by which a case received at received must be completed under
// limit, per cases-and-sla.md §4:
//   - menit N: received + N minutes of clock time;
//   - jam_kerja N: when N×60 minutes of working time have passed (counting starts at the next
//     window when received outside working time);
//   - hari_kerja N: the close of the last window of the N-th working day after the start day
//     (the day of receipt if it is a working day and receipt is before its last window closes,
//     else the next working day);
//   - hari N: the end (23:59:59) of the local calendar day N days after the day of receipt.
//
// The zero limit has no deadline: ok is false.
func (c *WorkCalendar) Deadline(received time.Time, limit TimeLimit) (deadline time.Time, ok bool) {
	switch limit.Unit {
	case UnitMenit:
		return received.Add(time.Duration(limit.Amount) * time.Minute), true
	case UnitHari:
		d, _ := c.local(received)
		return c.at(d.AddDays(limit.Amount+1), 0).Add(-time.Second), true
	case UnitHariKerja:
		d, tod := c.local(received)
		start := d
		wins := c.Windows(d)
		if len(wins) == 0 || tod >= time.Duration(wins[len(wins)-1].End)*time.Minute {
			start = c.nextWorkingDay(d)
		}
		end := start
		for range limit.Amount {
			end = c.nextWorkingDay(end)
		}
		wins = c.Windows(end)
		if len(wins) == 0 { // only when the calendar has no working time at all
			return c.at(end.AddDays(1), 0), true
		}
		return c.at(end, wins[len(wins)-1].End), true
	case UnitJamKerja:
		return c.addWorking(received, time.Duration(limit.Amount)*time.Hour), true
	}
	return time.Time{}, false
}

// addWorking returns the instant when work has passed since from, in working time.
func (c *WorkCalendar) addWorking(from time.Time, work time.Duration) time.Time {
	d, tod := c.local(from)
	for i := 0; i < 3660; i++ {
		for _, w := range c.Windows(d) {
			start, end := time.Duration(w.Start)*time.Minute, time.Duration(w.End)*time.Minute
			if tod > start {
				start = tod
			}
			if start >= end {
				continue
			}
			if avail := end - start; work <= avail {
				return c.at(d, 0).Add(start + work)
			} else {
				work -= avail
			}
		}
		d, tod = d.AddDays(1), 0
	}
	return from.Add(work) // a calendar with no working time at all
}

// WorkingTime returns how much working time lies between from and to (zero if to is not
// after from).
func (c *WorkCalendar) WorkingTime(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	d, tod := c.local(from)
	last, endTod := c.local(to)
	var total time.Duration
	for !last.Before(d) {
		for _, w := range c.Windows(d) {
			start, end := time.Duration(w.Start)*time.Minute, time.Duration(w.End)*time.Minute
			if tod > start {
				start = tod
			}
			if d == last && endTod < end {
				end = endTod
			}
			if end > start {
				total += end - start
			}
		}
		d, tod = d.AddDays(1), 0
	}
	return total
}

// LocalDate returns the date of t in loc as midnight UTC, the form Date columns take.
func LocalDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
