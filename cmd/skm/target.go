package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"skm/dashboards"
	"skm/ingest"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

func runTarget(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "target", "set|list --agency CODE [--year 2026] [--ikm N] [--on-time N] [--overdue-cap N|none] [--note TEXT]",
		"Sets the dashboard targets of an agency for a year (the IKM target 25–100, the on-time\n"+
			"percentage 0–100, the largest acceptable number of open cases past their deadline at a\n"+
			"month's end, or none), with a note saying on what they rest; or lists the targets in\n"+
			"force and every setting. Flags left out keep the year's current targets. A year without\n"+
			"a setting takes the standards file's targets. Settings are audited (target.set); the\n"+
			"staff app does the same at /target/{agency}.")
	var agency, ikm, onTime, overdueCap, note string
	year := time.Now().Year()
	f.StringVar(&agency, "agency", "", "agency `code` (required)")
	f.IntVar(&year, "year", year, "the `year` whose months the targets apply to")
	f.StringVar(&ikm, "ikm", "", "IKM target, e.g. 88.31 (set; empty: keep)")
	f.StringVar(&onTime, "on-time", "", "on-time target in percent, e.g. 90 (set; empty: keep)")
	f.StringVar(&overdueCap, "overdue-cap", "", "largest acceptable number of overdue open cases at a month's end, or none (set; empty: keep)")
	f.StringVar(&note, "note", "", "what the targets rest on, e.g. a decree or a meeting (set; 5 to 500 characters)")
	var df dataFlags
	df.register(f, "skm-data")
	action, err := f.parseAction(args, "expected: skm target set|list --agency CODE [--year Y --ikm N --on-time N --overdue-cap N|none --note TEXT]", "set", "list")
	if err != nil {
		return err
	}
	_, a, err := loadAgency(e, df.standards, agency)
	if err != nil {
		return err
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	q := reports.New(db.conn, db.name)
	if action == "list" {
		return listTargets(ctx, e, q, a)
	}
	old, err := q.Targets(ctx, a, year)
	if err != nil {
		return err
	}
	set := standard.TargetSetting{Agency: a.Code, Year: year, Targets: old, Note: note, SetBy: e.operator(), SetAt: time.Now().In(a.Location)}
	for _, fl := range []struct {
		name, value string
		to          *float64
	}{{"--ikm", ikm, &set.Targets.IKM}, {"--on-time", onTime, &set.Targets.OnTimePercent}} {
		if fl.value == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.Replace(fl.value, ",", ".", 1), 64)
		if err != nil {
			return usagef("%s: a number, e.g. 88.31", fl.name)
		}
		*fl.to = v
	}
	switch overdueCap {
	case "":
	case "none", "tanpa":
		set.Targets.OverdueCap = nil
	default:
		n, err := strconv.ParseUint(overdueCap, 10, 64)
		if err != nil {
			return usagef("--overdue-cap: a whole number of cases, or none")
		}
		set.Targets.OverdueCap = &n
	}
	if err := set.Check(time.Now().In(a.Location).Year()); err != nil {
		return usagef("%v", err)
	}
	if err := db.store.SaveTargets(ctx, set); err != nil {
		return err
	}
	if err := db.store.WriteAudit(ctx, ingest.AuditRow{At: set.SetAt, Agency: a.Code, Username: set.SetBy, Role: "cli",
		Action: "target.set", Target: strconv.Itoa(year), Detail: dashboards.TargetChangeWords(old, set.Targets) + ": " + set.Note}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Target %s tahun %d disimpan: %s.\n", a.Code, year, dashboards.TargetWords(set.Targets))
	return nil
}

// listTargets prints the targets in force for last year, this year and next, and every
// setting, newest first.
func listTargets(ctx context.Context, e *env, q *reports.Querier, a *standard.Agency) error {
	hist, err := q.TargetHistory(ctx, a.Code)
	if err != nil {
		return err
	}
	this := time.Now().In(a.Location).Year()
	for y := this + 1; y >= this-1; y-- {
		t, err := q.Targets(ctx, a, y)
		if err != nil {
			return err
		}
		source := "standar pelayanan"
		for _, h := range hist {
			if h.Year == y {
				source = "ditetapkan " + h.SetBy + " " + survey.DateLabel(h.SetAt.In(a.Location), survey.ID)
				break
			}
		}
		fmt.Fprintf(e.stdout, "%d  %s  (%s)\n", y, dashboards.TargetWords(t), source)
	}
	if len(hist) > 0 {
		fmt.Fprintln(e.stdout, "\nRiwayat:")
	}
	for _, h := range hist {
		fmt.Fprintf(e.stdout, "%s  %s  %d  %s: %s\n", h.SetAt.In(a.Location).Format("2006-01-02 15:04"), h.SetBy, h.Year,
			dashboards.TargetWords(h.Targets), h.Note)
	}
	return nil
}
