package main

import (
	"context"
	"fmt"
	"time"

	"skm/ingest"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "demo", "[flags]",
		"Runs skm with both example agencies (bppd-ntt, bppd-kalbar) and two years of generated\n"+
			"survey responses and cases, on a private ClickHouse under --data-dir, and prints the URLs.\n"+
			"Started again with the same --data-dir, it reuses the data.")
	var s serveFlags
	s.register(f, "skm-demo-data")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return usagef("unexpected argument %q", f.Arg(0))
	}
	seed := func(ctx context.Context, a *app) error {
		start := time.Now()
		st, err := ingest.SeedDemo(ctx, a.db.conn, ingest.DemoOptions{
			Database: a.db.name, Agencies: a.set.Agencies, Set: a.set, Now: time.Now()})
		if err != nil {
			return fmt.Errorf("generate demo data: %w", err)
		}
		if st.Responses > 0 {
			a.logger.Info("demo data generated", "responses", st.Responses, "cases", st.Cases,
				"took", time.Since(start).Round(time.Millisecond))
		}
		if len(st.Skipped) > 0 {
			a.logger.Info("demo data already present; reused", "agencies", st.Skipped)
		}
		return nil
	}
	announce := func(a *app, base string) {
		w := e.stdout
		fmt.Fprintf(w, "\nskm demo is running at %s\n\n", base)
		fmt.Fprintf(w, "  Standar Pelayanan (public)   %s/\n", base)
		fmt.Fprintf(w, "  Health / readiness / metrics %s/healthz  %s/readyz  %s/metrics\n", base, base, base)
		for _, ag := range a.set.Agencies {
			fmt.Fprintf(w, "\n  %s (%d services, %s)\n", ag.Name, len(ag.Services), ag.TimeZone)
			fmt.Fprintf(w, "    survey form                %s/s/%s/%s\n", base, ag.Code, ag.Services[0].Code)
			fmt.Fprintf(w, "    QR poster                  %s/s/%s/%s/poster\n", base, ag.Code, ag.Services[0].Code)
			fmt.Fprintf(w, "    counter kiosk              %s/k/%s\n", base, ag.Code)
			fmt.Fprintf(w, "    published results          %s/hasil/%s   (TV: ?tv=1)\n", base, ag.Code)
			fmt.Fprintf(w, "    IKM API                    %s/api/v1/agencies/%s/ikm\n", base, ag.Code)
		}
		if a.db.local != nil {
			fmt.Fprintf(w, "\n  ClickHouse %s (private, %s): clickhouse-client --host 127.0.0.1 --port %s --database %s\n",
				a.db.version, a.db.local.LogPath(), portOf(a.db.local.Addr()), a.db.name)
		}
		fmt.Fprintf(w, "\nPress Ctrl-C to stop; the data stays in %s.\n", s.db.dataDir)
	}
	return serve(ctx, e, s, seed, announce)
}
