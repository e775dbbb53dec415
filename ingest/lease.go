package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// LeaseOptions configure Leases. Zero values take the defaults noted on each field.
type LeaseOptions struct {
	// Owner names this process among the servers (default: host name, pid and a random
	// suffix); it must differ between processes.
	Owner string
	// TTL is how long a claim or renewal holds the lease (default 15 s); the holder renews
	// every TTL/3.
	TTL time.Duration
	// Settle is how long a claimer waits between writing its claim and reading the term's
	// claims back (default 1 s). A claim whose own write took longer than Settle/2 is given
	// up; the servers' clocks must agree within Settle/4 (NTP does far better).
	Settle time.Duration
	// Logger receives lost leases and failed renewals (default: discard).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Leases hands out named leases among the skm servers of one database: at most one server
// holds a name at a time, and when its holder dies the lease passes to another once its
// last renewal has run out. ClickHouse has no compare-and-set, so the rule is this (the
// rows are in the leases table, see migration 0024): a server that finds the newest term
// ended writes a claim for the next term stamped with its clock, waits Settle from that
// stamp and reads the term back; the earliest claim (then the smaller owner) wins, and
// every server that reads the term picks the same one. Its writer keeps a claim only when
// the write returned within Settle/2, so any claim stamped before a winner's was visible to
// it when it read. On a cluster the rows are written with a majority quorum and read with
// sequential consistency: a read sees every row whose write returned.
type Leases struct {
	store *Store
	opts  LeaseOptions
}

// NewLeases returns Leases on store's database.
func NewLeases(store *Store, opts LeaseOptions) *Leases {
	if opts.Owner == "" {
		opts.Owner = defaultOwner()
	}
	if opts.TTL <= 0 {
		opts.TTL = 15 * time.Second
	}
	if opts.Settle <= 0 {
		opts.Settle = time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Leases{store: store, opts: opts}
}

// defaultOwner is the host name, the pid and a random suffix (a restarted process may get
// the pid of a dead one).
func defaultOwner() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Owner is the name this process holds leases under.
func (ls *Leases) Owner() string { return ls.opts.Owner }

// skew is the clock difference between servers the rule tolerates.
func (ls *Leases) skew() time.Duration { return ls.opts.Settle / 4 }

// Lease is a term of a named lease held by this process.
type Lease struct {
	Name string
	Term uint64
	// until is when this process stops counting on the lease: the newest expiry it wrote,
	// less the clock skew tolerated.
	until time.Time
}

// Held reports whether the lease is still this process's at now.
func (l Lease) Held(now time.Time) bool { return l.Term > 0 && now.Before(l.until) }

// leaseRow is one row of the leases table.
type leaseRow struct {
	term             uint64
	owner, kind      string
	claimed, expires uint64 // Unix nanoseconds
}

// leaseState is what the rows of a lease's newest term say.
type leaseState struct {
	term uint64
	// winner is the owner of the term's earliest claim ("" when no term was claimed).
	winner string
	// ends is when the winner's term runs out: its newest expiry, or its release.
	ends time.Time
	// released: the winner gave the term up (it stopped counting on it before it said so).
	released bool
}

// decide applies the rule to the rows of one term.
func decide(rows []leaseRow) leaseState {
	var st leaseState
	var first *leaseRow
	for i := range rows {
		r := &rows[i]
		st.term = r.term
		if r.kind == "claim" && (first == nil || r.claimed < first.claimed || r.claimed == first.claimed && r.owner < first.owner) {
			first = r
		}
	}
	if first == nil {
		return st
	}
	st.winner = first.owner
	var expires, released uint64
	for _, r := range rows {
		if r.owner != first.owner {
			continue
		}
		switch r.kind {
		case "release":
			if released == 0 || r.claimed < released {
				released = r.claimed
			}
		default:
			expires = max(expires, r.expires)
		}
	}
	if released != 0 && released < expires {
		expires, st.released = released, true
	}
	st.ends = time.Unix(0, int64(expires))
	return st
}

// state reads the newest term of name.
func (ls *Leases) state(ctx context.Context, name string) (leaseState, error) {
	ctx = ls.store.consistentContext(ctx, ls.quorum())
	rows, err := ls.store.conn.Query(ctx, ls.store.sql("Leases.state"), name, name)
	if err != nil {
		return leaseState{}, fmt.Errorf("ingest: read lease %s: %w", name, err)
	}
	defer rows.Close()
	var all []leaseRow
	for rows.Next() {
		var r leaseRow
		if err := rows.Scan(&r.term, &r.owner, &r.kind, &r.claimed, &r.expires); err != nil {
			return leaseState{}, fmt.Errorf("ingest: read lease %s: %w", name, err)
		}
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return leaseState{}, fmt.Errorf("ingest: read lease %s: %w", name, err)
	}
	return decide(all), nil
}

func (ls *Leases) quorum() int {
	if ls.store.repl == nil {
		return 0
	}
	return ls.store.repl.LeaseQuorum
}

// write stores one row of name.
func (ls *Leases) write(ctx context.Context, name string, r leaseRow) error {
	ctx = ls.store.quorumContext(ctx, ls.quorum())
	return ls.store.insertRows(ctx, ls.store.sql("Leases.write"), "write lease "+name, 1, func(b driver.Batch, _ int) error {
		return b.Append(name, r.term, ls.opts.Owner, r.kind, r.claimed, r.expires, ls.opts.Now().UTC())
	})
}

// ErrLeaseTaken is returned by Acquire when another server holds the lease or won the claim.
var ErrLeaseTaken = errors.New("ingest: the lease is held by another server")

// Acquire tries once to take the lease name: when its newest term has ended it claims the
// next one and, after Settle, tells whether the claim won. It returns ErrLeaseTaken when
// another server holds the lease or won; it takes at least Settle when it claims.
func (ls *Leases) Acquire(ctx context.Context, name string) (Lease, error) {
	st, err := ls.state(ctx, name)
	if err != nil {
		return Lease{}, err
	}
	if st.winner != "" && !st.released && ls.opts.Now().Before(st.ends.Add(ls.skew())) {
		return Lease{}, ErrLeaseTaken
	}
	term := st.term + 1
	start := ls.opts.Now()
	claim := leaseRow{term: term, kind: "claim", claimed: uint64(start.UnixNano()), expires: uint64(start.Add(ls.opts.TTL).UnixNano())}
	err = ls.write(ctx, name, claim)
	if took := ls.opts.Now().Sub(start); err != nil || took > ls.opts.Settle/2 {
		// Too late to be safe (or unknown): give it up, and say so to the other servers.
		_ = ls.write(context.WithoutCancel(ctx), name, leaseRow{term: term, kind: "release", claimed: uint64(ls.opts.Now().UnixNano())})
		if err != nil {
			return Lease{}, err
		}
		return Lease{}, fmt.Errorf("ingest: claim of lease %s took %s (more than half of the settle interval %s): %w", name, took, ls.opts.Settle, ErrLeaseTaken)
	}
	select {
	case <-ctx.Done():
		return Lease{}, ctx.Err()
	case <-time.After(time.Until(start.Add(ls.opts.Settle))):
	}
	st, err = ls.state(ctx, name)
	if err != nil {
		return Lease{}, err
	}
	if st.term != term || st.winner != ls.opts.Owner {
		return Lease{}, ErrLeaseTaken
	}
	return Lease{Name: name, Term: term, until: start.Add(ls.opts.TTL - ls.skew())}, nil
}

// Renew extends a held lease by TTL from now. A renewal that returns after the lease ran out
// does not count: another server may have read the term as ended meanwhile.
func (ls *Leases) Renew(ctx context.Context, l Lease) (Lease, error) {
	start := ls.opts.Now()
	if !l.Held(start) {
		return l, fmt.Errorf("ingest: lease %s term %d ran out before it was renewed", l.Name, l.Term)
	}
	r := leaseRow{term: l.Term, kind: "renew", claimed: uint64(start.UnixNano()), expires: uint64(start.Add(ls.opts.TTL).UnixNano())}
	if err := ls.write(ctx, l.Name, r); err != nil {
		return l, err
	}
	if !l.Held(ls.opts.Now()) {
		return l, fmt.Errorf("ingest: lease %s term %d ran out while it was renewed", l.Name, l.Term)
	}
	l.until = start.Add(ls.opts.TTL - ls.skew())
	return l, nil
}

// Release gives a held lease up at once, so that another server need not wait for it to run
// out. The lease is no longer held whatever the outcome.
func (ls *Leases) Release(ctx context.Context, l Lease) error {
	if l.Term == 0 {
		return nil
	}
	return ls.write(ctx, l.Name, leaseRow{term: l.Term, kind: "release", claimed: uint64(ls.opts.Now().UnixNano())})
}

// Holder is a lease kept renewed in the background while it is held.
type Holder struct {
	ls   *Leases
	mu   sync.Mutex
	l    Lease
	stop chan struct{}
	done chan struct{}
}

// Keep renews l every TTL/3 from a goroutine of its own until Release, or until a renewal
// fails past the lease's end.
func (ls *Leases) Keep(l Lease) *Holder {
	h := &Holder{ls: ls, l: l, stop: make(chan struct{}), done: make(chan struct{})}
	go h.run()
	return h
}

func (h *Holder) run() {
	defer close(h.done)
	t := time.NewTicker(h.ls.opts.TTL / 3)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
		}
		l := h.Lease()
		if !l.Held(h.ls.opts.Now()) {
			h.ls.opts.Logger.Warn("lease lost: it ran out before it could be renewed", "lease", l.Name, "term", l.Term)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), h.ls.opts.TTL/3)
		nl, err := h.ls.Renew(ctx, l)
		cancel()
		if err != nil {
			h.ls.opts.Logger.Warn("lease renewal failed", "lease", l.Name, "term", l.Term, "err", err)
			continue
		}
		h.mu.Lock()
		h.l = nl
		h.mu.Unlock()
	}
}

// Lease is the lease as last renewed.
func (h *Holder) Lease() Lease {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.l
}

// Held reports whether the lease is still held now.
func (h *Holder) Held() bool { return h != nil && h.Lease().Held(h.ls.opts.Now()) }

// Release stops renewing and gives the lease up.
func (h *Holder) Release(ctx context.Context) error {
	if h == nil {
		return nil
	}
	close(h.stop)
	<-h.done
	l := h.Lease()
	h.mu.Lock()
	h.l.until = time.Time{}
	h.mu.Unlock()
	if !l.Held(h.ls.opts.Now()) {
		return nil
	}
	return h.ls.Release(ctx, l)
}
