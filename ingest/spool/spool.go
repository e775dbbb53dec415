// Package spool is skm's durable local queue: what the intake acknowledges is on disk
// (fdatasync'd) first, and stays until the batcher has stored it in ClickHouse.
//
// The format is our own small write-ahead log, because the library used before
// (tidwall/wal) broke the promise at the edges of the disk: a failed write stayed in its
// memory and the next write reused its index (refused data stored, accepted data lost), and
// a torn or damaged file made it refuse to open. Here:
//
//   - records are framed (length) and checksummed (CRC-32C), with their index and a mark on
//     the last record of each append, so an append of many entries is all or nothing;
//   - segment files are zero-filled before use, so an append cannot run out of space half-way
//     and its fdatasync writes no file metadata; a full disk shows as a new segment that
//     cannot be made (and a reserve of free space is kept), refused before anything is written;
//   - an append that fails is rolled back on disk (its bytes zeroed) and in memory (its
//     indices are given again), so a refused write leaves no trace;
//   - concurrent appends share one write and one fdatasync (group commit);
//   - on open, a torn tail (an append cut by a crash, never acknowledged) is cut off and
//     logged with its offset; damage before intact records is logged loudly, the intact
//     records are delivered, and a copy of the damaged file is kept aside. Opening never
//     refuses because of what is in the files;
//   - the committed marker is written in place (two checksummed slots), so committing, and
//     with it freeing segments, needs no new space on a full disk.
package spool

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// ErrFull is returned by Append when the spool cannot take more now: its size limit is
// reached, or its disk is (nearly) full. Nothing was written; the sender should try later.
var ErrFull = errors.New("spool: the intake spool is full")

// ErrDiskFull is the ErrFull of a disk without the space for another segment and the reserve.
var ErrDiskFull = fmt.Errorf("%w: its disk is (nearly) full", ErrFull)

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("spool: the intake spool is closed")

// ErrBroken is returned by Append after a write failed and its bytes could not be rolled
// back: the spool takes nothing more until it is opened again.
var ErrBroken = errors.New("spool: the intake spool's disk failed")

// Options configure a spool. Zero values take the defaults noted on each field.
type Options struct {
	// MaxBytes bounds the data held (default 2 GiB); beyond it Append fails with ErrFull.
	MaxBytes int64
	// SegmentSize is the size of each segment file (default 16 MiB).
	SegmentSize int64
	// Reserve is the free space left on the disk when a segment is made (default 64 MiB,
	// at most a quarter of the filesystem); a segment that would cut into it is refused.
	Reserve int64
	// MaxGroup bounds how many appends share one fdatasync (default 4096).
	MaxGroup int
	// Linger is how long a group waits for more appends before its fdatasync (default 300 µs).
	Linger time.Duration
	// Logger receives what recovery found and write failures (default: discard).
	Logger *slog.Logger
}

// Entry is an entry read from the spool.
type Entry struct {
	Index uint64
	Data  []byte
}

// Recovery is what Open found in the files.
type Recovery struct {
	// Entries is how many entries were waiting to be committed.
	Entries int
	// Cut describes each torn tail cut off: file, offset and bytes.
	Cut []string
	// Damaged describes each damaged range before intact records: file and offsets.
	Damaged []string
	// Aside lists the copies of damaged files kept for inspection.
	Aside []string
}

// Spool is a durable local queue: an entry appended is on disk before Append returns, and
// stays until Commit says it has been stored downstream.
type Spool struct {
	dir  string
	opts Options
	log  *slog.Logger

	reqs   chan *appendReq
	notify chan struct{} // signalled after each group is durable
	sendMu sync.RWMutex  // held for reading while sending to reqs; Close takes it to close reqs

	commitMu sync.Mutex // one Commit at a time
	marker   *marker
	lock     *os.File // the directory, flocked: one process writes a spool

	mu        sync.Mutex
	segs      []*segment // in order; the active one (if any) is last
	active    *segment   // where appends go; nil until the first append after Open
	spare     *segment   // a zero-filled segment made ahead, or nil
	prepping  bool       // a spare is being made
	nextSeq   uint64
	next      uint64 // index of the next entry
	committed uint64
	cursor    position            // where the first entry after committed is
	ahead     map[uint64]position // position after each entry of the last Pending
	inflight  int64
	broken    error
	closed    bool
	recovery  Recovery

	preparing  sync.WaitGroup
	writerDone chan struct{}
}

