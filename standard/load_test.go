package standard_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"skm/standard"
	"skm/standard/standardtest"
)

var loadExamples = standardtest.Examples

func TestExamplesAreFaithfulToTheSeedDocuments(t *testing.T) {
	set := loadExamples(t)
	if len(set.Agencies) != 2 {
		t.Fatalf("got %d agencies, want bppd-kalbar and bppd-ntt", len(set.Agencies))
	}
	ntt, ok := set.Agency("bppd-ntt")
	if !ok {
		t.Fatal("bppd-ntt missing")
	}
	if ntt.TimeZone != "Asia/Makassar" || ntt.SurveyPeriods != standard.PeriodsSemester {
		t.Errorf("bppd-ntt: zone %s, periods %s", ntt.TimeZone, ntt.SurveyPeriods)
	}
	p, _ := ntt.Service("pengaduan")
	for ch, want := range map[string]string{"tatap-muka": "15 menit", "kotak-saran": "7 hari", "surat": "7 hari", "sp4n-lapor": "8 hari"} {
		got, ok := p.TimeLimitFor(ch, "")
		if !ok || got.String() != want {
			t.Errorf("bppd-ntt pengaduan via %s: %v, want %s", ch, got, want)
		}
	}
	kb, _ := set.Agency("bppd-kalbar")
	if kb.TimeZone != "Asia/Pontianak" || kb.Head.Name != "Alexander Rombonang" {
		t.Errorf("bppd-kalbar: zone %s, head %q", kb.TimeZone, kb.Head.Name)
	}
	wantServices := []string{"konsultasi", "data-informasi", "fasilitasi-audiensi", "narasumber", "pengaduan"}
	for _, code := range wantServices {
		if _, ok := kb.Service(code); !ok {
			t.Errorf("bppd-kalbar lacks service %s", code)
		}
	}
	kons, _ := kb.Service("konsultasi")
	if l, ok := kons.TimeLimitFor("tatap-muka", ""); ok {
		t.Errorf("konsultasi has limit %v; the standard states none", l)
	}
	if l := kons.TimeLimit.Label(); l != "tanpa standar waktu" {
		t.Errorf("konsultasi label %q", l)
	}
	data, _ := kb.Service("data-informasi")
	if l, _ := data.TimeLimitFor("email", ""); l != (standard.TimeLimit{Amount: 3, Unit: standard.UnitHari}) {
		t.Errorf("data-informasi limit %v, want 3 hari (calendar days, as worded)", l)
	}
	peng, _ := kb.Service("pengaduan")
	for class, want := range map[string]string{"ringan": "3 jam_kerja", "normatif": "5 hari_kerja",
		"tidak-berkadar-pengawasan": "14 hari_kerja", "berkadar-pengawasan": "60 hari_kerja"} {
		if got, ok := peng.TimeLimitFor("sp4n-lapor", class); !ok || got.String() != want {
			t.Errorf("bppd-kalbar pengaduan class %s: %v, want %s", class, got, want)
		}
	}
	if w := kb.Schedule.Default.Minutes(); w != 37*60+30 {
		t.Errorf("default week has %d minutes, want 37½ hours", w)
	}
	if w := kb.Schedule.Ramadan.Minutes(); w != 32*60+30 {
		t.Errorf("Ramadan week has %d minutes, want 32½ hours", w)
	}
	if fri := kb.Schedule.Default[time.Friday]; len(fri) != 2 || fri[0].String() != "07:30-11:30" || fri[1].String() != "13:00-16:30" {
		t.Errorf("Friday windows %v", fri)
	}
}

func TestExampleCalendarsMatchTheDecrees(t *testing.T) {
	set := loadExamples(t)
	want := map[int]struct {
		nasional, cuti int
		ramadan        string
	}{2025: {17, 11, "2025-03-01..2025-03-30"}, 2026: {17, 8, "2026-02-19..2026-03-20"}}
	if len(set.Calendars) != len(want) {
		t.Fatalf("got %d calendars", len(set.Calendars))
	}
	for _, c := range set.Calendars {
		w := want[c.Year]
		var n, cb int
		for _, h := range c.Holidays {
			switch h.Kind {
			case standard.HolidayNasional:
				n++
			case standard.HolidayCutiBersama:
				cb++
			}
		}
		if n != w.nasional || cb != w.cuti {
			t.Errorf("%d: %d libur nasional and %d cuti bersama, want %d and %d", c.Year, n, cb, w.nasional, w.cuti)
		}
		if got := c.Ramadan.From.String() + ".." + c.Ramadan.To.String(); got != w.ramadan {
			t.Errorf("%d: Ramadan %s, want %s", c.Year, got, w.ramadan)
		}
		if c.Source == "" {
			t.Errorf("%d: no source", c.Year)
		}
	}
}

