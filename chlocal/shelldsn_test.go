package chlocal_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"skm/chlocal"
)

// The URL `skm cluster up` prints holds no password, and a shell turns it into the very
// URL the servers accept (DSN), also when the directory's name needs quoting.
func TestClusterShellDSNReadsThePasswordFromItsFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "it's a cluster")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	state := `{"name": "skm", "zookeeper": {"name": "zookeeper", "port": 2181},
		"servers": [{"name": "s1r1", "shard": 1, "replica": 1, "port": 9001}, {"name": "s2r1", "shard": 2, "replica": 1, "port": 9002}]}`
	const password = "0f9e8d7c6b5a"
	for name, content := range map[string]string{"cluster.json": state, chlocal.PasswordFile: password + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c, err := chlocal.LoadCluster(dir)
	if err != nil {
		t.Fatal(err)
	}
	line := c.ShellDSN("skm")
	if strings.Contains(line, password) {
		t.Fatalf("ShellDSN shows the password: %s", line)
	}
	out, err := exec.Command("sh", "-c", "printf %s "+line).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := c.DSN("skm"); string(out) != want || !strings.Contains(want, password) {
		t.Errorf("the shell makes %s of %s, want %s", out, line, want)
	}
}
