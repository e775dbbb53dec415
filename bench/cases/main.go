// Command cases is the case benchmark (make bench-cases). It writes a deterministic CSV of
// 1M cases per agency, and measures:
//
//   - `skm import cases` of the file (a child process: rows/s and peak RSS) beside reading and
//     parsing the same file alone (also a child process), in the same run;
//   - the monthly case summary (reports.CaseSummary + OverdueCases, what the summary API
//     sends) at 2M cases, p50/p95, beside the same figures counted from the raw rows read with
//     FINAL.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/bench/benchdata"
	"skm/chlocal"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-parse-only" {
		// The reference, run as a child so that its peak RSS is its own.
		n, err := parseOnly(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(n)
		return
	}
	benchdata.Main("bench-cases", run)
}

// parseOnly reads the file and splits every row, as the import's first step does.
func parseOnly(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.Comma = ';'
	r.ReuseRecord = true
	n := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n - 1, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func run() error {
	rows := flag.Int("rows", 1_000_000, "cases per agency file (two agencies are imported)")
	queries := flag.Int("queries", 50, "summary queries per measurement")
	flag.Parse()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "skm-bench-cases-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "skm")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/skm").CombinedOutput(); err != nil {
		return fmt.Errorf("build skm: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	srv, err := chlocal.Start(ctx, chlocal.Options{Dir: filepath.Join(dir, "clickhouse")})
	if err != nil {
		return err
	}
	defer srv.Stop()
	const db = "skm_bench"
	url := srv.DSN(db)
	set, err := standard.Load(standard.Examples(), "examples")
	if err != nil {
		return err
	}
	fmt.Printf("Case benchmark: %d cases per agency file, %d cores, %s\n\n", *rows, runtime.NumCPU(), runtime.Version())
	fmt.Printf("%-12s %-34s %14s %10s %14s %10s %8s\n", "agency", "step", "ours", "RSS", "reference", "RSS", "ratio")
	for i, code := range []string{"bppd-kalbar", "bppd-ntt"} {
		a, _ := set.Agency(code)
		file := filepath.Join(dir, code+".csv")
		if err := benchdata.WriteCasesCSV(file, a, *rows, uint64(i)); err != nil {
			return err
		}
		refTime, refRSS, err := benchdata.Child(self, "-parse-only", file)
		if err != nil {
			return fmt.Errorf("parse only: %w", err)
		}
		ourTime, ourRSS, err := benchdata.Child(bin, "import", "cases", file, "--agency", code, "--clickhouse", url, "--data-dir", filepath.Join(dir, "data"))
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		rate := func(d time.Duration) string { return fmt.Sprintf("%.0f rows/s", float64(*rows)/d.Seconds()) }
		fmt.Printf("%-12s %-34s %14s %7d MB %14s %7d MB %7.2f×   target ≥ 100 000 rows/s, RSS ≤ 256 MB\n", code, "import cases (CSV → ClickHouse)",
			rate(ourTime), ourRSS>>10, rate(refTime), refRSS>>10, ourTime.Seconds()/refTime.Seconds())
	}

	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{srv.Addr()}, Auth: clickhouse.Auth{Username: chlocal.User, Password: srv.Password()}, ReadTimeout: 10 * time.Minute,
		Compression: &clickhouse.Compression{Method: clickhouse.CompressionLZ4}})
	if err != nil {
		return err
	}
	defer conn.Close()
	var total uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM "+db+".cases").Scan(&total); err != nil {
		return err
	}
	q := reports.New(conn, db)
	a, _ := set.Agency("bppd-kalbar")
	month, _ := survey.ParsePeriod("2026-10")
	var ours, ref []time.Duration
	var check reports.CaseStats
	for range *queries {
		start := time.Now()
		sum, err := q.CaseSummary(ctx, a.Code, month, "", a.Location)
		if err != nil {
			return err
		}
		if _, err := q.OverdueCases(ctx, a.Code, month, "", a.Location, 200); err != nil {
			return err
		}
		ours = append(ours, time.Since(start))
		check = sum.CaseStats
		start = time.Now()
		n, err := directCount(ctx, conn, db, a.Code, month, a.Location)
		if err != nil {
			return err
		}
		ref = append(ref, time.Since(start))
		if n != check.Received {
			return fmt.Errorf("summary says %d received, the direct count %d", check.Received, n)
		}
	}
	slices.Sort(ours)
	slices.Sort(ref)
	pct, ms := benchdata.Pct, benchdata.MS
	fmt.Printf("\nMonthly case summary of one agency (%s, %d received, %d completed) at %d cases, %d queries:\n",
		month, check.Received, check.Completed, total, *queries)
	fmt.Printf("  %-6s %12s %30s %8s\n", "", "summary API", "direct count over FINAL rows", "ratio")
	for _, p := range []int{50, 95} {
		fmt.Printf("  p%-5d %12s %30s %7.1f×\n", p, ms(pct(ours, p)), ms(pct(ref, p)), float64(pct(ref, p))/float64(pct(ours, p)))
	}
	return nil
}

// directCount reads the agency's newest case versions with FINAL and counts those received
// in the month, the naive way the summary's figures could be had.
func directCount(ctx context.Context, conn clickhouse.Conn, db, agency string, month survey.Period, loc *time.Location) (uint64, error) {
	first, last := month.Bounds()
	rows, err := conn.Query(ctx, "SELECT received_at, completed_at, deadline_at, on_time, working_minutes FROM "+db+".cases FINAL WHERE agency = ?", agency)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n uint64
	for rows.Next() {
		var (
			received            time.Time
			completed, deadline *time.Time
			onTime              *uint8
			minutes             *uint32
		)
		if err := rows.Scan(&received, &completed, &deadline, &onTime, &minutes); err != nil {
			return 0, err
		}
		day := standard.LocalDate(received, loc)
		if !day.Before(first) && !day.After(last) {
			n++
		}
	}
	return n, rows.Err()
}
