package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/chlocal"
)

// Issue 15, defect 4: any local process could connect to the private ClickHouse of a
// running skm as user default without a password (and, say, insert an admin account).
// The server must refuse that, while skm itself, a CLI command beside it and `skm
// clickhouse` (which prints how to connect) keep working with the generated password.
func TestPrivateClickHouseRefusesConnectionsWithoutItsPassword(t *testing.T) {
	p, data := startPrivate(t)
	chDir := filepath.Join(data, "clickhouse")
	endpoint, err := os.ReadFile(filepath.Join(chDir, "endpoint"))
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimSpace(string(endpoint))
	if err := (chlocal.Endpoint{Addr: addr, Password: ""}).Ping(context.Background()); err == nil {
		t.Fatal("the private ClickHouse of a running skm accepts user default without a password")
	}
	st, err := os.Stat(filepath.Join(chDir, "password"))
	if err != nil {
		t.Fatalf("password file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("password file mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(filepath.Join(chDir, "password"))
	password := strings.TrimSpace(string(b))
	if err := (chlocal.Endpoint{Addr: addr, Password: password}).Ping(context.Background()); err != nil {
		t.Fatalf("connect with the password file's password: %v", err)
	}
	// End to end: the server is ready, and a command beside it uses its ClickHouse.
	if code, body := get(t, p.url+"/readyz"); code != 200 {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, out, errs := runCmd(t, nil, "user", "list", "--data-dir", data); code != 0 {
		t.Errorf("skm user list beside the running server: exit %d\n%s\n%s", code, out, errs)
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
	waitGone(t, chDir, 10*time.Second)

	// skm clickhouse prints a URL that connects, and a client line with the password.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, skmBinary(t), "clickhouse", "--data-dir", data)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	sc := bufio.NewScanner(stdout)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	urlLine := regexp.MustCompile(`clickhouse://\S+`).FindString(strings.Join(lines, "\n"))
	opts, err := clickhouse.ParseDSN(urlLine)
	if err != nil {
		t.Fatalf("skm clickhouse printed %q: %v", lines, err)
	}
	if opts.Auth.Password != password {
		t.Errorf("the URL printed by skm clickhouse lacks the password: %q", urlLine)
	}
	if err := (chlocal.Endpoint{Addr: opts.Addr[0], Password: opts.Auth.Password}).Ping(context.Background()); err != nil {
		t.Errorf("connect with the printed URL %s: %v", urlLine, err)
	}
	if len(lines) < 2 || !strings.Contains(lines[1], "clickhouse-client") || !strings.Contains(lines[1], "--password") {
		t.Errorf("skm clickhouse printed no clickhouse-client line with --password: %q", lines)
	}
}
