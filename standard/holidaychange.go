package standard

// HolidayChange is an administrator's correction of the calendar made after the standards
// were loaded: a day off added (Off) or a listed one removed (!Off), nationally (Agency "")
// or for one agency. Moving a holiday is a removal plus an addition. Removing never makes a
// weekend a working day; it only takes the date off the holiday list.
type HolidayChange struct {
	Agency string
	Date   Date
	Off    bool
	Kind   string
	Name   string
}

// Apply returns a copy of the calendar with changes applied: national ones first, then the
// agency's own, each in order, so a later change of a date wins. Changes of other agencies
// are ignored, and so is an added cuti bersama for an agency that works on those days.
func (c *WorkCalendar) Apply(changes []HolidayChange) *WorkCalendar {
	out := *c
	out.off = make(map[Date]bool, len(c.off)+len(changes))
	for d, v := range c.off {
		out.off[d] = v
	}
	for _, national := range []bool{true, false} {
		for _, ch := range changes {
			if (ch.Agency == "") != national || (!national && ch.Agency != c.agency) {
				continue
			}
			switch {
			case !ch.Off:
				delete(out.off, ch.Date)
			case ch.Kind == HolidayCutiBersama && c.cutiWorking:
				// the agency works on collective leave days
			default:
				out.off[ch.Date] = true
			}
		}
	}
	return &out
}

// DayOff reports whether d is listed as a day off (holiday, cuti bersama or the agency's own),
// regardless of the weekday.
func (c *WorkCalendar) DayOff(d Date) bool { return c.off[d] }
