package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/ext"
	"github.com/google/uuid"

	"skm/cases"
	"skm/ingest/spool"
)

// BatcherOptions configure a Batcher. Zero values take the defaults noted on each field.
type BatcherOptions struct {
	// MaxBatch is the most rows sent at once (default 10 000).
	MaxBatch int
	// MaxWait is the longest a response waits in the spool for its batch to fill (default 1 s).
	MaxWait time.Duration
	// SendTimeout bounds one batch's check and insert (default 60 s).
	SendTimeout time.Duration
	// DrainTimeout bounds the final drain at shutdown (default 15 s); what is left stays in
	// the spool for the next start.
	DrainTimeout time.Duration
	// RetryMax caps the wait between failed attempts (default 30 s).
	RetryMax time.Duration
	// Logger receives errors and recoveries (default: discard).
	Logger *slog.Logger
	// Metrics are updated per batch; required.
	Metrics *Metrics
	// CasesWritten is called after a batch with cases was stored (may be nil): the case
	// figures computed ahead are then due (CaseMonths.Changed).
	CasesWritten func()
	// Leases, when set (several skm servers on one database), make the batcher insert only
	// while it holds IntakeLease; nil: this server is the only writer.
	Leases *Leases
	// MaxHold is how long a batcher keeps the intake lease while it has work before it lets
	// the other servers have a turn (default 5 s).
	MaxHold time.Duration
	// AttemptFile keeps the last spool index of a batch whose insert is unsettled across a
	// restart (see batcher_attempt.go); empty: kept in memory only. Used on a cluster.
	AttemptFile string
}

// Batcher drains the spool into ClickHouse by size, by time and at shutdown. A batch is
// committed in the spool only after ClickHouse has confirmed it, and every batch is checked
// against the ids already stored, so a response is stored exactly once even when it is
// replayed after a crash, retried after an error, or re-sent by a client.
type Batcher struct {
	spool *spool.Spool
	store *Store
	opts  BatcherOptions
	// uncertain is true while the previous attempt's outcome is unknown (after a restart, a
	// failed or timed-out send): the raw table is checked too, not only the id index.
	uncertain bool
	// attempted is the last spool index of the batch whose insert is unsettled (0: none):
	// its retry sends the same entries (batcher_attempt.go).
	attempted uint64
	// intake is the intake lease while held (Options.Leases); intakeSince when it was taken;
	// intakeYield when this batcher may claim it again after giving it up for a turn.
	intake                   *Holder
	intakeSince, intakeYield time.Time
}

