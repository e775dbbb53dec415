package ingest

import (
	"context"
	"errors"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Replication is how the write side waits for the replicas of a ClickHouse cluster. An
// insert returns when the server that took it stored it; with a quorum, only when that many
// replicas did, so a batch the intake committed in its spool survives the loss of a replica,
// and a read with sequential consistency sees every write whose quorum was reached.
type Replication struct {
	// InsertQuorum is how many replicas of a shard must hold a batch of the intake (responses,
	// cases, audit lines) before its insert returns; 0 or 1: the replica that took it.
	InsertQuorum int
	// LeaseQuorum is how many servers must hold a lease row before its write returns: a
	// majority of the servers the leases table is on (every server of the cluster).
	LeaseQuorum int
	// ShardReplicas is the fewest replicas a shard has: a case import stages its rows on
	// every replica of their shard (see ImportCases).
	ShardReplicas int
	// QuorumTimeout bounds the wait for a quorum (default 10 s); a write that times out may
	// still have reached fewer replicas, so its retry must be the same block (Batcher).
	QuorumTimeout time.Duration
	// Cluster is the cluster's name in the servers' remote_servers (system.clusters): the
	// servers a rollup rebuild waits for.
	Cluster string
	// Dial opens a connection to one server of the cluster alone, at the address
	// system.clusters gives it (host:port), with skm's own credentials and settings; the
	// caller closes it. A rollup rebuild needs it to see each replica apply its delete.
	Dial func(addr string) (driver.Conn, error)
	// MutationTimeout bounds each wait of a rollup rebuild for every replica: until each has
	// applied its delete, and until each has fetched its insert (default 5 min).
	MutationTimeout time.Duration
}

// WithReplication returns a Store on the same database and layout whose intake inserts and
// lease rows wait for r's quorums, and whose checks before them read with sequential
// consistency. A Store with Replication is a cluster's: the Batcher then also re-sends an
// attempt whose outcome is unknown as the very same block, which the replicated tables
// drop when it landed before.
func (s *Store) WithReplication(r Replication) *Store {
	if r.QuorumTimeout <= 0 {
		r.QuorumTimeout = 10 * time.Second
	}
	if r.MutationTimeout <= 0 {
		r.MutationTimeout = 5 * time.Minute
	}
	c := *s
	c.repl = &r
	return &c
}

// Replicated reports whether the Store writes to a cluster's replicated tables.
func (s *Store) Replicated() bool { return s.repl != nil }

// replicaContext is ctx with the settings of a statement that waits for quorum replicas
// when it inserts (none for quorum ≤ 1) and, when consistent, reads with sequential
// consistency (select_sequential_consistency: it sees every write whose quorum was reached,
// and a replica lacking one refuses the query rather than answering without it). One map:
// a query's settings are replaced, not merged, by a later WithSettings.
func (s *Store) replicaContext(ctx context.Context, quorum int, consistent bool) context.Context {
	if s.repl == nil {
		return ctx
	}
	set := s.replicaSettings(quorum, consistent)
	if len(set) == 0 {
		return ctx
	}
	return clickhouse.Context(ctx, clickhouse.WithSettings(set))
}

// replicaSettings are the settings of replicaContext.
func (s *Store) replicaSettings(quorum int, consistent bool) clickhouse.Settings {
	set := clickhouse.Settings{}
	if quorum > 1 {
		set["insert_quorum"] = quorum
		set["insert_quorum_timeout"] = int(s.repl.QuorumTimeout.Milliseconds())
	}
	if consistent {
		set["select_sequential_consistency"] = 1
	}
	return set
}

// correctionContext is ctx for an insert of differences computed from what is stored
// (Store.CorrectSaranDays): on a cluster it is written with the intake's quorum, and its block
// is never dropped as a duplicate of an earlier one (the same difference found again is
// needed again). With consistent, its read sees every write whose quorum was reached — and
// none written without a quorum after the last that was: use it only when every write it must
// see was made with the quorum.
func (s *Store) correctionContext(ctx context.Context, consistent bool) context.Context {
	if s.repl == nil {
		return ctx
	}
	q := s.intakeQuorum()
	set := s.replicaSettings(q, consistent && q > 1)
	set["insert_deduplicate"] = 0
	return clickhouse.Context(ctx, clickhouse.WithSettings(set))
}

// quorumContext is ctx for an insert that waits for n replicas.
func (s *Store) quorumContext(ctx context.Context, n int) context.Context {
	return s.replicaContext(ctx, n, false)
}

// intakeQuorum is the quorum of the intake's inserts (0: none).
func (s *Store) intakeQuorum() int {
	if s.repl == nil {
		return 0
	}
	return s.repl.InsertQuorum
}

// intakeContext is ctx for the intake's inserts: they wait for InsertQuorum replicas.
func (s *Store) intakeContext(ctx context.Context) context.Context {
	return s.replicaContext(ctx, s.intakeQuorum(), false)
}

// consistentContext is ctx for a read that must see every write made with quorum (no
// change when quorum ≤ 1: such writes are seen on the replica that took them only).
func (s *Store) consistentContext(ctx context.Context, quorum int) context.Context {
	return s.replicaContext(ctx, 0, quorum > 1)
}

// readContext is ctx for a read of what the intake wrote (cases, responses, the marks of
// case months) that must not miss a write whose quorum was reached: on a cluster the read
// may reach the replica that did not take the insert.
func (s *Store) readContext(ctx context.Context) context.Context {
	return s.consistentContext(ctx, s.intakeQuorum())
}

// quorumBusy reports whether err is 18.16's refusal of a quorum insert while another one
// into the same table waits for its quorum (code 286): nothing was inserted, and the same
// insert may be tried again at once.
func quorumBusy(err error) bool {
	var ex *clickhouse.Exception
	return errors.As(err, &ex) && ex.Code == 286
}

// quorumShort reports whether err is an insert's quorum not reached: too few replicas alive
// (code 285) or the wait for them timed out (code 319, the outcome unknown).
func quorumShort(err error) bool {
	var ex *clickhouse.Exception
	return errors.As(err, &ex) && (ex.Code == 285 || ex.Code == 319)
}

// retryQuorumBusy runs f until it succeeds, fails otherwise than with quorumBusy, or ten
// tries are spent, waiting a little longer each time.
func retryQuorumBusy(ctx context.Context, f func() error) error {
	wait := 50 * time.Millisecond
	for try := 1; ; try++ {
		err := f()
		if err == nil || !quorumBusy(err) || try == 10 {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
