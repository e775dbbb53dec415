package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/wal"

	"skm/ingest/spool"
)

// OpenSpool opens the intake spool in dir. What an older skm left pending in its spool of
// the earlier format (a tidwall/wal log in dir/wal with the marker dir/committed) is moved
// into it first, so an upgrade loses nothing that was acknowledged.
func OpenSpool(dir string, opts spool.Options) (*spool.Spool, error) {
	sp, err := spool.Open(dir, opts)
	if err != nil {
		return nil, err
	}
	if err := moveLegacySpool(dir, sp, opts.Logger); err != nil {
		sp.Close()
		return nil, err
	}
	return sp, nil
}

func moveLegacySpool(dir string, sp *spool.Spool, logger *slog.Logger) error {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	legacy := filepath.Join(dir, "wal")
	if _, err := os.Stat(legacy); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var committed uint64
	if b, err := os.ReadFile(filepath.Join(dir, "committed")); err == nil {
		committed, _ = strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	}
	l, err := wal.Open(legacy, &wal.Options{NoCopy: true})
	if err != nil {
		aside := filepath.Join(dir, "damaged", "legacy-wal."+time.Now().UTC().Format("20060102T150405Z"))
		logger.Error("SPOOL DAMAGED: the spool of the earlier format cannot be read; it is kept aside for inspection",
			"dir", legacy, "kept_at", aside, "err", err)
		if err := os.MkdirAll(filepath.Dir(aside), 0o750); err != nil {
			return fmt.Errorf("ingest: keep the old spool aside: %w", err)
		}
		return os.Rename(legacy, aside)
	}
	first, _ := l.FirstIndex()
	last, _ := l.LastIndex()
	var batch [][]byte
	moved := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := sp.AppendMany(context.Background(), batch); err != nil {
			return fmt.Errorf("ingest: move the old spool's entries: %w", err)
		}
		moved += len(batch)
		batch = nil
		return nil
	}
	for i := max(first, committed+1); last > 0 && i <= last; i++ {
		b, err := l.Read(i)
		if err != nil {
			logger.Warn("spool: the old spool ends in an unreadable entry; the entries before it are moved", "index", i, "err", err)
			break
		}
		batch = append(batch, append([]byte(nil), b...))
		if len(batch) == 1000 {
			if err := flush(); err != nil {
				l.Close()
				return err
			}
		}
	}
	if err := flush(); err != nil {
		l.Close()
		return err
	}
	l.Close()
	logger.Info("spool: moved the pending entries of the earlier spool format", "entries", moved)
	if err := os.RemoveAll(legacy); err != nil {
		return fmt.Errorf("ingest: remove the old spool: %w", err)
	}
	_ = os.Remove(filepath.Join(dir, "committed"))
	return nil
}
