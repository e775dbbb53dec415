package chsql_test

import (
	"reflect"
	"testing"

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