// position is a byte offset in the segment with sequence number seq.
type position struct {
	seq uint64
	off int64
}

type appendReq struct {
	data  [][]byte
	index uint64 // of data[0]
	err   chan error
}

// Open opens (or creates) the spool in dir. Entries after the committed marker are pending;
// what the files hold never makes it fail (see Recovery), only the filesystem itself.
func Open(dir string, opts Options) (*Spool, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 2 << 30
	}
	if opts.SegmentSize <= 0 {
		opts.SegmentSize = 16 << 20
	}
	if opts.Reserve < 0 {
		opts.Reserve = 0
	} else if opts.Reserve == 0 {
		opts.Reserve = 64 << 20
	}
	if opts.MaxGroup <= 0 {
		opts.MaxGroup = 4096
	}
	if opts.Linger <= 0 {
		opts.Linger = 300 * time.Microsecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("spool: create %s: %w", dir, err)
	}
	lock, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("spool: open %s: %w", dir, err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return nil, fmt.Errorf("spool: %s is in use by another process (%w); one process writes a spool", dir, err)
	}
	if total, err := totalBytes(dir); err == nil && opts.Reserve > total/4 {
		opts.Reserve = total / 4
	}
	s := &Spool{dir: dir, opts: opts, log: opts.Logger, lock: lock, reqs: make(chan *appendReq, opts.MaxGroup),
		notify: make(chan struct{}, 1), writerDone: make(chan struct{}), nextSeq: 1}
	if err := s.recover(); err != nil {
		s.closeFiles()
		return nil, err
	}
	go s.writer()
	return s, nil
}

// recover reads every segment, cuts a torn tail, notes damage, and finds where to resume.
func (s *Spool) recover() error {
	m, committed, found, err := readMarker(s.dir)
	if err != nil {
		return err
	}
	s.marker = m
	seqs, err := listSegments(s.dir)
	if err != nil {
		return err
	}
	var last uint64
	type scanned struct {
		seg *segment
		res scanResult
	}
	var all []scanned
	for _, seq := range seqs {
		path := segmentPath(s.dir, seq)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("spool: open %s: %w", path, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			f.Close()
			return fmt.Errorf("spool: read %s: %w", path, err)
		}
		res := scanSegment(b, last)
		if res.records > 0 {
			last = res.last
		}
		all = append(all, scanned{&segment{seq: seq, path: path, f: f, size: int64(len(b)), end: res.end,
			first: res.first, last: res.last, holes: res.holes}, res})
		s.nextSeq = seq + 1
	}
	// The last segment holding records is where a crash can have cut an append.
	lastData := -1
	for i, sc := range all {
		if sc.res.records > 0 {
			lastData = i
		}
	}
	for i, sc := range all {
		seg, res := sc.seg, sc.res
		switch {
		case i > lastData:
			// No records: a segment made ahead, or one whose only append was torn.
			if res.tail > 0 {
				s.noteCut(seg, 0, res.tail)
			}
			if i == len(all)-1 && res.tail == 0 && seg.size >= s.opts.SegmentSize {
				s.spare = seg // zero-filled and unused: the next segment
				continue
			}
			seg.f.Close()
			if err := os.Remove(seg.path); err != nil {
				return fmt.Errorf("spool: remove empty segment: %w", err)
			}
			continue
		case i == lastData && (res.tail > 0 || !res.lastClosed):
			cut := res.end
			if !res.lastClosed {
				// An append of several entries is all or nothing: cut back to the last
				// record that closed its append.
				cut, seg.last = res.batchEnd, res.batchLast
				if seg.last == 0 {
					seg.first = 0
				}
				holes := res.holes[:0]
				for _, h := range res.holes {
					if h.to <= cut {
						holes = append(holes, h)
					}
				}
				res.holes, seg.holes = holes, holes
			}
			s.noteCut(seg, cut, seg.size-cut)
			if err := seg.f.Truncate(cut); err != nil {
				return fmt.Errorf("spool: cut the torn tail of %s: %w", seg.path, err)
			}
			if err := seg.f.Sync(); err != nil {
				return fmt.Errorf("spool: cut the torn tail of %s: %w", seg.path, err)
			}
			seg.size, seg.end = cut, cut
		case res.tail > 0:
			res.holes = append(res.holes, hole{res.end, res.end + res.tail})
		}
		if len(res.holes) > 0 {
			s.noteDamage(seg, res.holes)
		}
		s.segs = append(s.segs, seg)
	}
	var first uint64
	for _, seg := range s.segs {
		if seg.first > 0 {
			first = seg.first
			break
		}
	}
	last = 0
	for _, seg := range s.segs {
		if seg.last > last {
			last = seg.last
		}
	}
	switch {
	case !found && first > 0:
		s.log.Warn("spool: no committed marker; every entry in the files is sent again (stored ones are recognised by their ids)",
			"dir", s.dir)
		committed = first - 1
	case found && first > 0 && committed < first-1:
		committed = first - 1 // the marker was written before these segments were dropped
	}
	s.committed = committed
	s.next = max(last, committed) + 1
	// The cursor goes after the last committed entry, or before the first pending one.
	n := 0
	err = s.walk(position{}, func(e Entry, at, after position) bool {
		if e.Index <= committed {
			s.cursor = after
			return true
		}
		if n == 0 {
			s.cursor = at
		}
		n++
		return true
	})
	if err != nil {
		return err
	}
	s.recovery.Entries = n
	if !found {
		// Made now, while there is space: moving it later writes in place and needs none.
		if err := s.marker.write(s.dir, committed); err != nil {
			s.log.Warn("spool: could not create the committed marker yet; it is made at the first commit", "err", err)
		}
	}
	s.ensureBallast()
	return nil
}

