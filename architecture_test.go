package skm_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The import rules of docs (architecture.md): arrows point at what may be imported.
// Checked on the full dependency closure of each package, tests excluded.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Deps " "}}:{{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := map[string][]string{
		"skm/survey":   {"skm/", "github.com/gin-gonic/gin", "github.com/ClickHouse/"},
		"skm/standard": {"skm/", "github.com/gin-gonic/gin", "github.com/ClickHouse/"},
		// The case vocabulary: the service standard only, so the web packages that use it
		// do not get the ClickHouse driver through it.
		"skm/cases": {"skm/survey", "skm/ingest", "skm/reports", "skm/dashboards", "skm/chsql", "skm/chlocal", "skm/ratelimit",
			"github.com/gin-gonic/gin", "github.com/ClickHouse/"},
		"skm/chlocal":      {"skm/", "github.com/gin-gonic/gin"},
		"skm/chsql":        {"skm/", "github.com/"},
		"skm/ingest/spool": {"skm/", "github.com/"},
		// The schema runner works on a database that may not exist yet: the statements and
		// the driver only, so a fresh test database does not pull in the write side.
		"skm/ingest/schema": {"skm/ingest", "skm/survey", "skm/standard", "skm/cases", "skm/reports", "skm/dashboards",
			"skm/chlocal", "skm/ratelimit", "github.com/gin-gonic/gin"},
		// Demo data writes through the Store like any other writer, never around it.
		"skm/ingest/demodata": {"skm/ingest/schema", "skm/reports", "skm/dashboards", "skm/survey/web", "github.com/gin-gonic/gin"},
		"skm/ratelimit":       {"skm/", "github.com/gin-gonic/gin", "github.com/ClickHouse/"},
		"skm/ingest":          {"skm/ingest/schema", "skm/reports", "skm/dashboards", "skm/survey/web", "github.com/gin-gonic/gin"},
		"skm/reports":         {"skm/ingest", "skm/dashboards", "skm/survey/web", "github.com/gin-gonic/gin"},
		"skm/survey/web":      {"skm/ingest", "skm/dashboards", "skm/reports", "github.com/ClickHouse/"}, // results through its Results interface
		"skm/dashboards":      {"skm/ingest", "skm/survey/web"},
		// The workbooks and the narrative PDF are built from the read side's answers only.
		"skm/reports/xlsx": {"skm/ingest", "skm/dashboards", "skm/survey/web", "github.com/gin-gonic/gin"},
		"skm/reports/pdf":  {"skm/ingest", "skm/dashboards", "skm/survey/web", "github.com/gin-gonic/gin"},
	}
	// Direct imports only: the web packages reach ClickHouse through reports, never themselves.
	forbiddenDirect := map[string][]string{
		"skm/dashboards":   {"github.com/ClickHouse/"},
		"skm/reports/xlsx": {"github.com/ClickHouse/"},
		"skm/reports/pdf":  {"github.com/ClickHouse/"},
	}
	allowedStdOnly := map[string][]string{
		"skm/survey":   nil,
		"skm/standard": {"gopkg.in/yaml.v3"},
		"skm/cases":    {"gopkg.in/yaml.v3"},
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		pkg, deps, imports := parts[0], parts[1], parts[2]
		for _, imp := range strings.Fields(imports) {
			for _, bad := range forbiddenDirect[pkg] {
				if strings.HasPrefix(imp, bad) {
					t.Errorf("%s imports %s directly (forbidden: %s)", pkg, imp, bad)
				}
			}
		}
		// Test helpers (chtest, standardtest, xlsxtest, pagetest, spooltest) serve tests only:
		// nothing the product or the benchmarks run may depend on them.
		if !strings.HasSuffix(pkg, "test") {
			for _, dep := range strings.Fields(deps) {
				if strings.HasPrefix(dep, "skm/") && strings.HasSuffix(dep, "test") {
					t.Errorf("%s depends on the test helper %s", pkg, dep)
				}
			}
		}
		rules, ok := forbidden[pkg]
		if !ok {
			continue
		}
		checked++
		for _, dep := range strings.Fields(deps) {
			for _, bad := range rules {
				if strings.HasPrefix(dep, bad) || dep == strings.TrimSuffix(bad, "/") {
					t.Errorf("%s imports %s (forbidden: %s)", pkg, dep, bad)
				}
			}
			if allowed, stdOnly := allowedStdOnly[pkg]; stdOnly && strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") {
				ok := false
				for _, a := range allowed {
					ok = ok || strings.HasPrefix(dep, a)
				}
				if !ok {
					t.Errorf("%s depends on %s; it may use the standard library only (plus %v)", pkg, dep, allowed)
				}
			}
		}
	}
	if checked < 4 {
		t.Fatalf("checked only %d packages; did the layout change?", checked)
	}
}
