// Command reports measures the reports on a private ClickHouse: the monthly meeting
// workbook at 10M responses + 2M cases, the semester SKM workbook of a period with about
// 10 000 respondents and the narrative SKM report (PDF) of the same period (a child process,
// for its peak memory), and a raw export of about 1M responses by `skm report` (a child process,
// for its peak memory) beside a bare excelize StreamWriter writing the same rows in the
// same run (another child, which reads the rows into memory first and times only writing).
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/xuri/excelize/v2"

	"skm/bench/benchdata"
	"skm/reports"
	"skm/reports/pdf"
	"skm/reports/xlsx"
	"skm/standard"
	"skm/survey"
)

func main() { benchdata.Main("bench reports", run) }

func run() error {
	responses, cases := benchdata.EvaluationFlags()
	exportRows := flag.Int("export", 1_000_000, "responses (about) in the raw export")
	runs := flag.Int("runs", 10, "workbooks per measurement")
	bare := flag.String("bare", "", "internal: write the bare StreamWriter reference of `ADDR/DB` to -o")
	laporan := flag.String("laporan", "", "internal: write the narrative SKM report of bppd-ntt 2026-S1 in `ADDR/DB` to -o")
	out := flag.String("o", "", "internal: the reference's or the report's file")
	flag.Parse()
	if *bare != "" {
		return bareReference(*bare, *out)
	}
	if *laporan != "" {
		return laporanChild(*laporan, *out)
	}
	ctx := context.Background()
	const db, semDB, expDB = "skm_bench", "skm_bench_semester", "skm_bench_export"
	scratch, err := benchdata.NewScratch(ctx, "reports", db, semDB, expDB)
	if err != nil {
		return err
	}
	defer scratch.Close()
	srv, conn, dir := scratch.Server, scratch.Conn, scratch.Dir
	set, bin, err := scratch.Evaluation(ctx, db, *responses, *cases)
	if err != nil {
		return err
	}
	kalbar, _ := set.Agency("bppd-kalbar")
	ntt, _ := set.Agency("bppd-ntt")
	// The semester database: 22 months of one agency, about 10 000 in 2026-S1; the export
	// database: about exportRows in 2025 (12 of the 22 months).
	one := func(a *standard.Agency) benchdata.Placer {
		return func(rng *rand.Rand) (string, string, *time.Location) {
			return a.Code, a.Services[rng.IntN(len(a.Services))].Code, a.Location
		}
	}
	if err := benchdata.LoadResponses(ctx, conn, semDB, one(ntt), 0, 10_000*22/6); err != nil {
		return err
	}
	if err := benchdata.LoadResponses(ctx, conn, expDB, one(kalbar), 0, *exportRows*22/12); err != nil {
		return err
	}
	for _, d := range []string{semDB, expDB} {
		if err := benchdata.Optimize(ctx, conn, d); err != nil {
			return err
		}
	}
	fmt.Printf("\nExcel reports: %d cores, %s\n", runtime.NumCPU(), runtime.Version())

	// The monthly workbook of random agencies and months.
	q := reports.New(conn, db)
	rng := rand.New(rand.NewPCG(1, 2))
	var took []time.Duration
	var size int
	for range *runs {
		a := set.Agencies[rng.IntN(len(set.Agencies))]
		month := survey.Period{Kind: survey.Month, Year: 2025, N: 11}
		for range rng.IntN(12) {
			month = month.Next()
		}
		var buf bytes.Buffer
		t0 := time.Now()
		if err := xlsx.Monthly(ctx, q, a, month, time.Now(), &buf); err != nil {
			return err
		}
		took = append(took, time.Since(t0))
		size = buf.Len()
	}
	p50, p95 := percentiles(took)
	fmt.Printf("monthly workbook, %d responses + %d cases, %d runs: p50 %s, p95 %s (%d KB) — target ≤ 1 s\n",
		*responses, *cases*len(set.Agencies), *runs, benchdata.MS(p50), benchdata.MS(p95), size/1024)

	// The semester workbook.
	qs := reports.New(conn, semDB)
	s1 := survey.Period{Kind: survey.Semester, Year: 2026, N: 1}
	tally, err := qs.IKM(ctx, survey.Scope{Agency: ntt.Code, Period: s1})
	if err != nil {
		return err
	}
	took = took[:0]
	for range *runs {
		var buf bytes.Buffer
		t0 := time.Now()
		if err := xlsx.Semester(ctx, qs, ntt, s1, time.Now(), &buf, nil); err != nil {
			return err
		}
		took = append(took, time.Since(t0))
		size = buf.Len()
	}
	p50, p95 = percentiles(took)
	fmt.Printf("semester SKM workbook, %d respondents, %d runs: p50 %s, p95 %s (%d KB) — target ≤ 2 s\n",
		tally.Respondents, *runs, benchdata.MS(p50), benchdata.MS(p95), size/1024)

	// The narrative report of the same period, each in a child process for its peak memory.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	took = took[:0]
	var peak int64
	report := filepath.Join(dir, "laporan.pdf")
	for range *runs {
		ns, kb, err := childReport(self, "-laporan", srv.DSN(semDB), "-o", report)
		if err != nil {
			return fmt.Errorf("narrative report: %w", err)
		}
		took, peak = append(took, time.Duration(ns)), max(peak, kb)
	}
	st, err := os.Stat(report)
	if err != nil {
		return err
	}
	p50, p95 = percentiles(took)
	fmt.Printf("narrative SKM report (PDF), the same %d respondents, %d runs: p50 %s, p95 %s (%d KB), peak RSS %d MB — target ≤ 3 s, ≤ 256 MB\n",
		tally.Respondents, *runs, benchdata.MS(p50), benchdata.MS(p95), st.Size()/1024, peak/1024)

	// The raw export against the bare StreamWriter, each in a child process, twice each.
	qe := reports.New(conn, expDB)
	year := survey.Period{Kind: survey.Year, Year: 2025}
	all, err := qe.IKMRaw(ctx, survey.Scope{Agency: kalbar.Code, Period: year})
	if err != nil {
		return err
	}
	var oursT, refT []time.Duration
	var oursRSS, refRSS int64
	for i := range 2 {
		file := filepath.Join(dir, "export.xlsx")
		t, rss, err := benchdata.Child(bin, "report", "responses", "--agency", kalbar.Code, "--period", year.Code(), "-o", file,
			"--clickhouse", srv.DSN(expDB), "--data-dir", filepath.Join(dir, "data"))
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		oursT, oursRSS = append(oursT, t), max(oursRSS, rss)
		st, _ := os.Stat(file)
		ref := filepath.Join(dir, "bare.xlsx")
		ns, kb, err := childReport(self, "-bare", srv.DSN(expDB), "-o", ref)
		if err != nil {
			return fmt.Errorf("bare reference: %w", err)
		}
		refRSS = max(refRSS, kb)
		refT = append(refT, time.Duration(ns))
		rst, _ := os.Stat(ref)
		if i == 0 {
			fmt.Printf("raw export files: ours %d MB, bare %d MB\n", st.Size()>>20, rst.Size()>>20)
		}
	}
	o, r := slices.Min(oursT), slices.Min(refT)
	fmt.Printf("raw export, %d responses × %d columns, best of 2: skm report %s (whole process: query, decode, write), peak RSS %d MB; "+
		"bare StreamWriter of the same rows %s (writing only), peak RSS %d MB (rows held in memory); ratio %.2f — target ≤ 1.10, RSS ≤ 256 MB\n",
		all.Respondents, len(xlsx.ResponseColumns), benchdata.MS(o), oursRSS/1024, benchdata.MS(r), refRSS/1024, float64(o)/float64(r))
	return nil
}

