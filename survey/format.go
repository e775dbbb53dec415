package survey

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatInt writes n the Indonesian way: 1.234.567.
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatDecimal writes v with places decimals the Indonesian way: 1.234,56; "–" for a value
// that is not a number.
func FormatDecimal(v float64, places int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', places, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := FormatInt(n)
	if frac != "" {
		out += "," + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// FormatPercent writes a percentage with places decimals the way the product shows shares:
// "45,2 %" (a space before the sign, as the dashboard's charts and targets write it).
func FormatPercent(v float64, places int) string { return FormatDecimal(v, places) + " %" }

// Clip cuts text to at most n runes, marking a cut with "…" (an audit line, a saran quoted
// as an example).
func Clip(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	return string([]rune(text)[:n]) + "…"
}
