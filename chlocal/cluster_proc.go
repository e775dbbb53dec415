package chlocal

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// nodeDir is the directory of one process: configuration, data and log.
func (c *Cluster) nodeDir(n Node) string { return filepath.Join(c.opts.Dir, n.Name) }

// dataDir is a ClickHouse server's <path>: its tables, metadata and flags.
func (c *Cluster) dataDir(n Node) string { return filepath.Join(c.nodeDir(n), "data") }

// startMarker begins the line skm writes into a node's log before each start.
const startMarker = "=== skm starts"

func (c *Cluster) logPath(n Node) string { return filepath.Join(c.nodeDir(n), n.Name+".log") }

// configPath is the file the process is started with; it also identifies the process in
// /proc, so that a recycled pid is never taken for the node.
func (c *Cluster) configPath(n Node) string {
	if n.Name == ZooKeeperNode {
		return filepath.Join(c.nodeDir(n), "zoo.cfg")
	}
	return filepath.Join(c.nodeDir(n), "config.xml")
}

// running reports whether the node's recorded process is alive (not a zombie) and was
// started with the node's configuration. A process this value started is known by its
// end, not by /proc: right after the start /proc may still show the starting command
// (the java launcher starts itself anew), which would be taken for another process.
func (c *Cluster) running(n Node) bool {
	if n.PID <= 0 {
		return false
	}
	if ended, ok := c.children[n.PID]; ok {
		select {
		case <-ended:
			return false
		default:
			return true
		}
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", n.PID))
	if err != nil || !bytes.Contains(cmdline, []byte(c.configPath(n))) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", n.PID))
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses: "123 (java) S …". A killed
	// process's first thread is a zombie while its other threads still end (ClickHouse has
	// dozens), and those still hold its port and its data directory's lock: it runs until
	// the zombie is alone.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) && (stat[i+2] == 'Z' || stat[i+2] == 'X') {
		tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", n.PID))
		return err == nil && len(tasks) > 1
	}
	return true
}

// spawn starts a process detached from the caller (its own session, so a Ctrl-C in the
// terminal does not reach it, and it outlives a `skm cluster up`), output appended to its
// log. The caller's process reaps it if it ends first.
func (c *Cluster) spawn(n Node, name string, args ...string) (int, error) {
	if err := os.MkdirAll(c.nodeDir(n), 0o750); err != nil {
		return 0, fmt.Errorf("chlocal: create %s: %w", c.nodeDir(n), err)
	}
	logFile, err := os.OpenFile(c.logPath(n), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return 0, fmt.Errorf("chlocal: open log of %s: %w", n.Name, err)
	}
	defer logFile.Close()
	fmt.Fprintf(logFile, "\n%s %s on %s at %s ===\n", startMarker, n.Name, n.Addr(), time.Now().UTC().Format(time.RFC3339))
	cmd := exec.Command(name, args...)
	cmd.Dir = c.nodeDir(n)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("chlocal: start %s (%s): %w", n.Name, name, err)
	}
	ended := make(chan struct{})
	if c.children == nil {
		c.children = map[int]chan struct{}{}
	}
	c.children[cmd.Process.Pid] = ended
	go func() {
		_ = cmd.Wait()
		close(ended)
	}()
	c.opts.Logger.Info("cluster process started", "node", n.Name, "pid", cmd.Process.Pid, "addr", n.Addr(), "log", c.logPath(n))
	return cmd.Process.Pid, nil
}

func (c *Cluster) spawnServer(n Node, bin string, prefix []string) (Node, error) {
	if err := os.MkdirAll(c.dataDir(n), 0o750); err != nil {
		return n, fmt.Errorf("chlocal: create data directory of %s: %w", n.Name, err)
	}
	pid, err := c.spawn(n, bin, append(append([]string{}, prefix...), "--config-file="+c.configPath(n))...)
	n.PID = pid
	return n, err
}