// NewBatcher returns a Batcher that moves entries of spool into store's database.
func NewBatcher(sp *spool.Spool, store *Store, opts BatcherOptions) *Batcher {
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 10_000
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	if opts.SendTimeout <= 0 {
		opts.SendTimeout = 60 * time.Second
	}
	if opts.DrainTimeout <= 0 {
		opts.DrainTimeout = 15 * time.Second
	}
	if opts.RetryMax <= 0 {
		opts.RetryMax = 30 * time.Second
	}
	if opts.MaxHold <= 0 {
		opts.MaxHold = 5 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	b := &Batcher{spool: sp, store: store, opts: opts, uncertain: true}
	b.loadAttempt()
	return b
}

// Run drains the spool until ctx ends, then drains what it can within DrainTimeout.
func (b *Batcher) Run(ctx context.Context) {
	defer b.releaseIntake()
	backoff := time.Duration(0)
	var firstSeen time.Time
	for {
		if ctx.Err() != nil {
			b.drain()
			return
		}
		depth := b.spool.Depth()
		if depth == 0 {
			firstSeen = time.Time{}
			idle := make(<-chan time.Time)
			if b.intake != nil {
				idle = time.After(2 * time.Second) // then the lease goes to whoever needs it
			}
			select {
			case <-ctx.Done():
			case <-b.spool.Appended():
			case <-idle:
				if b.attempted == 0 {
					b.releaseIntake()
				}
			}
			continue
		}
		if firstSeen.IsZero() {
			firstSeen = time.Now()
		}
		if wait := b.opts.MaxWait - time.Since(firstSeen); depth < uint64(b.opts.MaxBatch) && wait > 0 && backoff == 0 {
			// Not full yet: wait for more, or for the oldest entry's time to run out.
			select {
			case <-ctx.Done():
			case <-b.spool.Appended():
			case <-time.After(wait):
			}
			continue
		}
		if !b.holdIntake(ctx) {
			select {
			case <-ctx.Done():
			case <-time.After(b.leaseWait()):
			}
			continue
		}
		entries, err := b.attemptedBatch(b.opts.MaxBatch)
		if err == nil && len(entries) > 0 {
			err = b.flush(ctx, entries)
		}
		if err != nil {
			backoff = min(max(2*backoff, 500*time.Millisecond), b.opts.RetryMax)
			b.opts.Logger.Error("intake: sending to ClickHouse failed; the responses stay in the spool and will be retried",
				"rows", len(entries), "retry_in", backoff.String(), "spool_depth", b.spool.Depth(), "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(backoff):
			}
			continue
		}
		if backoff > 0 {
			b.opts.Logger.Info("intake: ClickHouse accepts batches again", "spool_depth", b.spool.Depth())
		}
		backoff = 0
		firstSeen = time.Time{}
	}
}

// drain sends what is in the spool at shutdown, for at most DrainTimeout.
func (b *Batcher) drain() {
	ctx, cancel := context.WithTimeout(context.Background(), b.opts.DrainTimeout)
	defer cancel()
	for ctx.Err() == nil {
		if b.spool.Depth() == 0 {
			return
		}
		if !b.holdIntake(ctx) {
			if b.opts.Leases == nil {
				return
			}
			select {
			case <-ctx.Done():
			case <-time.After(b.leaseWait()):
			}
			continue
		}
		entries, err := b.attemptedBatch(b.opts.MaxBatch)
		if err != nil || len(entries) == 0 {
			return
		}
		if err := b.flush(ctx, entries); err != nil {
			b.opts.Logger.Warn("intake: could not drain the spool at shutdown; it is sent at the next start",
				"spool_depth", b.spool.Depth(), "err", err)
			return
		}
	}
}

// Flush sends everything in the spool now, and returns how many rows were stored (the rest
// were stored already); for tools and tests.
func (b *Batcher) Flush(ctx context.Context) (stored int, err error) {
	defer b.releaseIntake()
	for {
		if b.spool.Depth() > 0 && !b.holdIntake(ctx) {
			select {
			case <-ctx.Done():
				return stored, ctx.Err()
			case <-time.After(b.leaseWait()):
			}
			continue
		}
		entries, err := b.attemptedBatch(b.opts.MaxBatch)
		if err != nil {
			return stored, err
		}
		if len(entries) == 0 {
			return stored, nil
		}
		n, err := b.flushCount(ctx, entries)
		stored += n
		if err != nil {
			return stored, err
		}
	}
}

func (b *Batcher) flush(ctx context.Context, entries []spool.Entry) error {
	_, err := b.flushCount(ctx, entries)
	return err
}

// skipDamaged reports an entry that does not decode. Never silent: it is logged with its
// index and counted.
func (b *Batcher) skipDamaged(e spool.Entry, err error) {
	b.opts.Logger.Error("intake: damaged spool entry skipped", "index", e.Index, "err", err)
	b.opts.Metrics.Errors.WithLabelValues("decode").Inc()
}

// appendDecoded appends e decoded to rows, or skips it when it is damaged.
func appendDecoded[T any](b *Batcher, rows []T, e spool.Entry, decode func([]byte) (T, error)) []T {
	v, err := decode(e.Data)
	if err != nil {
		b.skipDamaged(e, err)
		return rows
	}
	return append(rows, v)
}

// flushCount stores one batch exactly once, commits it in the spool, and returns how many
// rows it wrote.
func (b *Batcher) flushCount(ctx context.Context, entries []spool.Entry) (int, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, b.opts.SendTimeout)
	defer cancel()
	rows := make([]ResponseRow, 0, len(entries))
	seen := make(map[uuid.UUID]bool, len(entries))
	dups := 0
	var cases []cases.Record
	var audits []AuditRow
	for _, e := range entries {
		if len(e.Data) > 0 && e.Data[0] == entryAudit {
			audits = appendDecoded(b, audits, e, decodeAudit)
			continue
		}
		if len(e.Data) > 0 && e.Data[0] == entryCase {
			// Cases need no id check: a replayed version is the same row, and the table
			// keeps one row per version.
			cases = appendDecoded(b, cases, e, decodeCase)
			continue
		}
		row, err := decodeResponse(e.Data)
		if err != nil {
			b.skipDamaged(e, err)
			continue
		}
		if seen[row.ID] {
			dups++
			continue
		}
		seen[row.ID] = true
		rows = append(rows, row)
	}
	indexed, landed, err := b.known(ctx, rows)
	if err != nil {
		b.uncertain = true
		b.opts.Metrics.Errors.WithLabelValues("send").Inc()
		return 0, err
	}
	if len(landed) > 0 {
		// An earlier attempt reached the raw table; ClickHouse may have stopped before
		// every view had the block, so the views of those rows are made whole first.
		if err := b.repairViews(ctx, rows, indexed, landed); err != nil {
			b.opts.Metrics.Errors.WithLabelValues("send").Inc()
			return 0, err
		}
	}
	fresh := rows[:0]
	for _, r := range rows {
		if indexed[r.ID] || landed[r.ID] {
			dups++
			continue
		}
		fresh = append(fresh, r)
	}
	if err := b.markAttempt(entries[len(entries)-1].Index); err != nil {
		b.opts.Metrics.Errors.WithLabelValues("spool").Inc()
		return 0, err
	}
	// On a cluster the inserts wait for the quorum of replicas (Store.WithReplication).
	ctx = b.store.intakeContext(ctx)
	if err := b.store.WriteResponses(ctx, fresh); err != nil {
		b.uncertain = true // the insert may have landed in part
		b.opts.Metrics.Errors.WithLabelValues("send").Inc()
		return 0, err
	}
	if err := b.store.WriteCases(ctx, cases); err != nil {
		b.uncertain = true
		b.opts.Metrics.Errors.WithLabelValues("send").Inc()
		return 0, err
	}
	// An audit line replayed after a crash may be stored twice: a duplicate line in a log is
	// harmless, a lost one is not.
	if err := b.store.WriteAudit(ctx, audits...); err != nil {
		b.uncertain = true
		b.opts.Metrics.Errors.WithLabelValues("send").Inc()
		return 0, err
	}
	if err := b.spool.Commit(entries[len(entries)-1].Index); err != nil {
		// Stored but not committed: the next pass finds the rows known and skips them.
		b.uncertain = true
		b.opts.Metrics.Errors.WithLabelValues("spool").Inc()
		return 0, err
	}
	b.uncertain = false
	b.clearAttempt()
	if len(cases) > 0 && b.opts.CasesWritten != nil {
		b.opts.CasesWritten()
	}
	b.opts.Metrics.Stored.Add(float64(len(fresh)))
	b.opts.Metrics.CasesStored.Add(float64(len(cases)))
	b.opts.Metrics.Duplicates.Add(float64(dups))
	b.opts.Metrics.BatchRows.Observe(float64(len(fresh)))
	b.opts.Metrics.BatchTime.Observe(time.Since(start).Seconds())
	return len(fresh), nil
}

