package survey

import "testing"

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
