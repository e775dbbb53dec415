//go:build cluster

package chlocal_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"skm/chlocal"
)

// The launcher behind scripts/cluster.sh: up twice keeps what runs, kill and start act on
// one server, which then sees the cluster again, down leaves nothing running. Its own small
// cluster (1 shard × 2 replicas), beside the one the other cluster tests share.
func TestClusterUpKillStartDown(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "c")
	t.Cleanup(func() { _ = chlocal.StopCluster(dir, 5*time.Second) })
	opts := chlocal.ClusterOptions{Dir: dir, Name: "pair", Shards: 1, Replicas: 2}
	c, err := chlocal.StartCluster(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	again, err := chlocal.StartCluster(ctx, opts)
	if err != nil {
		t.Fatalf("second up: %v", err)
	}
	for i, n := range again.Servers {
		if n.PID != c.Servers[i].PID || n.Port != c.Servers[i].Port {
			t.Errorf("second up replaced %s (pid %d → %d, port %d → %d)", n.Name, c.Servers[i].PID, n.PID, c.Servers[i].Port, n.Port)
		}
	}
	if _, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: dir, Name: "other"}); err == nil {
		t.Error("up with another cluster's name on the same directory succeeded")
	}
	status := func() map[string]bool {
		_, nodes, err := chlocal.ClusterStatus(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, n := range nodes {
			out[n.Name] = n.Answering
		}
		return out
	}
	if err := chlocal.KillNode(dir, "s1r2"); err != nil {
		t.Fatal(err)
	}
	if s := status(); s["s1r2"] || !s["s1r1"] || !s[chlocal.ZooKeeperNode] {
		t.Errorf("after kill s1r2: %v, want only s1r2 down", s)
	}
	if err := chlocal.StartNode(ctx, dir, "s1r2"); err != nil {
		t.Fatal(err)
	}
	if s := status(); !s["s1r2"] {
		t.Errorf("after start s1r2: %v", s)
	}
	if err := chlocal.KillNode(dir, "nope"); err == nil {
		t.Error("kill of an unknown node succeeded")
	}
	if err := chlocal.StopCluster(dir, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	for name, up := range status() {
		if up {
			t.Errorf("%s still answers after down", name)
		}
	}
	for _, n := range append(again.Servers, again.ZooKeeper) {
		if _, err := os.Stat(filepath.Join("/proc", strconv.Itoa(n.PID))); err == nil {
			t.Errorf("%s (pid %d) still runs after down", n.Name, n.PID)
		}
	}
}
