package ingest_test

import (
	"strings"
	"testing"

	"skm/ingest"
	"skm/ingest/schema"
)

func TestEveryQueryFileHoldsOneStatement(t *testing.T) {
	for _, side := range []struct {
		names []string
		get   func(name, db string) (string, bool)
	}{{ingest.QueryNames(), ingest.Query}, {schema.QueryNames(), schema.Query}} {
		if len(side.names) == 0 {
			t.Fatal("no embedded queries")
		}
		for _, n := range side.names {
			q, ok := side.get(n, "somedb")
			if !ok || q == "" || strings.Contains(q, "{db}") {
				t.Errorf("query %s: rendered %q", n, q)
			}
		}
	}
}
