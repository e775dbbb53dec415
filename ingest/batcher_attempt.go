package ingest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"skm/ingest/spool"
)

// On a cluster a batch whose insert failed or timed out may have landed on some shards, or
// on one replica of a shard without its quorum: a read cannot tell yet. The replicated
// tables drop a block identical to one they stored (ClickHouse's block deduplication, over
// the last replicated_deduplication_window blocks, kept in ZooKeeper), and the Distributed
// table cuts a block into the same per-shard blocks each time. So the retry must be the same
// batch: the same spool entries, nothing added. It checks the ids again and leaves out those
// stored since (they were a whole shard's block, or another server's), which keeps each
// remaining shard's block identical to the first attempt's. The attempt's last spool index
// is kept in memory and, when AttemptFile is set, on disk (fsync'd before the insert), so a
// restarted server retries the same batch too.

// attemptedBatch returns the entries of the next batch: the pending entries, but no further
// than the last attempt whose outcome is unknown.
func (b *Batcher) attemptedBatch(max int) ([]spool.Entry, error) {
	entries, err := b.spool.Pending(max)
	if err != nil || b.attempted == 0 {
		return entries, err
	}
	for i, e := range entries {
		if e.Index > b.attempted {
			return entries[:i], nil
		}
	}
	return entries, nil
}

// markAttempt records that the batch ending at spool index last is about to be inserted.
func (b *Batcher) markAttempt(last uint64) error {
	if !b.store.Replicated() || b.attempted == last {
		b.attempted = last
		return nil
	}
	b.attempted = last
	if b.opts.AttemptFile == "" {
		return nil
	}
	return writeSynced(b.opts.AttemptFile, binary.BigEndian.AppendUint64(nil, last))
}

// clearAttempt forgets the attempt once its batch is committed in the spool.
func (b *Batcher) clearAttempt() {
	if b.attempted == 0 {
		return
	}
	b.attempted = 0
	if b.opts.AttemptFile != "" {
		if err := os.Remove(b.opts.AttemptFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			b.opts.Logger.Warn("intake: could not remove the record of the last attempt", "err", err)
		}
	}
}

// loadAttempt reads the attempt a previous process left unfinished; entries it committed
// since are ignored by attemptedBatch.
func (b *Batcher) loadAttempt() {
	if b.opts.AttemptFile == "" {
		return
	}
	data, err := os.ReadFile(b.opts.AttemptFile)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return
	case err != nil || len(data) != 8:
		b.opts.Logger.Warn("intake: the record of the last attempt is unreadable; ignored", "err", err, "bytes", len(data))
		return
	}
	if last := binary.BigEndian.Uint64(data); last > b.spool.Committed() {
		b.attempted = last
		b.opts.Logger.Info("intake: the batch a previous run left unfinished is sent again as it was", "last_index", last)
	}
}

// writeSynced replaces path with data, fsync'd (file and directory).
func writeSynced(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("ingest: record the attempt: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("ingest: record the attempt: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("ingest: record the attempt: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("ingest: record the attempt: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("ingest: record the attempt: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