// ballastName is a small file kept in the spool directory while there is space and given up
// when the committed marker must be made anew on a full disk (its file was lost): committing
// is what frees the disk, so it must never wait for space.
const ballastName, ballastSize = "ballast", 64 << 10

// ensureBallast makes the ballast file if it is missing and the disk has room; best effort.
func (s *Spool) ensureBallast() {
	path := filepath.Join(s.dir, ballastName)
	if _, err := os.Stat(path); err == nil {
		return
	}
	if err := os.WriteFile(path+".tmp", make([]byte, ballastSize), 0o640); err != nil {
		os.Remove(path + ".tmp")
		return
	}
	_ = os.Rename(path+".tmp", path)
}

func (s *Spool) noteCut(seg *segment, at, n int64) {
	what := fmt.Sprintf("%s@%d (%d bytes)", filepath.Base(seg.path), at, n)
	s.recovery.Cut = append(s.recovery.Cut, what)
	s.log.Warn("spool: cut a torn tail (an append interrupted by a crash, never acknowledged)",
		"file", seg.path, "offset", at, "bytes", n)
}

func (s *Spool) noteDamage(seg *segment, holes []hole) {
	aside, err := keepAside(s.dir, seg, time.Now())
	s.mu.Lock()
	for _, h := range holes {
		s.recovery.Damaged = append(s.recovery.Damaged, fmt.Sprintf("%s@%d-%d", filepath.Base(seg.path), h.from, h.to))
	}
	if err == nil {
		s.recovery.Aside = append(s.recovery.Aside, aside)
	}
	s.mu.Unlock()
	if err != nil {
		s.log.Error("spool: could not keep a copy of a damaged spool file", "file", seg.path, "err", err)
	}
	s.log.Error("SPOOL DAMAGED: bytes in the middle of a spool file are unreadable; the intact entries around them are delivered, "+
		"the entries in the damaged bytes are lost", "file", seg.path, "ranges", fmt.Sprint(holes), "copy_kept_at", aside)
}

// Recovered reports what Open found in the files, and damage found while reading since.
func (s *Spool) Recovered() Recovery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recovery
}

