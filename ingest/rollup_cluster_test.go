//go:build cluster

package ingest_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/ingesttest"
	"skm/ingest/schema"
)

// rollupFigures are what the dashboard reads of an agency's rollups, as one server holds them.
type rollupFigures struct {
	respondents, s1, profile, saran, saranDays uint64
}

// rollupFiguresOn reads the agency's rollups from the tables server i holds itself (the local
// tables of the sharded layout), not through a Distributed table, which picks a replica.
func rollupFiguresOn(t *testing.T, db *chtest.ClusterDB, i int, agency string) rollupFigures {
	t.Helper()
	local := ""
	if db.Layout.Mode == schema.Sharded {
		local = "_local"
	}
	var f rollupFigures
	ctx := context.Background()
	for _, q := range []struct {
		query string
		dest  []any
	}{
		{"SELECT sum(respondents), sum(s1) FROM " + db.Name + ".survey_daily" + local + " WHERE agency = ?", []any{&f.respondents, &f.s1}},
		{"SELECT sum(respondents) FROM " + db.Name + ".survey_profile_monthly" + local + " WHERE agency = ?", []any{&f.profile}},
		{"SELECT count() FROM " + db.Name + ".survey_saran" + local + " WHERE agency = ?", []any{&f.saran}},
		{"SELECT sum(saran_count) FROM " + db.Name + ".survey_saran_days" + local + " WHERE agency = ?", []any{&f.saranDays}},
	} {
		if err := db.Servers[i].QueryRow(ctx, q.query, agency).Scan(q.dest...); err != nil {
			t.Fatalf("read the rollups on %s: %v", db.Cluster.Servers[i].Name, err)
		}
	}
	return f
}

// The rollup rebuild on a cluster, run through a connection to a server of shard 1 for an
// agency on shard 2 (in the replicated layout, to the first server of four): right after it
// returns, every replica's rollups equal the raw responses, also on a replica that applies
// the rebuild's delete late (its merges, which carry out mutations, are held for a moment),
// and also when the same rebuild runs again (its insert repeats the first one's blocks, which
// a replicated table drops as duplicates unless told not to).
func TestClusterRollupRebuildLeavesEveryReplicaEqualToTheRawResponses(t *testing.T) {
	for _, mode := range []schema.Mode{schema.Sharded, schema.Replicated} {
		t.Run(mode.String(), func(t *testing.T) {
			db := chtest.NewClusterDB(t, mode)
			ctx := context.Background()
			const agency = "bppd-kalbar" // shard 2; the store talks to s1r1 (shard 1)
			render, err := db.Layout.StatementRenderer()
			if err != nil {
				t.Fatal(err)
			}
			conn := chtest.ConnectServer(t, db.Cluster, 0, db.Layout)
			store := ingest.NewStore(conn, db.Name).OnLayout(render).WithReplication(ingest.Replication{
				InsertQuorum: 2, LeaseQuorum: 3, ShardReplicas: 2, Cluster: db.Cluster.Name, Dial: db.Dial})
			if mode == schema.Replicated {
				store = ingest.NewStore(conn, db.Name).OnLayout(render).WithReplication(ingest.Replication{
					InsertQuorum: 3, LeaseQuorum: 3, ShardReplicas: 4, Cluster: db.Cluster.Name, Dial: db.Dial})
			}
			// 12 responses on 3 days, U1 = 4 and the rest 3, a saran from every third: the
			// rollups hold 12 respondents, a U1 sum of 48, 4 profile values per respondent
			// (48) and 4 saran.
			wib := time.FixedZone("WIB", 7*3600)
			var rows []ingest.ResponseRow
			for i := range 12 {
				r := ingesttest.WithProfile(ingesttest.Response(agency, "konsultasi", time.Date(2026, 10, 1+i%3, 9, i, 0, 0, wib), [9]uint8{4, 3, 3, 3, 3, 3, 3, 3, 3}))
				if i%3 == 0 {
					r.Saran = "Antrean perlu dipercepat"
				}
				rows = append(rows, r)
			}
			if err := store.WriteResponses(ctx, rows); err != nil {
				t.Fatal(err)
			}
			db.Sync(t)
			want := rollupFigures{respondents: 12, s1: 48, profile: 48, saran: 4, saranDays: 4}
			from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
			on, _ := serversOf(db, shardOf[agency])
			if mode == schema.Replicated {
				on = []int{0, 1, 2, 3}
			}
			late := on[len(on)-1] // a replica of the agency's shard skm does not talk to
			for round := range 2 {
				// The rollups counted twice for a day, as a re-sent block would (inserted anew
				// in each round: a replicated table drops a block identical to a recent one).
				dup := clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"insert_deduplicate": 0}))
				for _, q := range []string{
					"INSERT INTO {db}.survey_daily SELECT * FROM {db}.survey_daily WHERE agency = 'bppd-kalbar' AND local_date = toDate('2026-10-02')",
					"INSERT INTO {db}.survey_profile_monthly SELECT * FROM {db}.survey_profile_monthly WHERE agency = 'bppd-kalbar'",
					"INSERT INTO {db}.survey_saran SELECT * FROM {db}.survey_saran WHERE agency = 'bppd-kalbar'",
					"INSERT INTO {db}.survey_saran_days SELECT * FROM {db}.survey_saran_days WHERE agency = 'bppd-kalbar'",
				} {
					if err := db.Conn.Exec(dup, strings.ReplaceAll(q, "{db}", db.Name)); err != nil {
						t.Fatal(err)
					}
				}
				db.Sync(t)
				if diffs, err := store.VerifyRollup(ctx, agency, from, to); err != nil || len(diffs) != 1 || diffs[0].Diff[0] != 4 {
					t.Fatalf("round %d: verify after the double count: %v %v, want 2026-10-02 with 4 respondents too many", round, diffs, err)
				}
				// One replica applies mutations only 2 s after the rebuild starts.
				stopMerges(t, db, late, "STOP")
				released := make(chan struct{})
				go func() {
					defer close(released)
					time.Sleep(2 * time.Second)
					stopMerges(t, db, late, "START")
				}()
				err := store.RebuildRollup(ctx, agency, from, to)
				for i := range db.Servers {
					if !slices.Contains(on, i) {
						continue
					}
					if got := rollupFiguresOn(t, db, i, agency); got != want {
						t.Errorf("round %d: right after the rebuild, %s holds %+v, want %+v", round, db.Cluster.Servers[i].Name, got, want)
					}
				}
				<-released
				if err != nil {
					t.Fatalf("round %d: rebuild: %v", round, err)
				}
				// Verify through every server: each reads whichever replica it picks.
				for i, c := range db.Servers {
					if diffs, err := ingest.NewStore(c, db.Name).VerifyRollup(ctx, "", from, to); err != nil || len(diffs) != 0 {
						t.Errorf("round %d: verify through %s after the rebuild: %v %v", round, db.Cluster.Servers[i].Name, diffs, err)
					}
				}
			}
		})
	}
}

