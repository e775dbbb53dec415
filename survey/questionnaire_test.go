package survey

import (
	"testing"
	"time"
)

func TestElementByCodeTakesExactlyU1ToU9(t *testing.T) {
	for _, e := range Elements {
		if got, ok := ElementByCode(e.Code()); !ok || got != e {
			t.Errorf("ElementByCode(%q) = %v, %v", e.Code(), got, ok)
		}
	}
	for _, bad := range []string{"", "U", "U0", "U10", "u1", "U1 ", "X1", "UU"} {
		if e, ok := ElementByCode(bad); ok {
			t.Errorf("ElementByCode(%q) = %v, want refused", bad, e)
		}
	}
	if Element(12).Code() != "U12" {
		t.Errorf("an invalid element's code: %q", Element(12).Code())
	}
}

func TestValidateRefusesControlCharactersAndDatesBefore2017(t *testing.T) {
	r := Response{Agency: "a", Service: "s", Answers: [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}, Saran: "baik\x00sekali"}
	if errs := r.Validate(Rules{}); errs["saran"] == "" {
		t.Errorf("a NUL in saran: %v", errs)
	}
	r.Saran = "baik\nsekali\tya"
	r.SubmittedAt = EarliestSubmission.Add(-time.Second)
	errs := r.Validate(Rules{})
	if errs["saran"] != "" || errs["submitted_at"] == "" {
		t.Errorf("line breaks refused or 2016 taken: %v", errs)
	}
}
