package skm_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"skm/chsql"
	"skm/ingest"
	"skm/ingest/schema"
	"skm/reports"
)

// Every statement file is named after the Go function or method whose body names it:
// Function.sql, Type.Method.sql for a method of another type than the package's Store or
// Querier, and a further .Step when one function names several (README, design notes).
func TestSQLFilesNamedAfterTheirFunction(t *testing.T) {
	for dir, set := range map[string]*chsql.Set{"ingest": ingest.Queries(), "ingest/schema": schema.Queries(), "reports": reports.Queries()} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		named := map[string]bool{}
		fset := token.NewFileSet()
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				want := fn.Name.Name
				if fn.Recv != nil {
					if recv := receiverType(fn.Recv.List[0].Type); recv != "Store" && recv != "Querier" {
						want = recv + "." + want
					}
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					lit, ok := n.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						return true
					}
					name, err := strconv.Unquote(lit.Value)
					if err != nil || !slices.Contains(set.Names(), name) {
						return true
					}
					named[name] = true
					if name != want && !strings.HasPrefix(name, want+".") {
						t.Errorf("%s: %s names %s/sql/%s.sql, which should be named %s.sql or %s.Step.sql", fset.Position(lit.Pos()), want, dir, name, want, want)
					}
					return true
				})
			}
		}
		for _, name := range set.Names() {
			if !named[name] {
				t.Errorf("%s/sql/%s.sql is named by no function of %s", dir, name, dir)
			}
		}
	}
}

// receiverType is the name of a method's receiver type, without a pointer.
func receiverType(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
