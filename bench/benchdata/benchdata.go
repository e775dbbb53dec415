// Package benchdata is what the benchmarks (bench/…) share: their deterministic data sets
// (case files in the import template's columns, survey responses of the example agencies),
// their scratch ClickHouse, child processes measured for peak memory, and how they run and
// print (Main, MS, Pct).
package benchdata

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/google/uuid"
	"golang.org/x/sync/errgroup"

	"skm/chlocal"
	"skm/ingest"
	"skm/standard"
	"skm/survey"
)

// Child runs a command and returns its wall time and peak RSS in KB. The peak is the
// child's own high-water mark (VmHWM of /proc/PID/status, read every 10 ms while it runs):
// the rusage of a waited child would also count the parent's memory at the fork, since Go
// starts children sharing its address space until they exec.
func Child(name string, args ...string) (time.Duration, int64, error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	var out bytes.Buffer
	cmd.Stdout = &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var hwm int64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := PeakRSS(cmd.Process.Pid); v > hwm {
				hwm = v
			}
			select {
			case <-done:
				peak <- hwm
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	took := time.Since(start)
	close(done)
	hwm := <-peak
	if err != nil {
		return 0, 0, fmt.Errorf("%v: %s", err, out.Bytes())
	}
	return took, hwm, nil
}

// PeakRSS is the peak resident set of a running process in KB, or 0 when it cannot be read.
func PeakRSS(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb
		}
	}
	return 0
}

// WriteCasesCSV writes n deterministic cases of agency a in the import template's columns,
// received over 2025-01-01 … 2026-10-31: most completed within 20 days, a third of the last
// six weeks' still open, and a small stale backlog (1 %) of older ones.
func WriteCasesCSV(path string, a *standard.Agency, n int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(seed, 2026))
	fmt.Fprintln(w, "nomor;jenis;layanan;saluran;klasifikasi;status;diterima;selesai;petugas;rujukan")
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, a.Location)
	span := int(time.Date(2026, 10, 31, 0, 0, 0, 0, a.Location).Sub(from) / time.Minute)
	// Register numbers are issued in order of receipt, as in a real register.
	minutes := make([]int, n)
	for i := range minutes {
		minutes[i] = rng.IntN(span)
	}
	slices.Sort(minutes)
	for i := range n {
		s := a.Services[rng.IntN(len(a.Services))]
		class := ""
		if s.Kind == standard.KindPengaduan && len(a.ComplaintClasses) > 0 {
			class = a.ComplaintClasses[rng.IntN(len(a.ComplaintClasses))].Code
		}
		recv := from.Add(time.Duration(minutes[i]) * time.Minute)
		done := ""
		recent := recv.After(time.Date(2026, 9, 15, 0, 0, 0, 0, a.Location))
		if (recent && rng.IntN(3) > 0) || (!recent && rng.IntN(100) > 0) {
			done = recv.Add(time.Duration(rng.IntN(20*24*60)) * time.Minute).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "REG-%07d;;%s;%s;%s;;%s;%s;Petugas %d;\n", i, s.Code, a.Channels[rng.IntN(len(a.Channels))], class,
			recv.Format("2006-01-02 15:04"), done, rng.IntN(12))
	}
	return w.Flush()
}

// Placer picks the agency, service and time zone of one response from its random source.
type Placer func(rng *rand.Rand) (agency, service string, loc *time.Location)

// AgencyPlacer spreads responses over the agencies and their services.
func AgencyPlacer(agencies []*standard.Agency) Placer {
	return func(rng *rand.Rand) (string, string, *time.Location) {
		a := agencies[rng.IntN(len(agencies))]
		return a.Code, a.Services[rng.IntN(len(a.Services))].Code, a.Location
	}
}

