package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"skm/bench/benchdata"
	"skm/chlocal"
)

// clusterIntake starts a loopback cluster under tmp, two skm servers on it, loads both at once
// with conns connections each (drive), waits until both spools are drained, and prints their sum
// beside the one server's figures of the same run (single, singleDrain).
func clusterIntake(tmp, bin string, conns int, drive func(url string, pid int) (result, error), single result, singleDrain time.Duration) error {
	ctx := context.Background()
	dir := filepath.Join(tmp, "cluster")
	c, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: dir})
	if err != nil {
		_ = chlocal.StopCluster(dir, 0)
		return err
	}
	defer func() { _ = chlocal.StopCluster(dir, 20*time.Second) }()
	dsn := c.DSN("skm_bench")
	if out, err := exec.Command(bin, "migrate", "--clickhouse", dsn, "--cluster", c.Name, "--log-level", "warn").CombinedOutput(); err != nil {
		return fmt.Errorf("migrate: %v\n%s", err, out)
	}
	var urls []string
	var pids []int
	for i := range 2 {
		addr := freeAddr()
		srv := exec.Command(bin, "serve", "--addr", addr, "--data-dir", filepath.Join(tmp, fmt.Sprintf("cluster-skm-%d", i)),
			"--clickhouse", dsn, "--cluster", c.Name, "--no-rate-limit", "--log-level", "warn", "--log-format", "text")
		srv.Stdout = io.Discard
		srv.Stderr = os.Stderr
		if err := srv.Start(); err != nil {
			return err
		}
		defer stop(srv)
		if err := waitUp("http://" + addr + "/healthz"); err != nil {
			return fmt.Errorf("skm on the cluster: %w", err)
		}
		urls, pids = append(urls, "http://"+addr), append(pids, srv.Process.Pid)
	}
	results := make([]result, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() { results[i], errs[i] = drive(urls[i]+"/api/v1/responses", pids[i]) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	drainStart := time.Now()
	for _, u := range urls {
		if err := waitDrained(u+"/metrics", 10*time.Minute); err != nil {
			return err
		}
	}
	drain := time.Since(drainStart)
	accepted := results[0].rate()*results[0].elapsed.Seconds() + results[1].rate()*results[1].elapsed.Seconds()
	loadTime := max(results[0].elapsed, results[1].elapsed)
	fmt.Println()
	fmt.Printf("two skm servers on the loopback cluster (2 shards × 2 replicas, quorum 2, intake lease), %d connections to each, same run:\n", conns)
	fmt.Printf("%-34s %14s %14s\n", "", "one server", "two on cluster")
	fmt.Printf("%-34s %14.0f %14.0f\n", "accepted responses/s", single.rate(), results[0].rate()+results[1].rate())
	fmt.Printf("%-34s %14s %14s\n", "p99 latency (worse server)", benchdata.MS(single.pct(99)), benchdata.MS(max(results[0].pct(99), results[1].pct(99))))
	fmt.Printf("%-34s %14s %14s\n", "spools drained after load in", singleDrain.Round(time.Millisecond), drain.Round(time.Millisecond))
	fmt.Printf("%-34s %14.0f %14.0f\n", "stored responses/s (load + drain)", single.rate()*single.elapsed.Seconds()/(single.elapsed+singleDrain).Seconds(),
		accepted/(loadTime+drain).Seconds())
	return nil
}
