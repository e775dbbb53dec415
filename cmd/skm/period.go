package main

import (
	"context"
	"fmt"
	"time"

	"skm/ingest"
	"skm/standard"
	"skm/survey"
)

func runPeriod(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "period", "status|reopen|close --agency CODE [--period 2026-S1] [--reason TEXT] [--days N]",
		"Shows where survey periods stand for new responses, and reopens a closed period (its results\n"+
			"published, or its time for late paper forms over) for --days with a --reason, or closes it\n"+
			"again. Reopening and closing are audited. The staff app does the same at /periode/{agency}.")
	var agency, period, reason string
	var days int
	f.StringVar(&agency, "agency", "", "agency `code` (required)")
	f.StringVar(&period, "period", "", "survey `period`, e.g. 2026-S1 (reopen, close)")
	f.StringVar(&reason, "reason", "", "why the period is reopened (reopen; at least 10 characters)")
	f.IntVar(&days, "days", 7, "how many days the period stays reopened (1 to 30)")
	var df dataFlags
	df.register(f, "skm-data")
	action, err := f.parseAction(args, "expected: skm period status|reopen|close --agency CODE [--period P --reason TEXT --days N]",
		"status", "reopen", "close")
	if err != nil {
		return err
	}
	_, a, err := loadAgency(e, df.standards, agency)
	if err != nil {
		return err
	}
	var p survey.Period
	if action != "status" {
		if p, err = survey.ParsePeriod(period); err != nil || p.Kind != survey.PeriodOf(time.Now().In(a.Location), a.SurveyPeriods).Kind {
			return usagef("--period: a survey period of %s, e.g. %s", a.Code, survey.PeriodOf(time.Now().In(a.Location), a.SurveyPeriods).Previous().Code())
		}
	}
	if action == "reopen" && (len([]rune(reason)) < 10 || days < 1 || days > 30) {
		return usagef("reopen needs --reason (at least 10 characters) and --days from 1 to 30")
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	gate := ingest.NewPeriodGate(db.store, nil)
	by := e.operator()
	now := time.Now()
	switch action {
	case "status":
		for i, q := 0, survey.PeriodOf(now.In(a.Location), a.SurveyPeriods); i < 6; i, q = i+1, q.Previous() {
			st, err := gate.Status(ctx, a, q)
			if err != nil {
				return err
			}
			open := "ditutup"
			if st.Open {
				open = "terbuka"
			}
			fmt.Fprintf(e.stdout, "%-8s %-8s %s\n", q.Code(), open, st.Reason)
		}
		return nil
	case "reopen":
		st, err := gate.Status(ctx, a, p)
		if err != nil {
			return err
		}
		if st.Open {
			return fmt.Errorf("periode %s masih menerima respons (%s); tidak perlu dibuka kembali", p.Code(), st.Reason)
		}
		until := now.AddDate(0, 0, days)
		if err := saveReopening(ctx, db, a, p, reason, by, now, until, "period.reopen"); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Periode %s %s dibuka kembali sampai %s.\n", a.Code, p.Label(survey.ID), survey.DateLabel(until.In(a.Location), survey.ID))
	case "close":
		if err := saveReopening(ctx, db, a, p, "ditutup kembali", by, now, now, "period.close"); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Periode %s %s ditutup kembali.\n", a.Code, p.Label(survey.ID))
	}
	return nil
}

// saveReopening records a reopening (or an early close) and its audit line.
func saveReopening(ctx context.Context, db *database, a *standard.Agency, p survey.Period, reason, by string, now, until time.Time, action string) error {
	if err := db.store.SavePeriodReopening(ctx, &ingest.PeriodReopening{Agency: a.Code, Period: p.Code(),
		Reason: reason, ReopenedBy: by, ReopenedAt: now, Until: until}); err != nil {
		return err
	}
	return db.store.WriteAudit(ctx, ingest.AuditRow{At: now, Agency: a.Code, Username: by, Role: "cli",
		Action: action, Target: p.Code(), Detail: "sampai " + survey.DateLabel(until.In(a.Location), survey.ID) + ": " + reason})
}
