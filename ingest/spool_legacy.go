package ingest

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"skm/ingest/spool"
)

// OpenSpool opens the intake spool in dir. What an older skm left pending in its spool of
// the earlier format (a tidwall/wal log in dir/wal, with the marker dir/committed) is moved
// into it first, as far as the disk allows: a torn tail of the old log is cut, and whatever
// cannot be moved for lack of space stays where it is for MoveLegacySpool to move later —
// opening never fails because of the old spool.
func OpenSpool(dir string, opts spool.Options) (*spool.Spool, error) {
	sp, err := spool.Open(dir, opts)
	if err != nil {
		return nil, err
	}
	if _, err := MoveLegacySpool(dir, sp, opts.Logger); err != nil && opts.Logger != nil {
		opts.Logger.Error("spool: the entries of the earlier spool format could not all be moved yet; they stay in spool/wal and are moved as soon as the disk allows",
			"err", err)
	}
	return sp, nil
}

// KeepMovingLegacySpool retries MoveLegacySpool every interval until nothing is left or ctx
// ends (serve runs it when the disk was too full at start).
func KeepMovingLegacySpool(ctx context.Context, dir string, sp *spool.Spool, logger *slog.Logger, interval time.Duration) {
	for {
		left, err := MoveLegacySpool(dir, sp, logger)
		if !left {
			return
		}
		if err != nil && logger != nil {
			logger.Warn("spool: the earlier spool's entries still wait for disk space", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// legacySegment is one file of the earlier spool format: entries framed as a uvarint length
// and the data, the first entry's index in the file name (20 digits).
type legacySegment struct {
	index uint64
	path  string
}

// MoveLegacySpool moves the pending entries of the earlier spool format in dir/wal into sp,
// one old file at a time, and removes each file once its entries are durable in sp (a crash
// in between moves them again; the batcher stores an id once). A torn tail is cut; damage
// before intact entries loses only the damaged entries and is logged. It reports whether
// anything is left (the disk was full).
func MoveLegacySpool(dir string, sp *spool.Spool, logger *slog.Logger) (left bool, err error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	legacy := filepath.Join(dir, "wal")
	segs, err := legacySegments(legacy)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	// Entries up to done need no moving: stored (the old marker), or moved already by an
	// earlier attempt that ran out of space (the progress file; if it could not be written,
	// they are moved again and stored once by their ids).
	done := readIndex(filepath.Join(dir, "committed"))
	progress := filepath.Join(legacy, "moved")
	done = max(done, readIndex(progress))
	for i, seg := range segs {
		data, err := os.ReadFile(seg.path)
		if err != nil {
			return true, fmt.Errorf("ingest: read the earlier spool: %w", err)
		}
		entries, torn := legacyEntries(data)
		if torn >= 0 {
			logger.Warn("spool: an entry of the earlier spool is cut or damaged; the entries before it are moved",
				"file", seg.path, "offset", torn, "last_file", i == len(segs)-1)
		}
		var batch [][]byte
		first := seg.index // of batch[0]
		for k, e := range entries {
			if seg.index+uint64(k) > done {
				if batch == nil {
					first = seg.index + uint64(k)
				}
				batch = append(batch, e)
			}
		}
		for start := 0; start < len(batch); start += 1000 {
			end := min(start+1000, len(batch))
			if _, err := sp.AppendMany(context.Background(), batch[start:end]); err != nil {
				return true, fmt.Errorf("ingest: move the earlier spool's entries: %w", err)
			}
			_ = os.WriteFile(progress, []byte(strconv.FormatUint(first+uint64(end)-1, 10)+"\n"), 0o640)
		}
		if err := os.Remove(seg.path); err != nil {
			return true, fmt.Errorf("ingest: remove a moved file of the earlier spool: %w", err)
		}
		logger.Info("spool: moved the pending entries of a file of the earlier spool format", "file", seg.path, "entries", len(batch))
	}
	_ = os.RemoveAll(legacy)
	_ = os.Remove(filepath.Join(dir, "committed"))
	return false, nil
}

// readIndex reads a decimal index from path (0 when missing or unreadable).
func readIndex(path string) uint64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	v, _ := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	return v
}

// legacySegments lists the earlier spool's files in order; a ".START" file (left by a
// truncation from the front) makes the files before it obsolete.
func legacySegments(dir string) ([]legacySegment, error) {
	names, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var segs []legacySegment
	start := -1
	for _, n := range names {
		name := n.Name()
		if n.IsDir() || len(name) < 20 {
			continue
		}
		index, err := strconv.ParseUint(name[:20], 10, 64)
		if err != nil || index == 0 || (len(name) != 20 && name[20:] != ".START" && name[20:] != ".END") {
			continue
		}
		segs = append(segs, legacySegment{index, filepath.Join(dir, name)})
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].index < segs[j].index })
	for i, s := range segs {
		if strings.HasSuffix(s.path, ".START") {
			start = i
		}
	}
	if start > 0 {
		segs = segs[start:]
	}
	return segs, nil
}

// legacyEntries splits a file of the earlier format into its entries; torn is the offset
// of a cut or damaged entry that ends the readable part (-1: none).
func legacyEntries(data []byte) (entries [][]byte, torn int) {
	for pos := 0; pos < len(data); {
		size, n := binary.Uvarint(data[pos:])
		if n <= 0 || uint64(len(data)-pos-n) < size {
			return entries, pos
		}
		entries = append(entries, data[pos+n:pos+n+int(size)])
		pos += n + int(size)
	}
	return entries, -1
}
