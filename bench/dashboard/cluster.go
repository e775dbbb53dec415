package main

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"skm/bench/benchdata"
	"skm/ingest/schema"
	"skm/reports"
	"skm/standard"
)

// clusterSide is the dashboard on the loopback cluster, timed beside the one server.
type clusterSide struct {
	scratch *benchdata.ClusterScratch
	page    *client
	panels  *panelTimes
	times   []time.Duration
}

// loadCluster starts the cluster in the scratch directory and loads the same data set.
func loadCluster(ctx context.Context, scratch *benchdata.Scratch, set *standard.Set, db string, mode schema.Mode, responses, cases int, args ...string) (*clusterSide, error) {
	cs, err := benchdata.NewClusterScratch(ctx, scratch.Dir, db, mode, args...)
	if err != nil {
		return nil, err
	}
	fmt.Println("the same data set into the cluster:")
	if _, err := benchdata.LoadEvaluationInto(ctx, scratch.Dir, set, cs.Target, responses, cases); err != nil {
		cs.Close()
		return nil, err
	}
	side := &clusterSide{scratch: cs, panels: &panelTimes{m: map[string][]time.Duration{}}}
	if side.page, err = page(set, reports.New(cs.Conn, db), side.panels); err != nil {
		cs.Close()
		return nil, err
	}
	return side, nil
}

// measure times target on the cluster; its tiles must be the one server's (single's body).
func (c *clusterSide) measure(target, single string, tiles *regexp.Regexp) error {
	d, body, err := c.page.get(target)
	if err != nil {
		return fmt.Errorf("on the cluster: %w", err)
	}
	if got, want := tiles.FindAllString(body, -1), tiles.FindAllString(single, -1); !slices.Equal(got, want) {
		return fmt.Errorf("%s: the tiles differ between the cluster and the one server:\n%s\n\none server:\n%s", target, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c.times = append(c.times, d)
	return nil
}

// print prints the cluster's times beside the one server's (single, sorted).
func (c *clusterSide) print(single []time.Duration) {
	slices.Sort(c.times)
	pct, ms := benchdata.Pct, benchdata.MS
	how := "sharded: Distributed tables over 2 shards × 2 replicas"
	if c.scratch.Layout.Mode == schema.Replicated {
		how = "replicated: every table on each of 4 servers, read where the query lands"
	}
	fmt.Printf("\n  the same pages on the loopback cluster (%s; same run):\n", how)
	fmt.Printf("  %-5s %14s %26s %8s\n", "", "one server", "cluster", "ratio")
	for _, p := range []int{50, 95} {
		fmt.Printf("  p%-4d %14s %26s %7.2f×%s\n", p, ms(pct(single, p)), ms(pct(c.times, p)), float64(pct(c.times, p))/float64(pct(single, p)),
			map[int]string{95: "   target ≤ 1.5×"}[p])
	}
	fmt.Printf("\n  panels on the cluster (p50 / p95):\n")
	for _, name := range slices.Sorted(maps.Keys(c.panels.m)) {
		ds := c.panels.m[name]
		slices.Sort(ds)
		fmt.Printf("    %-16s %10s %10s\n", name, ms(pct(ds, 50)), ms(pct(ds, 95)))
	}
}