// Append stores data durably and returns its index once it is on disk.
func (s *Spool) Append(ctx context.Context, data []byte) (uint64, error) {
	return s.AppendMany(ctx, [][]byte{data})
}

// AppendMany stores several entries durably, all or none, and returns the index of the first
// once they are on disk; the others follow in order.
func (s *Spool) AppendMany(ctx context.Context, data [][]byte) (uint64, error) {
	if len(data) == 0 {
		return 0, errors.New("spool: nothing to append")
	}
	var size int64
	for _, d := range data {
		size += headerSize + int64(len(d))
	}
	s.sendMu.RLock()
	defer s.sendMu.RUnlock()
	s.mu.Lock()
	switch {
	case s.closed:
		s.mu.Unlock()
		return 0, ErrClosed
	case s.broken != nil:
		s.mu.Unlock()
		return 0, s.broken
	case s.pendingBytes()+s.inflight+size > s.opts.MaxBytes:
		s.mu.Unlock()
		return 0, fmt.Errorf("%w: it holds its limit of %d MiB not yet stored in ClickHouse", ErrFull, s.opts.MaxBytes>>20)
	}
	s.inflight += size
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inflight -= size
		s.mu.Unlock()
	}()
	req := &appendReq{data: data, err: make(chan error, 1)}
	select {
	case s.reqs <- req:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	// Once queued, the write happens whatever the caller does; wait for its outcome so an
	// acknowledgement is never given for data not on disk.
	if err := <-req.err; err != nil {
		return 0, err
	}
	return req.index, nil
}

// writer group-commits queued appends: one write and one fdatasync per group.
func (s *Spool) writer() {
	defer close(s.writerDone)
	group := make([]*appendReq, 0, s.opts.MaxGroup)
	var buf []byte
	for req := range s.reqs {
		group = append(group[:0], req)
		// Linger briefly so that the appends of concurrent handlers share this fdatasync: it
		// costs the disk far more than the wait costs a resident.
		linger := time.NewTimer(s.opts.Linger)
	fill:
		for len(group) < s.opts.MaxGroup {
			select {
			case r, ok := <-s.reqs:
				if !ok {
					break fill
				}
				group = append(group, r)
			case <-linger.C:
				break fill
			}
		}
		linger.Stop()
		var err error
		buf, err = s.writeGroup(group, buf[:0])
		for _, r := range group {
			r.err <- err
		}
		if err == nil {
			select {
			case s.notify <- struct{}{}:
			default:
			}
		}
	}
}

// writeGroup writes the group's records with one write and one fdatasync. On failure
// nothing of it stays: its bytes are zeroed again and its indices are given to the next group.
func (s *Spool) writeGroup(group []*appendReq, buf []byte) ([]byte, error) {
	s.mu.Lock()
	broken, idx := s.broken, s.next
	s.mu.Unlock()
	if broken != nil {
		return buf, broken
	}
	for _, r := range group {
		r.index = idx
		for i, d := range r.data {
			var flags uint32
			if i == len(r.data)-1 {
				flags = flagBatchEnd
			}
			buf = appendRecord(buf, idx, flags, d)
			idx++
		}
	}
	seg, err := s.segmentFor(int64(len(buf)))
	if err != nil {
		return buf, err
	}
	off := seg.end
	_, err = seg.f.WriteAt(buf, off)
	if err == nil {
		err = syscall.Fdatasync(int(seg.f.Fd()))
	}
	if err != nil {
		err = diskErr(err)
		s.log.Error("spool: append failed; nothing of it is kept", "file", seg.path, "offset", off, "bytes", len(buf), "err", err)
		if zerr := rollBack(seg.f, off, buf); zerr != nil {
			s.mu.Lock()
			s.broken = fmt.Errorf("%w: an append failed (%v) and could not be rolled back (%v); restart skm after checking the disk", ErrBroken, err, zerr)
			s.mu.Unlock()
			s.log.Error("SPOOL BROKEN: a failed append could not be rolled back; new entries are refused until skm restarts",
				"file", seg.path, "offset", off, "err", zerr)
		}
		// The next append starts a new segment: this one may now have unallocated blocks.
		s.mu.Lock()
		s.active = nil
		s.mu.Unlock()
		return buf, fmt.Errorf("spool: append: %w", err)
	}
	s.mu.Lock()
	if seg.first == 0 {
		seg.first = s.next
	}
	seg.end = off + int64(len(buf))
	seg.last = idx - 1
	s.next = idx
	wantSpare := s.spare == nil && !s.prepping && seg.end > seg.size/2
	s.prepping = s.prepping || wantSpare
	s.mu.Unlock()
	if wantSpare {
		s.prepareSpare()
	}
	return buf, nil
}

