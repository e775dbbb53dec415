package chtest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"skm/ingest/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

// TestChildNeedsDB is run in a child process by TestNoSilentSkipInCI.
func TestChildNeedsDB(t *testing.T) {
	if os.Getenv("CHTEST_CHILD") != "1" {
		t.Skip("run by TestNoSilentSkipInCI")
	}
	chtest.NewDB(t)
}

// TestNoSilentSkipInCI runs a test that needs a database where none can be had: under
// CI=true it must fail, elsewhere skip with the reason.
func TestNoSilentSkipInCI(t *testing.T) {
	run := func(extra ...string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildNeedsDB$", "-test.v")
		cmd.Env = append([]string{"CHTEST_CHILD=1", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, extra...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	noBinary := "SKM_TEST_CLICKHOUSE_BIN=/nonexistent/clickhouse-server"
	out, err := run("CI=true", noBinary)
	if err == nil || !strings.Contains(out, "CI=true forbids skipping") {
		t.Errorf("CI=true without ClickHouse: err = %v\n%s", err, out)
	}
	out, err = run(noBinary)
	if err != nil || !strings.Contains(out, "--- SKIP") || !strings.Contains(out, "no ClickHouse for integration tests") {
		t.Errorf("outside CI without ClickHouse the test should skip with the reason: err = %v\n%s", err, out)
	}
	out, err = run("CI=true", "SKM_TEST_CLICKHOUSE=clickhouse://127.0.0.1:1/x")
	if err == nil || !strings.Contains(out, "--- FAIL") {
		t.Errorf("an unreachable configured server passed under CI=true: %v\n%s", err, out)
	}
}
