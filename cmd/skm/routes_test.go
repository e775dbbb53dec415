package main

import (
	"bufio"
	"io"
	"log/slog"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// TestREADMEListsEveryRoute compares the README's route list ("Every route") with the routes
// the product's router registers, both ways: a route added, removed or renamed on one side
// only makes it fail. Paths are written as the README writes them ({agency}, {file...}).
func TestREADMEListsEveryRoute(t *testing.T) {
	registered := map[string]bool{}
	for _, rt := range testEngine(t).Routes() {
		registered[rt.Method+" "+readmePath(rt.Path)] = true
	}
	listed := readmeRoutes(t)
	for _, r := range sortedKeys(registered) {
		if !listed[r] {
			t.Errorf("%s is registered but not in the README's route list", r)
		}
	}
	for _, r := range sortedKeys(listed) {
		if !registered[r] {
			t.Errorf("the README lists %s, which the router does not register", r)
		}
	}
}

// testEngine builds the product's router on the example standards, without a database: it
// is only asked for its routes.
func testEngine(t *testing.T) *gin.Engine {
	t.Helper()
	e := &env{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: io.Discard}
	set, err := loadStandards(e, "")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{e: e, logger: slog.New(slog.DiscardHandler), set: set, db: &database{name: defaultDatabase},
		reg: prometheus.NewRegistry(), sessionKey: make([]byte, 64), monitor: newDBMonitor(nil)}
	h, err := a.router(nil)
	if err != nil {
		t.Fatal(err)
	}
	return h.(*gin.Engine)
}

var ginParam = regexp.MustCompile(`[:*]([a-z]+)`)

// readmePath writes a gin path as the README does: :agency → {agency}, *file → {file...}.
func readmePath(p string) string {
	return ginParam.ReplaceAllStringFunc(p, func(m string) string {
		if m[0] == '*' {
			return "{" + m[1:] + "...}"
		}
		return "{" + m[1:] + "}"
	})
}

// readmeRoutes reads the "METHOD /path" lines of the README's route list: the first fenced
// block after the "## Every route" heading.
func readmeRoutes(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	routes := map[string]bool{}
	section, fence := false, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			section = line == "## Every route"
		case section && strings.HasPrefix(line, "```"):
			fence++
		case section && fence == 1:
			if fields := strings.Fields(line); len(fields) >= 2 && fields[0] == strings.ToUpper(fields[0]) && !strings.HasPrefix(fields[0], "#") {
				routes[fields[0]+" "+fields[1]] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(routes) == 0 {
		t.Fatal(`README.md has no route list (a fenced block of "METHOD /path" lines after "## Every route")`)
	}
	return routes
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