// known returns which ids of rows are stored already: indexed, by the id index, always; and
// landed, by the raw table, while the previous attempt's outcome is uncertain (the index is
// filled by a materialized view, which a crash can separate from the raw insert). The batch's
// ids travel as an external table, so one query checks any number of them.
func (b *Batcher) known(ctx context.Context, rows []ResponseRow) (indexed, landed map[uuid.UUID]bool, err error) {
	indexed = map[uuid.UUID]bool{}
	if len(rows) == 0 {
		return indexed, nil, nil
	}
	ids, err := batchIDs(len(rows), func(i int) uuid.UUID { return rows[i].ID })
	if err != nil {
		return nil, nil, err
	}
	// Sequential consistency on a cluster: every batch whose quorum insert returned is seen.
	qctx := clickhouse.Context(b.store.readContext(ctx), clickhouse.WithExternalTable(ids))
	if err := b.collect(qctx, indexed, b.store.sql("Batcher.known.Indexed")); err != nil {
		return nil, nil, fmt.Errorf("ingest: check stored ids: %w", err)
	}
	if !b.uncertain {
		return indexed, nil, nil
	}
	landed = map[uuid.UUID]bool{}
	for agency, span := range spans(rows) {
		if err := b.collect(qctx, landed, b.store.sql("Batcher.known.Landed"), agency,
			span.from.Format(time.DateOnly), span.to.Format(time.DateOnly)); err != nil {
			return nil, nil, fmt.Errorf("ingest: check stored responses: %w", err)
		}
	}
	return indexed, landed, nil
}

// dateSpan is the first and last local date of some responses.
type dateSpan struct{ from, to time.Time }

