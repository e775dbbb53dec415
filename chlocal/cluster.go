package chlocal

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ClusterOptions configure a loopback cluster: one ZooKeeper and Shards × Replicas
// ClickHouse servers, each a process of its own under Dir. Zero values take the defaults
// noted on each field.
type ClusterOptions struct {
	// Dir holds everything of the cluster: its state file, configurations, data and logs.
	// Required.
	Dir string
	// Name is the cluster's name in remote_servers, the one ON CLUSTER names (default "skm").
	Name string
	// Shards is the number of shards (default 2).
	Shards int
	// Replicas is the number of replicas of each shard (default 2).
	Replicas int
	// Binary is the ClickHouse server executable; empty means FindBinary("").
	Binary string
	// Java is the Java runtime that runs ZooKeeper (default "java" from PATH).
	Java string
	// ZooKeeperClassPath is the class path of Debian's zookeeper package (default
	// /usr/share/java/zookeeper.jar and every jar of /usr/share/java).
	ZooKeeperClassPath string
	// StartTimeout bounds the wait until every process answers (default 90 s).
	StartTimeout time.Duration
	// StopTimeout bounds a graceful stop of each process before it is killed (default 20 s).
	StopTimeout time.Duration
	// Logger receives lifecycle messages (default: discard).
	Logger *slog.Logger
}

