package survey

import (
	"math/big"
	"testing"
)

// tallyOf builds a tally from per-element (answers, sum).
func tallyOf(respondents uint64, answers, sums [9]uint64) Tally {
	return Tally{Respondents: respondents, Answers: answers, Sum: sums}
}

func all(n uint64) [9]uint64 { return [9]uint64{n, n, n, n, n, n, n, n, n} }

func TestWorkedExamplesOfTheMethod(t *testing.T) {
	// skm-method.md: 10 respondents, every element answered 3 → NRR 3,000, IKM 75,00, C.
	var tl Tally
	for range 10 {
		tl.Add(&Response{Answers: [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}})
	}
	k := Compute(tl)
	if !k.Complete || k.Rounded100 != 7500 || k.Mutu != (Mutu{"C", "Kurang Baik"}) || k.Respondents != 10 {
		t.Errorf("all 3: %s %v", Format100(k.Rounded100), k.Mutu)
	}
	if k.NilaiIndeks.Cmp(big.NewRat(3, 1)) != 0 || k.Elements[0].NRRFloat() != 3 {
		t.Errorf("nilai indeks %v", k.NilaiIndeks)
	}
	// All 4 → exactly 100,00 A (a weight of 0,111 would give 99,90).
	k = Compute(tallyOf(7, all(7), all(28)))
	if k.Rounded100 != 10000 || k.Mutu.Letter != "A" || k.Exact.Cmp(big.NewRat(100, 1)) != 0 {
		t.Errorf("all 4: %s %v", Format100(k.Rounded100), k.Mutu)
	}
	// All 1 → 25,00 D.
	if k := Compute(tallyOf(3, all(3), all(3))); k.Rounded100 != 2500 || k.Mutu.Letter != "D" {
		t.Errorf("all 1: %s", Format100(k.Rounded100))
	}
}

func TestNRRDividesByAnswersGiven(t *testing.T) {
	// 10 respondents; U3 answered by 8 of them with 3 each (two paper forms left it blank):
	// NRR U3 = 24 / 8 = 3,000, not 24 / 10.
	var tl Tally
	for i := range 10 {
		r := Response{Answers: [9]uint8{4, 4, 3, 4, 4, 4, 4, 4, 4}}
		if i < 2 {
			r.Answers[2] = 0
		}
		tl.Add(&r)
	}
	k := Compute(tl)
	u3 := k.Elements[2]
	if u3.Answers != 8 || u3.NRR.Cmp(big.NewRat(3, 1)) != 0 || u3.IKM100 != 7500 || u3.Mutu.Letter != "C" {
		t.Errorf("U3: %d answers, NRR %v, %s %s", u3.Answers, u3.NRR, Format100(u3.IKM100), u3.Mutu.Letter)
	}
	// (8×4 + 3) / 9 × 25 = 97,2222… → 97,22 A
	if k.Rounded100 != 9722 || k.Mutu.Letter != "A" {
		t.Errorf("IKM %s", Format100(k.Rounded100))
	}
}

func TestRoundHalfUpAtTheBoundaryIsExact(t *testing.T) {
	// U1..U8 NRR 3,5 (2 answers: 4 and 3); U9 NRR 18949/5000 = 3,7898.
	// IKM = 25/9 × (8×3,5 + 3,7898) = 25/9 × 31,7898 = 88,305 exactly → 88,31 → A.
	// Computed exactly, so no binary float can land a hair below the half; the common weight
	// 0,111 instead of 1/9 would give 88,22 → B.
	answers := [9]uint64{2, 2, 2, 2, 2, 2, 2, 2, 5000}
	sums := [9]uint64{7, 7, 7, 7, 7, 7, 7, 7, 18949}
	k := Compute(tallyOf(5000, answers, sums))
	if k.Exact.Cmp(big.NewRat(88305, 1000)) != 0 {
		t.Fatalf("exact IKM %v, want 88,305", k.Exact.FloatString(6))
	}
	if k.Rounded100 != 8831 || k.Mutu != (Mutu{"A", "Sangat Baik"}) || k.RoundedFloat() != 88.31 {
		t.Errorf("88,305 rounded to %s %v", Format100(k.Rounded100), k.Mutu)
	}
	// Just below: U9 sum 18948 → 25/9 × 31,7896 = 88,30444… → 88,30 → B.
	sums[8] = 18948
	if k := Compute(tallyOf(5000, answers, sums)); k.Rounded100 != 8830 || k.Mutu.Letter != "B" {
		t.Errorf("88,3044: %s %s", Format100(k.Rounded100), k.Mutu.Letter)
	}
}

