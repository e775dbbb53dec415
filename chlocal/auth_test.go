package chlocal_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skm/chlocal"
)

// Issue 15, defect 4: the private ClickHouse was open to every local process (user default,
// no password). It must refuse a connection without the password kept, 0600, in its
// directory, keep the same password across restarts, and store only its hash.
func TestPrivateServerRequiresItsPassword(t *testing.T) {
	needServer(t)
	dir := t.TempDir()
	s, err := chlocal.Start(context.Background(), chlocal.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if err := (chlocal.Endpoint{Addr: s.Addr(), Password: ""}).Ping(context.Background()); err == nil {
		t.Fatal("the private ClickHouse accepted user default without a password")
	}
	file := filepath.Join(dir, "password")
	st, err := os.Stat(file)
	if err != nil {
		t.Fatalf("password file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("password file mode %v, want 0600", st.Mode().Perm())
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	password := strings.TrimSpace(string(b))
	if len(password) < 32 {
		t.Errorf("password %d characters long, want at least 32", len(password))
	}
	if err := (chlocal.Endpoint{Addr: s.Addr(), Password: "wrong" + password}).Ping(context.Background()); err == nil {
		t.Error("the private ClickHouse accepted a wrong password")
	}
	if err := (chlocal.Endpoint{Addr: s.Addr(), Password: password}).Ping(context.Background()); err != nil {
		t.Fatalf("connect with the password from %s: %v", file, err)
	}
	if got := s.Password(); got != password {
		t.Errorf("Server.Password() = %q, want the file's %q", got, password)
	}
	users, _ := os.ReadFile(filepath.Join(dir, "users.xml"))
	sum := sha256.Sum256([]byte(password))
	if strings.Contains(string(users), password) || !strings.Contains(string(users), "<password_sha256_hex>"+hex.EncodeToString(sum[:])+"</password_sha256_hex>") {
		t.Errorf("users.xml must hold the password's SHA-256 only:\n%s", users)
	}
	// RunningAddr (what CLI commands use beside a running server) finds it with the password.
	ep, ok := chlocal.Running(dir)
	if !ok || ep.Addr != s.Addr() || ep.Password != password {
		t.Errorf("Running(dir) = %+v, %v; want %s with the password", ep, ok, s.Addr())
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	// A restart keeps the password: clients configured with it keep working.
	s2, err := chlocal.Start(context.Background(), chlocal.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Stop()
	if err := (chlocal.Endpoint{Addr: s2.Addr(), Password: password}).Ping(context.Background()); err != nil {
		t.Errorf("after a restart the same password no longer works: %v", err)
	}
	if err := (chlocal.Endpoint{Addr: s2.Addr(), Password: ""}).Ping(context.Background()); err == nil {
		t.Error("after a restart the server accepts no password")
	}
}
