package main

import (
	"bytes"
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"skm/ingest/chtest"
	"skm/reports"
	"skm/reports/pdf"
	"skm/standard"
	"skm/survey"
)

// gatedSource is the real Querier, counting the reports built and holding each build until
// the test opens the gate.
type gatedSource struct {
	pdf.Source
	builds atomic.Int32
	gate   chan struct{}
}

func (s *gatedSource) Semester(ctx context.Context, a *standard.Agency, p survey.Period, now time.Time) (*reports.SemesterFigures, error) {
	s.builds.Add(1)
	<-s.gate
	return s.Source.Semester(ctx, a, p, now)
}

// Twenty residents asking for the same public report at once make the server build it once;
// within five minutes it is served without building, after that built again; and however
// many periods are asked for, only a bounded number is kept.
func TestPublicReportIsBuiltOnceForManyCallers(t *testing.T) {
	db := chtest.NewDB(t)
	set, err := standard.Load(standard.Examples(), "examples")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := set.Agency("bppd-kalbar")
	src := &gatedSource{Source: reports.New(db.Conn, db.Name), gate: make(chan struct{})}
	now := time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	r := newPublicReports(src, func() time.Time { return *clock.Load() })
	period := survey.Period{Kind: survey.Semester, Year: 2026, N: 1}

	const callers = 20
	outs := make([]bytes.Buffer, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			if err := r.Write(context.Background(), &outs[i], a, period); err != nil {
				t.Errorf("caller %d: %v", i, err)
			}
		})
	}
	// Every caller is waiting (one inside the build, the others for it) before the build goes on.
	deadline := time.Now().Add(10 * time.Second)
	for src.builds.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	close(src.gate)
	wg.Wait()
	if n := src.builds.Load(); n != 1 {
		t.Fatalf("%d callers at once built the report %d times, want once", callers, n)
	}
	for i := range outs {
		if !bytes.HasPrefix(outs[i].Bytes(), []byte("%PDF-")) || !bytes.Equal(outs[i].Bytes(), outs[0].Bytes()) {
			t.Fatalf("caller %d got %d bytes, not the PDF the first got (%d bytes)", i, outs[i].Len(), outs[0].Len())
		}
	}

	// Within the cache time: served from memory.
	later := now.Add(publicReportTTL - time.Second)
	clock.Store(&later)
	var again bytes.Buffer
	if err := r.Write(context.Background(), &again, a, period); err != nil || src.builds.Load() != 1 {
		t.Fatalf("within %s: %d builds, %v; want the one kept", publicReportTTL, src.builds.Load(), err)
	}
	// After it: built again.
	expired := now.Add(publicReportTTL)
	clock.Store(&expired)
	if err := r.Write(context.Background(), &again, a, period); err != nil || src.builds.Load() != 2 {
		t.Fatalf("after %s: %d builds, %v; want a second", publicReportTTL, src.builds.Load(), err)
	}

	// Many periods asked for: the memory kept stays bounded (by a smaller bound, to build
	// fewer reports here).
	r.max = 4
	p := period
	for range r.max + 3 {
		p = p.Previous()
		if err := r.Write(context.Background(), &again, a, p); err != nil {
			t.Fatal(err)
		}
		r.mu.Lock()
		n := len(r.built)
		r.mu.Unlock()
		if n > r.max {
			t.Fatalf("%d reports kept, want at most %d", n, r.max)
		}
	}
}
