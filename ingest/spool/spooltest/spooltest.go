// Package spooltest holds the helpers of the spool's fault-injection tests: a small real
// filesystem to fill, and a way to fill it.
package spooltest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// MountTmpfs mounts a tmpfs of size (e.g. "8m") at dir (made if missing) and unmounts it
// when the test ends. Under CI (which runs as root) it must work and the test fails
// otherwise; on a developer's machine without root the test is skipped with the reason.
func MountTmpfs(t testing.TB, dir, size string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount a tmpfs for a disk-full test (CI runs as root): %v %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
}

// Fill writes the file dir/filler until the disk is full and returns its path; removing
// it frees the space again.
func Fill(t testing.TB, dir string) string {
	t.Helper()
	path, err := FillDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// FillDisk is Fill for goroutines other than the test's: it returns its error.
func FillDisk(dir string) (string, error) {
	path := filepath.Join(dir, "filler")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return "", err
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				return "", err
			}
			return path, nil
		}
	}
}
