package ingest

import (
	"testing"
	"time"
)

// The rule every server applies to a term's rows, by hand: the earliest claim wins (the
// smaller owner on a tie); its term ends at its newest expiry, or at its release; rows of
// the losers change nothing.
func TestLeaseRuleEarliestClaimWins(t *testing.T) {
	s := uint64(time.Second)
	cases := []struct {
		name   string
		rows   []leaseRow
		winner string
		ends   uint64
	}{
		{"one claim", []leaseRow{{term: 4, owner: "b", kind: "claim", claimed: 10 * s, expires: 25 * s}}, "b", 25 * s},
		{"earlier claim wins though written later", []leaseRow{
			{term: 4, owner: "a", kind: "claim", claimed: 11 * s, expires: 26 * s},
			{term: 4, owner: "b", kind: "claim", claimed: 10 * s, expires: 25 * s}}, "b", 25 * s},
		{"tie: smaller owner", []leaseRow{
			{term: 4, owner: "b", kind: "claim", claimed: 10 * s, expires: 25 * s},
			{term: 4, owner: "a", kind: "claim", claimed: 10 * s, expires: 25 * s}}, "a", 25 * s},
		{"renewals extend the winner's term only", []leaseRow{
			{term: 4, owner: "a", kind: "claim", claimed: 10 * s, expires: 25 * s},
			{term: 4, owner: "b", kind: "claim", claimed: 12 * s, expires: 27 * s},
			{term: 4, owner: "b", kind: "renew", claimed: 14 * s, expires: 40 * s},
			{term: 4, owner: "a", kind: "renew", claimed: 15 * s, expires: 30 * s}}, "a", 30 * s},
		{"a release ends the term", []leaseRow{
			{term: 4, owner: "a", kind: "claim", claimed: 10 * s, expires: 25 * s},
			{term: 4, owner: "a", kind: "renew", claimed: 15 * s, expires: 30 * s},
			{term: 4, owner: "a", kind: "release", claimed: 17 * s}}, "a", 17 * s},
		{"a loser's release changes nothing", []leaseRow{
			{term: 4, owner: "a", kind: "claim", claimed: 10 * s, expires: 25 * s},
			{term: 4, owner: "b", kind: "claim", claimed: 11 * s, expires: 26 * s},
			{term: 4, owner: "b", kind: "release", claimed: 11 * s}}, "a", 25 * s},
	}
	for _, c := range cases {
		st := decide(c.rows)
		if st.winner != c.winner || st.term != 4 || st.ends.UnixNano() != int64(c.ends) {
			t.Errorf("%s: winner %q term %d ends %d, want %q 4 %d", c.name, st.winner, st.term, st.ends.UnixNano(), c.winner, c.ends)
		}
	}
	if st := decide(nil); st.winner != "" || st.term != 0 {
		t.Errorf("no rows: %+v, want no term", st)
	}
}
