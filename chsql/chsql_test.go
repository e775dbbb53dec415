package chsql_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"testing/fstest"

	"skm/chsql"
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
			if got := chsql.Statements(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Statements(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestValidDatabaseName(t *testing.T) {
	for name, want := range map[string]bool{
		"skm": true, "skm_test_1": true, "_x": true,
		"": false, "1abc": false, "a-b": false, "a;DROP": false, "a b": false, "x.y": false,
	} {
		if got := chsql.ValidDatabaseName(name); got != want {
			t.Errorf("ValidDatabaseName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSampleHeader(t *testing.T) {
	fsys := fstest.MapFS{
		"sql/A.sql": {Data: []byte("-- sample row: [\"x\", null,\n--   2, 0.5, [\"g\"]]\n-- sample named: {\"n\": 1}\n-- what it does\nINSERT INTO t (a);\n")},
		"sql/B.sql": {Data: []byte("-- sample args: []\nSELECT 1;\n")},
		"sql/C.sql": {Data: []byte("SELECT 1;\n")},
	}
	set, err := chsql.Load(fsys, "sql")
	if err != nil {
		t.Fatal(err)
	}
	a, ok := set.Sample("A")
	want := chsql.Sample{Row: []any{"x", nil, json.Number("2"), json.Number("0.5"), []any{"g"}}, Named: map[string]any{"n": json.Number("1")}}
	if !ok || !reflect.DeepEqual(a, want) {
		t.Errorf("sample of A: %#v, %v", a, ok)
	}
	if b, ok := set.Sample("B"); !ok || b.Args == nil || len(b.Args) != 0 {
		t.Errorf("sample of B: %#v, %v", b, ok)
	}
	if _, ok := set.Sample("C"); ok {
		t.Error("C has no sample")
	}
	for _, bad := range []string{"-- sample args [1]\nSELECT 1;\n", "-- sample rows: [1]\nSELECT 1;\n", "-- sample args: [1,\nSELECT 1;\n"} {
		if _, err := chsql.Load(fstest.MapFS{"sql/D.sql": {Data: []byte(bad)}}, "sql"); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
