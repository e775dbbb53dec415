package survey

import (
	"fmt"
	"math/big"
)

// Tally accumulates the answers of a scope (agency, optionally one service, one period):
// per element the sum of the values given and the number of answers given.
type Tally struct {
	Respondents uint64
	Sum         [9]uint64
	Answers     [9]uint64
}

// Fields returns pointers to the counters in the order every tally query selects them:
// respondents, the nine sums, the nine answer counts.
func (t *Tally) Fields() []any {
	dest := []any{&t.Respondents}
	for i := range t.Sum {
		dest = append(dest, &t.Sum[i])
	}
	for i := range t.Answers {
		dest = append(dest, &t.Answers[i])
	}
	return dest
}

// Add counts one response; unanswered elements (0) are not counted for that element.
func (t *Tally) Add(r *Response) {
	t.Respondents++
	for i, v := range r.Answers {
		if v >= 1 && v <= 4 {
			t.Sum[i] += uint64(v)
			t.Answers[i]++
		}
	}
}

// Mutu is the service quality letter and its kinerja (performance) wording.
type Mutu struct {
	Letter  string
	Kinerja string
}

// MutuBand is one row of the conversion table of PermenPANRB 14/2017: the IKM from From100
// to To100 (hundredths, both included) is of mutu Mutu; Interval is the same band on the
// 1–4 scale as the regulation prints it (with its historical gaps; never classify by it).
type MutuBand struct {
	NilaiPersepsi  int
	From100, To100 int64
	Interval       string
	Mutu           Mutu
}

// MutuBands is the conversion table, best first: 88,31–100,00 A (Sangat Baik); 76,61–88,30 B
// (Baik); 65,00–76,60 C (Kurang Baik); 25,00–64,99 D (Tidak Baik).
var MutuBands = [4]MutuBand{
	{4, 8831, 10000, "3,5324 – 4,00", Mutu{"A", "Sangat Baik"}},
	{3, 7661, 8830, "3,0644 – 3,532", Mutu{"B", "Baik"}},
	{2, 6500, 7660, "2,60 – 3,064", Mutu{"C", "Kurang Baik"}},
	{1, 2500, 6499, "1,00 – 2,5996", Mutu{"D", "Tidak Baik"}},
}

// Classify returns the mutu of an IKM given in hundredths (8831 for 88,31), per the
// conversion table (MutuBands). Classify the rounded value, never a raw float.
func Classify(hundredths int64) Mutu {
	for _, b := range MutuBands {
		if hundredths >= b.From100 {
			return b.Mutu
		}
	}
	return MutuBands[len(MutuBands)-1].Mutu
}

// BelowB reports whether m is C or D: an element the follow-up plan must address whatever
// its rank.
func (m Mutu) BelowB() bool { return m.Letter == "C" || m.Letter == "D" }

// ElementScore is one element's result.
type ElementScore struct {
	Element Element
	// Answers is how many respondents answered the element; Sum the total of their values.
	Answers uint64
	Sum     uint64
	// NRR is the exact mean value (sum ÷ answers given); nil when nobody answered.
	NRR *big.Rat
	// IKM100 is NRR × 25 rounded half up to hundredths (9050 for 90,50).
	IKM100 int64
	// Mutu classifies IKM100.
	Mutu Mutu
}

// NRRFloat is the NRR as a float for display and JSON.
func (e ElementScore) NRRFloat() float64 { return ratFloat(e.NRR) }

// IKM is the index of a scope.
type IKM struct {
	Respondents uint64
	Elements    [9]ElementScore
	// Complete is false when some element has no answer: the index is then undefined.
	Complete bool
	// NilaiIndeks is the exact mean of the nine NRRs (weight exactly 1/9), on the 1–4 scale.
	NilaiIndeks *big.Rat
	// Exact is NilaiIndeks × 25, the IKM at full precision.
	Exact *big.Rat
	// Rounded100 is the IKM rounded half up to hundredths (8831 for 88,31), the value that is
	// shown and classified.
	Rounded100 int64
	// Mutu classifies Rounded100.
	Mutu Mutu
}

