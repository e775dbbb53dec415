package ingest

import (
	"context"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
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
	// QuorumTimeout bounds the wait for a quorum (default 10 s); a write that times out may
	// still have reached fewer replicas, so its retry must be the same block (Batcher).
	QuorumTimeout time.Duration
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
	c := *s
	c.repl = &r
	return &c
}

// Replicated reports whether the Store writes to a cluster's replicated tables.
func (s *Store) Replicated() bool { return s.repl != nil }

// quorumContext is ctx with the settings of an insert that waits for n replicas; unchanged
// for n ≤ 1.
func (s *Store) quorumContext(ctx context.Context, n int) context.Context {
	if s.repl == nil || n <= 1 {
		return ctx
	}
	return clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{
		"insert_quorum":         n,
		"insert_quorum_timeout": int(s.repl.QuorumTimeout.Milliseconds()),
	}))
}

// intakeContext is ctx for the intake's inserts: they wait for InsertQuorum replicas.
func (s *Store) intakeContext(ctx context.Context) context.Context {
	if s.repl == nil {
		return ctx
	}
	return s.quorumContext(ctx, s.repl.InsertQuorum)
}

// intakeQuorum is the quorum of the intake's inserts (0: none).
func (s *Store) intakeQuorum() int {
	if s.repl == nil {
		return 0
	}
	return s.repl.InsertQuorum
}

// consistentContext is ctx for a read that must see every write whose quorum was reached
// (select_sequential_consistency; a replica that lacks such a write refuses the query
// rather than answering without it). quorum is the quorum those writes waited for.
func (s *Store) consistentContext(ctx context.Context, quorum int) context.Context {
	if s.repl == nil || quorum <= 1 {
		return ctx
	}
	return clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"select_sequential_consistency": 1}))
}
