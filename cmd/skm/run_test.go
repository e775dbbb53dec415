package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"skm/chsql"
)

// runCmd calls run with a fixed environment and returns the exit status and outputs.
func runCmd(t *testing.T, envs map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return envs[k] }, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, 2, "", "Usage: skm <command>"},
		{[]string{"help"}, 0, "standards", ""},
		{[]string{"--help"}, 0, "SKM_CLICKHOUSE", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"version"}, 0, "skm ", ""},
		{[]string{"--version"}, 0, "skm ", ""},
		{[]string{"serve", "--help"}, 0, "env SKM_DATA_DIR, default skm-data", ""},
		{[]string{"help", "demo"}, 0, "generated", ""},
		{[]string{"serve", "--no-such-flag"}, 2, "", "flag provided but not defined"},
		{[]string{"serve", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"standards"}, 2, "", "expected: skm standards check DIR"},
		{[]string{"standards", "check", "/nonexistent-dir"}, 1, "", "no such file"},
		{[]string{"migrate", "--cluster", "skm"}, 2, "", "--cluster needs --clickhouse"},
		{[]string{"migrate", "--help"}, 0, "env SKM_CLUSTER_MODE, default auto", ""},
		{[]string{"cluster"}, 2, "", "expected: skm cluster up|down|status|kill NODE|start NODE"},
		{[]string{"cluster", "kill"}, 2, "", "expected: skm cluster up|down|status|kill NODE|start NODE"},
		{[]string{"cluster", "status", "--dir", "/nonexistent-dir"}, 1, "", "no cluster in /nonexistent-dir"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := runCmd(t, nil, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out, tc.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.inStdout, out)
			}
			if !strings.Contains(errs, tc.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.inStderr, errs)
			}
		})
	}
}

func TestFlagsFallBackToEnvironment(t *testing.T) {
	// The environment sets a flag...
	code, _, errs := runCmd(t, map[string]string{"SKM_LOG_LEVEL": "loud"}, "migrate")
	if code != 2 || !strings.Contains(errs, `--log-level "loud"`) {
		t.Errorf("SKM_LOG_LEVEL ignored: exit %d, %s", code, errs)
	}
	// ...and the command line wins over it.
	code, _, errs = runCmd(t, map[string]string{"SKM_LOG_LEVEL": "info", "SKM_LOG_FORMAT": "xml"}, "migrate", "--log-format", "yaml")
	if code != 2 || !strings.Contains(errs, `--log-format "yaml"`) {
		t.Errorf("command line did not win: exit %d, %s", code, errs)
	}
	// A bad value in the environment is named.
	code, _, errs = runCmd(t, map[string]string{"SKM_SHUTDOWN_TIMEOUT": "soon"}, "serve")
	if code != 2 || !strings.Contains(errs, "SKM_SHUTDOWN_TIMEOUT") {
		t.Errorf("bad env value: exit %d, %s", code, errs)
	}
}

func TestEnvName(t *testing.T) {
	for flag, want := range map[string]string{"clickhouse": "SKM_CLICKHOUSE", "data-dir": "SKM_DATA_DIR", "clickhouse-bin": "SKM_CLICKHOUSE_BIN"} {
		if got := envName(flag); got != want {
			t.Errorf("envName(%q) = %q, want %q", flag, got, want)
		}
	}
}

func TestStandardsCheck(t *testing.T) {
	code, out, _ := runCmd(t, nil, "standards", "check", "../../standard/examples")
	if code != 0 || !strings.Contains(out, "ok  bppd-ntt") || !strings.Contains(out, "ok  bppd-kalbar") {
		t.Errorf("examples: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, nil, "standards", "check", "../../standard/testdata/broken")
	if code != 1 || !strings.Contains(out, "standard/testdata/broken/bppd-x.yaml:12: time limit") || !strings.Contains(out, "20 problem(s)") {
		t.Errorf("broken: exit %d\n%s", code, out)
	}
}

func TestServeRefusesAnInvalidStandard(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCmd(t, nil, "serve", "--standards", "../../standard/testdata/broken", "--data-dir", dir, "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(errs, "skm does not start until they are fixed") || !strings.Contains(errs, "bppd-x.yaml:3: unknown time zone") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"clickhouse://u:secret@h:9000/db": "clickhouse://u:***@h:9000/db",
		"clickhouse://u@h:9000/db":        "clickhouse://u@h:9000/db",
		"clickhouse://h:9000/db":          "clickhouse://h:9000/db",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVisitCodesCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCmd(t, nil, "visit-codes", "--agency", "bppd-kalbar", "--from", "10", "--count", "3", "--data-dir", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 || lines[0] != "nomor;kode" || !strings.HasPrefix(lines[1], "10;") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	// The key is kept in the data directory: the same codes come out again.
	_, again, _ := runCmd(t, nil, "visit-codes", "--agency", "bppd-kalbar", "--from", "10", "--count", "3", "--data-dir", dir)
	if again != out {
		t.Error("codes changed between runs on one data directory")
	}
	if code, _, _ := runCmd(t, nil, "visit-codes", "--agency", "bppd-kalbar", "--visit-code-key", "abc"); code != 2 {
		t.Errorf("a short key was accepted: exit %d", code)
	}
}

func TestSQLRenderCoversEveryStatement(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCmd(t, nil, "sql-render", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "10-statements.sql"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"-- ingest/Batcher.known.Landed\n", "-- reports/IKM\n", "-- ingest/schema/acquireMigrationLock.Create\n",
		"WHERE agency = 'bppd-kalbar' AND local_date BETWEEN toDate('2026-07-01')", "CREATE TABLE batch_ids"} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered statements lack %q", want)
		}
	}
	if strings.Contains(text, "?") {
		t.Error("a placeholder was left in the rendered statements")
	}
	if got, _ := inline("a = ? AND b IN ?", []any{"x'y", []any{"p", json.Number("2")}}); got != `a = 'x\'y' AND b IN ['p', 2]` {
		t.Errorf("inline: %s", got)
	}
	if _, err := inline("a = ?", nil); err == nil {
		t.Error("a missing sample argument was accepted")
	}
	set, err := chsql.Load(fstest.MapFS{"sql/New.sql": {Data: []byte("-- a statement without a sample\nSELECT 1;\n")}}, "sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := renderSample("SELECT 1", set, "New"); err == nil {
		t.Error("a statement without a sample was rendered")
	}
}