// Float is the IKM at full precision as a float, for JSON.
func (k IKM) Float() float64 { return ratFloat(k.Exact) }

// RoundedFloat is the rounded IKM as a float (88.31).
func (k IKM) RoundedFloat() float64 { return float64(k.Rounded100) / 100 }

// Compute computes NRR per element and the IKM exactly, per PermenPANRB 14/2017: NRR over
// the answers given for each element, nilai indeks = mean of the nine NRRs, IKM = × 25;
// rounding half up to two decimals only for display and classification.
func Compute(t Tally) IKM {
	k := IKM{Respondents: t.Respondents, Complete: true}
	total := new(big.Rat)
	for i, e := range Elements {
		es := ElementScore{Element: e, Answers: t.Answers[i], Sum: t.Sum[i]}
		if es.Answers == 0 {
			k.Complete = false
		} else {
			es.NRR = new(big.Rat).SetFrac(new(big.Int).SetUint64(es.Sum), new(big.Int).SetUint64(es.Answers))
			es.IKM100 = roundHalfUp100(new(big.Rat).Mul(es.NRR, big.NewRat(25, 1)))
			es.Mutu = Classify(es.IKM100)
			total.Add(total, es.NRR)
		}
		k.Elements[i] = es
	}
	if !k.Complete {
		return k
	}
	k.NilaiIndeks = new(big.Rat).Quo(total, big.NewRat(9, 1))
	k.Exact = new(big.Rat).Mul(k.NilaiIndeks, big.NewRat(25, 1))
	k.Rounded100 = roundHalfUp100(k.Exact)
	k.Mutu = Classify(k.Rounded100)
	return k
}

// roundHalfUp100 returns x rounded half up to hundredths, in hundredths (x ≥ 0).
func roundHalfUp100(x *big.Rat) int64 {
	scaled := new(big.Rat).Mul(x, big.NewRat(100, 1))
	scaled.Add(scaled, big.NewRat(1, 2))
	q := new(big.Int).Quo(scaled.Num(), scaled.Denom()) // floor for non-negative values
	return q.Int64()
}

// RoundHalfUp rounds x half up to the given number of decimals, exactly (no binary float
// error at the half): RoundHalfUp(big.NewRat(88305, 1000), 2) is 88.31.
func RoundHalfUp(x *big.Rat, decimals int) float64 {
	if x == nil {
		return 0
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
	scaled := new(big.Rat).Mul(x, new(big.Rat).SetInt(p))
	neg := scaled.Sign() < 0
	scaled.Abs(scaled)
	scaled.Add(scaled, big.NewRat(1, 2))
	q := new(big.Int).Quo(scaled.Num(), scaled.Denom())
	if neg {
		q.Neg(q)
	}
	f, _ := new(big.Rat).SetFrac(q, p).Float64()
	return f
}

func ratFloat(r *big.Rat) float64 {
	if r == nil {
		return 0
	}
	f, _ := r.Float64()
	return f
}

// Format100 writes hundredths the Indonesian way: 8831 → "88,31".
func Format100(h int64) string {
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	return fmt.Sprintf("%s%d,%02d", sign, h/100, h%100)
}

// SampleSize is the required number of respondents for a population n (Krejcie & Morgan,
// λ² = 3,841, P = Q = 0,5, d = 0,05), rounded half up: 100 → 80, 1 000 → 278, very large → 384.
func SampleSize(n uint64) uint64 {
	if n == 0 {
		return 0
	}
	lambda2 := big.NewRat(3841, 1000)
	pq := big.NewRat(1, 4)
	d2 := big.NewRat(1, 400)
	N := new(big.Rat).SetInt(new(big.Int).SetUint64(n))
	num := new(big.Rat).Mul(lambda2, N)
	num.Mul(num, pq)
	den := new(big.Rat).Mul(d2, new(big.Rat).Sub(N, big.NewRat(1, 1)))
	den.Add(den, new(big.Rat).Mul(lambda2, pq))
	s := new(big.Rat).Quo(num, den)
	s.Add(s, big.NewRat(1, 2))
	return new(big.Int).Quo(s.Num(), s.Denom()).Uint64()
}
