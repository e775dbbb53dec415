package ingest

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// RunWhileHeld runs work whenever this process holds the lease name, until ctx ends: it
// claims the lease (again every TTL/3 while another server holds it), keeps it renewed,
// and runs work with a context that ends when the lease is lost or ctx ends; when work
// returns the lease is given up. So among the servers running it with the same name, work
// runs on one at a time, and passes to another when its server dies (once the lease ran
// out, within TTL).
func (ls *Leases) RunWhileHeld(ctx context.Context, name string, work func(context.Context)) {
	for ctx.Err() == nil {
		l, err := ls.Acquire(ctx, name)
		if err != nil {
			if !errors.Is(err, ErrLeaseTaken) && ctx.Err() == nil {
				ls.opts.Logger.Warn("could not claim a lease", "lease", name, "err", err)
			}
			wait := ls.opts.TTL/3 + time.Duration(rand.Int64N(int64(ls.opts.Settle)))
			select {
			case <-ctx.Done():
			case <-time.After(wait):
			}
			continue
		}
		ls.opts.Logger.Info("lease taken: this server does the work", "lease", name, "term", l.Term, "owner", ls.opts.Owner)
		h := ls.Keep(l)
		wctx, cancel := context.WithCancel(ctx)
		go func() {
			t := time.NewTicker(ls.opts.Settle / 4)
			defer t.Stop()
			for h.Held() {
				select {
				case <-wctx.Done():
					return
				case <-t.C:
				}
			}
			ls.opts.Logger.Warn("lease lost: the work stops here", "lease", name, "term", l.Term)
			cancel()
		}()
		work(wctx)
		cancel()
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		if err := h.Release(rctx); err != nil {
			ls.opts.Logger.Warn("could not release a lease; it runs out by itself", "lease", name, "err", err)
		}
		rcancel()
	}
}