func TestClassifyEveryBoundary(t *testing.T) {
	for h, want := range map[int64]string{
		2500: "D", 6499: "D", 6500: "C", 7660: "C", 7661: "B", 8830: "B", 8831: "A", 10000: "A",
	} {
		if got := Classify(h).Letter; got != want {
			t.Errorf("Classify(%s) = %s, want %s", Format100(h), got, want)
		}
	}
	if Classify(7661).Kinerja != "Baik" || Classify(6000).Kinerja != "Tidak Baik" {
		t.Error("kinerja wording")
	}
}

func TestIncompleteWhenAnElementHasNoAnswer(t *testing.T) {
	answers := all(5)
	answers[7] = 0
	k := Compute(tallyOf(5, answers, all(15)))
	if k.Complete || k.Exact != nil || k.Elements[7].NRR != nil || k.Elements[0].IKM100 != 7500 {
		t.Errorf("incomplete tally: %+v", k)
	}
}

func TestSampleSizeMatchesThePublishedTable(t *testing.T) {
	for n, want := range map[uint64]uint64{0: 0, 10: 10, 50: 44, 100: 80, 500: 217, 1000: 278, 10000: 370, 1000000: 384, 100000000: 384} {
		if got := SampleSize(n); got != want {
			t.Errorf("SampleSize(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestRoundHalfUpAndFormat(t *testing.T) {
	for _, c := range []struct {
		x    *big.Rat
		d    int
		want float64
	}{
		{big.NewRat(88305, 1000), 2, 88.31}, {big.NewRat(3625, 1000), 2, 3.63}, {big.NewRat(-1005, 1000), 2, -1.01},
		{big.NewRat(2, 3), 3, 0.667}, {big.NewRat(1, 8), 2, 0.13},
	} {
		if got := RoundHalfUp(c.x, c.d); got != c.want {
			t.Errorf("RoundHalfUp(%s, %d) = %v, want %v", c.x.FloatString(6), c.d, got, c.want)
		}
	}
	if Format100(8831) != "88,31" || Format100(7500) != "75,00" || Format100(-305) != "-3,05" {
		t.Error("Format100")
	}
}

// The conversion table printed in reports is the one Classify uses: its bands meet without
// gaps from 25,00 to 100,00 and each edge classifies as its band.
func TestMutuBandsAreTheClassification(t *testing.T) {
	if MutuBands[0].To100 != 10000 || MutuBands[len(MutuBands)-1].From100 != 2500 {
		t.Errorf("the table spans %s–%s", Format100(MutuBands[len(MutuBands)-1].From100), Format100(MutuBands[0].To100))
	}
	for i, b := range MutuBands {
		if i > 0 && b.To100+1 != MutuBands[i-1].From100 {
			t.Errorf("band %s ends at %s, the next starts at %s", b.Mutu.Letter, Format100(b.To100), Format100(MutuBands[i-1].From100))
		}
		if Classify(b.From100) != b.Mutu || Classify(b.To100) != b.Mutu {
			t.Errorf("band %s: %s–%s classify as %v and %v", b.Mutu.Letter, Format100(b.From100), Format100(b.To100),
				Classify(b.From100), Classify(b.To100))
		}
	}
	if !Classify(7660).BelowB() || Classify(7661).BelowB() {
		t.Error("BelowB is not C and D")
	}
}