func (o *ClusterOptions) defaults() error {
	if o.Dir == "" {
		return errors.New("chlocal: ClusterOptions.Dir is required")
	}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return fmt.Errorf("chlocal: cluster directory %q: %w", o.Dir, err)
	}
	o.Dir = abs
	if o.Name == "" {
		o.Name = "skm"
	}
	if !clusterNameRe.MatchString(o.Name) {
		return fmt.Errorf("chlocal: cluster name %q: letters, digits and _ only", o.Name)
	}
	if o.Shards <= 0 {
		o.Shards = 2
	}
	if o.Replicas <= 0 {
		o.Replicas = 2
	}
	if o.Java == "" {
		o.Java = "java"
	}
	if o.ZooKeeperClassPath == "" {
		o.ZooKeeperClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/*"
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 90 * time.Second
	}
	if o.StopTimeout <= 0 {
		o.StopTimeout = 20 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// ErrNoZooKeeper is returned by StartCluster when Debian's zookeeper package or a Java
// runtime is missing.
var ErrNoZooKeeper = errors.New("ZooKeeper is not installed (Debian's zookeeper package and a Java runtime); " +
	"install them with `SKM_DEPS=cluster bash scripts/install-deps.sh` or `sudo apt-get install zookeeper`")

// ZooKeeperNode is the name of the ZooKeeper process in a cluster's state and commands.
const ZooKeeperNode = "zookeeper"

// Node is one process of a loopback cluster, as recorded in its state file.
type Node struct {
	// Name is "zookeeper" or "sSrR" for replica R of shard S (s1r1, s1r2, s2r1, …), which is
	// also the server's {replica} macro: unique in the cluster.
	Name string `json:"name"`
	// Shard and Replica number a ClickHouse server from 1; 0 for ZooKeeper.
	Shard   int `json:"shard,omitempty"`
	Replica int `json:"replica,omitempty"`
	// Port is the native-protocol port (ZooKeeper: its client port).
	Port int `json:"port"`
	// InterserverPort is the port replicas fetch parts from each other on.
	InterserverPort int `json:"interserver_port,omitempty"`
	// PID is the process id of the last start.
	PID int `json:"pid"`
}

// Addr is the node's host:port on loopback.
func (n Node) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(n.Port)) }

// Cluster is a loopback cluster's state: what runs where. Its methods act on the processes
// it names; they are not children of the caller, so the cluster outlives the command that
// started it until StopCluster.
type Cluster struct {
	opts ClusterOptions
	// Name is the cluster's name for ON CLUSTER and Distributed tables.
	Name string `json:"name"`
	// ZooKeeper is the coordination server.
	ZooKeeper Node `json:"zookeeper"`
	// Servers are the ClickHouse servers, shard by shard.
	Servers []Node `json:"servers"`
	// Password is the password of User on every server; kept in the directory's password
	// file (mode 0600), not in the state file.
	Password string `json:"-"`
	// children are the processes this value started, by pid: closed when one has ended.
	children map[int]chan struct{}
}

const clusterStateFile = "cluster.json"

// Dir is the directory the cluster lives under (for KillNode, StartNode, StopCluster).
func (c *Cluster) Dir() string { return c.opts.Dir }

// Endpoints are the servers' addresses with the password, in the state file's order.
func (c *Cluster) Endpoints() []Endpoint {
	out := make([]Endpoint, len(c.Servers))
	for i, n := range c.Servers {
		out[i] = Endpoint{Addr: n.Addr(), Password: c.Password}
	}
	return out
}

// DSN is the clickhouse:// URL of database db with every server as a host, comma-separated,
// as skm's --clickhouse takes it.
func (c *Cluster) DSN(db string) string {
	hosts := make([]string, len(c.Servers))
	for i, n := range c.Servers {
		hosts[i] = n.Addr()
	}
	u := url.URL{Scheme: "clickhouse", User: url.UserPassword(User, c.Password), Host: strings.Join(hosts, ","), Path: "/" + db}
	return u.String()
}

// PasswordPath is the file that holds Password (mode 0600).
func (c *Cluster) PasswordPath() string { return filepath.Join(c.opts.Dir, PasswordFile) }

// ShellDSN is DSN(db) for a POSIX shell, in double quotes, with the password read from
// PasswordPath by $(cat …) instead of written out: what `skm cluster up` prints and a test
// logs, so that no log (a CI log above all) holds the secret.
func (c *Cluster) ShellDSN(db string) string {
	hosts := make([]string, len(c.Servers))
	for i, n := range c.Servers {
		hosts[i] = n.Addr()
	}
	return fmt.Sprintf(`"clickhouse://%s:$(cat %s)@%s/%s"`, User, ShellQuote(c.PasswordPath()), strings.Join(hosts, ","), db)
}

// ShellQuote quotes s for a POSIX shell when it holds anything but safe characters.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Node returns the named process (ZooKeeperNode or a server's name).
func (c *Cluster) Node(name string) (Node, error) {
	if name == ZooKeeperNode {
		return c.ZooKeeper, nil
	}
	var names []string
	for _, n := range c.Servers {
		if n.Name == name {
			return n, nil
		}
		names = append(names, n.Name)
	}
	return Node{}, fmt.Errorf("chlocal: no node %q in the cluster (nodes: %s, %s)", name, ZooKeeperNode, strings.Join(names, ", "))
}

// LoadCluster reads the state of the cluster under dir, as StartCluster left it.
func LoadCluster(dir string) (*Cluster, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("chlocal: cluster directory %q: %w", dir, err)
	}
	b, err := os.ReadFile(filepath.Join(abs, clusterStateFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("chlocal: no cluster in %s (start one with `scripts/cluster.sh up %s`): %w", abs, dir, err)
		}
		return nil, fmt.Errorf("chlocal: read cluster state: %w", err)
	}
	c := &Cluster{}
	if err := json.Unmarshal(b, c); err != nil {
		return nil, fmt.Errorf("chlocal: cluster state %s: %w", filepath.Join(abs, clusterStateFile), err)
	}
	if c.Password, err = readPassword(abs); err != nil {
		return nil, err
	}
	c.opts = ClusterOptions{Dir: abs, Name: c.Name}
	_ = c.opts.defaults()
	return c, nil
}

func (c *Cluster) save() error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("chlocal: encode cluster state: %w", err)
	}
	return writeFileAtomic(filepath.Join(c.opts.Dir, clusterStateFile), append(b, '\n'))
}
