package pdf

import (
	"context"
	"io"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"skm/standard/standardtest"
	"skm/survey"
)

// BenchmarkLaporan10000 sets the report of a period with 10 000 respondents (a fake source
// streaming generated rows; the figures of the hand-computed example) and reports the
// time, the bytes allocated and the peak heap of one report — targets 3 s and 256 MB.
func BenchmarkLaporan10000(b *testing.B) {
	a := standardtest.Agency(b, "bppd-kalbar")
	f, _ := exampleFigures(a)
	src := &fakeSource{f: f, synthetic: 10_000}
	period := survey.Period{Kind: survey.Semester, Year: 2026, N: 1}
	now := time.Date(2026, 7, 10, 9, 0, 0, 0, a.Location)
	var peak uint64
	for b.Loop() {
		runtime.GC()
		stop := sampleHeap(&peak)
		if err := Laporan(context.Background(), src, a, period, now, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
		stop()
	}
	b.ReportAllocs()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// sampleHeap records the largest heap in use into peak until the returned stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(finished)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
