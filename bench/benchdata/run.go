package benchdata

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/chlocal"
	"skm/ingest"
	"skm/ingest/schema"
	"skm/standard"
)

// Main runs a benchmark command: an error from run is printed after the command's name and
// ends the process with status 1.
func Main(name string, run func() error) {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// MS formats a duration in milliseconds with two decimals, as every benchmark prints them.
func MS(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// Pct is the p-th percentile of sorted durations (the nearest rank below).
func Pct(sorted []time.Duration, p int) time.Duration {
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

// EvaluationFlags declares the -responses and -cases flags of the benchmarks that load an
// evaluation data set (LoadEvaluation): 10M responses over both agencies, 1M cases each.
func EvaluationFlags() (responses, cases *int) {
	return flag.Int("responses", 10_000_000, "survey responses, over both agencies"),
		flag.Int("cases", 1_000_000, "cases per agency")
}

// Scratch is a benchmark's workspace: a temporary directory with a private ClickHouse in it.
type Scratch struct {
	Dir    string
	Server *chlocal.Server
	Conn   clickhouse.Conn
	keep   bool
}

// loadedMark is the file a kept scratch directory holds once its data set is loaded whole.
const loadedMark = "loaded"

// Loaded reports whether an earlier run loaded the data set of this size into the kept
// scratch directory whole.
func (s *Scratch) Loaded(responses, cases int) bool {
	b, err := os.ReadFile(filepath.Join(s.Dir, loadedMark))
	return s.keep && err == nil && string(b) == fmt.Sprintf("%d %d", responses, cases)
}

// MarkLoaded records in a kept scratch directory that the data set of this size is loaded.
func (s *Scratch) MarkLoaded(responses, cases int) error {
	if !s.keep {
		return nil
	}
	return os.WriteFile(filepath.Join(s.Dir, loadedMark), fmt.Appendf(nil, "%d %d", responses, cases), 0o644)
}

// NewScratch makes a temporary directory named after the benchmark, starts a private
// ClickHouse in it and creates the databases dbs with the product's schema. Close it.
func NewScratch(ctx context.Context, name string, dbs ...string) (*Scratch, error) {
	return OpenScratch(ctx, name, "", dbs...)
}

// OpenScratch is NewScratch in dir, which Close then keeps, with what an earlier run loaded
// into it (see Loaded); dir "" is a new temporary directory, removed by Close.
func OpenScratch(ctx context.Context, name, dir string, dbs ...string) (*Scratch, error) {
	keep := dir != ""
	var err error
	if keep {
		err = os.MkdirAll(dir, 0o755)
	} else {
		dir, err = os.MkdirTemp("", "skm-bench-"+name+"-")
	}
	if err != nil {
		return nil, fmt.Errorf("bench %s: scratch directory: %w", name, err)
	}
	srv, conn, err := ClickHouse(ctx, dir)
	if err != nil {
		if !keep {
			os.RemoveAll(dir)
		}
		return nil, fmt.Errorf("bench %s: start ClickHouse: %w", name, err)
	}
	s := &Scratch{Dir: dir, Server: srv, Conn: conn, keep: keep}
	for _, db := range dbs {
		if _, err := schema.Migrate(ctx, conn, schema.MigrateOptions{Database: db}); err != nil {
			s.Close()
			return nil, fmt.Errorf("bench %s: migrate %s: %w", name, db, err)
		}
	}
	return s, nil
}

// Close closes the connection, stops ClickHouse and removes the directory unless it is kept.
func (s *Scratch) Close() {
	s.Conn.Close()
	s.Server.Stop()
	if !s.keep {
		os.RemoveAll(s.Dir)
	}
}

// Evaluation loads the example standards and fills the scratch database db as LoadEvaluation
// does; it returns the standards and the skm binary it built.
func (s *Scratch) Evaluation(ctx context.Context, db string, responses, cases int) (*standard.Set, string, error) {
	set, err := standard.Load(standard.Examples(), "examples")
	if err != nil {
		return nil, "", err
	}
	bin, err := LoadEvaluation(ctx, s.Server, s.Conn, s.Dir, db, set, responses, cases)
	return set, bin, err
}

// EvaluationOf is Evaluation for the agencies of set; args are added to the skm commands of
// the load (--standards DIR).
func (s *Scratch) EvaluationOf(ctx context.Context, db string, set *standard.Set, responses, cases int, args ...string) (string, error) {
	return LoadEvaluationInto(ctx, s.Dir, set, Target{Conn: s.Conn, DB: db, DSN: s.Server.DSN(db), Args: args, Store: ingest.NewStore(s.Conn, db),
		Optimize: func(ctx context.Context) error { return Optimize(ctx, s.Conn, db) }}, responses, cases)
}
