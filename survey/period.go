package survey

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the length of a period.
type PeriodKind int

// Period kinds.
const (
	Year PeriodKind = iota + 1
	Semester
	Quarter
	Month
)

// Period is a survey or reporting period in the agency's local dates: 2026, 2026-S2,
// 2026-Q4, 2026-10.
type Period struct {
	Kind PeriodKind
	Year int
	// N is the semester (1–2), quarter (1–4) or month (1–12); 0 for a year.
	N int
}

// Period schemes an agency's standard may choose (survey_periods).
const (
	SchemeSemester = "semester"
	SchemeQuarter  = "quarter"
	SchemeYear     = "year"
)

// PeriodOf returns the survey period that contains the local date of t under scheme
// (semester when empty or unknown).
func PeriodOf(t time.Time, scheme string) Period {
	y, m := t.Year(), int(t.Month())
	switch scheme {
	case SchemeYear:
		return Period{Kind: Year, Year: y}
	case SchemeQuarter:
		return Period{Kind: Quarter, Year: y, N: (m-1)/3 + 1}
	default:
		return Period{Kind: Semester, Year: y, N: (m-1)/6 + 1}
	}
}

// ParsePeriod parses a period code.
func ParsePeriod(code string) (Period, error) {
	bad := fmt.Errorf("period %q: use 2026, 2026-S1, 2026-Q3 or 2026-10", code)
	ys, rest, hasRest := strings.Cut(strings.TrimSpace(code), "-")
	y, err := strconv.Atoi(ys)
	if err != nil || len(ys) != 4 || y < 2000 || y > 2200 {
		return Period{}, bad
	}
	if !hasRest {
		return Period{Kind: Year, Year: y}, nil
	}
	kind, max, num := Month, 12, rest
	switch {
	case strings.HasPrefix(strings.ToUpper(rest), "S"):
		kind, max, num = Semester, 2, rest[1:]
	case strings.HasPrefix(strings.ToUpper(rest), "Q"):
		kind, max, num = Quarter, 4, rest[1:]
	case len(rest) != 2:
		return Period{}, bad
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > max {
		return Period{}, bad
	}
	return Period{Kind: kind, Year: y, N: n}, nil
}

// Code formats the period as 2026, 2026-S2, 2026-Q4 or 2026-10.
func (p Period) Code() string {
	switch p.Kind {
	case Semester:
		return fmt.Sprintf("%d-S%d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.Year, p.N)
	case Month:
		return fmt.Sprintf("%d-%02d", p.Year, p.N)
	}
	return strconv.Itoa(p.Year)
}

// String is Code.
func (p Period) String() string { return p.Code() }

func (p Period) months() (first, count int) {
	switch p.Kind {
	case Semester:
		return (p.N-1)*6 + 1, 6
	case Quarter:
		return (p.N-1)*3 + 1, 3
	case Month:
		return p.N, 1
	}
	return 1, 12
}

// Bounds returns the first and last local date of the period, as midnight UTC (the form of
// ClickHouse Date columns).
func (p Period) Bounds() (first, last time.Time) {
	m, n := p.months()
	first = time.Date(p.Year, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, n, -1)
}

// Contains reports whether the local date of t lies in the period.
func (p Period) Contains(t time.Time) bool {
	first, last := p.Bounds()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return !d.Before(first) && !d.After(last)
}

// Ended reports whether the period is over at now, its last day ended where loc keeps time;
// a period not ended gives provisional figures.
func (p Period) Ended(now time.Time, loc *time.Location) bool {
	_, last := p.Bounds()
	return !now.Before(time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc))
}

// Previous returns the period of the same kind before p.
func (p Period) Previous() Period {
	_, n := p.months()
	if p.Kind == Year {
		return Period{Kind: Year, Year: p.Year - 1}
	}
	if p.N > 1 {
		return Period{Kind: p.Kind, Year: p.Year, N: p.N - 1}
	}
	return Period{Kind: p.Kind, Year: p.Year - 1, N: 12 / n}
}

// YearEarlier returns the period of the same kind a year before p (Semester I 2025 for
// Semester I 2026).
func (p Period) YearEarlier() Period {
	p.Year--
	return p
}

// Start returns the first local date of p.
func (p Period) Start() time.Time {
	first, _ := p.Bounds()
	return first
}

// After reports whether p starts after q starts.
func (p Period) After(q Period) bool { return p.Start().After(q.Start()) }

// Next returns the period of the same kind right after p.
func (p Period) Next() Period {
	_, n := p.months()
	if p.Kind == Year {
		return Period{Kind: Year, Year: p.Year + 1}
	}
	if p.N < 12/n {
		return Period{Kind: p.Kind, Year: p.Year, N: p.N + 1}
	}
	return Period{Kind: p.Kind, Year: p.Year + 1, N: 1}
}

var monthNames = [2][12]string{
	{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Label names the period for people: "Semester II 2026", "Triwulan IV 2026", "Oktober 2026".
func (p Period) Label(lang Lang) string {
	roman := []string{"", "I", "II", "III", "IV"}
	switch p.Kind {
	case Semester:
		return fmt.Sprintf("Semester %s %d", roman[p.N], p.Year)
	case Quarter:
		if lang == EN {
			return fmt.Sprintf("Quarter %s %d", roman[p.N], p.Year)
		}
		return fmt.Sprintf("Triwulan %s %d", roman[p.N], p.Year)
	case Month:
		return fmt.Sprintf("%s %d", monthNames[lang.index()][p.N-1], p.Year)
	}
	if lang == EN {
		return fmt.Sprintf("Year %d", p.Year)
	}
	return fmt.Sprintf("Tahun %d", p.Year)
}

// DateLabel writes a date for people: "10 Juli 2026", "10 July 2026".
func DateLabel(t time.Time, lang Lang) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthNames[lang.index()][t.Month()-1], t.Year())
}
