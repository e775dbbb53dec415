package skm_test

import (
	"regexp"
	"strings"
	"testing"

	"skm/chsql"
	"skm/ingest"
	"skm/reports"
)

// subqueryRe finds where an IN or JOIN takes a subquery; GLOBAL, when present, is caught
// before it.
var subqueryRe = regexp.MustCompile(`(?i)(GLOBAL\s+)?((NOT\s+)?\bIN|(ANY\s+|ALL\s+)?(LEFT\s+|INNER\s+|RIGHT\s+|FULL\s+)?\bJOIN)\s*\(`)

// On a sharded cluster the tables are Distributed, and ClickHouse refuses an IN or JOIN
// whose subquery reads a Distributed table inside a query over another (the setting that
// would allow it cannot be sent to 18.16): every such subquery over a table of the database
// says GLOBAL, which on one server means what IN and JOIN do (schema.Layout.Settings).
func TestSubqueriesOverTablesSayGlobal(t *testing.T) {
	for dir, set := range map[string]*chsql.Set{"ingest": ingest.Queries(), "reports": reports.Queries()} {
		for _, name := range set.Names() {
			stmt, _ := set.Lookup(name, "{db}")
			for _, m := range subqueryRe.FindAllStringSubmatchIndex(stmt, -1) {
				if m[2] >= 0 {
					continue
				}
				depth, end := 1, m[1]
				for ; depth > 0 && end < len(stmt); end++ {
					switch stmt[end] {
					case '(':
						depth++
					case ')':
						depth--
					}
				}
				if strings.Contains(stmt[m[1]:end], "{db}.") {
					t.Errorf("%s/sql/%s.sql: %q takes a subquery over a table of the database; write GLOBAL %s",
						dir, name, strings.Join(strings.Fields(stmt[m[0]:m[1]]), " "), strings.Join(strings.Fields(stmt[m[0]:m[1]-1]), " "))
				}
			}
		}
	}
}
