package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/wal"

	"skm/ingest"
	"skm/ingest/spool"
	"skm/ingest/spool/spooltest"
)

// legacySpool writes n entries with the library the earlier skm used, as it configured it,
// and returns the directory of its log.
func legacySpool(t *testing.T, dir string, n, size int) {
	t.Helper()
	l, err := wal.Open(filepath.Join(dir, "wal"), &wal.Options{SegmentSize: 4 << 20, NoCopy: true})
	if err != nil {
		t.Fatal(err)
	}
	var b wal.Batch
	for i := 1; i <= n; i++ {
		b.Write(uint64(i), []byte(fmt.Sprintf("%06d-%s", i, string(make([]byte, size)))))
		if i%1000 == 0 || i == n {
			if err := l.WriteBatch(&b); err != nil {
				t.Fatal(err)
			}
			b.Clear()
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

func pendingOf(t *testing.T, sp *spool.Spool) []string {
	t.Helper()
	entries, err := sp.Pending(1 << 30)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, string(e.Data[:6]))
	}
	return out
}

func TestEarlierSpoolWithATornTailIsMoved(t *testing.T) {
	dir := t.TempDir()
	legacySpool(t, dir, 100, 10)
	if err := os.WriteFile(filepath.Join(dir, "committed"), []byte("40\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "wal", "0*"))
	st, _ := os.Stat(files[len(files)-1])
	if err := os.Truncate(files[len(files)-1], st.Size()-5); err != nil { // a power cut in the last append
		t.Fatal(err)
	}
	sp, err := ingest.OpenSpool(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	got := pendingOf(t, sp)
	if len(got) != 59 || got[0] != "000041" || got[58] != "000099" {
		t.Errorf("moved %d entries (%v … %v), want 41 to 99", len(got), got[:1], got[len(got)-1:])
	}
	if _, err := os.Stat(filepath.Join(dir, "wal")); !os.IsNotExist(err) {
		t.Errorf("the earlier spool is still there: %v", err)
	}
}

func TestEarlierSpoolOnAFullDiskIsMovedWhenSpaceAllows(t *testing.T) {
	mnt := t.TempDir()
	spooltest.MountTmpfs(t, mnt, "8m")
	dir := filepath.Join(mnt, "spool")
	legacySpool(t, dir, 9000, 500) // about 4.6 MB in two files
	opts := spool.Options{SegmentSize: 1 << 20, Reserve: -1}
	sp, err := ingest.OpenSpool(dir, opts)
	if err != nil {
		t.Fatalf("open with the earlier spool on a disk too small to copy it: %v", err)
	}
	defer sp.Close()
	moved := len(pendingOf(t, sp))
	if moved >= 9000 {
		t.Fatalf("all %d moved; the disk was meant to be too small", moved)
	}
	// The batcher stores and commits what was moved, which frees space, and the rest follows.
	total := moved
	for range 20 {
		entries, _ := sp.Pending(1 << 30)
		if len(entries) > 0 {
			if err := sp.Commit(entries[len(entries)-1].Index); err != nil {
				t.Fatal(err)
			}
		}
		left, _ := ingest.MoveLegacySpool(dir, sp, nil)
		total += len(pendingOf(t, sp))
		if !left {
			break
		}
	}
	if total != 9000 {
		t.Errorf("%d entries moved in all, want each of the 9000 once", total)
	}
	if _, err := os.Stat(filepath.Join(dir, "wal")); !os.IsNotExist(err) {
		t.Errorf("the earlier spool is still there: %v", err)
	}
}
