package reports

import (
	"regexp"
	"slices"
	"testing"

	"skm/survey"
)

// The age bands the profile query counts are the ones survey orders, in that order.
func TestProfileAgeBandsAreSurveys(t *testing.T) {
	b, err := sqlFS.ReadFile("sql/ProfileRaw.sql")
	if err != nil {
		t.Fatal(err)
	}
	var bands []string
	for _, m := range regexp.MustCompile(`umur < \d+, '([^']+)'|, '(≥ \d+)'\)`).FindAllStringSubmatch(string(b), -1) {
		bands = append(bands, m[1]+m[2])
	}
	if !slices.Equal(bands, survey.AgeBands) {
		t.Errorf("ProfileRaw.sql bands %q, survey.AgeBands %q", bands, survey.AgeBands)
	}
}