// rollBack makes the bytes of a failed write at off zero again, durably: by writing zeros,
// or, where that needs space the disk does not have, by punching a hole (which reads as
// zeros and needs none).
func rollBack(f *os.File, off int64, buf []byte) error {
	clear(buf)
	_, err := f.WriteAt(buf, off)
	if err != nil {
		const keepSize, punchHole = 0x01, 0x02
		err = syscall.Fallocate(int(f.Fd()), keepSize|punchHole, off, int64(len(buf)))
	}
	if err == nil {
		err = syscall.Fdatasync(int(f.Fd()))
	}
	return err
}

// segmentFor returns the active segment if n more bytes fit, else starts the next segment.
// Only the writer calls it.
func (s *Spool) segmentFor(n int64) (*segment, error) {
	s.mu.Lock()
	active := s.active
	s.mu.Unlock()
	if active != nil && active.end+n <= active.size {
		return active, nil
	}
	s.preparing.Wait()
	s.mu.Lock()
	seg := s.spare
	s.spare = nil
	if seg == nil || seg.size < n {
		if seg != nil {
			s.segs = append(s.segs, seg) // an empty segment: released with the others
		}
		seq := s.nextSeq
		s.nextSeq++
		s.mu.Unlock()
		var err error
		if seg, err = createSegment(s.dir, seq, max(s.opts.SegmentSize, n), s.opts.Reserve); err != nil {
			return nil, err
		}
		s.mu.Lock()
	}
	s.segs = append(s.segs, seg)
	s.active = seg
	s.mu.Unlock()
	s.ensureBallast()
	return seg, nil
}

// prepareSpare makes the next segment in the background, so an append rarely waits for one.
func (s *Spool) prepareSpare() {
	s.mu.Lock()
	seq := s.nextSeq
	s.nextSeq++
	s.mu.Unlock()
	s.preparing.Add(1)
	go func() {
		defer s.preparing.Done()
		seg, err := createSegment(s.dir, seq, s.opts.SegmentSize, s.opts.Reserve)
		s.mu.Lock()
		s.spare, s.prepping = seg, false
		s.mu.Unlock()
		if err != nil {
			s.log.Debug("spool: could not make the next segment ahead; trying again when it is needed", "err", err)
		}
	}()
}

// Appended is signalled after appends become durable; readers wait on it.
func (s *Spool) Appended() <-chan struct{} { return s.notify }

// Pending returns up to max entries after the committed marker, oldest first.
func (s *Spool) Pending(max int) ([]Entry, error) {
	s.mu.Lock()
	from := s.cursor
	s.mu.Unlock()
	var out []Entry
	ahead := make(map[uint64]position, min(max, 1<<14))
	err := s.walk(from, func(e Entry, _, after position) bool {
		if len(out) >= max {
			return false
		}
		out = append(out, e)
		ahead[e.Index] = after
		return true
	})
	s.mu.Lock()
	s.ahead = ahead
	s.mu.Unlock()
	return out, err
}

// Scan calls fn with every entry not yet committed, oldest first.
func (s *Spool) Scan(fn func(Entry) error) error {
	s.mu.Lock()
	from := s.cursor
	s.mu.Unlock()
	var ferr error
	err := s.walk(from, func(e Entry, _, _ position) bool {
		ferr = fn(e)
		return ferr == nil
	})
	if ferr != nil {
		return ferr
	}
	return err
}

