package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// dataDirLock is the exclusive lock a server (serve, demo) holds on its --data-dir for its
// whole life: the directory's spool, keys and private ClickHouse belong to one process.
type dataDirLock struct{ f, dir *os.File }

// dataLockFile is the file in the data directory that names the lock owner's pid.
const dataLockFile = "skm.lock"

// lockDataDir takes the data directory's lock, creating the directory if needed. The lock
// is a flock on the directory, which the kernel drops when the process ends however it
// ends, so a crash leaves no stale lock, and which no file deletion can undo.
func lockDataDir(dir string) (*dataDirLock, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, dataLockFile)
	// The lock is taken on the directory itself, which an operator cannot delete while it
	// holds data; the file only tells the holder's pid (deleting it must not let a second
	// server in, as it did when the lock was on the file).
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("open data directory %s: %w", dir, err)
	}
	if err := syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		d.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		pid := lockHolder(path)
		return nil, fmt.Errorf("direktori data %s sedang dipakai oleh proses skm lain (pid %s); hentikan proses itu atau pakai --data-dir lain. "+
			"(The data directory %s is in use by another skm process (pid %s); stop that process or choose another --data-dir.)",
			dir, pid, dir, pid)
	}
	// The pid only names the holder in a second process's message; the lock is what counts,
	// so a disk too full to write it does not keep skm from starting.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o640)
	if err == nil {
		if err := f.Truncate(0); err == nil {
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
	}
	return &dataDirLock{f: f, dir: d}, nil
}

// lockHolder reads the pid the lock's owner wrote; the owner writes it right after locking,
// so an empty file is read again briefly.
func lockHolder(path string) string {
	for range 20 {
		if b, err := os.ReadFile(path); err == nil {
			if pid := strings.TrimSpace(string(b)); pid != "" {
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return "?"
}

// release empties the pid and releases the lock.
func (l *dataDirLock) release() {
	if l.f != nil {
		_ = l.f.Truncate(0)
		_ = l.f.Close()
	}
	_ = syscall.Flock(int(l.dir.Fd()), syscall.LOCK_UN)
	_ = l.dir.Close()
}
