//go:build cluster

package reports_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/schema"
	"skm/reports"
	"skm/survey"
)

// The read side over the Distributed tables of a cluster answers what it answers on one
// server for the same rows: seed writes bppd-kalbar and bppd-ntt (both on shard 2), and
// dpmptsp-kalbar is added on shard 1, so that a question about every agency spans shards.
func TestClusterQuerierEqualsSingleServer(t *testing.T) {
	ctx := context.Background()
	single := chtest.NewDB(t)
	seedBoth := func(db *chtest.DB) {
		seed(t, db)
		more := []ingest.ResponseRow{
			resp("konsultasi", time.Date(2026, 9, 2, 9, 0, 0, 0, wib), [9]uint8{2, 3, 4, 1, 2, 3, 4, 1, 2}),
			resp("konsultasi", time.Date(2026, 11, 2, 9, 0, 0, 0, wib), [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}),
		}
		for i := range more {
			more[i].Agency = "dpmptsp-kalbar"
		}
		if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, more); err != nil {
			t.Fatal(err)
		}
	}
	seedBoth(single)
	s2, _ := survey.ParsePeriod("2026-S2")
	oct, _ := survey.ParsePeriod("2026-08")
	for _, mode := range []schema.Mode{schema.Sharded, schema.Replicated} {
		t.Run(mode.String(), func(t *testing.T) {
			cdb := chtest.NewClusterDB(t, mode)
			seedBoth(&cdb.DB)
			cdb.Sync(t)
			want, got := reports.New(single.Conn, single.Name), reports.New(cdb.Conn, cdb.Name)
			for _, agency := range []string{"bppd-kalbar", "bppd-ntt", "dpmptsp-kalbar"} {
				for _, service := range []string{"", "konsultasi"} {
					scope := survey.Scope{Agency: agency, Period: s2, Service: service}
					for name, ask := range map[string]func(q *reports.Querier) (any, error){
						"IKM":          func(q *reports.Querier) (any, error) { return q.IKM(ctx, scope) },
						"IKMRaw":       func(q *reports.Querier) (any, error) { return q.IKMRaw(ctx, scope) },
						"IKMByService": func(q *reports.Querier) (any, error) { return q.IKMByService(ctx, scope) },
						"IKMByMonth":   func(q *reports.Querier) (any, error) { return q.IKMByMonth(ctx, scope) },
						"Profile":      func(q *reports.Querier) (any, error) { return q.Profile(ctx, scope) },
						"Population":   func(q *reports.Querier) (any, error) { return q.Population(ctx, scope) },
						"CaseSummaryRaw": func(q *reports.Querier) (any, error) {
							return q.CaseSummaryRaw(ctx, agency, oct, service, wib)
						},
					} {
						w, err := ask(want)
						if err != nil {
							t.Fatalf("%s %s %q on one server: %v", name, agency, service, err)
						}
						g, err := ask(got)
						if err != nil {
							t.Errorf("%s %s %q on the cluster: %v", name, agency, service, err)
							continue
						}
						if !reflect.DeepEqual(g, w) {
							t.Errorf("%s %s %q: cluster %+v, one server %+v", name, agency, service, g, w)
						}
					}
				}
			}
			// The hand-computed figure of TestIKMFromRollupEqualsRawAndHandComputation.
			tally, err := got.IKM(ctx, survey.Scope{Agency: "bppd-kalbar", Period: s2})
			if k := survey.Compute(tally); err != nil || k.Rounded100 != 8861 || k.Respondents != 5 {
				t.Errorf("bppd-kalbar 2026-S2 on the cluster: IKM %s of %d respondents (%v), want 88,61 of 5", survey.Format100(k.Rounded100), k.Respondents, err)
			}
		})
	}
}
