package standard

import (
	"slices"
	"strings"
	"time"
)

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

// HolidayEditError names the field of a holiday edit that is wrong, with an Indonesian
// message.
type HolidayEditError struct {
	Field   string // action, date, to, name or kind
	Message string
}

// Error returns the message with its field.
func (e *HolidayEditError) Error() string { return e.Field + ": " + e.Message }

// exampleDate shows how a date may be typed where the browser has no date picker.
const exampleDate = "17/08/2026"

// parseFormDate reads a date field: as a date picker sends it (2026-08-17), or typed
// the Indonesian way (17/08/2026). Dashes stay ISO only: 15-10-2026 is refused, not guessed.
func parseFormDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), true
		}
	}
	return Date{}, false
}

// PlanHolidayEdit turns an administrator's edit into changes: "add" a day off on date,
// "remove" one, or "move" one from date to to (a removal plus an addition). An empty kind
// is libur_daerah for an agency and libur_nasional nationally. Dates are YYYY-MM-DD, or
// DD/MM/YYYY as typed.
func PlanHolidayEdit(action, agency, date, to, name, kind string) ([]HolidayChange, error) {
	if kind == "" {
		kind = HolidayNasional
		if agency != "" {
			kind = HolidayDaerah
		}
	}
	if !slices.Contains(HolidayKinds, kind) {
		return nil, &HolidayEditError{"kind", "pilih jenis: libur nasional, cuti bersama atau libur daerah"}
	}
	day, ok := parseFormDate(date)
	if !ok {
		return nil, &HolidayEditError{"date", "pilih tanggal dari kalender, atau tulis seperti " + exampleDate}
	}
	switch action {
	case "add":
		if name == "" {
			return nil, &HolidayEditError{"name", "isi nama hari libur"}
		}
		return []HolidayChange{{Agency: agency, Date: day, Off: true, Kind: kind, Name: name}}, nil
	case "remove":
		return []HolidayChange{{Agency: agency, Date: day, Off: false, Kind: kind, Name: name}}, nil
	case "move":
		dest, ok := parseFormDate(to)
		if !ok {
			return nil, &HolidayEditError{"to", "pilih tanggal tujuan dari kalender, atau tulis seperti " + exampleDate}
		}
		if dest == day {
			return nil, &HolidayEditError{"to", "tanggal tujuan sama dengan tanggal asal"}
		}
		if name == "" {
			return nil, &HolidayEditError{"name", "isi nama hari libur pada tanggal barunya"}
		}
		return []HolidayChange{{Agency: agency, Date: day, Off: false, Kind: kind, Name: name},
			{Agency: agency, Date: dest, Off: true, Kind: kind, Name: name}}, nil
	}
	return nil, &HolidayEditError{"action", "pilih tambah, hapus atau pindahkan"}
}
