package survey

import "testing"

func TestVisitCodes(t *testing.T) {
	v := NewVisitCodes([]byte("a test key of sixteen+ bytes"))
	seen := map[string]bool{}
	for serial := uint32(1); serial <= 2000; serial++ {
		code := v.Issue("bppd-kalbar", serial)
		if len(code) != 11 || code[5] != '-' {
			t.Fatalf("code %q", code)
		}
		if seen[code] {
			t.Fatalf("code %s issued twice", code)
		}
		seen[code] = true
		got, ok := v.Check("bppd-kalbar", code)
		if !ok || got != serial {
			t.Fatalf("Check(%s) = %d %v, want %d", code, got, ok, serial)
		}
	}
	code := v.Issue("bppd-kalbar", 42)
	lower := " " + string([]byte{code[0] | 0x20}) + code[1:5] + " " + code[6:] + " "
	if _, ok := v.Check("bppd-kalbar", lower); !ok {
		t.Errorf("a code typed in lower case with spaces was refused: %q", lower)
	}
	if _, ok := v.Check("bppd-ntt", code); ok {
		t.Error("a code of one agency was accepted for another")
	}
	if _, ok := NewVisitCodes([]byte("another key entirely......")).Check("bppd-kalbar", code); ok {
		t.Error("a code was accepted under another key")
	}
	// Guessing: of many altered codes, (almost) none pass the 26-bit check.
	passed := 0
	for i := 0; i < 5000; i++ {
		guess := v.Issue("bppd-kalbar", uint32(i))
		b := []byte(guess)
		b[10] = codeAlphabet[(indexOf(b[10])+1+i%30)%32]
		if _, ok := v.Check("bppd-kalbar", string(b)); ok {
			passed++
		}
	}
	if passed > 1 {
		t.Errorf("%d of 5000 guessed codes passed", passed)
	}
	for _, bad := range []string{"", "ABC", "UUUUU-UUUUU", "12345-678901"} {
		if _, ok := v.Check("bppd-kalbar", bad); ok {
			t.Errorf("Check(%q) passed", bad)
		}
	}
}

func indexOf(c byte) int {
	for i := 0; i < len(codeAlphabet); i++ {
		if codeAlphabet[i] == c {
			return i
		}
	}
	return 0
}
