package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
)

func TestRollupVerifyFindsADoubleCountAndRebuildRepairsIt(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	wib := time.FixedZone("WIB", 7*3600)
	var rows []ingest.ResponseRow
	for i := range 30 {
		at := time.Date(2026, 10, 1+i%10, 9, 0, 0, 0, wib)
		r := ingesttest.Response("bppd-kalbar", "konsultasi", at, [9]uint8{4, 3, 3, 4, 3, 4, 4, 2, uint8(1 + i%4)})
		if i%3 == 0 {
			r.Saran = "Saran " + string(rune('A'+i)) // 10 of the 30 leave one
		}
		rows = append(rows, r)
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	diffs, err := ingest.NewStore(db.Conn, db.Name).VerifyRollup(ctx, "", from, to)
	if err != nil || len(diffs) != 0 {
		t.Fatalf("fresh rollup: %v %v", diffs, err)
	}
	ingesttest.SaranDaysAgree(t, db)
	// A batch inserted twice into the rollup only (what a re-sent insert would do to a
	// materialized view) is found, with the day and the size of the difference.
	if err := db.Conn.Exec(ctx, "INSERT INTO "+db.Name+".survey_daily SELECT agency, service, local_date, respondents, s1, s2, s3, s4, s5, s6, s7, s8, s9, n1, n2, n3, n4, n5, n6, n7, n8, n9 FROM "+db.Name+".survey_daily WHERE local_date = toDate('2026-10-03')"); err != nil {
		t.Fatal(err)
	}
	diffs, err = ingest.NewStore(db.Conn, db.Name).VerifyRollup(ctx, "bppd-kalbar", from, to)
	if err != nil || len(diffs) != 1 || diffs[0].Diff[0] != 3 || !strings.Contains(diffs[0].String(), "2026-10-03") {
		t.Fatalf("after a double count: %v %v", diffs, err)
	}
	// The saran table too: a doubled day is repaired by the rebuild.
	if err := db.Conn.Exec(ctx, "INSERT INTO "+db.Name+".survey_saran SELECT * FROM "+db.Name+".survey_saran WHERE local_date = toDate('2026-10-01')"); err != nil {
		t.Fatal(err)
	}
	// And the saran's days: a day counted twice.
	if err := db.Conn.Exec(ctx, "INSERT INTO "+db.Name+".survey_saran_days SELECT * FROM "+db.Name+".survey_saran_days WHERE local_date = toDate('2026-10-04')"); err != nil {
		t.Fatal(err)
	}
	// The profile rollup too: a doubled day, then the rebuild brings it back to four values
	// (gender, age, education, occupation) per respondent.
	if err := db.Conn.Exec(ctx, "INSERT INTO "+db.Name+".survey_profile_monthly SELECT * FROM "+db.Name+".survey_profile_monthly WHERE month = toDate('2026-10-01')"); err != nil {
		t.Fatal(err)
	}
	profileTotal := func() (rolled, raw uint64) {
		_ = db.Conn.QueryRow(ctx, "SELECT sum(respondents) FROM "+db.Name+".survey_profile_monthly WHERE agency = 'bppd-kalbar'").Scan(&rolled)
		_ = db.Conn.QueryRow(ctx, "SELECT 4 * count() FROM "+db.Name+".survey_responses WHERE agency = 'bppd-kalbar'").Scan(&raw)
		return rolled, raw
	}
	if rolled, raw := profileTotal(); rolled == raw {
		t.Fatalf("the doubled profile day went unnoticed: %d", rolled)
	}
	if err := ingest.NewStore(db.Conn, db.Name).RebuildRollup(ctx, "bppd-kalbar", from, to); err != nil {
		t.Fatal(err)
	}
	if rolled, raw := profileTotal(); rolled != raw {
		t.Errorf("profile rollup after rebuild: %d, raw %d", rolled, raw)
	}
	var sarans uint64
	_ = db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".survey_saran WHERE agency = 'bppd-kalbar'").Scan(&sarans)
	if sarans != 10 {
		t.Errorf("saran table after rebuild: %d rows, want the 10 given", sarans)
	}
	if diffs, err := ingest.NewStore(db.Conn, db.Name).VerifyRollup(ctx, "", from, to); err != nil || len(diffs) != 0 {
		t.Errorf("after rebuild: %v %v", diffs, err)
	}
	// The saran days followed the deletion and the saran inserted again.
	ingesttest.SaranDaysAgree(t, db)
}
