// Package standardtest gives tests the shipped example standards (bppd-kalbar and bppd-ntt)
// and the time zones and dates their fixtures are written in.
package standardtest

import (
	"testing"
	"time"

	"skm/standard"
)

// Examples loads the shipped example standards afresh (tests may change their copy) and fails
// the test when they do not load.
func Examples(t testing.TB) *standard.Set {
	t.Helper()
	set, err := standard.Load(standard.Examples(), "examples")
	if err != nil {
		t.Fatalf("shipped examples do not load:\n%v", err)
	}
	return set
}

// Agency is the example agency with the code, from a fresh load of the examples; the test
// fails when there is none.
func Agency(t testing.TB, code string) *standard.Agency {
	t.Helper()
	a, ok := Examples(t).Agency(code)
	if !ok {
		t.Fatalf("no %s among the examples", code)
	}
	return a
}

// Zones of the example agencies: bppd-kalbar keeps WIB (Asia/Pontianak), bppd-ntt WITA.
var (
	// WIB is bppd-kalbar's time zone.
	WIB = mustZone("Asia/Pontianak")
	// WITA is bppd-ntt's time zone.
	WITA = mustZone("Asia/Makassar")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the time zone database is part of every supported system
	}
	return loc
}

// At is the minute of 2026 (the examples' year) in loc.
func At(loc *time.Location, m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, loc)
}
