package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tidwall/wal"
)

// ErrSpoolFull is returned by Append when the spool has reached its size limit or the disk
// is full. Nothing was written; the caller must tell the sender to try again later.
var ErrSpoolFull = errors.New("ingest: the intake spool is full")

// ErrSpoolClosed is returned by Append after Close.
var ErrSpoolClosed = errors.New("ingest: the intake spool is closed")

// SpoolOptions configure a spool. Zero values take the defaults noted on each field.
type SpoolOptions struct {
	// MaxBytes bounds the data held (default 2 GiB); beyond it Append fails with ErrSpoolFull.
	MaxBytes int64
	// MaxGroup bounds how many appends share one fsync (default 4096).
	MaxGroup int
	// Linger is how long a group waits for more appends before its fsync (default 300 µs).
	Linger time.Duration
}

// Spool is a durable local queue: an entry appended is on disk (fsync'd) before Append
// returns, and stays until Commit says it has been stored downstream. Concurrent appends
// are group-committed: every append waiting while one fsync runs shares the next one.
type Spool struct {
	dir  string
	opts SpoolOptions
	log  *wal.Log

	reqs   chan *appendReq
	notify chan struct{} // signalled after each group is durable

	sendMu sync.RWMutex // held for reading while sending to reqs; Close takes it to close reqs

	mu        sync.Mutex
	committed uint64  // highest index known stored downstream (durable in the marker file)
	bytes     int64   // bytes of uncommitted entries, and of appends in flight
	sizes     []int64 // sizes of the uncommitted entries, oldest first
	closed    bool

	writerDone chan struct{}
}

type appendReq struct {
	data  [][]byte
	index uint64 // of data[0]
	err   chan error
}

// SpoolEntry is an entry read from the spool.
type SpoolEntry struct {
	Index uint64
	Data  []byte
}

const markerName = "committed"

// OpenSpool opens (or creates) the spool in dir and finds where to resume: entries after the
// committed marker are replayed by the reader.
func OpenSpool(dir string, opts SpoolOptions) (*Spool, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 2 << 30
	}
	if opts.MaxGroup <= 0 {
		opts.MaxGroup = 4096
	}
	if opts.Linger <= 0 {
		opts.Linger = 300 * time.Microsecond
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("ingest: create spool %s: %w", dir, err)
	}
	l, err := wal.Open(filepath.Join(dir, "wal"), &wal.Options{NoSync: false, SegmentSize: 4 << 20, NoCopy: true})
	if err != nil {
		return nil, fmt.Errorf("ingest: open spool %s: %w", dir, err)
	}
	s := &Spool{dir: dir, opts: opts, log: l, reqs: make(chan *appendReq, opts.MaxGroup),
		notify: make(chan struct{}, 1), writerDone: make(chan struct{})}
	s.committed, err = readMarker(filepath.Join(dir, markerName))
	if err != nil {
		l.Close()
		return nil, err
	}
	first, _ := l.FirstIndex()
	last, _ := l.LastIndex()
	if last > 0 && s.committed < first-1 {
		// The marker can only lag behind the log's front if it was lost; entries before the
		// front were committed, or they would not have been truncated.
		s.committed = first - 1
	}
	for i := s.committed + 1; last > 0 && i <= last; i++ {
		b, err := l.Read(i)
		if err != nil {
			l.Close()
			return nil, fmt.Errorf("ingest: spool %s: entry %d unreadable: %w", dir, i, err)
		}
		s.bytes += int64(len(b))
		s.sizes = append(s.sizes, int64(len(b)))
	}
	go s.writer()
	return s, nil
}

func readMarker(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("ingest: read spool marker: %w", err)
	}
	v, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("ingest: spool marker %s is damaged (%q): %w", path, b, err)
	}
	return v, nil
}

// Append stores data durably and returns its index once it is on disk.
func (s *Spool) Append(ctx context.Context, data []byte) (uint64, error) {
	return s.AppendMany(ctx, [][]byte{data})
}

// AppendMany stores several entries durably with one fsync, and returns the index of the
// first once they are on disk; the others follow in order.
func (s *Spool) AppendMany(ctx context.Context, data [][]byte) (uint64, error) {
	var size int64
	for _, d := range data {
		size += int64(len(d))
	}
	s.sendMu.RLock()
	defer s.sendMu.RUnlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return 0, ErrSpoolClosed
	}
	if s.bytes+size > s.opts.MaxBytes {
		s.mu.Unlock()
		return 0, ErrSpoolFull
	}
	s.bytes += size
	s.mu.Unlock()
	req := &appendReq{data: data, err: make(chan error, 1)}
	select {
	case s.reqs <- req:
	case <-ctx.Done():
		s.addBytes(-size)
		return 0, ctx.Err()
	}
	// Once queued, the write happens whatever the caller does; wait for its outcome so an
	// acknowledgement is never given for data not on disk.
	if err := <-req.err; err != nil {
		s.addBytes(-size)
		return 0, err
	}
	return req.index, nil
}

