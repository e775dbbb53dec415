package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// env is what a subcommand may touch of the outside world.
type env struct {
	getenv func(string) string
	stdin  io.Reader // passwords for skm user (the process's stdin)
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "[flags]", "run the server (starts its own local ClickHouse unless --clickhouse is given)", runServe},
		{"demo", "[flags]", "run the server with both example agencies and generated history", runDemo},
		{"migrate", "[flags]", "create or update the database schema, then exit", runMigrate},
		{"import", "responses|cases FILE --agency CODE", "import paper questionnaires or case records (also SP4N-LAPOR! exports) from CSV or XLSX (--dry-run checks only; --template writes a blank one)", runImport},
		{"report", "monthly|skm|responses|cases --agency CODE -o FILE", "write the monthly meeting workbook, the semester SKM report, or a raw export (.xlsx/.csv) of responses or cases", runReport},
		{"holiday", "add|remove|move|list", "correct the working calendar (national or per agency); open cases get new deadlines", runHoliday},
		{"user", "add|passwd|disable|enable|list", "manage staff logins: admin (all agencies), head and staff (own agency); passwords from stdin", runUser},
		{"token", "create|revoke --agency CODE", "create or revoke a per-agency API token (shown once, stored hashed)", runToken},
		{"population", "set --agency CODE --period P --estimate N", "record an estimate of service users where there are no case records", runPopulation},
		{"period", "status|reopen|close --agency CODE [--period P --reason TEXT --days N]", "where survey periods stand for new responses; reopen a closed one, or close it again", runPeriod},
		{"target", "set|list --agency CODE [--year Y --ikm N --on-time N --overdue-cap N|none --note TEXT]", "set the dashboard targets of a year (IKM, on time, overdue cap) or list them with their history", runTarget},
		{"rollup", "verify|rebuild", "compare the survey rollup with the raw responses, or recompute it", runRollup},
		{"visit-codes", "--agency CODE", "print per-visit codes for service receipts (one survey response per code)", runVisitCodes},
		{"standards", "check DIR", "validate a standards directory and report every problem as file:line", runStandards},
		{"clickhouse", "[flags]", "run only the private local ClickHouse in the foreground (for developers and tests)", runClickHouse},
		{"cluster", "up|down|status|kill NODE|start NODE", "run a loopback ClickHouse cluster (ZooKeeper, 2 shards × 2 replicas) for trials and tests", runCluster},
		{"version", "", "print the version", runVersion},
		{"sql-render", "DIR", "write every migration and statement with sample arguments (for the current-ClickHouse check)", runSQLRender},
	}
}

// errUsage marks an error caused by how skm was called; run exits with status 2.
var errUsage = errors.New("usage")

// errReported marks an error whose details were already printed; run only sets the status.
var errReported = errors.New("reported")

// run is the whole program: it dispatches to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	return dispatch(ctx, &env{getenv: getenv, stdin: os.Stdin, stdout: stdout, stderr: stderr}, args)
}

// dispatch runs the subcommand named by args[0] in e.
func dispatch(ctx context.Context, e *env, args []string) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return dispatch(ctx, e, []string{args[1], "--help"})
		}
		usage(stdout)
		return 0
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "skm %s: %v\nRun 'skm %s --help' for usage.\n", name, strings.TrimPrefix(err.Error(), "usage: "), name)
			return 2
		case errors.Is(err, errReported):
			return 1
		default:
			fmt.Fprintf(stderr, "skm %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "skm: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `skm — Survei Kepuasan Masyarakat and service-standard performance for Indonesian public-service units.

Usage: skm <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Every flag can also be set by an environment variable SKM_<FLAG>, e.g. SKM_CLICKHOUSE for
--clickhouse or SKM_DATA_DIR for --data-dir. A flag on the command line wins.

Run 'skm <command> --help' for the flags of a command.
`)
}

func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}
