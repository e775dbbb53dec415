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
	"skm/standard/standardtest"
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
	// The case figures computed ahead (case_month), as the server's background work does.
	computeMonths := func(db *chtest.DB, store *ingest.Store) {
		if _, err := ingest.NewCaseMonths(store, standardtest.Examples(t), nil).Refresh(ctx); err != nil {
			t.Fatalf("compute the case months: %v", err)
		}
	}
	seedBoth(single)
	computeMonths(single, ingest.NewStore(single.Conn, single.Name))
	s2, _ := survey.ParsePeriod("2026-S2")
	aug, _ := survey.ParsePeriod("2026-08")
	jul, _ := survey.ParsePeriod("2026-07")
	dec, _ := survey.ParsePeriod("2026-12")
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	for _, mode := range []schema.Mode{schema.Sharded, schema.Replicated} {
		t.Run(mode.String(), func(t *testing.T) {
			cdb := chtest.NewClusterDB(t, mode)
			seedBoth(&cdb.DB)
			render, err := cdb.Layout.StatementRenderer()
			if err != nil {
				t.Fatal(err)
			}
			cdb.Sync(t)
			computeMonths(&cdb.DB, ingest.NewStore(cdb.Conn, cdb.Name).OnLayout(render))
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
							return q.CaseSummaryRaw(ctx, agency, aug, service, wib)
						},
						"CaseSummary": func(q *reports.Querier) (any, error) {
							return q.CaseSummary(ctx, agency, aug, service, wib)
						},
						"OnTimeByMonth": func(q *reports.Querier) (any, error) {
							return q.OnTimeByMonth(ctx, agency, jul, dec, service)
						},
						"BacklogAtMonthEnd": func(q *reports.Querier) (any, error) {
							return q.BacklogAtMonthEnd(ctx, agency, aug, wib, now)
						},
						"OverdueByOfficer": func(q *reports.Querier) (any, error) {
							return q.OverdueByOfficer(ctx, agency, aug, service, wib)
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
