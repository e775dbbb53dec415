package standard_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"skm/standard"
)

// TestTimeLimitLabelsSayWhichDaysCount: residents and staff read "3 hari kerja" or
// "3 hari kalender", never a bare "3 hari" that leaves weekends and holidays open.
func TestTimeLimitLabelsSayWhichDaysCount(t *testing.T) {
	for _, c := range []struct {
		limit standard.TimeLimit
		want  string
	}{
		{standard.TimeLimit{Amount: 3, Unit: standard.UnitHari}, "3 hari kalender"},
		{standard.TimeLimit{Amount: 5, Unit: standard.UnitHariKerja}, "5 hari kerja"},
		{standard.TimeLimit{Amount: 3, Unit: standard.UnitJamKerja}, "3 jam kerja"},
		{standard.TimeLimit{Amount: 15, Unit: standard.UnitMenit}, "15 menit"},
		{standard.TimeLimit{}, "tanpa standar waktu"},
	} {
		if got := c.limit.Label(); got != c.want {
			t.Errorf("%v.Label() = %q, want %q", c.limit, got, c.want)
		}
	}
}

// loadKalbarWith loads the Kalbar example with old replaced by new in its file.
func loadKalbarWith(t *testing.T, old, new string) (*standard.Set, error) {
	t.Helper()
	b := mustRead(t, "examples/bppd-kalbar.yaml")
	if !strings.Contains(b, old) {
		t.Fatalf("the Kalbar example lacks %q", old)
	}
	fsys := fstest.MapFS{
		"bppd-kalbar.yaml":             {Data: []byte(strings.Replace(b, old, new, 1))},
		"calendar/indonesia-2026.yaml": {Data: []byte(mustRead(t, "examples/calendar/indonesia-2026.yaml"))},
	}
	return standard.Load(fsys, "std")
}

// TestComplaintPromptThreshold: complaint_prompt_up_to defaults to 1, takes 0 (never) to 4,
// and anything else is a problem on its line.
func TestComplaintPromptThreshold(t *testing.T) {
	const line = "complaint_prompt_up_to: 1\n"
	for set, want := range map[string]int{"": 1, "complaint_prompt_up_to: 0\n": 0, "complaint_prompt_up_to: 2\n": 2, "complaint_prompt_up_to: 4\n": 4} {
		s, err := loadKalbarWith(t, line, set)
		if err != nil {
			t.Fatalf("%q: %v", set, err)
		}
		if a, _ := s.Agency("bppd-kalbar"); a.ComplaintPromptUpTo != want {
			t.Errorf("%q: ComplaintPromptUpTo %d, want %d", set, a.ComplaintPromptUpTo, want)
		}
	}
	for _, bad := range []string{"complaint_prompt_up_to: 5\n", "complaint_prompt_up_to: -1\n"} {
		_, err := loadKalbarWith(t, line, bad)
		if err == nil || !strings.Contains(err.Error(), "std/bppd-kalbar.yaml:") || !strings.Contains(err.Error(), "complaint_prompt_up_to must be 0 to 4") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestServiceNumbersAreTheShortLinks: /s/{agency}/{n} is the n-th service, so a service code
// of digits alone would be ambiguous and is refused.
func TestServiceNumbersAreTheShortLinks(t *testing.T) {
	set := loadExamples(t)
	kb, _ := set.Agency("bppd-kalbar")
	for n, code := range map[int]string{1: "konsultasi", 3: "fasilitasi-audiensi", 5: "pengaduan"} {
		if s, ok := kb.ServiceAt(n); !ok || s.Code != code {
			t.Errorf("ServiceAt(%d) = %v, want %s", n, s, code)
		}
		if got := kb.ServiceNumber(code); got != n {
			t.Errorf("ServiceNumber(%s) = %d, want %d", code, got, n)
		}
	}
	for _, n := range []int{0, 6, -1} {
		if s, ok := kb.ServiceAt(n); ok {
			t.Errorf("ServiceAt(%d) = %s, want none", n, s.Code)
		}
	}
	if kb.ServiceNumber("tidak-ada") != 0 {
		t.Error("an unknown service has a number")
	}
	_, err := loadKalbarWith(t, "  - code: narasumber\n", "  - code: \"4\"\n")
	if err == nil || !strings.Contains(err.Error(), `service code "4" must hold a letter`) {
		t.Errorf("a numeric service code: %v", err)
	}
}

func TestParseServiceNumber(t *testing.T) {
	for in, want := range map[string]int{"1": 1, "5": 5, "12": 12, "0007": 7} {
		if n, ok := standard.ParseServiceNumber(in); !ok || n != want {
			t.Errorf("ParseServiceNumber(%q) = %d, %v; want %d", in, n, ok, want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "+1", "1a", "konsultasi", "12345", " 1"} {
		if n, ok := standard.ParseServiceNumber(bad); ok {
			t.Errorf("ParseServiceNumber(%q) = %d, want none", bad, n)
		}
	}
}
