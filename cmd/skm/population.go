package main

import (
	"context"
	"fmt"
	"time"

	"skm/survey"
)

func runPopulation(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "population", "set --agency CODE --period 2026-S2 [--service CODE] --estimate N",
		"Records staff's estimate of the service users of a survey period, for units that keep no\n"+
			"case records: the SKM sample size (Krejcie-Morgan) is computed from it. Case records,\n"+
			"where they exist, take precedence.")
	var agency, period, service string
	var estimate uint64
	f.StringVar(&agency, "agency", "", "agency `code` (required)")
	f.StringVar(&period, "period", "", "survey `period`, e.g. 2026-S2 (required)")
	f.StringVar(&service, "service", "", "service `code`; empty: the whole agency")
	f.Uint64Var(&estimate, "estimate", 0, "estimated number of service users in the period")
	var df dataFlags
	df.register(f, "skm-data")
	if _, err := f.parseAction(args, "expected: skm population set --agency CODE --period P --estimate N", "set"); err != nil {
		return err
	}
	_, a, err := loadAgency(e, df.standards, agency)
	if err != nil {
		return err
	}
	p, err := survey.ParsePeriod(period)
	if err != nil {
		return usagef("%v", err)
	}
	if service != "" {
		if _, ok := a.Service(service); !ok {
			return usagef("unknown service %q of %s", service, a.Code)
		}
	}
	if estimate == 0 {
		return usagef("--estimate must be a number above 0")
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	by := e.operator()
	if err := db.store.SavePopulationEstimate(ctx, a.Code, p.Code(), service, estimate, by, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Perkiraan populasi %s %s%s: %d pengguna layanan; sampel minimal %d responden.\n",
		a.Code, p.Label(survey.ID), map[bool]string{true: " (" + service + ")", false: ""}[service != ""], estimate, survey.SampleSize(estimate))
	return nil
}
