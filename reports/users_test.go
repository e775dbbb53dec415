package reports_test

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/spool"
	"skm/reports"
)

func TestAccountsNewestVersionWins(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	rows := []ingest.UserRow{
		{Username: "kepala-kalbar", Agency: "bppd-kalbar", Role: "head", PasswordHash: "h1", ChangedAt: at},
		{Username: "kepala-kalbar", Agency: "bppd-kalbar", Role: "head", PasswordHash: "h2", ChangedAt: at.Add(time.Hour)}, // new password
		{Username: "staf-kalbar", Agency: "bppd-kalbar", Role: "staff", PasswordHash: "h3", ChangedAt: at},
		{Username: "staf-kalbar", Agency: "bppd-kalbar", Role: "staff", PasswordHash: "h3", Disabled: true, ChangedAt: at.Add(time.Minute)},
		{Username: "admin", Role: "admin", PasswordHash: "h4", ChangedAt: at},
	}
	for _, u := range rows {
		if err := ingest.NewStore(db.Conn, db.Name).SaveUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	q := reports.New(db.Conn, db.Name)
	u, found, err := q.User(ctx, "kepala-kalbar")
	if err != nil || !found || u.PasswordHash != "h2" || u.Role != "head" || u.Version != uint64(at.Add(time.Hour).UnixNano()) {
		t.Errorf("kepala-kalbar: %+v %v %v", u, found, err)
	}
	if _, found, _ := q.User(ctx, "tidak-ada"); found {
		t.Error("an unknown account was found")
	}
	all, err := q.Users(ctx)
	if err != nil || len(all) != 3 || all[0].Username != "admin" || !all[2].Disabled {
		t.Errorf("users: %+v %v", all, err)
	}
}

// Audit lines go through the spool, so they are kept while ClickHouse is away, and reach the
// audit log with the next batch.
func TestAuditLinesGoThroughTheSpool(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	sp, err := ingest.OpenSpool(t.TempDir(), spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	a := ingest.NewAuditor(sp)
	at := time.Date(2026, 11, 23, 3, 4, 5, 0, time.UTC)
	for _, e := range []ingest.AuditRow{
		{At: at, Agency: "bppd-kalbar", Username: "kepala-kalbar", Role: "head", Action: "login", RequestID: "r-1"},
		{At: at.Add(time.Second), Agency: "bppd-ntt", Username: "staf-ntt", Role: "staff", Action: "report.download", Target: "monthly-2026-10.xlsx"},
		{At: at.Add(2 * time.Second), Agency: "bppd-kalbar", Username: "staf-kalbar", Role: "staff", Action: "case.record", Target: "REG-1", Detail: "diterima → selesai"},
	} {
		if err := a.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	b := ingest.NewBatcher(sp, ingest.NewStore(db.Conn, db.Name), ingest.BatcherOptions{Metrics: ingest.NewMetrics(prometheus.NewRegistry(), sp)})
	if _, err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	kalbar, err := q.AuditLog(ctx, "bppd-kalbar", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(kalbar) != 2 || kalbar[0].Action != "case.record" || kalbar[0].Detail != "diterima → selesai" || kalbar[1].RequestID != "r-1" || !kalbar[1].At.Equal(at) {
		t.Errorf("kalbar's audit log: %+v", kalbar)
	}
	all, _ := q.AuditLog(ctx, "", "", 10)
	if len(all) != 3 || sp.Depth() != 0 {
		t.Errorf("%d lines in all, spool depth %d", len(all), sp.Depth())
	}
}
