package spool_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"skm/ingest/spool"
	"skm/ingest/spool/spooltest"
)

// segments returns the spool's segment files, oldest first.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "seg-*.log"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// contents reopens dir and returns every pending entry as index → data.
func contents(t *testing.T, dir string, opts spool.Options) (map[uint64]string, []uint64, spool.Recovery) {
	t.Helper()
	s, err := spool.Open(dir, opts)
	if err != nil {
		t.Fatalf("open after the fault: %v", err)
	}
	defer s.Close()
	entries, err := s.Pending(1 << 30)
	if err != nil {
		t.Fatalf("read after the fault: %v", err)
	}
	got := map[uint64]string{}
	var order []uint64
	for _, e := range entries {
		got[e.Index] = string(e.Data)
		order = append(order, e.Index)
	}
	return got, order, s.Recovered()
}

func entry(i int) []byte { return []byte(fmt.Sprintf("entry-%04d-%s", i, strings.Repeat("x", i%50))) }

// appendN appends n single entries and returns index → data of those acknowledged.
func appendN(t *testing.T, s *spool.Spool, from, n int) map[uint64]string {
	t.Helper()
	acked := map[uint64]string{}
	for i := from; i < from+n; i++ {
		idx, err := s.Append(context.Background(), entry(i))
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
		acked[idx] = string(entry(i))
	}
	return acked
}

func sameEntries(t *testing.T, got, want map[uint64]string) {
	t.Helper()
	for idx, data := range want {
		if got[idx] != data {
			t.Errorf("acknowledged entry %d: got %q, want %q", idx, got[idx], data)
		}
	}
	for idx, data := range got {
		if _, ok := want[idx]; !ok {
			t.Errorf("entry %d (%q) is in the spool but was never acknowledged", idx, data)
		}
	}
}