func (s *Spool) addBytes(n int64) {
	s.mu.Lock()
	s.bytes += n
	s.mu.Unlock()
}

// writer group-commits queued appends: one WriteBatch (one fsync) per group.
func (s *Spool) writer() {
	defer close(s.writerDone)
	group := make([]*appendReq, 0, s.opts.MaxGroup)
	var batch wal.Batch
	for req := range s.reqs {
		group = append(group[:0], req)
		// Linger briefly so that the appends of concurrent handlers share this fsync: an
		// fsync costs the kernel far more than the wait costs a resident.
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
		last, err := s.log.LastIndex()
		if err == nil {
			batch.Clear()
			next := last + 1
			for _, r := range group {
				r.index = next
				for _, d := range r.data {
					batch.Write(next, d)
					next++
				}
			}
			err = s.log.WriteBatch(&batch)
		}
		if err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				err = fmt.Errorf("%w: the disk is full: %v", ErrSpoolFull, err)
			} else {
				err = fmt.Errorf("ingest: spool write: %w", err)
			}
		}
		if err == nil {
			s.mu.Lock()
			for _, r := range group {
				for _, d := range r.data {
					s.sizes = append(s.sizes, int64(len(d)))
				}
			}
			s.mu.Unlock()
		}
		for _, r := range group {
			r.err <- err
		}
		select {
		case s.notify <- struct{}{}:
		default:
		}
	}
}

// Appended is signalled after appends become durable; readers wait on it.
func (s *Spool) Appended() <-chan struct{} { return s.notify }

// Pending returns up to max entries after the committed marker, oldest first.
func (s *Spool) Pending(max int) ([]SpoolEntry, error) {
	s.mu.Lock()
	from := s.committed + 1
	s.mu.Unlock()
	last, err := s.log.LastIndex()
	if err != nil {
		return nil, fmt.Errorf("ingest: spool: %w", err)
	}
	var out []SpoolEntry
	for i := from; i <= last && len(out) < max; i++ {
		b, err := s.log.Read(i)
		if err != nil {
			return out, fmt.Errorf("ingest: spool read %d: %w", i, err)
		}
		out = append(out, SpoolEntry{Index: i, Data: append([]byte(nil), b...)})
	}
	return out, nil
}

// Commit records that every entry up to and including index is stored downstream: it
// writes the marker durably, then drops those entries from disk.
func (s *Spool) Commit(index uint64) error {
	s.mu.Lock()
	prev := s.committed
	s.mu.Unlock()
	if index <= prev {
		return nil
	}
	if err := writeMarker(filepath.Join(s.dir, markerName), index); err != nil {
		return err
	}
	s.mu.Lock()
	n := min(int(index-s.committed), len(s.sizes))
	for _, sz := range s.sizes[:n] {
		s.bytes -= sz
	}
	s.sizes = s.sizes[n:]
	s.committed = index
	s.mu.Unlock()
	// The log keeps at least one entry, so the front moves to the committed one, which the
	// marker says to skip.
	if first, err := s.log.FirstIndex(); err == nil && index > first {
		if err := s.log.TruncateFront(index); err != nil {
			return fmt.Errorf("ingest: spool truncate: %w", err)
		}
	}
	return nil
}

func writeMarker(path string, v uint64) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o640)
	if err != nil {
		return fmt.Errorf("ingest: spool marker: %w", err)
	}
	_, err = f.WriteString(strconv.FormatUint(v, 10) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		return fmt.Errorf("ingest: spool marker: %w", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Depth is the number of entries not yet committed downstream.
func (s *Spool) Depth() uint64 {
	s.mu.Lock()
	c := s.committed
	s.mu.Unlock()
	last, err := s.log.LastIndex()
	if err != nil || last <= c {
		return 0
	}
	return last - c
}

// Bytes is the approximate size of the entries not yet committed.
func (s *Spool) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytes
}

// Writable reports whether the spool's directory accepts a new file, for readiness checks.
func (s *Spool) Writable() error {
	f, err := os.CreateTemp(s.dir, ".probe-")
	if err != nil {
		return fmt.Errorf("spool directory %s is not writable: %w", s.dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
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
	return s.log.Close()
}

// Committed is the highest index known stored downstream.
func (s *Spool) Committed() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.committed
}

// Scan calls fn with every entry not yet committed, oldest first.
func (s *Spool) Scan(fn func(SpoolEntry) error) error {
	from := s.Committed() + 1
	last, err := s.log.LastIndex()
	if err != nil {
		return fmt.Errorf("ingest: spool: %w", err)
	}
	for i := from; i <= last; i++ {
		b, err := s.log.Read(i)
		if err != nil {
			return fmt.Errorf("ingest: spool read %d: %w", i, err)
		}
		if err := fn(SpoolEntry{Index: i, Data: b}); err != nil {
			return err
		}
	}
	return nil
}
