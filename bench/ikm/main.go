// Command ikm is the IKM query benchmark (make bench-ikm): it loads a deterministic data set
// of survey responses (100 units × 4 services × 2 years) into a private ClickHouse at 1M and
// 10M rows, and measures the question behind the IKM API — a unit's semester, all services or
// one — from the daily rollup, beside the same answer from the raw table, in the same run.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/bench/benchdata"
	"skm/reports"
	"skm/survey"
)

func main() { benchdata.Main("bench-ikm", run) }

const units, services = 100, 4

func run() error {
	sizes := flag.String("rows", "1000000,10000000", "comma-separated data-set sizes, each loaded on top of the previous")
	queries := flag.Int("queries", 200, "queries per measurement")
	flag.Parse()
	ctx := context.Background()
	const db = "skm_bench"
	scratch, err := benchdata.NewScratch(ctx, "ikm", db)
	if err != nil {
		return err
	}
	defer scratch.Close()
	conn := scratch.Conn
	q := reports.New(conn, db)
	fmt.Printf("IKM query benchmark: %d units × %d services × 2 years, %d queries each, %d cores, %s\n\n",
		units, services, *queries, runtime.NumCPU(), runtime.Version())
	fmt.Printf("%-11s %-26s %12s %12s %8s   %s\n", "rows", "question", "rollup", "raw table", "ratio", "target")
	loaded := 0
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= loaded {
			return fmt.Errorf("--rows %q: sizes must grow", *sizes)
		}
		start := time.Now()
		if err := load(ctx, conn, db, loaded, n); err != nil {
			return err
		}
		loadTime := time.Since(start)
		loaded = n
		if err := conn.Exec(ctx, "OPTIMIZE TABLE "+db+".survey_daily FINAL"); err != nil {
			return err
		}
		for _, oneService := range []bool{false, true} {
			name := "unit semester, all services"
			if oneService {
				name = "unit semester, one service"
			}
			rolled, rawT, err := measure(ctx, q, *queries, oneService)
			if err != nil {
				return err
			}
			fmt.Printf("%-11d %-26s %12s %12s %7.1f×   p95 ≤ 20 ms at 10M (rollup)\n", n, name+" p50", benchdata.MS(benchdata.Pct(rolled, 50)), benchdata.MS(benchdata.Pct(rawT, 50)), float64(benchdata.Pct(rawT, 50))/float64(benchdata.Pct(rolled, 50)))
			fmt.Printf("%-11s %-26s %12s %12s %7.1f×\n", "", name+" p95", benchdata.MS(benchdata.Pct(rolled, 95)), benchdata.MS(benchdata.Pct(rawT, 95)), float64(benchdata.Pct(rawT, 95))/float64(benchdata.Pct(rolled, 95)))
		}
		base, err := roundTrip(ctx, conn, *queries)
		if err != nil {
			return err
		}
		fmt.Printf("%-11s %-26s %12s\n", "", "SELECT 1 round trip p50", benchdata.MS(benchdata.Pct(base, 50)))
		fmt.Printf("%-11s %-26s %12s\n", "", "loaded in", loadTime.Round(time.Second))
	}
	return nil
}

// measure runs the same random scopes through the rollup and the raw table, and checks that
// both give the same tally.
func measure(ctx context.Context, q *reports.Querier, n int, oneService bool) ([]time.Duration, []time.Duration, error) {
	rng := rand.New(rand.NewPCG(7, 7))
	var rolled, raw []time.Duration
	for range n {
		s := survey.Scope{Agency: unit(rng.IntN(units)), Period: survey.Period{Kind: survey.Semester, Year: 2025 + rng.IntN(2), N: 1 + rng.IntN(2)}}
		if oneService {
			s.Service = service(rng.IntN(services))
		}
		t0 := time.Now()
		a, err := q.IKM(ctx, s)
		if err != nil {
			return nil, nil, err
		}
		rolled = append(rolled, time.Since(t0))
		t0 = time.Now()
		b, err := q.IKMRaw(ctx, s)
		if err != nil {
			return nil, nil, err
		}
		raw = append(raw, time.Since(t0))
		if a != b {
			return nil, nil, fmt.Errorf("rollup and raw disagree for %+v: %+v vs %+v", s, a, b)
		}
	}
	slices.Sort(rolled)
	slices.Sort(raw)
	return rolled, raw, nil
}

func unit(i int) string    { return fmt.Sprintf("unit-%03d", i+1) }
func service(i int) string { return fmt.Sprintf("layanan-%d", i+1) }

// load writes rows [from, to) of the deterministic data set over the units and services.
func load(ctx context.Context, conn clickhouse.Conn, db string, from, to int) error {
	wita := time.FixedZone("WITA", 8*3600)
	return benchdata.LoadResponses(ctx, conn, db, func(rng *rand.Rand) (string, string, *time.Location) {
		return unit(rng.IntN(units)), service(rng.IntN(services)), wita
	}, from, to)
}

// roundTrip measures the driver's and server's fixed cost: SELECT 1.
func roundTrip(ctx context.Context, conn clickhouse.Conn, n int) ([]time.Duration, error) {
	var out []time.Duration
	for range n {
		t0 := time.Now()
		var v uint8
		if err := conn.QueryRow(ctx, "SELECT 1").Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, time.Since(t0))
	}
	slices.Sort(out)
	return out, nil
}
