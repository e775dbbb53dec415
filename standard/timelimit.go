package standard

import (
	"fmt"
	"strconv"
	"strings"
)

// Time-limit units, per cases-and-sla.md: "hari" is a calendar day, "hari_kerja" a working day.
const (
	UnitMenit     Unit = "menit"
	UnitJamKerja  Unit = "jam_kerja"
	UnitHariKerja Unit = "hari_kerja"
	UnitHari      Unit = "hari"
)

// Unit is the unit of a time limit.
type Unit string

// Units lists the time-limit units.
var Units = []Unit{UnitMenit, UnitJamKerja, UnitHariKerja, UnitHari}

// Label is the unit's Indonesian wording. A calendar day is "hari kalender", never plain
// "hari": residents and staff must see whether weekends and holidays count.
func (u Unit) Label() string {
	switch u {
	case UnitMenit:
		return "menit"
	case UnitJamKerja:
		return "jam kerja"
	case UnitHariKerja:
		return "hari kerja"
	case UnitHari:
		return "hari kalender"
	}
	return string(u)
}

// TimeLimit is an amount of a unit, e.g. 5 hari_kerja. The zero value means no limit.
type TimeLimit struct {
	Amount int
	Unit   Unit
}

// IsZero reports whether no limit is set.
func (l TimeLimit) IsZero() bool { return l.Amount == 0 && l.Unit == "" }

// String formats the limit as written in standard files, e.g. "5 hari_kerja".
func (l TimeLimit) String() string {
	if l.IsZero() {
		return ""
	}
	return strconv.Itoa(l.Amount) + " " + string(l.Unit)
}

// Label formats the limit in Indonesian words, e.g. "5 hari kerja" or "7 hari kalender";
// "tanpa standar waktu" when no limit is set.
func (l TimeLimit) Label() string {
	if l.IsZero() {
		return "tanpa standar waktu"
	}
	return strconv.Itoa(l.Amount) + " " + l.Unit.Label()
}

// ParseTimeLimit parses "N unit", where unit is menit, jam_kerja, hari_kerja or hari;
// "jam kerja" and "hari kerja" with a space are accepted too.
func ParseTimeLimit(s string) (TimeLimit, error) {
	fields := strings.Fields(s)
	if len(fields) == 3 && fields[2] == "kerja" {
		fields = []string{fields[0], fields[1] + "_kerja"}
	}
	if len(fields) != 2 {
		return TimeLimit{}, fmt.Errorf("time limit %q must be an amount and a unit, e.g. \"5 hari_kerja\" (units: menit, jam_kerja, hari_kerja, hari)", s)
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n <= 0 {
		return TimeLimit{}, fmt.Errorf("time limit %q: the amount must be a whole number above 0", s)
	}
	u := Unit(strings.ToLower(fields[1]))
	switch u {
	case UnitMenit, UnitJamKerja, UnitHariKerja, UnitHari:
	case "jam":
		return TimeLimit{}, fmt.Errorf("time limit %q: write jam_kerja for working hours, or the limit in menit for clock time", s)
	default:
		return TimeLimit{}, fmt.Errorf("time limit %q: unknown unit %q (units: menit, jam_kerja, hari_kerja, hari)", s, fields[1])
	}
	return TimeLimit{Amount: n, Unit: u}, nil
}