// A replica that does not apply the rebuild's delete within the store's MutationTimeout
// fails the rebuild with an error naming it; it changes nothing else (no insert follows).
func TestClusterRollupRebuildNamesTheReplicaThatDidNotDelete(t *testing.T) {
	db := chtest.NewClusterDB(t, schema.Sharded)
	ctx := context.Background()
	render, err := db.Layout.StatementRenderer()
	if err != nil {
		t.Fatal(err)
	}
	store := ingest.NewStore(chtest.ConnectServer(t, db.Cluster, 0, db.Layout), db.Name).OnLayout(render).WithReplication(ingest.Replication{
		InsertQuorum: 2, LeaseQuorum: 3, ShardReplicas: 2, Cluster: db.Cluster.Name, Dial: db.Dial, MutationTimeout: 3 * time.Second})
	at := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	if err := store.WriteResponses(ctx, []ingest.ResponseRow{ingesttest.Response("bppd-kalbar", "konsultasi", at, ingesttest.Answers(4))}); err != nil {
		t.Fatal(err)
	}
	db.Sync(t)
	on, _ := serversOf(db, shardOf["bppd-kalbar"])
	late := on[1]
	stopMerges(t, db, late, "STOP")
	t.Cleanup(func() { stopMerges(t, db, late, "START") })
	err = store.RebuildRollup(ctx, "bppd-kalbar", at, at)
	node := db.Cluster.Servers[late]
	if err == nil || !strings.Contains(err.Error(), node.Addr()) || strings.Contains(err.Error(), db.Cluster.Servers[on[0]].Addr()) {
		t.Fatalf("rebuild with %s holding its mutations: %v, want an error naming %s (and not the other replica)", node.Name, err, node.Addr())
	}
	t.Log(err)
}

// stopMerges runs SYSTEM STOP (or START) MERGES for the rollup tables on server i: a replica
// with its merges stopped does not carry out mutations either.
func stopMerges(t *testing.T, db *chtest.ClusterDB, i int, verb string) {
	t.Helper()
	local := ""
	if db.Layout.Mode == schema.Sharded {
		local = "_local"
	}
	for _, table := range []string{"survey_daily", "survey_profile_monthly", "survey_saran"} {
		if err := db.Servers[i].Exec(context.Background(), "SYSTEM "+verb+" MERGES "+db.Name+"."+table+local); err != nil {
			t.Errorf("%s merges on %s: %v", verb, db.Cluster.Servers[i].Name, err)
		}
	}
}
