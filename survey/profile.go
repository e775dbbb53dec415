package survey

import "slices"

// AgeBands are the age groups the respondent profile counts (see the profile rollup's
// migration and reports' ProfileRaw.sql), youngest first.
var AgeBands = []string{"< 20", "20–29", "30–39", "40–49", "50–59", "≥ 60"}

// ProfileOrder is the natural order of a profile dimension's values: age bands youngest
// first (umur), education levels lowest first (pendidikan). Dimensions without one
// (jenis_kelamin, pekerjaan) return nil and are shown by count.
func ProfileOrder(dim string) []string {
	switch dim {
	case "umur":
		return AgeBands
	case "pendidikan":
		return Educations
	}
	return nil
}

// ProfileRank is the place of value in its dimension's natural order; values outside the
// order come after it and "" (not given) last.
func ProfileRank(dim, value string) int {
	order := ProfileOrder(dim)
	if value == "" {
		return len(order) + 1
	}
	if i := slices.Index(order, value); i >= 0 {
		return i
	}
	return len(order)
}