// A power cut during an append leaves part of it in the file. Opening cuts it off (the
// whole append: one of several entries is all or nothing), keeps everything before it, and
// goes on appending after it.
func TestTornTailIsCutAndEverythingBeforeItKept(t *testing.T) {
	for _, variant := range []string{"truncated", "garbage"} {
		t.Run(variant, func(t *testing.T) {
			dir := t.TempDir()
			s, err := spool.Open(dir, spool.Options{})
			if err != nil {
				t.Fatal(err)
			}
			acked := appendN(t, s, 0, 20)
			// A batch of three; the crash will cut into its last record.
			if _, err := s.AppendMany(context.Background(), [][]byte{entry(100), entry(101), entry(102)}); err != nil {
				t.Fatal(err)
			}
			s.Close()
			seg := segments(t, dir)[0]
			b, _ := os.ReadFile(seg)
			end := bytes.LastIndex(b, entry(102)) + len(entry(102))
			switch variant {
			case "truncated": // the file ends in the middle of the last record
				if err := os.Truncate(seg, int64(end-5)); err != nil {
					t.Fatal(err)
				}
			case "garbage": // the last record's bytes are half new, half old garbage
				f, _ := os.OpenFile(seg, os.O_RDWR, 0)
				f.WriteAt(bytes.Repeat([]byte{0xa5}, 300), int64(end-10))
				f.Close()
			}
			got, _, rec := contents(t, dir, spool.Options{})
			sameEntries(t, got, acked)
			if len(rec.Cut) != 1 || len(rec.Damaged) != 0 {
				t.Errorf("recovery: %+v, want one cut tail and no damage", rec)
			}
			// Appends go on with the next index, and a second open finds nothing to cut.
			s, err = spool.Open(dir, spool.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range appendN(t, s, 200, 5) {
				acked[k] = v
			}
			s.Close()
			got, order, rec := contents(t, dir, spool.Options{})
			sameEntries(t, got, acked)
			if len(rec.Cut) != 0 || len(rec.Damaged) != 0 {
				t.Errorf("second open: %+v, want nothing found", rec)
			}
			for i := 1; i < len(order); i++ {
				if order[i] != order[i-1]+1 {
					t.Errorf("indices not consecutive: %d after %d", order[i], order[i-1])
				}
			}
		})
	}
}

// Damage in the middle of acknowledged entries (a bad sector, a stray write) is reported,
// the intact entries around it are delivered, a copy of the file is kept aside, and the
// spool opens and takes new entries.
func TestDamageInTheMiddleIsReportedAndTheRestDelivered(t *testing.T) {
	dir := t.TempDir()
	opts := spool.Options{SegmentSize: 64 << 10, Reserve: -1}
	s, err := spool.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	acked := appendN(t, s, 0, 3000) // several segments
	s.Close()
	segs := segments(t, dir)
	if len(segs) < 3 {
		t.Fatalf("%d segments, want several", len(segs))
	}
	// Damage entry 10 of the first segment and one in the middle of the second.
	lost := map[string]bool{}
	for _, c := range []struct {
		file string
		i    int
	}{{segs[0], 10}, {segs[1], -1}} {
		b, _ := os.ReadFile(c.file)
		var at int
		if c.i >= 0 {
			at = bytes.Index(b, entry(c.i))
			lost[string(entry(c.i))] = true
		} else {
			at = len(bytes.TrimRight(b, "\x00")) / 2
			i := bytes.LastIndex(b[:at], []byte("entry-"))
			lost[string(b[i:i+10])] = true
			at = i
		}
		f, _ := os.OpenFile(c.file, os.O_RDWR, 0)
		f.WriteAt([]byte("DAMAGE"), int64(at+2))
		f.Close()
	}
	got, _, rec := contents(t, dir, opts)
	if len(rec.Damaged) != 2 || len(rec.Aside) != 2 || len(rec.Cut) != 0 {
		t.Fatalf("recovery: %+v, want two damaged ranges kept aside", rec)
	}
	for _, a := range rec.Aside {
		if _, err := os.Stat(a); err != nil {
			t.Errorf("copy kept aside: %v", err)
		}
	}
	missing := 0
	for idx, data := range acked {
		if got[idx] == data {
			continue
		}
		missing++
		if !lost[data[:min(len(data), 10)]] && !lost[data] {
			t.Errorf("entry %d (%q) lost but it was not in the damaged bytes", idx, data)
		}
	}
	if missing != 2 {
		t.Errorf("%d entries missing, want exactly the 2 damaged", missing)
	}
	if len(got) != len(acked)-2 {
		t.Errorf("%d entries delivered, want %d", len(got), len(acked)-2)
	}
	// It still takes entries, and a later commit drops the damaged files.
	s, err = spool.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	idx, err := s.Append(context.Background(), []byte("after"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(idx); err != nil {
		t.Fatal(err)
	}
	if n := len(segments(t, dir)); n != 1 {
		t.Errorf("%d segments after committing everything, want the active one", n)
	}
}

// onSmallDisk opens a spool with segments of segment bytes on a new 4 MiB tmpfs, and returns
// the spool, the tmpfs, the spool's directory and its options.
func onSmallDisk(t *testing.T, segment int64) (*spool.Spool, string, string, spool.Options) {
	t.Helper()
	mnt := t.TempDir()
	spooltest.MountTmpfs(t, mnt, "4m")
	dir := filepath.Join(mnt, "spool")
	opts := spool.Options{SegmentSize: segment, Reserve: -1}
	s, err := spool.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, mnt, dir, opts
}

// On a full disk an append is refused before anything is written, later appends take the
// refused ones' indices, and after space is freed everything acknowledged is there, once,
// and nothing refused.
func TestFullDiskRefusesCleanlyAndRecovers(t *testing.T) {
	s, mnt, dir, opts := onSmallDisk(t, 256<<10)
	acked := appendN(t, s, 0, 100)
	filler := spooltest.Fill(t, mnt)
	refused := 0
	for i := 1000; i < 20000 && refused < 50; i++ {
		idx, err := s.AppendMany(context.Background(), [][]byte{entry(i), entry(i + 100000)})
		if err != nil {
			if !errors.Is(err, spool.ErrFull) {
				t.Fatalf("append on a full disk: %v, want ErrFull", err)
			}
			refused++
			continue
		}
		acked[idx], acked[idx+1] = string(entry(i)), string(entry(i+100000))
	}
	if refused == 0 {
		t.Fatal("the full disk never refused an append")
	}
	if err := s.Writable(); !errors.Is(err, spool.ErrDiskFull) {
		t.Errorf("Writable on a full disk: %v, want ErrDiskFull", err)
	}
	// Committing (and so freeing segments) works on the full disk.
	pending, _ := s.Pending(10)
	if err := s.Commit(pending[len(pending)-1].Index); err != nil {
		t.Errorf("commit on a full disk: %v", err)
	}
	for _, e := range pending {
		delete(acked, e.Index)
	}
	os.Remove(filler)
	for k, v := range appendN(t, s, 50000, 100) {
		acked[k] = v
	}
	if err := s.Writable(); err != nil {
		t.Errorf("Writable after space was freed: %v", err)
	}
	s.Close()
	got, _, rec := contents(t, dir, opts)
	sameEntries(t, got, acked)
	if len(rec.Cut)+len(rec.Damaged) != 0 {
		t.Errorf("recovery after a full disk: %+v, want nothing to repair", rec)
	}
}

// A write that fails half-way inside a segment (here: a hole punched in the segment on a
// full disk, as a filesystem without preallocation would behave) is rolled back: nothing of
// it is read after a restart, and its indices are given to the next append.
func TestFailedWriteLeavesNoTrace(t *testing.T) {
	s, mnt, dir, opts := onSmallDisk(t, 1<<20)
	acked := appendN(t, s, 0, 10)
	seg := segments(t, dir)[0]
	b, _ := os.ReadFile(seg)
	end := int64(len(bytes.TrimRight(b, "\x00")))
	f, err := os.OpenFile(seg, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Deallocate the pages after the first one following the data: the next write starts
	// in allocated space and runs into the hole.
	page := (end/4096 + 1) * 4096
	if err := syscall.Fallocate(int(f.Fd()), 0x01|0x02 /* KEEP_SIZE|PUNCH_HOLE */, page, 256<<10); err != nil {
		t.Fatalf("punch a hole: %v", err)
	}
	f.Close()
	filler := spooltest.Fill(t, mnt)
	big := [][]byte{}
	for i := range 40 {
		big = append(big, bytes.Repeat([]byte{byte('a' + i%26)}, 1000))
	}
	if _, err := s.AppendMany(context.Background(), big); err == nil {
		t.Fatal("an append into the hole on a full disk succeeded")
	}
	os.Remove(filler)
	idx, err := s.Append(context.Background(), []byte("next"))
	if err != nil {
		t.Fatalf("append after the failure: %v", err)
	}
	acked[idx] = "next"
	if idx != 11 {
		t.Errorf("the append after the refused one got index %d, want 11 (the refused indices given again)", idx)
	}
	s.Close()
	got, _, _ := contents(t, dir, opts)
	sameEntries(t, got, acked)
}

// Damage that appears while the spool is open (a bad sector under a running server) must not
// stall delivery: the intact entries around it are delivered, the damage reported and the
// file copied aside, as at open.
func TestDamageWhileOpenIsSkippedAndReported(t *testing.T) {
	dir := t.TempDir()
	s, err := spool.Open(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acked := appendN(t, s, 0, 100)
	seg := segments(t, dir)[0]
	b, _ := os.ReadFile(seg)
	at := bytes.Index(b, entry(50))
	f, _ := os.OpenFile(seg, os.O_RDWR, 0)
	f.WriteAt([]byte("DAMAGE"), int64(at+2))
	f.Close()
	entries, err := s.Pending(1000)
	if err != nil {
		t.Fatalf("reading past damage: %v", err)
	}
	got := map[uint64]string{}
	for _, e := range entries {
		got[e.Index] = string(e.Data)
	}
	if len(got) != 99 {
		t.Errorf("%d entries delivered, want the 99 intact", len(got))
	}
	for idx, data := range acked {
		if got[idx] != data && data != string(entry(50)) {
			t.Errorf("intact entry %d not delivered", idx)
		}
	}
	rec := s.Recovered()
	if len(rec.Damaged) != 1 || len(rec.Aside) != 1 {
		t.Errorf("damage not reported: %+v", rec)
	}
	// Committing past it and appending go on as before.
	if err := s.Commit(entries[len(entries)-1].Index); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(context.Background(), []byte("after")); err != nil {
		t.Fatal(err)
	}
	if rest, err := s.Pending(10); err != nil || len(rest) != 1 || string(rest[0].Data) != "after" {
		t.Errorf("after the damage: %v %v", rest, err)
	}
}

// The committed marker lost (deleted by hand) on a disk that is full: committing, which is
// what frees segments, must still work.
func TestCommitWithoutMarkerOnAFullDisk(t *testing.T) {
	s, mnt, dir, opts := onSmallDisk(t, 256<<10)
	acked := appendN(t, s, 0, 50)
	s.Close()
	if err := os.Remove(filepath.Join(dir, "committed.marker")); err != nil {
		t.Fatal(err)
	}
	spooltest.Fill(t, mnt)
	s, err := spool.Open(dir, opts)
	if err != nil {
		t.Fatalf("open without marker on a full disk: %v", err)
	}
	defer s.Close()
	pending, _ := s.Pending(1000)
	if len(pending) != len(acked) {
		t.Fatalf("%d pending, want %d", len(pending), len(acked))
	}
	if err := s.Commit(pending[len(pending)-1].Index); err != nil {
		t.Errorf("commit without marker on a full disk: %v", err)
	}
}
