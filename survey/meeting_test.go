package survey

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMeetingValidateAtItsEdges(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name string
		m    Meeting
		want []string // fields with a message
	}{
		{"in its month", Meeting{Month: "2026-10", HeldOn: day(10, 1), Attendees: []string{"Kepala"}}, nil},
		{"early next month", Meeting{Month: "2026-10", HeldOn: day(11, 23), Attendees: []string{"Kepala"}}, nil},
		{"tomorrow", Meeting{Month: "2026-11", HeldOn: day(11, 24), Attendees: []string{"Kepala"}}, []string{"held_on"}},
		{"before its month", Meeting{Month: "2026-10", HeldOn: day(9, 30), Attendees: []string{"Kepala"}}, []string{"held_on"}},
		{"two months later", Meeting{Month: "2026-09", HeldOn: day(11, 1), Attendees: []string{"Kepala"}}, []string{"held_on"}},
		{"nothing", Meeting{Month: "2026-Q4"}, []string{"attendees", "held_on", "month"}},
		{"too many", Meeting{Month: "2026-10", HeldOn: day(10, 2), Attendees: make([]string, MaxAttendees+1)}, []string{"attendees"}},
		{"a long name", Meeting{Month: "2026-10", HeldOn: day(10, 2), Attendees: []string{strings.Repeat("é", 121)}}, []string{"attendees"}},
	} {
		var got []string
		for k := range c.m.Validate(today) {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: problems with %v, want %v", c.name, got, c.want)
		}
	}
	if got := Attendees(" Kepala BPPD \r\n\n Sekretaris\n"); !slices.Equal(got, []string{"Kepala BPPD", "Sekretaris"}) {
		t.Errorf("Attendees: %q", got)
	}
}

func TestDecisionValidateAndStatusLabels(t *testing.T) {
	ok := Decision{Month: "2026-10", What: "Tambah petugas", Responsible: "Kasubbag", Due: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Status: DecisionOpen}
	if errs := ok.Validate(); errs != nil {
		t.Errorf("a good decision: %v", errs)
	}
	bad := ok
	bad.What, bad.Responsible, bad.Due, bad.Status, bad.CaseID = " ", "", time.Time{}, "berjalan", strings.Repeat("x", 65)
	errs := bad.Validate()
	for _, k := range []string{"what", "responsible", "due", "status", "case_id"} {
		if errs[k] == "" {
			t.Errorf("no message for %s: %v", k, errs)
		}
	}
	for code, label := range map[string]string{DecisionOpen: "Terbuka", StatusDone: "Selesai", StatusCancelled: "Dibatalkan", "x": "x"} {
		if got := DecisionStatusLabel(code); got != label {
			t.Errorf("label of %s: %s", code, got)
		}
	}
}
