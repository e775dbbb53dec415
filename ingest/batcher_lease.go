package ingest

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// IntakeLease is the lease a Batcher holds while it inserts (BatcherOptions.Leases): the
// check of a batch's ids and its insert are then one step among all skm servers of the
// database, so a response sent to two servers is stored once.
const IntakeLease = "intake"

// holdIntake reports whether the batcher may insert now: always without Leases; with them,
// while it holds the intake lease, which it tries to take when it has none. A holder that
// has held it for MaxHold gives it up between batches (not while an attempt is unsettled),
// so that the other servers' spools are drained too.
func (b *Batcher) holdIntake(ctx context.Context) bool {
	ls := b.opts.Leases
	if ls == nil {
		return true
	}
	if b.intake.Held() {
		if b.attempted == 0 && time.Since(b.intakeSince) > b.opts.MaxHold {
			b.releaseIntake()
			b.intakeYield = time.Now().Add(2 * ls.opts.Settle)
			return false
		}
		return true
	}
	if b.intake != nil {
		// Ran out (ClickHouse unreachable for longer than the lease): another server may have
		// inserted since, so an unsettled attempt is checked again like any other batch.
		b.opts.Logger.Warn("intake: the intake lease ran out", "term", b.intake.Lease().Term)
		_ = b.intake.Release(ctx)
		b.intake = nil
	}
	if time.Now().Before(b.intakeYield) {
		return false
	}
	l, err := ls.Acquire(ctx, IntakeLease)
	if err != nil {
		if !errors.Is(err, ErrLeaseTaken) && ctx.Err() == nil {
			b.opts.Logger.Warn("intake: could not claim the intake lease", "err", err)
		}
		return false
	}
	b.intake, b.intakeSince = ls.Keep(l), time.Now()
	return true
}

// releaseIntake gives the intake lease up, if held.
func (b *Batcher) releaseIntake() {
	if b.intake == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.intake.Release(ctx); err != nil {
		b.opts.Logger.Warn("intake: could not release the intake lease; it runs out by itself", "err", err)
	}
	b.intake = nil
}

// leaseWait is how long a batcher without the intake lease waits before trying again: about
// a settle interval, with jitter so that servers do not claim in step.
func (b *Batcher) leaseWait() time.Duration {
	s := b.opts.Leases.opts.Settle
	return s/2 + time.Duration(rand.Int64N(int64(s)))
}
