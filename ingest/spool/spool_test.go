package spool_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"skm/ingest/spool"
)

func TestSpoolGroupCommitKeepsEveryAppendInOrderAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := spool.Open(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 16, 100
	var wg sync.WaitGroup
	var mu sync.Mutex
	indexes := map[uint64]string{}
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				data := fmt.Sprintf("w%d-%d", w, i)
				idx, err := s.Append(context.Background(), []byte(data))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if prev, dup := indexes[idx]; dup {
					t.Errorf("index %d given to %s and %s", idx, prev, data)
				}
				indexes[idx] = data
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if d := s.Depth(); d != writers*each {
		t.Fatalf("depth %d, want %d", d, writers*each)
	}
	entries, err := s.Pending(writers * each * 2)
	if err != nil || len(entries) != writers*each {
		t.Fatalf("pending %d entries, %v", len(entries), err)
	}
	for _, e := range entries {
		if string(e.Data) != indexes[e.Index] {
			t.Fatalf("entry %d holds %q, want %q", e.Index, e.Data, indexes[e.Index])
		}
	}
	half := entries[len(entries)/2-1].Index
	if err := s.Commit(half); err != nil {
		t.Fatal(err)
	}
	bytesBefore := s.Bytes()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened (as after a crash or restart), only the uncommitted half is pending.
	s2, err := spool.Open(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	rest, _ := s2.Pending(1 << 20)
	if len(rest) != len(entries)/2 || rest[0].Index != half+1 {
		t.Fatalf("after reopen: %d pending from %d, want %d from %d", len(rest), rest[0].Index, len(entries)/2, half+1)
	}
	if s2.Bytes() != bytesBefore {
		t.Errorf("bytes after reopen %d, want %d", s2.Bytes(), bytesBefore)
	}
	if err := s2.Commit(rest[len(rest)-1].Index); err != nil {
		t.Fatal(err)
	}
	if s2.Depth() != 0 || s2.Bytes() != 0 {
		t.Errorf("after committing all: depth %d, bytes %d", s2.Depth(), s2.Bytes())
	}
	idx, err := s2.Append(context.Background(), []byte("next"))
	if err != nil || idx != rest[len(rest)-1].Index+1 {
		t.Errorf("append after commit-all: index %d, %v", idx, err)
	}
}

func TestSpoolRefusesWhenFullAndAfterClose(t *testing.T) {
	s, err := spool.Open(t.TempDir(), spool.Options{MaxBytes: 40})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(context.Background(), []byte("12345678")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(context.Background(), []byte("123")); !errors.Is(err, spool.ErrFull) {
		t.Errorf("over the limit: err = %v, want ErrFull", err)
	}
	if s.Depth() != 1 {
		t.Errorf("a refused append changed the spool: depth %d", s.Depth())
	}
	if err := s.Writable(); err != nil {
		t.Errorf("Writable: %v", err)
	}
	s.Close()
	if _, err := s.Append(context.Background(), []byte("x")); !errors.Is(err, spool.ErrClosed) {
		t.Errorf("after Close: err = %v", err)
	}
}

func TestSecondOpenOfASpoolIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := spool.Open(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s2, err := spool.Open(dir, spool.Options{}); err == nil {
		s2.Close()
		t.Fatal("a second open of the same spool was allowed")
	}
	s.Close()
	s3, err := spool.Open(dir, spool.Options{})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	s3.Close()
}
