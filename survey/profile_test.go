package survey

import (
	"slices"
	"testing"
)

// Profile values sort in their natural order: known values in order, others after them,
// "not given" last; dimensions without an order have none.
func TestProfileRank(t *testing.T) {
	values := []string{"", "Lainnya", "S2", "SD", "D4/S1", "Paket C", "SMA"}
	slices.SortStableFunc(values, func(a, b string) int { return ProfileRank("pendidikan", a) - ProfileRank("pendidikan", b) })
	if want := []string{"SD", "SMA", "D4/S1", "S2", "Lainnya", "Paket C", ""}; !slices.Equal(values, want) {
		t.Errorf("education in the order %v, want %v", values, want)
	}
	bands := []string{"≥ 60", "", "20–29", "< 20", "50–59"}
	slices.SortStableFunc(bands, func(a, b string) int { return ProfileRank("umur", a) - ProfileRank("umur", b) })
	if want := []string{"< 20", "20–29", "50–59", "≥ 60", ""}; !slices.Equal(bands, want) {
		t.Errorf("age bands in the order %v, want %v", bands, want)
	}
	if ProfileOrder("pekerjaan") != nil || ProfileOrder("jenis_kelamin") != nil {
		t.Error("occupation and gender have no natural order: they go by count")
	}
}

// TestGenderNamesAndSpellings: the template's dropdown offers Laki-laki and Perempuan; the
// importer takes them, or L and P, in any case.
func TestGenderNamesAndSpellings(t *testing.T) {
	for v, want := range map[string]string{"L": "L", "p": "P", " Laki-laki ": "L", "PEREMPUAN": "P", "Wanita": "Wanita", "": ""} {
		if got := NormalizeGender(v); got != want {
			t.Errorf("NormalizeGender(%q) = %q, want %q", v, got, want)
		}
	}
	if GenderName("L") != "Laki-laki" || GenderName("P") != "Perempuan" || GenderName("X") != "X" {
		t.Errorf("GenderName: %q %q %q", GenderName("L"), GenderName("P"), GenderName("X"))
	}
}
