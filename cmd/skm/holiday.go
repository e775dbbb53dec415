package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"skm/ingest"
	"skm/standard"
)

func runHoliday(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "holiday", "add|remove|move|list --date YYYY-MM-DD [--to YYYY-MM-DD] [--agency CODE] [--name NAME]",
		"Corrects the working calendar after the standards were published: add a day off, remove\n"+
			"one, or move one (e.g. after the isbat). Without --agency the change is national. Open\n"+
			"cases get their deadlines recomputed; completed cases keep what was true when they\n"+
			"closed. A running server picks the change up within 30 seconds.")
	var (
		agency, date, to, name, kind, by string
	)
	f.StringVar(&agency, "agency", "", "agency `code`; empty: a national change for every agency")
	f.StringVar(&date, "date", "", "the `date` to add, remove or move from")
	f.StringVar(&to, "to", "", "for move: the new `date`")
	f.StringVar(&name, "name", "", "the holiday's `name`, e.g. \"Hari Jadi Provinsi\" (for add and move)")
	f.StringVar(&kind, "kind", "", "libur_nasional, cuti_bersama or libur_daerah (default: libur_daerah with --agency, else libur_nasional)")
	f.byVar(&by, "who makes the change (kept with it)")
	var df dataFlags
	df.register(f, "skm-data")
	pos, err := f.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("expected one of: add, remove, move, list")
	}
	set, err := loadStandards(e, df.standards)
	if err != nil {
		return err
	}
	if agency != "" {
		if _, ok := set.Agency(agency); !ok {
			return usagef("unknown agency %q", agency)
		}
	}
	var changes []standard.HolidayChange
	if pos[0] != "list" {
		var err error
		if changes, err = standard.PlanHolidayEdit(pos[0], agency, date, to, name, kind); err != nil {
			var he *standard.HolidayEditError
			if errors.As(err, &he) && he.Field == "action" {
				return usagef("expected one of: add, remove, move, list")
			}
			if errors.As(err, &he) {
				return usagef("--%s: %s", he.Field, he.Message)
			}
			return err
		}
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if pos[0] == "list" {
		all, err := db.store.HolidayChanges(ctx)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			fmt.Fprintln(e.stdout, "Belum ada perubahan hari libur; berlaku kalender dari standar.")
		}
		for _, ch := range all {
			if agency != "" && ch.Agency != "" && ch.Agency != agency {
				continue
			}
			scope, what := ch.Agency, "hari kerja (dihapus dari daftar libur)"
			if scope == "" {
				scope = "nasional"
			}
			if ch.Off {
				what = "libur: " + ch.Name + " (" + ch.Kind + ")"
			}
			fmt.Fprintf(e.stdout, "%s  %-12s %s\n", ch.Date, scope, what)
		}
		return nil
	}
	moved, err := db.store.ChangeHolidays(ctx, ingest.NewCalendars(set, db.store), changes, by, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Perubahan disimpan. Tenggat %d kasus terbuka dihitung ulang; kasus selesai tidak diubah.\n", moved)
	return nil
}