func TestBrokenStandardReportsEveryProblemWithFileAndLine(t *testing.T) {
	_, err := standard.LoadDir("testdata/broken")
	var probs standard.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want Problems", err)
	}
	text := probs.Error()
	want := []string{
		"testdata/broken/bppd-x.yaml:30: unknown field \"colour\"",
	}
	// Strict decoding stops at unknown fields, so the semantic checks run on a file
	// without them; check that first problem, then the rest on a copy without it.
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
	for _, w := range []string{
		"testdata/broken/calendar/indonesia-2026.yaml:1: source (the decree the dates come from) is required",
		"testdata/broken/calendar/indonesia-2026.yaml:2: ramadan ends (2026-02-19) before it starts (2026-03-20)",
		"testdata/broken/calendar/indonesia-2026.yaml:5: 2026-01-01 is listed twice (also entry 1)",
		"testdata/broken/calendar/indonesia-2026.yaml:6: 2027-01-01 is not in the calendar's year 2026",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

func TestSemanticProblemsCarryLines(t *testing.T) {
	b := mustRead(t, "testdata/broken/bppd-x.yaml")
	b = strings.Replace(b, "colour: blue\n", "", 1)
	cal := mustRead(t, "../standard/examples/calendar/indonesia-2026.yaml")
	fsys := fstest.MapFS{"bppd-x.yaml": {Data: []byte(b)}, "calendar/indonesia-2026.yaml": {Data: []byte(cal)}}
	_, err := standard.Load(fsys, "std")
	if err == nil {
		t.Fatal("broken file accepted")
	}
	text := err.Error()
	for _, w := range []string{
		`std/bppd-x.yaml:1: code "bppd-y" does not match the file name bppd-x.yaml`,
		`std/bppd-x.yaml:3: unknown time zone "Asia/Nowhere"`,
		`std/bppd-x.yaml:6: unknown channel "pos-merpati"`,
		`std/bppd-x.yaml:10: service code "Data Informasi" must be lower-case`,
		`std/bppd-x.yaml:12: time limit "3 jam": write jam_kerja for working hours`,
		`std/bppd-x.yaml:15: unknown kind "keluhan"`,
		`std/bppd-x.yaml:17: channel "email" is not among the agency's channels`,
		`std/bppd-x.yaml:19: complaint class "berat" is not among the agency's complaint_classes`,
		`std/bppd-x.yaml:20: time limit "tiga hari": the amount must be a whole number`,
		`std/bppd-x.yaml:21: unknown survey_periods "bulanan"`,
		`std/bppd-x.yaml:24: time window 11:00-16:00 overlaps or precedes 07:30-12:00`,
		`std/bppd-x.yaml:25: unknown day "fry"`,
		`std/bppd-x.yaml:27: "2026-02-30" is not a date`,
		`std/bppd-x.yaml:28: unknown kind "libur"`,
		`std/bppd-x.yaml:29: the IKM target 120 must lie between 25 and 100`,
	} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

func TestYAMLSyntaxErrorsCarryLines(t *testing.T) {
	fsys := fstest.MapFS{
		"a.yaml":                       {Data: []byte("code: a\nname: [unclosed\n")},
		"calendar/indonesia-2026.yaml": {Data: []byte(mustRead(t, "examples/calendar/indonesia-2026.yaml"))},
	}
	_, err := standard.Load(fsys, "")
	if err == nil || !strings.Contains(err.Error(), "a.yaml:") {
		t.Fatalf("err = %v, want a.yaml:LINE", err)
	}
	fsys["a.yaml"] = &fstest.MapFile{Data: []byte("code: a\nchannels: tatap-muka\n")}
	_, err = standard.Load(fsys, "")
	if err == nil || !strings.Contains(err.Error(), "a.yaml:2: expected a list, found text \"tatap-muka\"") {
		t.Fatalf("err = %v, want a friendly type error on line 2", err)
	}
}

func TestParseTimeLimit(t *testing.T) {
	for in, want := range map[string]string{
		"15 menit": "15 menit", "3 jam_kerja": "3 jam_kerja", "5 hari kerja": "5 hari_kerja",
		"7 hari": "7 hari", " 60  hari_kerja ": "60 hari_kerja", "2 HARI": "2 hari",
	} {
		got, err := standard.ParseTimeLimit(in)
		if err != nil || got.String() != want {
			t.Errorf("ParseTimeLimit(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "3", "0 hari", "-1 hari", "3 jam", "3 minggu", "tiga hari", "1.5 hari"} {
		if _, err := standard.ParseTimeLimit(bad); err == nil {
			t.Errorf("ParseTimeLimit(%q) accepted", bad)
		}
	}
}

func TestTimeLimitPrecedenceClassOverChannelOverService(t *testing.T) {
	s := &standard.Service{
		TimeLimit: standard.TimeLimit{Amount: 10, Unit: standard.UnitHari},
		ByChannel: map[string]standard.TimeLimit{"surat": {Amount: 7, Unit: standard.UnitHari}},
		ByClass:   map[string]standard.TimeLimit{"ringan": {Amount: 3, Unit: standard.UnitJamKerja}},
	}
	cases := []struct{ channel, class, want string }{
		{"surat", "ringan", "3 jam_kerja"},
		{"surat", "", "7 hari"},
		{"email", "", "10 hari"},
		{"email", "normatif", "10 hari"},
	}
	for _, c := range cases {
		if got, _ := s.TimeLimitFor(c.channel, c.class); got.String() != c.want {
			t.Errorf("TimeLimitFor(%q, %q) = %v, want %s", c.channel, c.class, got, c.want)
		}
	}
}

// TestDescribeSpeaksIndonesian: the check command's summary line counts in Indonesian (no
// "1 services").
func TestDescribeSpeaksIndonesian(t *testing.T) {
	set := standardtest.Examples(t)
	ntt, _ := set.Agency("bppd-ntt")
	if got, want := ntt.Describe(), "bppd-ntt (BPPD Provinsi NTT, Asia/Makassar): 1 layanan, 4 kanal, 0 kelas pengaduan, periode survei per semester"; got != want {
		t.Errorf("Describe() = %q, want %q", got, want)
	}
}

// The kiosk's waits default to a minute of idle and ten seconds of thanks; an agency file
// may set them within bounds, and a wait out of bounds is a located problem.
func TestKioskWaits(t *testing.T) {
	ntt := mustRead(t, "examples/bppd-ntt.yaml")
	cal := mustRead(t, "examples/calendar/indonesia-2026.yaml")
	load := func(extra string) (*standard.Set, error) {
		return standard.Load(fstest.MapFS{"bppd-ntt.yaml": {Data: []byte(ntt + extra)},
			"calendar/indonesia-2026.yaml": {Data: []byte(cal)}}, "std")
	}
	set, err := load("")
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := set.Agency("bppd-ntt"); a.KioskIdleSeconds != 60 || a.KioskThanksSeconds != 10 {
		t.Errorf("defaults: idle %d s, thanks %d s; want 60 and 10", a.KioskIdleSeconds, a.KioskThanksSeconds)
	}
	set, err = load("kiosk_idle_seconds: 90\nkiosk_thanks_seconds: 5\n")
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := set.Agency("bppd-ntt"); a.KioskIdleSeconds != 90 || a.KioskThanksSeconds != 5 {
		t.Errorf("set: idle %d s, thanks %d s; want 90 and 5", a.KioskIdleSeconds, a.KioskThanksSeconds)
	}
	lines := strings.Count(ntt, "\n")
	_, err = load("kiosk_idle_seconds: 5\nkiosk_thanks_seconds: 600\n")
	for _, w := range []string{
		fmt.Sprintf("std/bppd-ntt.yaml:%d: kiosk_idle_seconds must be 15 to 600 seconds", lines+1),
		fmt.Sprintf("std/bppd-ntt.yaml:%d: kiosk_thanks_seconds must be 3 to 120 seconds", lines+2),
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in: %v", w, err)
		}
	}
}