// walk reads the durable entries from position from on, calling fn with each entry, its
// position and the position after it, until fn returns false.
func (s *Spool) walk(from position, fn func(e Entry, at, after position) bool) error {
	type view struct {
		seg   *segment
		end   int64
		holes []hole
	}
	s.mu.Lock()
	var segs []view
	for _, seg := range s.segs {
		if seg.seq >= from.seq {
			segs = append(segs, view{seg, seg.end, seg.holes})
		}
	}
	s.mu.Unlock()
	const chunk = 1 << 20
	var err error
	var after uint64 // the index of the last intact record read
	for _, v := range segs {
		off := int64(0)
		if v.seg.seq == from.seq {
			off = from.off
		}
		var buf []byte
		var bufAt int64
		for off < v.end {
			if h, in := holeAt(v.holes, off); in {
				off = h.to
				continue
			}
			limit := v.end
			if h, ok := nextHole(v.holes, off); ok {
				limit = h.from
			}
			// Read a chunk holding the header, then one holding the whole record.
			if off < bufAt || off+headerSize > bufAt+int64(len(buf)) {
				if buf, err = readChunk(v.seg, off, min(chunk, limit-off)); err != nil {
					return err
				}
				bufAt = off
			}
			if rest := buf[off-bufAt:]; len(rest) >= headerSize {
				if need := headerSize + int64(binary.LittleEndian.Uint32(rest[8:])); need > int64(len(rest)) && off+need <= limit {
					if buf, err = readChunk(v.seg, off, min(max(chunk, need), limit-off)); err != nil {
						return err
					}
					bufAt = off
				}
			}
			r, ok := parseRecord(buf[off-bufAt:])
			if !ok {
				// Damaged after the spool was opened (a bad sector, a stray write): skip to
				// the next intact record, as opening would, and go on delivering.
				if off, err = s.damagedAt(v.seg, off, v.end, after); err != nil {
					return err
				}
				buf, bufAt = nil, 0
				continue
			}
			after = r.index
			at := position{v.seg.seq, off}
			off += r.size()
			if !fn(Entry{Index: r.index, Data: r.data}, at, position{v.seg.seq, off}) {
				return nil
			}
		}
	}
	return nil
}

// damagedAt handles bytes of seg at off that fail their checksum after the spool was opened:
// it finds the next intact record (with an index above after) before end, remembers the
// range as a hole that every later read skips, keeps a copy of the file aside and says so
// loudly. It returns where reading goes on (end when nothing intact follows).
func (s *Spool) damagedAt(seg *segment, off, end int64, after uint64) (int64, error) {
	b := make([]byte, end-off)
	if _, err := seg.f.ReadAt(b, off); err != nil {
		return 0, fmt.Errorf("spool: read %s at %d: %w", seg.path, off, err)
	}
	to := end
	if next := resync(b, 1, after); next > 0 {
		to = off + int64(next)
	}
	h := hole{off, to}
	s.mu.Lock()
	i := 0
	for i < len(seg.holes) && seg.holes[i].from < off {
		i++
	}
	seg.holes = append(seg.holes[:i], append([]hole{h}, seg.holes[i:]...)...)
	s.mu.Unlock()
	s.noteDamage(seg, []hole{h})
	return to, nil
}

func readChunk(seg *segment, off, n int64) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := seg.f.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("spool: read %s at %d: %w", seg.path, off, err)
	}
	return buf, nil
}

func holeAt(holes []hole, off int64) (hole, bool) {
	for _, h := range holes {
		if off >= h.from && off < h.to {
			return h, true
		}
	}
	return hole{}, false
}

func nextHole(holes []hole, off int64) (hole, bool) {
	for _, h := range holes {
		if h.from >= off {
			return h, true
		}
	}
	return hole{}, false
}

