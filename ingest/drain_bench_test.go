package ingest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
)

// BenchmarkSpoolDrain measures how fast the batcher moves responses from the spool into
// ClickHouse (decode, id checks, insert, commit), beside the reference measured in the same
// run: plain PrepareBatch/Send of the same rows. Target: ≥ 150 000 rows/s.
func BenchmarkSpoolDrain(b *testing.B) {
	const rows = 100_000
	ctx := context.Background()
	loc := time.FixedZone("WIB", 7*3600)
	make := func() []ingest.ResponseRow {
		out := make([]ingest.ResponseRow, rows)
		at := time.Date(2026, 10, 1, 8, 0, 0, 0, loc)
		for i := range out {
			t := at.Add(time.Duration(i) * 13 * time.Second)
			out[i] = ingesttest.WithProfile(ingesttest.Response("bppd-kalbar", "konsultasi", t, [9]uint8{4, 3, 3, 4, 3, 4, 4, 2, 3}))
			out[i].Saran = "Pelayanan cepat."
		}
		return out
	}
	var ours, ref float64
	for b.Loop() {
		plainDB := chtest.NewDB(b)
		data := make()
		start := time.Now()
		for i := 0; i < len(data); i += 10_000 {
			if err := ingest.NewStore(plainDB.Conn, plainDB.Name).WriteResponses(ctx, data[i:min(i+10_000, len(data))]); err != nil {
				b.Fatal(err)
			}
		}
		ref = rows / time.Since(start).Seconds()

		db := chtest.NewDB(b)
		r := newRigTB(b, db)
		if err := r.AppendRowsForBench(make()); err != nil {
			b.Fatal(err)
		}
		batcher := ingest.NewBatcher(r.spool, ingest.NewStore(db.Conn, db.Name), ingest.BatcherOptions{Metrics: r.metrics})
		start = time.Now()
		n, err := batcher.Flush(ctx)
		if err != nil || n != rows {
			b.Fatalf("stored %d of %d: %v", n, rows, err)
		}
		ours = rows / time.Since(start).Seconds()
	}
	b.ReportMetric(ours, "drain-rows/s")
	b.ReportMetric(ref, "plain-batch-rows/s")
	b.ReportMetric(ours/ref, "ratio")
	fmt.Printf("spool drain: %.0f rows/s; plain PrepareBatch of the same rows: %.0f rows/s; ratio %.2f (target ≥ 150 000 rows/s)\n", ours, ref, ours/ref)
}
