package ingest_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
)

func newLeases(store *ingest.Store, owner string, ttl time.Duration) *ingest.Leases {
	return ingest.NewLeases(store, ingest.LeaseOptions{Owner: owner, TTL: ttl, Settle: 200 * time.Millisecond})
}

func TestLeaseOneHolderAtATimeReleaseAndExpiry(t *testing.T) {
	db := chtest.NewDB(t)
	store := ingest.NewStore(db.Conn, db.Name)
	ctx := context.Background()
	a, b := newLeases(store, "server-a", 2*time.Second), newLeases(store, "server-b", 2*time.Second)
	la, err := a.Acquire(ctx, "work")
	if err != nil {
		t.Fatalf("a first claim: %v", err)
	}
	if _, err := b.Acquire(ctx, "work"); !errors.Is(err, ingest.ErrLeaseTaken) {
		t.Fatalf("b while a holds the lease: %v, want ErrLeaseTaken", err)
	}
	// Released: b takes it at once, in the next term.
	if err := a.Release(ctx, la); err != nil {
		t.Fatal(err)
	}
	lb, err := b.Acquire(ctx, "work")
	if err != nil || lb.Term != la.Term+1 {
		t.Fatalf("b after the release: term %d, %v; want term %d", lb.Term, err, la.Term+1)
	}
	// Renewed, it stays b's past its first expiry; not renewed (b "dies"), a takes it over.
	time.Sleep(time.Second)
	if lb, err = b.Renew(ctx, lb); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	if _, err := a.Acquire(ctx, "work"); !errors.Is(err, ingest.ErrLeaseTaken) {
		t.Fatalf("a while b's renewal holds: %v, want ErrLeaseTaken", err)
	}
	if !lb.Held(time.Now()) {
		t.Fatal("b's renewed lease is not held")
	}
	time.Sleep(2 * time.Second)
	if lb.Held(time.Now()) {
		t.Fatal("b's lease is held past its expiry")
	}
	if la, err = a.Acquire(ctx, "work"); err != nil || la.Term != lb.Term+1 {
		t.Fatalf("a after b's lease ran out: term %d, %v; want %d", la.Term, err, lb.Term+1)
	}
}

// Servers claiming at the same moment: exactly one wins each round.
func TestLeaseConcurrentClaimsHaveOneWinner(t *testing.T) {
	db := chtest.NewDB(t)
	store := ingest.NewStore(db.Conn, db.Name)
	ctx := context.Background()
	owners := []string{"s1", "s2", "s3", "s4"}
	for round := range 3 {
		name := "round-" + string(rune('a'+round))
		var mu sync.Mutex
		var winners []string
		var wg sync.WaitGroup
		for _, o := range owners {
			wg.Go(func() {
				_, err := newLeases(store, o, 5*time.Second).Acquire(ctx, name)
				switch {
				case err == nil:
					mu.Lock()
					winners = append(winners, o)
					mu.Unlock()
				case !errors.Is(err, ingest.ErrLeaseTaken):
					t.Errorf("%s: %v", o, err)
				}
			})
		}
		wg.Wait()
		if len(winners) != 1 {
			t.Errorf("%s: winners %v, want exactly one", name, winners)
		}
	}
}
