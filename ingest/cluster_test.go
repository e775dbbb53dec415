//go:build cluster

package ingest_test

import (
	"context"
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
	if _, err := r.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	// Sent again after it was stored and replicated: the id check reads the index through
	// the Distributed table (with the batch's ids as an external table) on the agency's
	// shard. Right after the insert, a replica that has not fetched it yet may answer that
	// check and the index gets the id twice (seen here): exactly-once across replicas is
	// the next part of issue 22, so the test waits for replication first.
	db.Sync(t)
	if _, err := r.intake.Record(ctx, response(ids[0])); err != nil {
		t.Fatal(err)
	}
	if _, err := r.batcher().Flush(ctx); err != nil {
		t.Fatal(err)
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