// Commit records that every entry up to and including index is stored downstream: it
// writes the marker durably, then drops the segments holding only committed entries.
func (s *Spool) Commit(index uint64) error {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	s.mu.Lock()
	prev, after, known := s.committed, s.cursor, false
	if p, ok := s.ahead[index]; ok {
		after, known = p, true
	}
	s.mu.Unlock()
	if index <= prev {
		return nil
	}
	if !known {
		err := s.walk(after, func(e Entry, at, next position) bool {
			if e.Index > index {
				after = at
				return false
			}
			after = next
			return true
		})
		if err != nil {
			return err
		}
	}
	if err := s.marker.write(s.dir, index); err != nil {
		// A marker made anew (its file was lost) needs a block; on a full disk the ballast
		// kept for this gives it one.
		if !errors.Is(err, syscall.ENOSPC) || os.Remove(filepath.Join(s.dir, ballastName)) != nil {
			return err
		}
		s.log.Warn("spool: the disk is full; the ballast file was given up to write the committed marker")
		if err := s.marker.write(s.dir, index); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.committed, s.cursor = index, after
	var drop []*segment
	keep := s.segs[:0]
	for _, seg := range s.segs {
		if seg != s.active && seg.seq < after.seq {
			drop = append(drop, seg)
			continue
		}
		keep = append(keep, seg)
	}
	s.segs = keep
	s.mu.Unlock()
	for _, seg := range drop {
		seg.f.Close()
		if err := os.Remove(seg.path); err != nil {
			return fmt.Errorf("spool: drop %s: %w", seg.path, err)
		}
	}
	return nil
}

// pendingBytes is the size on disk of the entries not yet committed; s.mu is held.
func (s *Spool) pendingBytes() int64 {
	var n int64
	for _, seg := range s.segs {
		switch {
		case seg.seq > s.cursor.seq:
			n += seg.end
		case seg.seq == s.cursor.seq:
			n += seg.end - s.cursor.off
		}
	}
	return n
}

// Depth is the number of entries not yet committed downstream.
func (s *Spool) Depth() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next-1 <= s.committed {
		return 0
	}
	return s.next - 1 - s.committed
}

// Bytes is the size of the entries not yet committed.
func (s *Spool) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pendingBytes()
}

// Committed is the highest index known stored downstream.
func (s *Spool) Committed() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.committed
}

// Writable reports why an append would be refused now (nil: it would be taken): a failed
// disk, a spool at its limit, or a disk without room for the next segment and the reserve.
func (s *Spool) Writable() error {
	s.mu.Lock()
	broken, closed := s.broken, s.closed
	full := s.pendingBytes()+s.inflight >= s.opts.MaxBytes
	room := (s.active != nil && s.active.size-s.active.end >= 64<<10) || s.spare != nil
	s.mu.Unlock()
	switch {
	case closed:
		return ErrClosed
	case broken != nil:
		return broken
	case full:
		return fmt.Errorf("%w: it holds its limit of %d MiB not yet stored in ClickHouse", ErrFull, s.opts.MaxBytes>>20)
	case room:
		return nil
	}
	free, err := freeBytes(s.dir)
	if err != nil {
		return fmt.Errorf("spool: %s: %w", s.dir, err)
	}
	if free < s.opts.SegmentSize+s.opts.Reserve {
		return fmt.Errorf("%w: %d MiB free on the spool's disk, %d MiB needed", ErrDiskFull, free>>20, (s.opts.SegmentSize+s.opts.Reserve)>>20)
	}
	if err := syscall.Access(s.dir, 2 /* W_OK */); err != nil {
		return fmt.Errorf("spool: directory %s is not writable: %w", s.dir, err)
	}
	return nil
}

// Close stops accepting appends, waits for queued ones and closes the files.
func (s *Spool) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.sendMu.Lock()
	close(s.reqs)
	s.sendMu.Unlock()
	<-s.writerDone
	s.preparing.Wait()
	s.closeFiles()
	return nil
}

func (s *Spool) closeFiles() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, seg := range s.segs {
		seg.f.Close()
	}
	if s.spare != nil {
		s.spare.f.Close()
	}
	if s.marker != nil {
		s.marker.close()
	}
	if s.lock != nil {
		_ = syscall.Flock(int(s.lock.Fd()), syscall.LOCK_UN)
		s.lock.Close()
		s.lock = nil
	}
}

// totalBytes is the size of dir's filesystem.
func totalBytes(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Blocks) * int64(st.Bsize), nil
}
