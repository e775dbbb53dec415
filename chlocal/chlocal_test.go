package chlocal_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"skm/chlocal"
)

// needServer skips where no ClickHouse is installed, except under CI=true, where the
// project's scripts install it and a missing binary is a failure.
func needServer(t *testing.T) {
	t.Helper()
	if _, _, err := chlocal.FindBinary(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skip(err)
	}
}

func alive(pid int) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	// A zombie has exited; only its parent's bookkeeping remains.
	fields := strings.Fields(string(b))
	return len(fields) > 2 && fields[2] != "Z"
}

func TestStartStopAndReuse(t *testing.T) {
	needServer(t)
	dir := t.TempDir()
	ctx := context.Background()
	s, err := chlocal.Start(ctx, chlocal.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	pid := s.PID()
	if !strings.HasPrefix(s.Addr(), "127.0.0.1:") {
		t.Errorf("Addr %s is not on loopback", s.Addr())
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.xml"))
	if !strings.Contains(string(cfg), "<listen_host>127.0.0.1</listen_host>") {
		t.Errorf("config does not restrict to loopback:\n%s", cfg)
	}

	// A second owner of the same directory is refused while the first runs.
	_, err = chlocal.Start(ctx, chlocal.Options{Dir: dir})
	if !errors.Is(err, chlocal.ErrBusy) {
		t.Errorf("second Start on the same directory: err = %v, want ErrBusy", err)
	}

	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if alive(pid) {
		t.Errorf("server pid %d still alive after Stop", pid)
	}
	if _, err := os.Stat(filepath.Join(dir, "skm.lock")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left behind: %v", err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}

	// Starting again reuses the directory.
	s2, err := chlocal.Start(ctx, chlocal.Options{Dir: dir})
	if err != nil {
		t.Fatalf("restart on the same directory: %v", err)
	}
	defer s2.Stop()
	if _, err := os.Stat(filepath.Join(dir, "data", "metadata")); err != nil {
		t.Errorf("data directory not reused: %v", err)
	}
}

func TestMissingBinarySaysWhatToInstall(t *testing.T) {
	_, err := chlocal.Start(context.Background(), chlocal.Options{Dir: t.TempDir(), Binary: "/nonexistent/clickhouse-server"})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/clickhouse-server") {
		t.Errorf("explicit missing binary: err = %v", err)
	}
	// FindBinary also looks in /usr/sbin and /usr/bin, so "none installed" cannot be staged
	// on a machine that has ClickHouse; the message it returns then is checked directly.
	if msg := chlocal.ErrNotInstalled.Error(); !strings.Contains(msg, "apt-get install clickhouse-server") || !strings.Contains(msg, "--clickhouse") {
		t.Errorf("message does not say what to install or how to connect instead: %s", msg)
	}
}

func TestServerThatCannotStartReportsItsLog(t *testing.T) {
	// A "server" that exits at once: Start must fail with its output and leave nothing.
	dir := t.TempDir()
	fake := filepath.Join(dir, "clickhouse-server")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho 'Cannot start: broken config' >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := chlocal.Start(context.Background(), chlocal.Options{Dir: filepath.Join(dir, "ch"), Binary: fake, StartTimeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "Cannot start: broken config") {
		t.Fatalf("err = %v, want the server's own output", err)
	}
	// The lock is released: a new start on the directory gets as far as the binary again.
	_, err = chlocal.Start(context.Background(), chlocal.Options{Dir: filepath.Join(dir, "ch"), Binary: fake, StartTimeout: 5 * time.Second})
	if errors.Is(err, chlocal.ErrBusy) {
		t.Error("lock left behind after a failed start")
	}
}

func TestSupervisedServerIsRestartedOnItsPortAndStopEndsSupervision(t *testing.T) {
	needServer(t)
	s, err := chlocal.Start(context.Background(), chlocal.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })
	failed := s.Supervise(chlocal.SuperviseOptions{GiveUpAfter: time.Minute, MinBackoff: 100 * time.Millisecond})
	addr, first := s.Addr(), s.PID()
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	sawDown := false
	deadline := time.Now().Add(60 * time.Second)
	for {
		h := s.Health()
		sawDown = sawDown || !h.Up
		if h.Up && sawDown {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not restarted within 60 s: %+v", h)
		}
		select {
		case err := <-failed:
			t.Fatalf("supervision gave up: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if s.PID() == first || !alive(s.PID()) || s.Addr() != addr {
		t.Errorf("after the restart: pid %d (was %d), addr %s (was %s)", s.PID(), first, s.Addr(), addr)
	}
	second := s.PID()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // a restart would have begun by now
	if alive(second) {
		t.Errorf("pid %d still runs after Stop", second)
	}
	if !s.Health().Up {
		t.Errorf("Stop counted as a crash: %+v", s.Health())
	}
}
