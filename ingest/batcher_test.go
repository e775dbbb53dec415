package ingest_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/ingest/spool"
	"skm/standard/standardtest"
	"skm/survey"
)

type rig struct {
	db      *chtest.DB
	spool   *spool.Spool
	intake  *ingest.Intake
	metrics *ingest.Metrics
	dir     string
}

func newRig(t *testing.T, db *chtest.DB, dir string) *rig {
	t.Helper()
	return newRigDir(t, db, dir)
}

func newRigTB(tb testing.TB, db *chtest.DB) *rig { return newRigDir(tb, db, tb.TempDir()) }

// AppendRowsForBench puts prepared rows in the spool as the intake would.
func (r *rig) AppendRowsForBench(rows []ingest.ResponseRow) error {
	data := make([][]byte, len(rows))
	for i, row := range rows {
		var err error
		if data[i], err = ingest.EncodeResponseForTest(row); err != nil {
			return err
		}
	}
	_, err := r.spool.AppendMany(context.Background(), data)
	return err
}

func newRigDir(t testing.TB, db *chtest.DB, dir string) *rig {
	t.Helper()
	set := standardtest.Examples(t)
	sp, err := ingest.OpenSpool(dir, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sp.Close() })
	m := ingest.NewMetrics(prometheus.NewRegistry(), sp)
	return &rig{db: db, spool: sp, intake: ingest.NewIntake(sp, set, m, nil), metrics: m, dir: dir}
}

func (r *rig) batcher() *ingest.Batcher {
	return r.batcherOn(ingest.NewStore(r.db.Conn, r.db.Name), nil)
}

// batcherOn is a batcher of the rig's spool on store, holding the intake lease of leases
// (nil: the only writer).
func (r *rig) batcherOn(store *ingest.Store, leases *ingest.Leases) *ingest.Batcher {
	return ingest.NewBatcher(r.spool, store, ingest.BatcherOptions{Metrics: r.metrics, MaxBatch: 500, Leases: leases})
}

func response(id string) *survey.Response {
	return &survey.Response{ID: id, Agency: "bppd-kalbar", Service: "konsultasi", Channel: survey.ChannelWeb,
		// U1..U9 by element: U8 = 2 (pengaduan), U9 = 3 (sarana).
		Answers: [9]uint8{4, 4, 3, 4, 3, 3, 4, 2, 3}, Umur: 41, JenisKelamin: "P", Pendidikan: "D4/S1", Pekerjaan: "PNS",
		Saran: "Ruang tunggu perlu AC."}
}

func countRows(t *testing.T, db *chtest.DB, where string, args ...any) uint64 {
	t.Helper()
	var n uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".survey_responses WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIntakeStoresByElementWithLocalDate(t *testing.T) {
	db := chtest.NewDB(t)
	r := newRig(t, db, t.TempDir())
	resp := response("")
	// 23:30 WIB on 30 June is 16:30 UTC: the local date is still in semester 1.
	resp.SubmittedAt = time.Date(2026, 6, 30, 16, 30, 0, 0, time.UTC)
	periods, err := r.intake.Record(context.Background(), resp)
	if err != nil {
		t.Fatal(err)
	}
	if periods[0] != "2026-S1" || resp.ID == "" {
		t.Errorf("period %s, id %q; want 2026-S1 and an id", periods[0], resp.ID)
	}
	if _, err := r.batcher().Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	var u8, u9 uint8
	var local time.Time
	var saran string
	err = db.Conn.QueryRow(context.Background(), "SELECT u8, u9, local_date, saran FROM "+db.Name+".survey_responses WHERE id = ?", resp.ID).Scan(&u8, &u9, &local, &saran)
	if err != nil {
		t.Fatal(err)
	}
	if u8 != 2 || u9 != 3 || local.Format(time.DateOnly) != "2026-06-30" || saran != "Ruang tunggu perlu AC." {
		t.Errorf("stored u8=%d u9=%d local_date=%s saran=%q", u8, u9, local.Format(time.DateOnly), saran)
	}
	if r.spool.Depth() != 0 {
		t.Errorf("spool depth %d after flush", r.spool.Depth())
	}
}

