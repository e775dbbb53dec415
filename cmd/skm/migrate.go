package main

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "migrate", "[flags]",
		"Creates the database if needed and applies every pending schema migration, then exits.\n"+
			"Safe to run twice and from several processes at once: runs wait for each other.")
	var d dbFlags
	var l logFlags
	d.register(f, "skm-data")
	l.register(f)
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	db, _, applied, err := openMigrated(ctx, e, d, l)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(applied) == 0 {
		fmt.Fprintf(e.stdout, "database %s is up to date\n", db.name)
		return nil
	}
	fmt.Fprintf(e.stdout, "database %s: applied %d migration(s): %v\n", db.name, len(applied), applied)
	return nil
}
