//go:build cluster

package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/ingest/schema"
)

// Where the Distributed tables put an agency (cityHash64(agency) % 2 picks shard 1 or 2),
// computed by hand on ClickHouse: SELECT cityHash64('bppd-kalbar') % 2 → 1, so shard 2;
// 'dpmptsp-kalbar' → 0, shard 1. The servers are s1r1, s1r2, s2r1, s2r2, in that order.
var shardOf = map[string]int{"bppd-kalbar": 2, "dpmptsp-kalbar": 1}

// serversOf returns the indexes of the servers of shard s.
func serversOf(db *chtest.ClusterDB, s int) (on, off []int) {
	for i, n := range db.Cluster.Servers {
		if n.Shard == s {
			on = append(on, i)
		} else {
			off = append(off, i)
		}
	}
	return on, off
}

func TestClusterWriterStoresOnTheAgencyShardAndBothReplicas(t *testing.T) {
	db := chtest.NewClusterDB(t, schema.Sharded)
	r := newRig(t, &db.DB, t.TempDir())
	ctx := context.Background()
	ids := make([]string, 5)
	for i := range ids {
		ids[i] = uuid.NewString()
		if _, err := r.intake.Record(ctx, response(ids[i])); err != nil {
			t.Fatal(err)
		}
	}
	store := clusterStore(db)
	if _, err := r.batcherOn(store, nil).Flush(ctx); err != nil {
		t.Fatal(err)
	}
	// Sent again at once, again and again: the id check reads the index through the
	// Distributed table (with the batch's ids as an external table) on the agency's shard,
	// and may reach the replica that did not take the insert. The insert returned only when
	// both replicas had it (quorum), and the check reads with sequential consistency, so it
	// is found whichever replica answers (without them the index got the id twice here).
	for range 5 {
		if _, err := r.intake.Record(ctx, response(ids[0])); err != nil {
			t.Fatal(err)
		}
		if _, err := r.batcherOn(store, nil).Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	db.Sync(t)
	on, off := serversOf(db, shardOf["bppd-kalbar"])
	for _, table := range []string{"survey_responses_local", "survey_response_ids_local", "survey_saran_local"} {
		for _, i := range on {
			if n := db.CountOn(t, i, table, "agency = 'bppd-kalbar'"); n != 5 {
				t.Errorf("%s on %s (the agency's shard): %d rows, want 5", table, db.Cluster.Servers[i].Name, n)
			}
		}
		for _, i := range off {
			if n := db.CountOn(t, i, table, "1"); n != 0 {
				t.Errorf("%s on %s (the other shard): %d rows, want 0", table, db.Cluster.Servers[i].Name, n)
			}
		}
	}
	if n := countRows(t, &db.DB, "1"); n != 5 {
		t.Errorf("the Distributed table reads %d responses, want 5", n)
	}
}

func TestClusterRollupViewsCountEachShardsOwnRows(t *testing.T) {
	db := chtest.NewClusterDB(t, schema.Sharded)
	at := time.Date(2026, 8, 3, 2, 0, 0, 0, time.UTC)
	var rows []ingest.ResponseRow
	for agency, n := range map[string]int{"bppd-kalbar": 3, "dpmptsp-kalbar": 2} {
		for range n {
			rows = append(rows, ingesttest.WithProfile(ingesttest.Response(agency, "konsultasi", at, ingesttest.Answers(4))))
		}
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	db.Sync(t)
	for agency, want := range map[string]uint64{"bppd-kalbar": 3, "dpmptsp-kalbar": 2} {
		on, off := serversOf(db, shardOf[agency])
		for _, i := range on {
			var respondents, s1 uint64
			if err := db.Servers[i].QueryRow(context.Background(), "SELECT sum(respondents), sum(s1) FROM "+db.Name+".survey_daily_local WHERE agency = ?", agency).
				Scan(&respondents, &s1); err != nil {
				t.Fatal(err)
			}
			if respondents != want || s1 != 4*want {
				t.Errorf("survey_daily_local on %s: %s has %d respondents (U1 sum %d), want %d (%d)", db.Cluster.Servers[i].Name, agency, respondents, s1, want, 4*want)
			}
			// The profile view: one row per dimension and value, jenis_kelamin among them.
			if n := db.CountOn(t, i, "survey_profile_monthly_local", "agency = ? AND dimension = 'jenis_kelamin'", agency); n == 0 {
				t.Errorf("survey_profile_monthly_local on %s has no profile of %s", db.Cluster.Servers[i].Name, agency)
			}
		}
		for _, i := range off {
			if n := db.CountOn(t, i, "survey_daily_local", "agency = ?", agency); n != 0 {
				t.Errorf("survey_daily_local on %s (not %s's shard) has %d of its rows", db.Cluster.Servers[i].Name, agency, n)
			}
		}
	}
	var total uint64
	if err := db.Conn.QueryRow(context.Background(), "SELECT sum(respondents) FROM "+db.Name+".survey_daily").Scan(&total); err != nil || total != 5 {
		t.Errorf("the Distributed rollup counts %d respondents (%v), want 5", total, err)
	}
}

// clusterStore is the write side as skm opens it on the loopback cluster: inserts wait for
// both replicas of a shard, lease rows for three of the four servers.
func clusterStore(db *chtest.ClusterDB) *ingest.Store {
	return ingest.NewStore(db.Conn, db.Name).WithReplication(ingest.Replication{InsertQuorum: 2, LeaseQuorum: 3, ShardReplicas: 2})
}

// Two skm servers, each with its own spool, receive the same ids at the same time (a client
// retrying through a load balancer), and drain into the cluster concurrently: every id is
// stored once, in the raw table, the id index and the rollup. (Without the intake lease and
// the quorum, the same run stored ids twice here.)
func TestClusterTwoServersReceivingTheSameIDsStoreEachOnce(t *testing.T) {
	db := chtest.NewClusterDB(t, schema.Sharded)
	store := clusterStore(db)
	ctx := context.Background()
	servers := []*rig{newRig(t, &db.DB, t.TempDir()), newRig(t, &db.DB, t.TempDir())}
	ids := make([]string, 40)
	for i := range ids {
		ids[i] = uuid.NewString()
	}
	var wg sync.WaitGroup
	for n, r := range servers {
		leases := ingest.NewLeases(store, ingest.LeaseOptions{Owner: fmt.Sprintf("server-%d", n), Settle: 300 * time.Millisecond})
		wg.Go(func() {
			for round := range 4 {
				for _, id := range ids[round*10 : round*10+10] {
					if _, err := r.intake.Record(ctx, response(id)); err != nil {
						t.Error(err)
					}
				}
				if _, err := r.batcherOn(store, leases).Flush(ctx); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	db.Sync(t)
	for _, table := range []string{"survey_responses", "survey_response_ids", "survey_saran"} {
		var rows, distinct uint64
		if err := db.Conn.QueryRow(ctx, "SELECT count(), uniqExact(id) FROM "+db.Name+"."+table).Scan(&rows, &distinct); err != nil {
			t.Fatal(err)
		}
		if rows != 40 || distinct != 40 {
			t.Errorf("%s: %d rows of %d ids, want 40 of 40", table, rows, distinct)
		}
	}
	var respondents uint64
	if err := db.Conn.QueryRow(ctx, "SELECT sum(respondents) FROM "+db.Name+".survey_daily").Scan(&respondents); err != nil || respondents != 40 {
		t.Errorf("survey_daily counts %d respondents (%v), want 40", respondents, err)
	}
}

// Case imports one after another on the cluster: each stages its rows, copies them into the
// cases through the Distributed tables and drops its staging partition. Every row arrives,
// whichever replica the copy reads (part 1's import staged with no quorum: the copy could
// read a replica that had not fetched the staged rows and store none of them, as the
// dashboard benchmark found; with sequential consistency instead, 18.16 refused every read
// after the first import dropped its partition).
func TestClusterCaseImportsStoreEveryRow(t *testing.T) {
	db := chtest.NewClusterDB(t, schema.Sharded)
	render, err := db.Layout.StatementRenderer()
	if err != nil {
		t.Fatal(err)
	}
	store := clusterStore(db).OnLayout(render)
	ctx := context.Background()
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	cal := kb.WorkCalendar(set)
	dir := t.TempDir()
	for round := range 4 {
		var b strings.Builder
		b.WriteString("nomor;layanan;saluran;klasifikasi;diterima;selesai;petugas\n")
		for i := range 500 {
			fmt.Fprintf(&b, "I%d-%d;konsultasi;tatap-muka;;2026-10-%02d 10:00;;Rina\n", round, i, 1+i%28)
		}
		file := filepath.Join(dir, fmt.Sprintf("kasus-%d.csv", round))
		if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := store.ImportCases(ctx, file, kb, cal, ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
		if err != nil || res.Stored != 500 {
			t.Fatalf("import %d: %+v %v", round, res, err)
		}
		// Read at once, from any replica: the copy waited for the quorum.
		var n uint64
		if err := db.Conn.QueryRow(ctx, "SELECT uniqExact(id) FROM "+db.Name+".cases").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if want := uint64(500 * (round + 1)); n < want {
			t.Errorf("after import %d: %d cases stored, want %d", round, n, want)
		}
	}
}