func TestResentAndReplayedResponsesAreStoredOnce(t *testing.T) {
	db := chtest.NewDB(t)
	dir := t.TempDir()
	r := newRig(t, db, dir)
	ctx := context.Background()
	ids := make([]string, 20)
	for i := range ids {
		ids[i] = uuid.NewString()
		if _, err := r.intake.Record(ctx, response(ids[i])); err != nil {
			t.Fatal(err)
		}
	}
	// The same id twice in one batch, and again after it was stored.
	if _, err := r.intake.Record(ctx, response(ids[0])); err != nil {
		t.Fatal(err)
	}
	if _, err := r.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.intake.Record(ctx, response(ids[1])); err != nil {
		t.Fatal(err)
	}
	if _, err := r.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "1"); n != 20 {
		t.Errorf("%d rows stored, want 20", n)
	}
	if d := testutil.ToFloat64(r.metrics.Duplicates); d != 2 {
		t.Errorf("duplicates counted %v, want 2", d)
	}

	// A crash after ClickHouse confirmed a batch but before the spool was committed: the
	// rows are in ClickHouse and still pending in the spool. A restarted batcher replays
	// them and must not store them again.
	more := make([]string, 10)
	for i := range more {
		more[i] = uuid.NewString()
		if _, err := r.intake.Record(ctx, response(more[i])); err != nil {
			t.Fatal(err)
		}
	}
	pending, _ := r.spool.Pending(100)
	half := pending[:5]
	insertDirect(t, db, half) // "landed" before the crash
	r.spool.Close()
	r2 := newRig(t, db, dir)
	if r2.spool.Depth() != 10 {
		t.Fatalf("after restart the spool holds %d entries, want 10", r2.spool.Depth())
	}
	if _, err := r2.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "1"); n != 30 {
		t.Errorf("%d rows after replay, want 30", n)
	}
	if n := countIDs(t, db); n != 30 {
		t.Errorf("%d rows in the id index, want 30", n)
	}
	// The materialized rollup agrees with the raw table after re-sends and the replay.
	diffs, err := ingest.NewStore(db.Conn, db.Name).VerifyRollup(ctx, "", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(diffs) != 0 {
		t.Errorf("rollup differs from raw after replay: %v %v", diffs, err)
	}
}