// LoadResponses writes responses [from, to) of a deterministic data set placed by place,
// submitted 2025-01-01 … 2026-10-31 in local time, with a respondent profile and a saran on
// one in ten: row i depends on i only, so a larger set extends a smaller one. Batches of
// 100 000 rows are made and inserted by as many workers as there are cores (one insert keeps
// one ClickHouse core busy).
func LoadResponses(ctx context.Context, conn driver.Conn, db string, place Placer, from, to int) error {
	const batchRows = 100_000
	next := make(chan int)
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(next)
		for i := from; i < to; i += batchRows {
			select {
			case next <- i:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	for range runtime.GOMAXPROCS(0) {
		g.Go(func() error {
			batch := make([]ingest.ResponseRow, 0, batchRows)
			for start := range next {
				batch = batch[:0]
				for i := start; i < min(start+batchRows, to); i++ {
					batch = append(batch, benchResponse(i, place))
				}
				if err := ingest.NewStore(conn, db).WriteResponses(ctx, batch); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// benchResponse is row i of the data set of LoadResponses.
func benchResponse(i int, place Placer) ingest.ResponseRow {
	educations, jobs := survey.Educations, survey.Occupations
	rng := rand.New(rand.NewPCG(uint64(i), 42))
	agency, service, loc := place(rng)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	span := int64(time.Date(2026, 10, 31, 0, 0, 0, 0, loc).Sub(start) / time.Second)
	at := start.Add(time.Duration(rng.Int64N(span)) * time.Second)
	r := ingest.ResponseRow{Agency: agency, Service: service,
		SubmittedAt: at.UTC(), LocalDate: standard.LocalDate(at, loc), Channel: []string{"web", "kiosk", "paper"}[rng.IntN(3)],
		IngestedAt: at.UTC(), Umur: uint8(18 + rng.IntN(50)), JenisKelamin: []string{"L", "P"}[rng.IntN(2)],
		Pendidikan: educations[rng.IntN(len(educations))], Pekerjaan: jobs[rng.IntN(len(jobs))]}
	if rng.IntN(10) == 0 {
		r.Saran = "Saran nomor " + strconv.Itoa(i)
	}
	bits := rng.Uint64()
	r.ID = uuid.NewSHA1(uuid.NameSpaceOID, []byte(strconv.Itoa(i)))
	for e := range r.Answers {
		r.Answers[e] = uint8(1 + (bits>>(e*2))%4)
		if r.Answers[e] < 3 && rng.IntN(3) > 0 {
			r.Answers[e] += 2 // most answers are 3 or 4
		}
	}
	return r
}

// ClickHouse starts a private ClickHouse under dir and connects to it; stop the server after
// closing the connection.
func ClickHouse(ctx context.Context, dir string) (*chlocal.Server, clickhouse.Conn, error) {
	srv, err := chlocal.Start(ctx, chlocal.Options{Dir: filepath.Join(dir, "clickhouse")})
	if err != nil {
		return nil, nil, err
	}
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{srv.Addr()}, Auth: clickhouse.Auth{Username: chlocal.User, Password: srv.Password()}, ReadTimeout: 10 * time.Minute,
		MaxOpenConns: 32, Compression: &clickhouse.Compression{Method: clickhouse.CompressionLZ4},
		// Every query goes to system.query_log, for a breakdown after a run (QueryCosts).
		Settings: clickhouse.Settings{"log_queries": 1}})
	if err != nil {
		srv.Stop()
		return nil, nil, err
	}
	return srv, conn, nil
}

// QueryCosts prints the statements that took the most server time since since, from
// system.query_log: the first words of each, how often it ran, its mean time and rows read.
func QueryCosts(ctx context.Context, conn driver.Conn, since time.Time, top int) error {
	if err := conn.Exec(ctx, "SYSTEM FLUSH LOGS"); err != nil {
		return err
	}
	rows, err := conn.Query(ctx, `SELECT substring(replaceRegexpAll(query, '\\s+', ' '), 1, 90) AS q, count() AS n,
		avg(query_duration_ms) AS ms, avg(read_rows) AS rows_read, sum(query_duration_ms) AS total
		FROM system.query_log WHERE type = 2 AND event_time >= toDateTime(?) AND query NOT LIKE '%query_log%'
		GROUP BY q ORDER BY total DESC LIMIT ?`, since.UTC().Format(time.DateTime), uint64(top))
	if err != nil {
		return err
	}
	defer rows.Close()
	fmt.Printf("\n  server time per statement (query_log), most first:\n  %6s %9s %12s  %s\n", "runs", "mean ms", "rows read", "statement")
	for rows.Next() {
		var q string
		var n uint64
		var ms, read float64
		var total uint64
		if err := rows.Scan(&q, &n, &ms, &read, &total); err != nil {
			return err
		}
		fmt.Printf("  %6d %9.1f %12.0f  %s\n", n, ms, read, q)
	}
	return rows.Err()
}

// Target is a database an evaluation data set is loaded into: one server's, or a cluster's
// (ClusterScratch).
type Target struct {
	Conn driver.Conn
	DB   string
	// DSN and Args are what `skm import` is given: the --clickhouse URL, and the flags of the
	// layout (--cluster NAME).
	DSN  string
	Args []string
	// Store is the write side on the database in its layout.
	Store *ingest.Store
	// Optimize merges the parts the load wrote.
	Optimize func(ctx context.Context) error
}

// LoadEvaluation fills db (migrated) with what the monthly evaluation reads: responses for
// the example agencies of set, and cases per agency imported from CSV by the real binary,
// which it builds into dir (returned); then it computes the case months ahead as skm serve
// does, and merges the parts (Optimize). It prints how long each part took.
func LoadEvaluation(ctx context.Context, srv *chlocal.Server, conn driver.Conn, dir, db string, set *standard.Set, responses, cases int) (string, error) {
	return LoadEvaluationInto(ctx, dir, set, Target{Conn: conn, DB: db, DSN: srv.DSN(db), Store: ingest.NewStore(conn, db),
		Optimize: func(ctx context.Context) error { return Optimize(ctx, conn, db) }}, responses, cases)
}

// LoadEvaluationInto is LoadEvaluation into the target t.
func LoadEvaluationInto(ctx context.Context, dir string, set *standard.Set, t Target, responses, cases int) (string, error) {
	start := time.Now()
	if err := LoadResponses(ctx, t.Conn, t.DB, AgencyPlacer(set.Agencies), 0, responses); err != nil {
		return "", err
	}
	fmt.Printf("loaded %d responses in %s\n", responses, time.Since(start).Round(time.Second))
	start = time.Now()
	bin := filepath.Join(dir, "skm")
	if _, err := os.Stat(bin); err != nil {
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/skm").CombinedOutput(); err != nil {
			return "", fmt.Errorf("build skm: %v\n%s", err, out)
		}
	}
	for i, a := range set.Agencies {
		file := filepath.Join(dir, a.Code+".csv")
		if err := WriteCasesCSV(file, a, cases, uint64(i)); err != nil {
			return "", err
		}
		args := append([]string{"import", "cases", file, "--agency", a.Code, "--clickhouse", t.DSN, "--data-dir", filepath.Join(dir, "data")}, t.Args...)
		if _, _, err := Child(bin, args...); err != nil {
			return "", fmt.Errorf("import cases: %w", err)
		}
	}
	fmt.Printf("imported %d cases in %s\n", cases*len(set.Agencies), time.Since(start).Round(time.Second))
	start = time.Now()
	computed, err := ingest.NewCaseMonths(t.Store, set, nil).Refresh(ctx)
	if err != nil {
		return "", err
	}
	fmt.Printf("computed %d agency-months of case figures in %s\n", computed, time.Since(start).Round(100*time.Millisecond))
	return bin, t.Optimize(ctx)
}

// Optimize merges the parts of db's tables that loads and computations wrote, as ClickHouse
// does in the background within minutes: the steady state to measure.
func Optimize(ctx context.Context, conn driver.Conn, db string) error {
	for _, t := range []string{"survey_responses", "survey_daily", "survey_profile_monthly", "survey_saran", "survey_saran_days", "cases",
		"case_month", "case_month_overdue"} {
		if err := conn.Exec(ctx, "OPTIMIZE TABLE "+db+"."+t+" FINAL"); err != nil {
			return fmt.Errorf("optimize %s: %w", t, err)
		}
	}
	return nil
}
