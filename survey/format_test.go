package survey

import (
	"math"
	"testing"
)

func TestFormatIndonesian(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{FormatInt(1853), "1.853"},
		{FormatInt(-1234567), "-1.234.567"},
		{FormatDecimal(88.305, 2), "88,31"}, // 88.305 is stored as 88.30500000000000682
		{FormatDecimal(1234.5, 1), "1.234,5"},
		{FormatDecimal(-0.04, 1), "0,0"},
		{FormatDecimal(math.NaN(), 2), "–"},
		{FormatPercent(45.26, 1), "45,3 %"},
		{FormatPercent(100, 0), "100 %"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
