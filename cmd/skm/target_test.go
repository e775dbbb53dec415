package main

import (
	"context"
	"strings"
	"testing"

	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard/standardtest"
)

// TestTargetCommand sets targets with skm target set (flags left out keep the year's
// current targets), refuses one out of range with exit status 2 and nothing stored, lists
// them with their source and history, and audits each setting as the screen does.
func TestTargetCommand(t *testing.T) {
	db := chtest.NewDB(t)
	ch := db.DSN
	ctx := context.Background()
	if code, out, errs := runCmd(t, nil, "target", "set", "--agency", "bppd-kalbar", "--year", "2026", "--ikm", "90,5",
		"--overdue-cap", "4", "--note", "rapat evaluasi Januari", "--clickhouse", ch); code != 0 ||
		!strings.Contains(out, "IKM 90,50; tepat waktu 90 %; batas kasus terlambat 4 kasus") {
		t.Fatalf("set: %d %q %s", code, out, errs)
	}
	if code, _, errs := runCmd(t, nil, "target", "set", "--agency", "bppd-kalbar", "--year", "2026", "--on-time", "101",
		"--note", "salah ketik", "--clickhouse", ch); code != 2 || !strings.Contains(errs, "Target tepat waktu berupa persen") {
		t.Errorf("on time 101: %d %s", code, errs)
	}
	if code, _, errs := runCmd(t, nil, "target", "set", "--agency", "bppd-kalbar", "--year", "2026", "--on-time", "95",
		"--overdue-cap", "none", "--note", "ok", "--clickhouse", ch); code != 2 || !strings.Contains(errs, "Tuliskan dasar penetapan") {
		t.Errorf("a note of 2 characters: %d %s", code, errs)
	}
	if code, out, errs := runCmd(t, nil, "target", "set", "--agency", "bppd-kalbar", "--year", "2026", "--on-time", "95",
		"--overdue-cap", "none", "--note", "revisi Februari", "--clickhouse", ch); code != 0 {
		t.Fatalf("second set: %d %s %s", code, out, errs)
	}
	set := standardtest.Examples(t)
	kalbar, _ := set.Agency("bppd-kalbar")
	q := reports.New(db.Conn, db.Name)
	got, err := q.Targets(ctx, kalbar, 2026)
	if err != nil || got.IKM != 90.5 || got.OnTimePercent != 95 || got.OverdueCap != nil {
		t.Errorf("2026 after two settings: %+v %v; want IKM kept at 90,5, on time 95, no cap", got, err)
	}
	_, out, _ := runCmd(t, nil, "target", "list", "--agency", "bppd-kalbar", "--clickhouse", ch)
	if !strings.Contains(out, "IKM 90,50; tepat waktu 95 %; batas kasus terlambat tanpa batas") || !strings.Contains(out, "revisi Februari") ||
		!strings.Contains(out, "rapat evaluasi Januari") {
		t.Errorf("list:\n%s", out)
	}
	log, err := q.AuditLog(ctx, "bppd-kalbar", "target.set", 10)
	if err != nil || len(log) != 2 || log[0].Target != "2026" ||
		log[0].Detail != "IKM 90,50; tepat waktu 90 % → 95 %; batas kasus terlambat 4 kasus → tanpa batas: revisi Februari" {
		t.Errorf("audit: %+v %v", log, err)
	}
}
