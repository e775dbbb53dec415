package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"skm/dashboards"
	"skm/ingest"
	"skm/ingest/demodata"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "demo", "[flags]",
		"Runs skm with both example agencies (bppd-ntt, bppd-kalbar) and two years of generated\n"+
			"survey responses and cases, on a private ClickHouse under --data-dir, and prints the URLs.\n"+
			"Started again with the same --data-dir, it reuses the data.")
	var s serveFlags
	s.register(f, "skm-demo-data")
	s.publicFromListen = true
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	seed := func(ctx context.Context, a *app) error {
		start := time.Now()
		st, err := demodata.Seed(ctx, a.store, demodata.Options{
			Agencies: a.set.Agencies, Set: a.set, Now: time.Now(), Published: true, PublicURL: a.flags.publicURL})
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
		return seedDemoUsers(ctx, a)
	}
	announce := func(a *app, base string) {
		w := e.stdout
		fmt.Fprintf(w, "\nskm demo is running at %s\n\n", base)
		fmt.Fprintf(w, "  Standar Pelayanan (public)   %s/\n", base)
		fmt.Fprintf(w, "  Health / readiness / metrics %s/healthz  %s/readyz  %s/metrics\n", base, base, base)
		for _, ag := range a.set.Agencies {
			fmt.Fprintf(w, "\n  %s (%d layanan, %s)\n", ag.Name, len(ag.Services), ag.TimeZone)
			fmt.Fprintf(w, "    survey form                %s/s/%s/%s\n", base, ag.Code, ag.Services[0].Code)
			fmt.Fprintf(w, "    QR poster                  %s/s/%s/%s/poster\n", base, ag.Code, ag.Services[0].Code)
			fmt.Fprintf(w, "    counter kiosk              %s/k/%s\n", base, ag.Code)
			fmt.Fprintf(w, "    kiosk devices (staff)      %s/kios/%s\n", base, ag.Code)
			fmt.Fprintf(w, "    published results          %s/hasil/%s   (TV: ?tv=1)\n", base, ag.Code)
			fmt.Fprintf(w, "    IKM API                    %s/api/v1/agencies/%s/ikm\n", base, ag.Code)
		}
		fmt.Fprintf(w, "\n  Staff dashboard              %s/login   (password for every demo login: %s)\n", base, demoPassword)
		for _, u := range demoUsers(a) {
			fmt.Fprintf(w, "    %-26s %s%s\n", u.Username, u.Role, prefixed(", ", u.Agency))
		}
		if a.db.local != nil {
			fmt.Fprintf(w, "\n  ClickHouse %s (private, %s): %s\n",
				a.db.version, a.db.local.LogPath(), clientCommand(a.db.local, a.db.name))
		}
		fmt.Fprintf(w, "\nPress Ctrl-C to stop; the data stays in %s.\n", s.db.dataDir)
	}
	return serve(ctx, e, s, seed, announce)
}

// demoPassword is the password of the demo logins; they exist only in demo data.
const demoPassword = "demo-skm-2026"

// demoUsers are the demo logins: an admin, and a head and a staff member per agency.
func demoUsers(a *app) []ingest.UserRow {
	users := []ingest.UserRow{{Username: "admin", Role: dashboards.RoleAdmin, DisplayName: "Admin Provinsi"}}
	for _, ag := range a.set.Agencies {
		suffix := strings.TrimPrefix(ag.Code, "bppd-")
		users = append(users,
			ingest.UserRow{Username: "kepala-" + suffix, Agency: ag.Code, Role: dashboards.RoleHead, DisplayName: "Kepala " + ag.ShortName},
			ingest.UserRow{Username: "staf-" + suffix, Agency: ag.Code, Role: dashboards.RoleStaff, DisplayName: "Staf " + ag.ShortName})
	}
	return users
}

// seedDemoUsers creates the demo logins that do not exist yet.
func seedDemoUsers(ctx context.Context, a *app) error {
	hash, err := dashboards.HashPassword(demoPassword)
	if err != nil {
		return err
	}
	for _, u := range demoUsers(a) {
		_, found, err := a.reports.User(ctx, u.Username)
		if err != nil {
			return err
		}
		if found {
			continue
		}
		u.PasswordHash, u.ChangedAt, u.ChangedBy = hash, time.Now(), "demo"
		if err := a.store.SaveUser(ctx, u); err != nil {
			return fmt.Errorf("demo logins: %w", err)
		}
	}
	return nil
}
