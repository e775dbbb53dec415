package main

import (
	"context"
	"fmt"
	"time"

	"skm/chlocal"
)

// defaultClusterDir is where `skm cluster` keeps a loopback cluster unless told otherwise
// (gitignored).
const defaultClusterDir = ".cluster"

func runCluster(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "cluster", "up|down|status|kill NODE|start NODE [flags]",
		"Runs a loopback ClickHouse cluster for trials and tests: Debian's ZooKeeper and\n"+
			"--shards × --replicas ClickHouse servers on free loopback ports, everything under --dir.\n"+
			"up starts what does not run (again and again: it is idempotent) and prints the\n"+
			"--clickhouse URL (for a shell: it reads the password from its file) and the --cluster\n"+
			"name; down stops every process (SIGTERM, SIGKILL after --stop-timeout); status says\n"+
			"what runs; kill NODE (SIGKILL, as a crash) and start NODE act on one process\n"+
			"(zookeeper, s1r1, s1r2, s2r1, …). A server that refuses the parts a crash left\n"+
			"unregistered in ZooKeeper is started once more with ClickHouse's force_restore_data\n"+
			"(logged). The processes outlive this command until down.")
	dir := f.String("dir", defaultClusterDir, "`directory` of the cluster: state, configuration, data and logs")
	name := f.String("name", "skm", "cluster `name` (remote_servers, ON CLUSTER, --cluster)")
	shards := f.Int("shards", 2, "number of shards")
	replicas := f.Int("replicas", 2, "number of replicas of each shard")
	startTimeout := f.Duration("start-timeout", 90*time.Second, "longest wait until every process answers")
	stopTimeout := f.Duration("stop-timeout", 20*time.Second, "longest wait for a process to stop before it is killed")
	var l logFlags
	l.register(f)
	pos, err := f.parseInterspersed(args)
	if err != nil {
		return err
	}
	expected := "expected: skm cluster up|down|status|kill NODE|start NODE"
	if len(pos) == 0 {
		return usagef("%s", expected)
	}
	action, rest := pos[0], pos[1:]
	wantArgs := map[string]int{"up": 0, "down": 0, "status": 0, "kill": 1, "start": 1}
	if n, ok := wantArgs[action]; !ok || len(rest) != n {
		return usagef("%s", expected)
	}
	logger, err := l.logger(e.stderr)
	if err != nil {
		return err
	}
	switch action {
	case "up":
		c, err := chlocal.StartCluster(ctx, chlocal.ClusterOptions{Dir: *dir, Name: *name, Shards: *shards, Replicas: *replicas,
			StartTimeout: *startTimeout, StopTimeout: *stopTimeout, Logger: logger})
		if err != nil {
			return err
		}
		// No password in the output (a CI log keeps it): the URL reads it from its file.
		fmt.Fprintf(e.stdout, "cluster %s is running (%d servers, ZooKeeper on %s) under %s\n--clickhouse %s\n--cluster %s\n",
			c.Name, len(c.Servers), c.ZooKeeper.Addr(), *dir, c.ShellDSN(defaultDatabase), c.Name)
		return nil
	case "down":
		if err := chlocal.StopCluster(*dir, *stopTimeout); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "cluster under %s stopped\n", *dir)
		return nil
	case "kill":
		return chlocal.KillNode(*dir, rest[0])
	case "start":
		return chlocal.StartNode(ctx, *dir, rest[0], logger)
	}
	c, nodes, err := chlocal.ClusterStatus(ctx, *dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "cluster %s under %s\n", c.Name, *dir)
	up := 0
	for _, n := range nodes {
		state := "stopped"
		switch {
		case n.Answering:
			state, up = fmt.Sprintf("running (pid %d)", n.PID), up+1
		case n.Running:
			state = fmt.Sprintf("running (pid %d), not answering", n.PID)
		}
		fmt.Fprintf(e.stdout, "  %-9s %-21s %s  log %s\n", n.Name, n.Addr(), state, n.Log)
	}
	if up == len(nodes) {
		fmt.Fprintf(e.stdout, "--clickhouse %s\n--cluster %s\n", c.ShellDSN(defaultDatabase), c.Name)
	}
	return nil
}
