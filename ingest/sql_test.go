package ingest_test

import (
	"reflect"
	"strings"
	"testing"

	"skm/ingest"
)

func TestStatements(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"comments only", "-- a\n  -- b\n", nil},
		{"one without semicolon", "SELECT 1", []string{"SELECT 1"}},
		{"two", "SELECT 1;\n-- note\nSELECT\n  2;\n", []string{"SELECT 1", "SELECT\n  2"}},
		{"semicolon inside a line does not split", "SELECT ';' AS x, 1;\n", []string{"SELECT ';' AS x, 1"}},
		{"trailing spaces after semicolon", "SELECT 1;  \r\nSELECT 2;", []string{"SELECT 1", "SELECT 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ingest.Statements(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Statements(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMigrationsAreOrderedAndRendered(t *testing.T) {
	ms, err := ingest.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Fatalf("got %d migrations, want at least the responses and cases tables", len(ms))
	}
	for i, m := range ms {
		if i > 0 && m.Version <= ms[i-1].Version {
			t.Errorf("migration %s out of order", m.File)
		}
		if len(m.Statements) == 0 {
			t.Errorf("migration %s has no statement", m.File)
		}
		for _, s := range m.Statements {
			// Every table is named through {db}, so the same file serves any database
			// (and a later ON CLUSTER variant).
			if strings.Contains(s, "CREATE TABLE") && !strings.Contains(s, "{db}.") {
				t.Errorf("migration %s: CREATE TABLE without {db}. prefix", m.File)
			}
			if strings.Contains(strings.ToLower(s), "allow_experimental_low_cardinality_type") {
				t.Errorf("migration %s sends a setting current ClickHouse releases reject", m.File)
			}
		}
	}
}

func TestValidDatabaseName(t *testing.T) {
	for name, want := range map[string]bool{
		"skm": true, "skm_test_1": true, "_x": true,
		"": false, "1abc": false, "a-b": false, "a;DROP": false, "a b": false, "x.y": false,
	} {
		if got := ingest.ValidDatabaseName(name); got != want {
			t.Errorf("ValidDatabaseName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestEveryQueryFileHoldsOneStatement(t *testing.T) {
	names := ingest.QueryNames()
	if len(names) == 0 {
		t.Fatal("no embedded queries")
	}
	for _, n := range names {
		q, ok := ingest.Query(n, "somedb")
		if !ok || q == "" || strings.Contains(q, "{db}") {
			t.Errorf("query %s: rendered %q", n, q)
		}
	}
}
