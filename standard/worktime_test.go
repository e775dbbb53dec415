package standard_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"skm/standard"
)

func calendars(t *testing.T) (kalbar, ntt *standard.WorkCalendar) {
	t.Helper()
	set := loadExamples(t)
	k, _ := set.Agency("bppd-kalbar")
	n, _ := set.Agency("bppd-ntt")
	return k.WorkCalendar(set), n.WorkCalendar(set)
}

var (
	wib, _  = time.LoadLocation("Asia/Pontianak")
	wita, _ = time.LoadLocation("Asia/Makassar")
)

func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func TestDeadlinesOfTheDocAndOurOwn(t *testing.T) {
	kb, ntt := calendars(t)
	tests := []struct {
		name     string
		cal      *standard.WorkCalendar
		received time.Time
		limit    string
		want     time.Time
	}{
		// cases-and-sla.md §4
		{"doc: 3 hari kerja from Wed 10:00", kb, at(wib, 2026, 10, 14, 10, 0), "3 hari_kerja", at(wib, 2026, 10, 19, 16, 0)},
		{"doc: 3 jam kerja across lunch", kb, at(wib, 2026, 10, 12, 11, 0), "3 jam_kerja", at(wib, 2026, 10, 12, 15, 0)},
		{"doc: 7 hari from a Sunday", ntt, at(wita, 2026, 12, 20, 10, 0), "7 hari", time.Date(2026, 12, 27, 23, 59, 59, 0, wita)},
		{"doc: 1 hari kerja after Friday closing", kb, at(wib, 2026, 10, 16, 17, 0), "1 hari_kerja", at(wib, 2026, 10, 20, 16, 0)},
		// our own
		{"menit is clock time", ntt, at(wita, 2026, 10, 16, 16, 20), "15 menit", at(wita, 2026, 10, 16, 16, 35)},
		{"jam kerja received Friday 16:00 ends Monday", kb, at(wib, 2026, 10, 16, 16, 0), "3 jam_kerja", at(wib, 2026, 10, 19, 10, 0)},
		{"jam kerja received during lunch starts at 13:00", kb, at(wib, 2026, 10, 13, 12, 30), "1 jam_kerja", at(wib, 2026, 10, 13, 14, 0)},
		{"jam kerja received Saturday", kb, at(wib, 2026, 10, 17, 9, 0), "2 jam_kerja", at(wib, 2026, 10, 19, 9, 30)},
		{"jam kerja on Friday's short morning", kb, at(wib, 2026, 10, 16, 11, 0), "1 jam_kerja", at(wib, 2026, 10, 16, 13, 30)},
		{"hari kerja received on a Saturday", kb, at(wib, 2026, 10, 17, 9, 0), "1 hari_kerja", at(wib, 2026, 10, 20, 16, 0)},
		{"hari kerja received before the last window closes", kb, at(wib, 2026, 10, 14, 15, 59), "1 hari_kerja", at(wib, 2026, 10, 15, 16, 0)},
		{"hari kerja received at closing time", kb, at(wib, 2026, 10, 14, 16, 0), "1 hari_kerja", at(wib, 2026, 10, 16, 16, 30)},
		// The Idulfitri 2026 cluster: 18 cuti, 19 Nyepi, 20 cuti, 21–22 Idulfitri (weekend),
		// 23–24 cuti; Ramadan hours until 20 March.
		{"5 hari kerja across Idulfitri 2026", kb, at(wib, 2026, 3, 17, 9, 0), "5 hari_kerja", at(wib, 2026, 3, 31, 16, 0)},
		{"jam kerja in Ramadan (08:00–12:00, 12:30–15:00)", kb, at(wib, 2026, 3, 2, 11, 0), "3 jam_kerja", at(wib, 2026, 3, 2, 14, 30)},
		{"hari kerja in Ramadan closes 15:00 (Mon–Thu)", kb, at(wib, 2026, 3, 4, 9, 0), "1 hari_kerja", at(wib, 2026, 3, 5, 15, 0)},
		{"hari kerja in Ramadan closes 15:30 on Friday", kb, at(wib, 2026, 3, 5, 9, 0), "1 hari_kerja", at(wib, 2026, 3, 6, 15, 30)},
		{"received on a national holiday (Nyepi)", kb, at(wib, 2026, 3, 19, 10, 0), "1 hari_kerja", at(wib, 2026, 3, 26, 16, 0)},
		// Year boundary: 24 Dec cuti, 25 Natal, weekend; then 28, 29, 30, 31 Dec; 2027 is not in
		// the calendar data, so only weekends are days off there: 1, 4–8, 11–14 Jan → the 14th
		// working day is Thu 14 Jan.
		{"14 hari kerja into 2027", kb, at(wib, 2026, 12, 23, 10, 0), "14 hari_kerja", at(wib, 2027, 1, 14, 16, 0)},
		{"2025 cuti bersama 18 August (added during the year)", kb, at(wib, 2025, 8, 15, 10, 0), "1 hari_kerja", at(wib, 2025, 8, 19, 16, 0)},
		// 60 working days after Mon 5 Jan 2026, skipping 16 Jan, 16–17 Feb, 18–20 and 23–24 Mar
		// and 3 Apr (Ramadan changes hours, not days): counted by hand, the 60th is Fri 10 Apr,
		// which closes at 16:30.
		{"60 hari kerja", kb, at(wib, 2026, 1, 5, 9, 0), "60 hari_kerja", at(wib, 2026, 4, 10, 16, 30)},
		{"hari counts holidays too", kb, at(wib, 2026, 3, 17, 9, 0), "3 hari", time.Date(2026, 3, 20, 23, 59, 59, 0, wib)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := standard.ParseTimeLimit(tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := tc.cal.Deadline(tc.received, l)
			if !ok || !got.Equal(tc.want) {
				t.Errorf("Deadline(%s, %s) = %s, want %s", tc.received.Format("Mon 2006-01-02 15:04 MST"), tc.limit,
					got.In(tc.want.Location()).Format("Mon 2006-01-02 15:04:05 MST"), tc.want.Format("Mon 2006-01-02 15:04:05 MST"))
			}
		})
	}
	if _, ok := kb.Deadline(at(wib, 2026, 1, 5, 9, 0), standard.TimeLimit{}); ok {
		t.Error("no limit must give no deadline")
	}
}

