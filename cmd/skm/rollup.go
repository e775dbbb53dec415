package main

import (
	"context"
	"fmt"
	"time"

	"skm/survey"
)

func runRollup(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "rollup", "verify|rebuild [--agency CODE] [--period 2026-S2]",
		"verify compares the daily survey rollup with the raw responses and exits 1, listing every\n"+
			"day that differs. rebuild recomputes an agency's rollup for a period from the raw\n"+
			"responses (run it for closed periods, or while the intake is quiet), then verifies.")
	var agency, period string
	var d dbFlags
	var l logFlags
	f.StringVar(&agency, "agency", "", "agency `code` (required for rebuild; empty: all agencies)")
	f.StringVar(&period, "period", "", "`period` such as 2026, 2026-S2, 2026-Q4, 2026-10 (empty: all time)")
	d.register(f, "skm-data")
	l.register(f)
	action, err := f.parseAction(args, "expected: skm rollup verify|rebuild [--agency CODE] [--period P]", "verify", "rebuild")
	if err != nil {
		return err
	}
	from, to := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2149, 6, 6, 0, 0, 0, 0, time.UTC)
	if period != "" {
		p, err := survey.ParsePeriod(period)
		if err != nil {
			return usagef("%v", err)
		}
		from, to = p.Bounds()
	}
	if action == "rebuild" && agency == "" {
		return usagef("rebuild needs --agency")
	}
	db, _, _, err := openMigrated(ctx, e, d, l)
	if err != nil {
		return err
	}
	defer db.Close()
	if action == "rebuild" {
		if err := db.store.RebuildRollup(ctx, agency, from, to); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "rollup of %s rebuilt for %s\n", agency, describeRange(period))
	}
	diffs, err := db.store.VerifyRollup(ctx, agency, from, to)
	if err != nil {
		return err
	}
	if len(diffs) > 0 {
		for _, d := range diffs {
			fmt.Fprintln(e.stdout, d)
		}
		fmt.Fprintf(e.stdout, "ROLLUP DIFFERS FROM RAW DATA on %d day(s); fix with: skm rollup rebuild --agency CODE --period P\n", len(diffs))
		return errReported
	}
	fmt.Fprintf(e.stdout, "rollup agrees with the raw responses (%s)\n", describeRange(period))
	return nil
}

func describeRange(period string) string {
	if period == "" {
		return "all time"
	}
	return "period " + period
}