func (c *Cluster) startZooKeeper(ctx context.Context) (Node, error) {
	n := c.ZooKeeper
	if err := os.MkdirAll(filepath.Join(c.nodeDir(n), "data"), 0o750); err != nil {
		return n, fmt.Errorf("chlocal: create ZooKeeper data directory: %w", err)
	}
	if err := writeFileAtomic(c.configPath(n), zooConfig(c.nodeDir(n), n.Port)); err != nil {
		return n, err
	}
	pid, err := c.spawn(n, c.opts.Java, "-Xmx256m", "-Dzookeeper.log.dir="+c.nodeDir(n),
		"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
		"-cp", c.opts.ZooKeeperClassPath, "org.apache.zookeeper.server.quorum.QuorumPeerMain", c.configPath(n))
	if err != nil {
		return n, err
	}
	n.PID = pid
	for {
		if !c.running(n) {
			return n, fmt.Errorf("chlocal: ZooKeeper exited while starting; last lines of %s:\n%s", c.logPath(n), logTail(c.logPath(n), 2048))
		}
		if zooOK(n.Addr()) {
			return n, nil
		}
		select {
		case <-ctx.Done():
			_ = c.stopNode(n)
			return n, fmt.Errorf("chlocal: ZooKeeper on %s not ready: %w; see %s", n.Addr(), ctx.Err(), c.logPath(n))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// zooOK asks ZooKeeper "srvr" and reports whether it serves requests (it names its mode).
// "ruok" is not enough: ZooKeeper answers "imok" while it still loads its data and refuses
// sessions, and a ClickHouse 18.16 server whose first session fails may stop or crash.
func zooOK(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := conn.Write([]byte("srvr")); err != nil {
		return false
	}
	out, _ := io.ReadAll(bufio.NewReader(conn))
	return strings.Contains(string(out), "\nMode: ")
}

// clusterSize counts the servers of cluster name that the server at e lists, once the
// server's ZooKeeper session works (reading system.zookeeper fails before).
func (e Endpoint) clusterSize(ctx context.Context, name string) (uint64, error) {
	var n, znodes uint64
	err := e.ask(ctx, 5*time.Second, func(ctx context.Context, conn driver.Conn) error {
		return conn.QueryRow(ctx, "SELECT (SELECT count() FROM system.clusters WHERE cluster = ?), (SELECT count() FROM system.zookeeper WHERE path = '/')",
			name).Scan(&n, &znodes)
	})
	return n, err
}

// stopNode asks the node's process to end (SIGTERM) and kills it after StopTimeout.
func (c *Cluster) stopNode(n Node) error {
	if !c.running(n) {
		return nil
	}
	_ = syscall.Kill(n.PID, syscall.SIGTERM)
	deadline := time.Now().Add(c.opts.StopTimeout)
	for time.Now().Before(deadline) {
		if !c.running(n) {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = syscall.Kill(n.PID, syscall.SIGKILL)
	for range 50 {
		if !c.running(n) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("chlocal: %s (pid %d) did not stop within %s and was killed", n.Name, n.PID, c.opts.StopTimeout)
}

// StopCluster stops every process of the cluster under dir — the servers first, at once,
// then ZooKeeper —, each with SIGTERM and after stopTimeout (0: 20 s) SIGKILL, and returns
// when none runs. A directory without a cluster is not an error.
func StopCluster(dir string, stopTimeout time.Duration) error {
	c, err := LoadCluster(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if stopTimeout > 0 {
		c.opts.StopTimeout = stopTimeout
	}
	errs := make(chan error, len(c.Servers))
	for _, n := range c.Servers {
		go func() { errs <- c.stopNode(n) }()
	}
	var all []error
	for range c.Servers {
		all = append(all, <-errs)
	}
	all = append(all, c.stopNode(c.ZooKeeper))
	return errors.Join(all...)
}

// KillNode ends one process of the cluster under dir with SIGKILL, as a crash would, and
// waits until it is gone.
func KillNode(dir, name string) error {
	c, err := LoadCluster(dir)
	if err != nil {
		return err
	}
	n, err := c.Node(name)
	if err != nil {
		return err
	}
	if !c.running(n) {
		return nil
	}
	if err := syscall.Kill(n.PID, syscall.SIGKILL); err != nil {
		return fmt.Errorf("chlocal: kill %s (pid %d): %w", name, n.PID, err)
	}
	for range 100 {
		if !c.running(n) {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("chlocal: %s (pid %d) still runs after SIGKILL", name, n.PID)
}

// NodeStatus is what ClusterStatus reports of one process.
type NodeStatus struct {
	Node
	// Running is true while the recorded process is alive.
	Running bool
	// Answering is true when it answers (ZooKeeper: serves requests; a server: a query).
	Answering bool
	// Log is the process's log file.
	Log string
}

// ClusterStatus reports, for the cluster under dir, which processes run and answer.
func ClusterStatus(ctx context.Context, dir string) (*Cluster, []NodeStatus, error) {
	c, err := LoadCluster(dir)
	if err != nil {
		return nil, nil, err
	}
	out := []NodeStatus{{Node: c.ZooKeeper, Running: c.running(c.ZooKeeper), Log: c.logPath(c.ZooKeeper)}}
	out[0].Answering = out[0].Running && zooOK(c.ZooKeeper.Addr())
	for _, n := range c.Servers {
		s := NodeStatus{Node: n, Running: c.running(n), Log: c.logPath(n)}
		s.Answering = s.Running && Endpoint{Addr: n.Addr(), Password: c.Password}.Ping(ctx) == nil
		out = append(out, s)
	}
	return c, out, nil
}

func zooConfig(dir string, port int) []byte {
	return []byte("# Generated by skm at every start; edits are overwritten.\n" +
		"tickTime=2000\ninitLimit=10\nsyncLimit=5\n" +
		"dataDir=" + filepath.Join(dir, "data") + "\n" +
		"clientPort=" + strconv.Itoa(port) + "\nclientPortAddress=127.0.0.1\n" +
		"admin.enableServer=false\nmaxClientCnxns=0\n4lw.commands.whitelist=ruok,srvr,mntr\n")
}