func TestCutiBersamaCanBeWorkingDays(t *testing.T) {
	set := loadExamples(t)
	a, _ := set.Agency("bppd-kalbar")
	working := *a
	working.CutiBersamaWorking = true
	cal := working.WorkCalendar(set)
	day := standard.Date{Year: 2026, Month: time.March, Day: 23} // cuti bersama Idulfitri
	if !cal.IsWorkingDay(day) {
		t.Error("with cuti_bersama_working, 23 March 2026 is a working day")
	}
	if cal.IsWorkingDay(standard.Date{Year: 2026, Month: time.March, Day: 19}) {
		t.Error("Nyepi stays a holiday")
	}
	if !cal.Covers(2026) || cal.Covers(2027) {
		t.Error("Covers")
	}
}

func TestWorkingTime(t *testing.T) {
	kb, _ := calendars(t)
	for _, tc := range []struct {
		from, to time.Time
		want     time.Duration
	}{
		{at(wib, 2026, 10, 12, 11, 0), at(wib, 2026, 10, 12, 15, 0), 3 * time.Hour},
		{at(wib, 2026, 10, 12, 7, 0), at(wib, 2026, 10, 12, 20, 0), 7*time.Hour + 30*time.Minute},
		{at(wib, 2026, 10, 16, 16, 0), at(wib, 2026, 10, 19, 8, 0), time.Hour},                    // Fri 16:00–16:30, Mon 07:30–08:00
		{at(wib, 2026, 10, 12, 0, 0), at(wib, 2026, 10, 19, 0, 0), 37*time.Hour + 30*time.Minute}, // a full week
		{at(wib, 2026, 10, 12, 15, 0), at(wib, 2026, 10, 12, 11, 0), 0},
	} {
		if got := kb.WorkingTime(tc.from, tc.to); got != tc.want {
			t.Errorf("WorkingTime(%s, %s) = %s, want %s", tc.from.Format("Mon 01-02 15:04"), tc.to.Format("Mon 01-02 15:04"), got, tc.want)
		}
	}
}

