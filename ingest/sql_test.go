package ingest_test

import (
	"strings"
	"testing"

	"skm/chsql"
	"skm/ingest"
	"skm/ingest/schema"
)

func TestEveryQueryFileHoldsOneStatement(t *testing.T) {
	for _, set := range []*chsql.Set{ingest.Queries(), schema.Queries()} {
		if len(set.Names()) == 0 {
			t.Fatal("no embedded queries")
		}
		for _, n := range set.Names() {
			q, ok := set.Lookup(n, "somedb")
			if !ok || q == "" || strings.Contains(q, "{db}") {
				t.Errorf("query %s: rendered %q", n, q)
			}
		}
	}
}
