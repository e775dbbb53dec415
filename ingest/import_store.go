package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"skm/ingest/spool"
	"skm/standard"
	"skm/survey"
)

// ImportResponses stores imported responses (ParseResponsesFile's) through a spool of their
// own under dataDir and a batcher, as every other response is stored, so each is stored
// exactly once whatever is re-imported or interrupted. Responses for a closed survey period
// refuse the whole import before anything is stored. It returns how many were new; the rest
// were stored already. logger may be nil.
func (s *Store) ImportResponses(ctx context.Context, set *standard.Set, dataDir string, responses []survey.Response, logger *slog.Logger) (int, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return 0, fmt.Errorf("import spool: %w", err)
	}
	dir, err := os.MkdirTemp(dataDir, "import-")
	if err != nil {
		return 0, fmt.Errorf("import spool: %w", err)
	}
	defer os.RemoveAll(dir)
	sp, err := OpenSpool(dir, spool.Options{MaxBytes: 1 << 40})
	if err != nil {
		return 0, err
	}
	defer sp.Close()
	metrics := NewMetrics(prometheus.NewRegistry(), sp)
	intake := NewIntake(sp, set, metrics, nil).WithGate(NewPeriodGate(s, nil))
	ptrs := make([]*survey.Response, len(responses))
	for i := range responses {
		ptrs[i] = &responses[i]
	}
	for start := 0; start < len(ptrs); start += 10_000 {
		if _, err := intake.Record(ctx, ptrs[start:min(start+10_000, len(ptrs))]...); err != nil {
			return 0, fmt.Errorf("import: %w", err)
		}
	}
	opts := BatcherOptions{Logger: logger, Metrics: metrics}
	if s.Replicated() {
		// On a cluster the skm servers may be storing the same ids: the intake lease makes
		// the import's check and insert one step with theirs.
		opts.Leases = NewLeases(s, LeaseOptions{Logger: logger})
	}
	b := NewBatcher(sp, s, opts)
	stored, err := b.Flush(ctx)
	if err != nil {
		return stored, fmt.Errorf("import: not everything was stored; run the same import again (nothing is counted twice): %w", err)
	}
	return stored, nil
}

// KnownResponses returns how many of responses (with their ids, as ParseResponsesFile gives
// them) are stored already, so that storing them would store just the rest.
func (s *Store) KnownResponses(ctx context.Context, responses []survey.Response) (int, error) {
	if len(responses) == 0 {
		return 0, nil
	}
	ids := make([]uuid.UUID, len(responses))
	for i, r := range responses {
		var err error
		if ids[i], err = uuid.Parse(r.ID); err != nil {
			return 0, fmt.Errorf("ingest: response id %q: %w", r.ID, err)
		}
	}
	table, err := batchIDs(len(ids), func(i int) uuid.UUID { return ids[i] })
	if err != nil {
		return 0, err
	}
	var n uint64
	qctx := clickhouse.Context(s.readContext(ctx), clickhouse.WithExternalTable(table))
	if err := s.conn.QueryRow(qctx, s.sql("KnownResponses")).Scan(&n); err != nil {
		return 0, fmt.Errorf("ingest: count stored responses: %w", err)
	}
	return int(n), nil
}