// Properties over random instants in 2025–2026: a later receipt never gets an earlier
// deadline; working time adds up over consecutive intervals; the working time from receipt to
// a jam_kerja deadline is exactly the limit.
func TestWorkingTimeProperties(t *testing.T) {
	kb, ntt := calendars(t)
	rng := rand.New(rand.NewPCG(1, 2))
	limits := []string{"15 menit", "3 jam_kerja", "1 hari_kerja", "5 hari_kerja", "14 hari_kerja", "7 hari"}
	start := at(wib, 2025, 1, 1, 0, 0)
	for i := 0; i < 3000; i++ {
		cal := kb
		if i%2 == 1 {
			cal = ntt
		}
		a := start.Add(time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
		b := a.Add(time.Duration(rng.Int64N(int64(72 * time.Hour))))
		c := b.Add(time.Duration(rng.Int64N(int64(72 * time.Hour))))
		l, _ := standard.ParseTimeLimit(limits[i%len(limits)])
		da, _ := cal.Deadline(a, l)
		db, _ := cal.Deadline(b, l)
		if db.Before(da) {
			t.Fatalf("%s: receipt %s → %s, later receipt %s → earlier %s", l, a, da, b, db)
		}
		if cal.WorkingTime(a, b)+cal.WorkingTime(b, c) != cal.WorkingTime(a, c) {
			t.Fatalf("working time does not add up over %s, %s, %s", a, b, c)
		}
		if l.Unit == standard.UnitJamKerja {
			if got := cal.WorkingTime(a, da); got != time.Duration(l.Amount)*time.Hour {
				t.Fatalf("jam_kerja: working time from %s to its deadline %s is %s", a, da, got)
			}
		}
	}
}

func TestHolidayChangesMoveDeadlines(t *testing.T) {
	kb, ntt := calendars(t)
	d := func(s string) standard.Date {
		x, err := standard.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	limit, _ := standard.ParseTimeLimit("3 hari_kerja")
	received := at(wib, 2026, 10, 14, 10, 0)
	// A regional holiday on Thu 15 Oct pushes the doc example's deadline to Tue 20.
	added := kb.Apply([]standard.HolidayChange{{Agency: "bppd-kalbar", Date: d("2026-10-15"), Off: true, Kind: standard.HolidayDaerah, Name: "Libur daerah"}})
	if got, _ := added.Deadline(received, limit); !got.Equal(at(wib, 2026, 10, 20, 16, 0)) {
		t.Errorf("with a holiday on Thu 15: deadline %v, want Tue 20 16:00", got)
	}
	if got, _ := kb.Deadline(received, limit); !got.Equal(at(wib, 2026, 10, 19, 16, 0)) {
		t.Errorf("Apply changed the original calendar: %v", got)
	}
	// Another agency's change does not apply; a national one does.
	if ntt.Apply([]standard.HolidayChange{{Agency: "bppd-kalbar", Date: d("2026-10-15"), Off: true}}).DayOff(d("2026-10-15")) {
		t.Error("Kalbar's holiday applied to NTT")
	}
	if !ntt.Apply([]standard.HolidayChange{{Date: d("2026-10-15"), Off: true, Kind: standard.HolidayNasional}}).DayOff(d("2026-10-15")) {
		t.Error("a national holiday did not apply to NTT")
	}
	// Moving Idulfitri's cuti bersama of Tue 24 Mar 2026 to Wed 25 Mar: 24 works, 25 does not;
	// removing never turns a Sunday into a working day.
	moved := kb.Apply([]standard.HolidayChange{
		{Date: d("2026-03-24"), Off: false},
		{Date: d("2026-03-25"), Off: true, Kind: standard.HolidayCutiBersama},
		{Date: d("2026-03-22"), Off: false},
	})
	if !moved.IsWorkingDay(d("2026-03-24")) || moved.IsWorkingDay(d("2026-03-25")) || moved.IsWorkingDay(d("2026-03-22")) {
		t.Error("moving a cuti bersama day did not move it, or removal made a Sunday working")
	}
	// The agency's own change wins over a national one of the same date, whatever the order.
	both := kb.Apply([]standard.HolidayChange{
		{Agency: "bppd-kalbar", Date: d("2026-10-15"), Off: false},
		{Date: d("2026-10-15"), Off: true, Kind: standard.HolidayNasional},
	})
	if !both.IsWorkingDay(d("2026-10-15")) {
		t.Error("the agency's own change did not win over the national one")
	}
}

// TestHolidayEditDatesInPeoplesWords: a date is asked for as people give it — picked from a
// calendar or typed 17/08/2026 — never with a format code.
func TestHolidayEditDatesInPeoplesWords(t *testing.T) {
	ch, err := standard.PlanHolidayEdit("add", "", "17/08/2026", "", "Hari Kemerdekaan", "")
	if err != nil || len(ch) != 1 || ch[0].Date.String() != "2026-08-17" {
		t.Fatalf("typed date: %v %v", ch, err)
	}
	for _, tc := range []struct{ action, date, to, kind, field string }{
		{"add", "15-10-2026", "", "", "date"},
		{"move", "2026-08-17", "besok", "", "to"},
		{"add", "2026-08-17", "", "libur", "kind"},
	} {
		_, err := standard.PlanHolidayEdit(tc.action, "", tc.date, tc.to, "x", tc.kind)
		var he *standard.HolidayEditError
		if !errors.As(err, &he) || he.Field != tc.field || strings.Contains(he.Message, "TTTT") || strings.Contains(he.Message, "_") {
			t.Errorf("%+v: %v", tc, err)
		}
	}
}