// spans returns each agency's date span of rows.
func spans(rows []ResponseRow) map[string]dateSpan {
	out := map[string]dateSpan{}
	for _, r := range rows {
		sp, ok := out[r.Agency]
		if !ok || r.LocalDate.Before(sp.from) {
			sp.from = r.LocalDate
		}
		if !ok || r.LocalDate.After(sp.to) {
			sp.to = r.LocalDate
		}
		out[r.Agency] = sp
	}
	return out
}

// repairViews makes the views whole for rows an earlier attempt inserted into the raw table
// (landed) when ClickHouse may have stopped before every materialized view had them.
// ClickHouse feeds a table's views one after the other in the order of their names
// (survey_daily_mv, survey_profile_monthly_mv, survey_response_ids_mv, survey_saran_days_mv,
// survey_saran_mv), so: the id index gets the landed ids it lacks and the saran view the
// landed saran it lacks, both checked id by id, and the saran's days are corrected to what
// survey_saran then holds; and only when the id index lacked some (the stop came before it)
// do the daily and profile rollups of those rows' days get what the raw responses hold beyond
// them. A batch re-sent long after it was stored (a re-import) finds its ids indexed and
// changes nothing. The batcher is the only writer of responses in its process and runs this
// between its inserts; see the README for the limit with a second writer at that moment.
func (b *Batcher) repairViews(ctx context.Context, rows []ResponseRow, indexed, landed map[uuid.UUID]bool) error {
	var hit, unindexed []ResponseRow
	for _, r := range rows {
		if landed[r.ID] {
			hit = append(hit, r)
			if !indexed[r.ID] {
				unindexed = append(unindexed, r)
			}
		}
	}
	if err := b.store.writeResponseIDs(ctx, unindexed); err != nil {
		return err
	}
	ids, err := batchIDs(len(hit), func(i int) uuid.UUID { return hit[i].ID })
	if err != nil {
		return err
	}
	// With the intake's quorum: the saran days' correction below reads survey_saran with
	// sequential consistency.
	qctx := clickhouse.Context(b.store.intakeContext(ctx), clickhouse.WithExternalTable(ids))
	for agency, span := range spans(hit) {
		f, t := span.from.Format(time.DateOnly), span.to.Format(time.DateOnly)
		if err := retryQuorumBusy(ctx, func() error {
			return b.store.conn.Exec(qctx, b.store.sql("Batcher.repairViews.Saran"), agency, f, t, agency, f, t)
		}); err != nil {
			return fmt.Errorf("ingest: repair the saran of a half-stored batch: %w", err)
		}
		// A stop between survey_saran's part and its days view's is not seen id by id.
		if err := b.store.correctSaranDays(ctx, agency, span.from, span.to, true); err != nil {
			return err
		}
	}
	for agency, span := range spans(unindexed) {
		f, t := span.from.Format(time.DateOnly), span.to.Format(time.DateOnly)
		for _, stmt := range []string{"Batcher.repairViews.Daily", "Batcher.repairViews.Profile"} {
			if err := b.store.conn.Exec(b.store.readContext(ctx), b.store.sql(stmt), agency, f, t, agency, f, t); err != nil {
				return fmt.Errorf("ingest: repair the views of a half-stored batch: %w", err)
			}
		}
	}
	if len(unindexed) > 0 {
		b.opts.Logger.Warn("intake: a batch sent before had reached ClickHouse's raw table without all its views; the id index and rollups of its days were made whole",
			"rows", len(hit), "ids_added_to_index", len(unindexed))
	}
	return nil
}

func (b *Batcher) collect(ctx context.Context, into map[uuid.UUID]bool, query string, args ...any) error {
	rows, err := b.store.conn.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return err
		}
		into[id] = true
	}
	return rows.Err()
}

// batchIDs is the external table batch_ids of n response ids, id(i) the i-th, which the
// statements checking a batch against the stored ids read.
func batchIDs(n int, id func(i int) uuid.UUID) (*ext.Table, error) {
	ids, err := ext.NewTable("batch_ids", ext.Column("id", "UUID"))
	if err != nil {
		return nil, fmt.Errorf("ingest: id table: %w", err)
	}
	for i := range n {
		if err := ids.Append(id(i)); err != nil {
			return nil, fmt.Errorf("ingest: id table: %w", err)
		}
	}
	return ids, nil
}