// childReport runs this command with args, which writes a file and prints the nanoseconds
// it took and its peak RSS in KB.
func childReport(self string, args ...string) (ns, kb int64, err error) {
	cmd := exec.Command(self, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, err
	}
	if _, err := fmt.Sscan(string(out), &ns, &kb); err != nil {
		return 0, 0, fmt.Errorf("the child said %q", out)
	}
	return ns, kb, nil
}

// open connects to target (a clickhouse:// URL with its database) and loads the example
// standards.
func open(target string) (clickhouse.Conn, string, *standard.Set, error) {
	opts, err := clickhouse.ParseDSN(target)
	if err != nil {
		return nil, "", nil, fmt.Errorf("%q: %w", target, err)
	}
	db := opts.Auth.Database
	opts.Auth.Database = ""
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, "", nil, err
	}
	set, err := standard.Load(standard.Examples(), "examples")
	if err != nil {
		conn.Close()
		return nil, "", nil, err
	}
	return conn, db, set, nil
}

// laporanChild writes the narrative SKM report of bppd-ntt's Semester I 2026 to out and
// prints the nanoseconds it took (figures read, responses streamed, PDF written) and the
// process's peak RSS in KB.
func laporanChild(target, out string) error {
	conn, db, set, err := open(target)
	if err != nil {
		return err
	}
	defer conn.Close()
	a, _ := set.Agency("bppd-ntt")
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	w := bufio.NewWriter(f)
	if err := pdf.Laporan(context.Background(), reports.New(conn, db), a, survey.Period{Kind: survey.Semester, Year: 2026, N: 1},
		time.Now(), w, pdf.Options{}); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Println(time.Since(start).Nanoseconds(), benchdata.PeakRSS(os.Getpid()))
	return f.Close()
}

// bareReference reads the export's rows into memory, then times a bare StreamWriter
// writing them (the same values and types, dates with a date format) and saving the file;
// it prints the nanoseconds.
func bareReference(target, out string) error {
	ctx := context.Background()
	conn, db, set, err := open(target)
	if err != nil {
		return fmt.Errorf("-bare: %w", err)
	}
	defer conn.Close()
	a, _ := set.Agency("bppd-kalbar")
	var rows [][]any
	err = reports.New(conn, db).EachResponse(ctx, survey.Scope{Agency: a.Code, Period: survey.Period{Kind: survey.Year, Year: 2025}},
		func(r *reports.ResponseRow) error {
			row := []any{r.ID, r.Date, r.SubmittedAt, r.Service, r.Channel}
			for _, v := range r.Answers {
				if v > 0 {
					row = append(row, int64(v))
				} else {
					row = append(row, nil)
				}
			}
			row = append(row, int64(r.Umur), r.JenisKelamin, r.Pendidikan, r.Pekerjaan, r.Saran)
			rows = append(rows, row)
			return nil
		})
	if err != nil {
		return err
	}
	start := time.Now()
	f := excelize.NewFile()
	defer f.Close()
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("[$-421]d mmmm yyyy")})
	stamp, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("[$-421]d mmm yyyy hh:mm")})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	head := make([]any, len(xlsx.ResponseColumns))
	for i, c := range xlsx.ResponseColumns {
		head[i] = c
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, row := range rows {
		row[1] = excelize.Cell{StyleID: date, Value: row[1]}
		row[2] = excelize.Cell{StyleID: stamp, Value: row[2]}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := f.SaveAs(out); err != nil {
		return err
	}
	fmt.Println(time.Since(start).Nanoseconds(), benchdata.PeakRSS(os.Getpid()))
	return nil
}

func ptr(s string) *string { return &s }

func percentiles(d []time.Duration) (time.Duration, time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, (len(s)*95+99)/100-1)]
}