// insertDirect writes spooled responses to ClickHouse as a batch that landed would have.
func insertDirect(t *testing.T, db *chtest.DB, entries []spool.Entry) {
	t.Helper()
	var rows []ingest.ResponseRow
	for _, e := range entries {
		row, err := ingest.DecodeResponseForTest(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
}

func countIDs(t *testing.T, db *chtest.DB) uint64 {
	t.Helper()
	var n uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".survey_response_ids").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestHalfLandedBatchIsCompletedNotDoubled(t *testing.T) {
	// The id index is filled by a materialized view; a crash can leave a raw row without its
	// index row. The first batch after a restart checks the raw table as well.
	db := chtest.NewDB(t)
	dir := t.TempDir()
	r := newRig(t, db, dir)
	ctx := context.Background()
	for range 6 {
		if _, err := r.intake.Record(ctx, response(uuid.NewString())); err != nil {
			t.Fatal(err)
		}
	}
	pending, _ := r.spool.Pending(10)
	insertDirect(t, db, pending[:3])
	if err := db.Conn.Exec(ctx, "ALTER TABLE "+db.Name+".survey_response_ids DELETE WHERE 1"); err != nil {
		t.Fatal(err)
	}
	waitMutations(t, db)
	r.spool.Close()
	r2 := newRig(t, db, dir)
	if _, err := r2.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "1"); n != 6 {
		t.Errorf("%d rows, want 6", n)
	}
}

func waitMutations(t *testing.T, db *chtest.DB) {
	t.Helper()
	for range 100 {
		var n uint64
		_ = db.Conn.QueryRow(context.Background(), "SELECT count() FROM system.mutations WHERE database = ? AND is_done = 0", db.Name).Scan(&n)
		if n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("mutation did not finish")
}

// ClickHouse writes a block to the raw table and then to each materialized view; if it stops
// in between (here: a view that fails on one row, as a server killed at that moment would),
// the raw table has the batch and the views do not. The retry must not insert it again, and
// must make the id index and the rollups (daily, profile, saran) whole.
func TestBatchStoppedBetweenRawTableAndViewsLeavesRollupsWhole(t *testing.T) {
	// Views are fed in name order: survey_a_… fails before every view, survey_q_… after the
	// daily and profile rollups and before the id index and the saran, survey_s_… after the id
	// index and before the saran's days (survey_saran_days_mv), survey_saran_e_… between the
	// saran's days and the saran (survey_saran_mv).
	for _, view := range []string{"survey_a_fail_mv", "survey_q_fail_mv", "survey_s_fail_mv", "survey_saran_e_fail_mv"} {
		t.Run(view, func(t *testing.T) { batchStoppedBetweenRawTableAndViews(t, view) })
	}
}

func batchStoppedBetweenRawTableAndViews(t *testing.T, view string) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	for _, stmt := range []string{
		"CREATE TABLE " + db.Name + ".fail_sink (x UInt8) ENGINE = Memory",
		"CREATE MATERIALIZED VIEW " + db.Name + "." + view + " TO " + db.Name + ".fail_sink AS SELECT throwIf(saran = 'GAGAL') AS x FROM " + db.Name + ".survey_responses",
	} {
		if err := db.Conn.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	r := newRig(t, db, t.TempDir())
	for i := range 8 {
		resp := response(uuid.NewString())
		resp.SubmittedAt = time.Date(2026, 10, 1+i, 3, 0, 0, 0, time.UTC)
		resp.Umur = 20 + 5*i
		if i == 5 {
			resp.Saran = "GAGAL"
		}
		if _, err := r.intake.Record(ctx, resp); err != nil {
			t.Fatal(err)
		}
	}
	b := r.batcher()
	if _, err := b.Flush(ctx); err == nil {
		t.Fatal("the failing view did not fail the insert")
	}
	if n := countRows(t, db, "1"); n != 8 {
		t.Fatalf("raw rows after the failed insert: %d, want 8 (the fault needs the raw table written)", n)
	}
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	if n, before := countIDs(t, db), view < "survey_response_ids_mv"; before && n != 0 || !before && n != 8 {
		t.Fatalf("before the retry the id index holds %d ids of the batch; the fault is not where %s is", n, view)
	}
	if err := db.Conn.Exec(ctx, "DROP TABLE "+db.Name+"."+view); err != nil {
		t.Fatal(err)
	}
	stored, err := b.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stored != 0 || countRows(t, db, "1") != 8 {
		t.Errorf("the retry stored %d (raw rows %d), want 0 and 8", stored, countRows(t, db, "1"))
	}
	if diffs, err := ingest.NewStore(db.Conn, db.Name).VerifyRollup(ctx, "bppd-kalbar", from, to); err != nil || len(diffs) != 0 {
		t.Errorf("daily rollup after the retry: %v, %v; want equal to the raw responses", diffs, err)
	}
	var ids, saran, profile, raw uint64
	q := func(sql string, into *uint64) {
		if err := db.Conn.QueryRow(ctx, sql).Scan(into); err != nil {
			t.Fatal(err)
		}
	}
	q("SELECT uniqExact(id) FROM "+db.Name+".survey_response_ids", &ids)
	q("SELECT count() FROM "+db.Name+".survey_saran", &saran)
	q("SELECT sum(respondents) FROM "+db.Name+".survey_profile_monthly WHERE dimension = 'umur'", &profile)
	q("SELECT count() FROM "+db.Name+".survey_responses", &raw)
	if ids != 8 || saran != 8 || profile != 8 {
		t.Errorf("after the retry: %d ids indexed, %d saran, %d in the age profile; want 8 each", ids, saran, profile)
	}
	ingesttest.SaranDaysAgree(t, db)
	// A further retry (another restart) adds nothing.
	b2 := r.batcher()
	if _, err := r.intake.Record(ctx, response(uuid.NewString())); err != nil {
		t.Fatal(err)
	}
	if _, err := b2.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if diffs, _ := ingest.NewStore(db.Conn, db.Name).VerifyRollup(ctx, "", from, time.Now().AddDate(1, 0, 0)); len(diffs) != 0 {
		t.Errorf("rollup differs after one more batch: %v", diffs)
	}
}

// A batch stored long ago and sent again (a re-import, a replay) while another writer's insert
// is half-way (its row in the raw table, its views not yet) must not "repair" that other
// row into the rollups: its own views are still coming, and it would be counted twice.
func TestResentStoredBatchRepairsNothingOfOthers(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	r := newRig(t, db, t.TempDir())
	for range 5 {
		if _, err := r.intake.Record(ctx, response(uuid.NewString())); err != nil {
			t.Fatal(err)
		}
	}
	pending, _ := r.spool.Pending(10)
	if _, err := r.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	// Another writer's row, half-way: in the raw table, not in its views (as if its views
	// were still being fed).
	for _, stmt := range []string{
		"CREATE TABLE " + db.Name + ".fail_sink (x UInt8) ENGINE = Memory",
		"CREATE MATERIALIZED VIEW " + db.Name + ".survey_a_fail_mv TO " + db.Name + ".fail_sink AS SELECT throwIf(saran = 'GAGAL') AS x FROM " + db.Name + ".survey_responses",
	} {
		if err := db.Conn.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	other := response(uuid.NewString())
	other.Saran = "GAGAL"
	r2 := newRig(t, db, t.TempDir())
	if _, err := r2.intake.Record(ctx, other); err != nil {
		t.Fatal(err)
	}
	if _, err := r2.batcher().Flush(ctx); err == nil {
		t.Fatal("the half-way insert did not fail")
	}
	if err := db.Conn.Exec(ctx, "DROP TABLE "+db.Name+".survey_a_fail_mv"); err != nil {
		t.Fatal(err)
	}
	// The stored batch again, through a batcher that starts uncertain (a restart).
	r3 := newRig(t, db, t.TempDir())
	insertEntries := func() {
		var data [][]byte
		for _, e := range pending {
			data = append(data, e.Data)
		}
		if _, err := r3.spool.AppendMany(ctx, data); err != nil {
			t.Fatal(err)
		}
	}
	insertEntries()
	if stored, err := r3.batcher().Flush(ctx); err != nil || stored != 0 {
		t.Fatalf("re-sent batch: stored %d, %v", stored, err)
	}
	var respondents uint64
	if err := db.Conn.QueryRow(ctx, "SELECT sum(respondents) FROM "+db.Name+".survey_daily").Scan(&respondents); err != nil {
		t.Fatal(err)
	}
	if respondents != 5 {
		t.Errorf("daily rollup holds %d respondents, want the 5 stored (the other writer's half-way row is its own to finish)", respondents)
	}
}
