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

// Failed logins come back by key and time, each with its emptied mark.
func TestLoginFailuresRecordedAndReadByKey(t *testing.T) {
	db := chtest.NewDB(t)
	store := ingest.NewStore(db.Conn, db.Name)
	ctx := context.Background()
	at := time.Date(2026, 10, 14, 3, 0, 0, 0, time.UTC)
	if err := store.RecordLoginFailure(ctx, []string{"pair1", "ip1", "user1"}, "pair1", at); err != nil {
		t.Fatal(err)
	}
	if err := store.RecordLoginFailure(ctx, []string{"pair2", "ip1", "user2"}, "", at.Add(-20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, err := store.LoginFailures(ctx, []string{"pair1", "ip1"}, at.Add(-15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %+v, want pair1 and ip1 of the last failure", got)
	}
	for _, f := range got {
		if !f.At.Equal(at) || f.Emptied != (f.Key == "pair1") {
			t.Errorf("%+v: want at %s, emptied only for pair1", f, at)
		}
	}
	// Rows of the last day stay; older ones are deleted (a mutation: in the background).
	if err := store.DeleteOldRows(ctx, at.Add(24*time.Hour-10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := store.LoginFailures(ctx, []string{"ip1"}, at.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 1 && got[0].At.Equal(at) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a day after the last failure: %+v, want only the failure at %s", got, at)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
