package spool

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A segment is one file of records, named after its sequence number. Segments are
// zero-filled to their full size before the first record is written into them, so an
// append writes into blocks that already exist: it cannot run out of space half-way, and
// its fdatasync does not journal a growing file's metadata.
type segment struct {
	seq  uint64
	path string
	f    *os.File
	size int64 // bytes in the file
	end  int64 // end of the durable records (where the next append goes, for the active one)
	// first and last are the indices of the first and last intact record (0: none).
	first, last uint64
	// holes are damaged byte ranges found at open, skipped when reading.
	holes []hole
}

// hole is a damaged byte range [from, to) of a segment.
type hole struct{ from, to int64 }

const segmentPrefix, segmentSuffix = "seg-", ".log"

func segmentPath(dir string, seq uint64) string {
	return filepath.Join(dir, fmt.Sprintf("%s%012d%s", segmentPrefix, seq, segmentSuffix))
}

// listSegments returns the sequence numbers of the segment files in dir, in order.
func listSegments(dir string) ([]uint64, error) {
	names, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("spool: list %s: %w", dir, err)
	}
	var seqs []uint64
	for _, n := range names {
		name := n.Name()
		if !strings.HasPrefix(name, segmentPrefix) || !strings.HasSuffix(name, segmentSuffix) {
			continue
		}
		seq, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(name, segmentPrefix), segmentSuffix), 10, 64)
		if err == nil {
			seqs = append(seqs, seq)
		}
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	return seqs, nil
}

// scanResult is what reading a whole segment found.
type scanResult struct {
	records    int
	first      uint64
	last       uint64
	end        int64  // end of the last intact record
	batchEnd   int64  // end of the last record that closed its batch
	batchLast  uint64 // index of that record
	lastClosed bool   // the last intact record closed its batch
	holes      []hole // damaged ranges followed by intact records
	tail       int64  // bytes after end that are neither zero nor records (a torn tail)
}

// scanSegment reads b, a whole segment, and finds its intact records. after is the index
// of the last record of the segments before (records must go up from there).
func scanSegment(b []byte, after uint64) scanResult {
	var res scanResult
	pos := 0
	last := after
	for pos < len(b) {
		r, ok := parseRecord(b[pos:])
		if ok && r.index > last {
			if res.first == 0 {
				res.first = r.index
			}
			res.records++
			last = r.index
			pos += int(r.size())
			res.end = int64(pos)
			res.lastClosed = r.flags&flagBatchEnd != 0
			if res.lastClosed {
				res.batchEnd, res.batchLast = res.end, r.index
			}
			continue
		}
		if allZero(b[pos:]) {
			break // the clean end: the rest of the file is as it was zero-filled
		}
		next := resync(b, pos+1, last)
		if next < 0 {
			res.tail = int64(len(b) - pos)
			break
		}
		res.holes = append(res.holes, hole{int64(pos), int64(next)})
		pos = next
	}
	res.last = last
	if res.records == 0 {
		res.last = 0
	}
	return res
}

// createSegment makes a zero-filled segment of size bytes at path, durable before it is
// used. It fails without leaving a file when the disk cannot hold it with reserve bytes to
// spare.
func createSegment(dir string, seq uint64, size, reserve int64) (*segment, error) {
	if free, err := freeBytes(dir); err == nil && free < size+reserve {
		return nil, fmt.Errorf("%w: %d MiB free on the spool's disk, a new segment needs %d MiB and %d MiB are kept in reserve",
			ErrDiskFull, free>>20, size>>20, reserve>>20)
	}
	path := segmentPath(dir, seq)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o640)
	if err != nil {
		return nil, fmt.Errorf("spool: create segment: %w", diskErr(err))
	}
	fail := func(err error) (*segment, error) {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("spool: create segment %s: %w", filepath.Base(path), diskErr(err))
	}
	zeros := make([]byte, 1<<20)
	for off := int64(0); off < size; off += int64(len(zeros)) {
		n := min(int64(len(zeros)), size-off)
		if _, err := f.WriteAt(zeros[:n], off); err != nil {
			return fail(err)
		}
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := syncDir(dir); err != nil {
		return fail(err)
	}
	return &segment{seq: seq, path: path, f: f, size: size}, nil
}

// diskErr marks a write error caused by a full disk with ErrDiskFull.
func diskErr(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%w: %v", ErrDiskFull, err)
	}
	return err
}

// freeBytes is the space an unprivileged writer can still use on dir's filesystem.
func freeBytes(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// keepAside copies a damaged segment into dir/damaged once, for inspection, and returns the
// copy's path.
func keepAside(dir string, s *segment, now time.Time) (string, error) {
	aside := filepath.Join(dir, "damaged")
	if err := os.MkdirAll(aside, 0o750); err != nil {
		return "", err
	}
	base := filepath.Base(s.path)
	if prior, _ := filepath.Glob(filepath.Join(aside, base+".*")); len(prior) > 0 {
		return prior[0], nil
	}
	dst := filepath.Join(aside, base+"."+now.UTC().Format("20060102T150405Z"))
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, io.NewSectionReader(s.f, 0, s.size))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return "", err
	}
	return dst, nil
}
