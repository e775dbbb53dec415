package chlocal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

var clusterNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// StartCluster starts, under opts.Dir, ZooKeeper and Shards × Replicas ClickHouse servers on
// free loopback ports, and returns once every server answers and sees the whole cluster in
// system.clusters. It is idempotent: processes of an earlier start that still run are kept,
// stopped ones are started again on their recorded ports when those are free, with their
// data. The processes are not children that die with the caller: StopCluster ends them.
// On failure, the processes this call started are stopped again.
func StartCluster(ctx context.Context, opts ClusterOptions) (*Cluster, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	bin, prefix, err := FindBinary(opts.Binary)
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath(opts.Java); err != nil {
		return nil, ErrNoZooKeeper
	}
	if _, err := os.Stat("/usr/share/java/zookeeper.jar"); err != nil && opts.ZooKeeperClassPath == "/usr/share/java/zookeeper.jar:/usr/share/java/*" {
		return nil, ErrNoZooKeeper
	}
	if err := os.MkdirAll(opts.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("chlocal: create %s: %w", opts.Dir, err)
	}
	lock, err := acquireLock(filepath.Join(opts.Dir, "cluster.lock"))
	if err != nil {
		return nil, err
	}
	defer releaseLock(lock)
	c, err := planCluster(opts)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, opts.StartTimeout)
	defer cancel()
	var started []Node
	fail := func(err error) (*Cluster, error) {
		for _, n := range started {
			_ = c.stopNode(n)
		}
		return nil, err
	}
	if !c.running(c.ZooKeeper) {
		if c.ZooKeeper, err = c.startZooKeeper(ctx); err != nil {
			return fail(err)
		}
		started = append(started, c.ZooKeeper)
	}
	if err := c.writeServerConfigs(); err != nil {
		return fail(err)
	}
	fresh := map[string]bool{}
	for i, n := range c.Servers {
		if c.running(n) {
			continue
		}
		if c.Servers[i], err = c.spawnServer(n, bin, prefix); err != nil {
			return fail(err)
		}
		started = append(started, c.Servers[i])
		fresh[n.Name] = true
	}
	if err := c.save(); err != nil {
		return fail(err)
	}
	for i, n := range c.Servers {
		if !fresh[n.Name] {
			err = c.waitServer(ctx, n)
		} else {
			err = c.awaitServer(ctx, i, bin, prefix)
		}
		if err != nil {
			return fail(err)
		}
	}
	opts.Logger.Info("loopback cluster ready", "name", c.Name, "dir", opts.Dir, "servers", len(c.Servers))
	return c, nil
}

// planCluster returns the cluster to run under opts.Dir: the recorded one, with new ports for
// stopped processes whose ports were taken meanwhile, or a new one on free ports.
func planCluster(opts ClusterOptions) (*Cluster, error) {
	password, err := loadOrCreatePassword(opts.Dir)
	if err != nil {
		return nil, err
	}
	c := &Cluster{opts: opts, Name: opts.Name, Password: password}
	if old, err := LoadCluster(opts.Dir); err == nil {
		if old.Name != opts.Name || len(old.Servers) != opts.Shards*opts.Replicas {
			return nil, fmt.Errorf("chlocal: %s holds cluster %q of %d servers, not %q of %d; stop it and remove the directory first",
				opts.Dir, old.Name, len(old.Servers), opts.Name, opts.Shards*opts.Replicas)
		}
		c.ZooKeeper, c.Servers = old.ZooKeeper, old.Servers
	} else {
		c.ZooKeeper = Node{Name: ZooKeeperNode}
		for s := 1; s <= opts.Shards; s++ {
			for r := 1; r <= opts.Replicas; r++ {
				c.Servers = append(c.Servers, Node{Name: fmt.Sprintf("s%dr%d", s, r), Shard: s, Replica: r})
			}
		}
	}
	taken := map[int]bool{}
	keep := func(n *Node, port *int) error {
		if *port != 0 && !taken[*port] && (c.running(*n) || portFree(*port)) {
			taken[*port] = true
			return nil
		}
		for {
			p, err := freePort()
			if err != nil {
				return err
			}
			if !taken[p] {
				*port, taken[p] = p, true
				return nil
			}
		}
	}
	if err := keep(&c.ZooKeeper, &c.ZooKeeper.Port); err != nil {
		return nil, err
	}
	for i := range c.Servers {
		n := &c.Servers[i]
		if err := keep(n, &n.Port); err != nil {
			return nil, err
		}
		if err := keep(n, &n.InterserverPort); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func portFree(port int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// StartNode starts one stopped process of the cluster under dir again, on its recorded
// ports and with its data, and waits until it answers (a server: until it sees the cluster;
// see awaitServer for a server a crash left with unregistered parts). A node that runs
// already is left alone. logger (nil: none) receives what the start did.
func StartNode(ctx context.Context, dir, name string, logger *slog.Logger) error {
	c, err := LoadCluster(dir)
	if err != nil {
		return err
	}
	if logger != nil {
		c.opts.Logger = logger
	}
	n, err := c.Node(name)
	if err != nil {
		return err
	}
	if c.running(n) {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.StartTimeout)
	defer cancel()
	if name == ZooKeeperNode {
		if c.ZooKeeper, err = c.startZooKeeper(ctx); err != nil {
			return err
		}
		return c.save()
	}
	bin, prefix, err := FindBinary("")
	if err != nil {
		return err
	}
	for i := range c.Servers {
		if c.Servers[i].Name != name {
			continue
		}
		if c.Servers[i], err = c.spawnServer(n, bin, prefix); err != nil {
			return err
		}
		if err := c.save(); err != nil {
			return err
		}
		return c.awaitServer(ctx, i, bin, prefix)
	}
	return errors.New("chlocal: unreachable")
}

// errPartsRefused marks a ClickHouse server that exited while starting because a replicated
// table holds parts on its disk that ZooKeeper does not list for it.
var errPartsRefused = errors.New("chlocal: ClickHouse refused a table's parts on disk")

// awaitServer waits until server i, just started, answers (waitServer) with every table it
// holds on disk (servedAll). A server that exits while starting
// because a replicated table holds parts on disk that ZooKeeper does not list — or that
// starts without a table whose metadata it holds, which is how 18.16 at times ends the same
// refusal (measured: the exception is lost, nothing is logged) — is stopped and started
// once more with ClickHouse's force_restore_data flag, its own remedy, which ClickHouse
// removes once the server has started. Such parts are what a crash between writing a part
// and registering it in ZooKeeper leaves: an insert not yet acknowledged (a quorum insert is
// acknowledged only once registered on the quorum), a fetch or merge not yet committed.
// ClickHouse 18.16 refuses them when they hold more than half of a table's rows on disk,
// which one crash does to the small tables of a young database. With the flag it moves them
// to detached/ignored_* (kept, not deleted) and fetches what it lacks from the other
// replicas.
func (c *Cluster) awaitServer(ctx context.Context, i int, bin string, prefix []string) error {
	err := c.waitServer(ctx, c.Servers[i])
	if err == nil {
		err = c.servedAll(ctx, c.Servers[i])
	}
	if !errors.Is(err, errPartsRefused) {
		return err
	}
	n := c.Servers[i]
	if c.running(n) {
		if err := c.stopNode(n); err != nil {
			return err
		}
	}
	c.opts.Logger.Warn("ClickHouse refused parts a crash left unregistered in ZooKeeper; starting it again with force_restore_data (they are kept under detached/ignored_*)",
		"node", n.Name, "err", err)
	flags := filepath.Join(c.dataDir(n), "flags")
	if err := os.MkdirAll(flags, 0o750); err != nil {
		return fmt.Errorf("chlocal: create %s: %w", flags, err)
	}
	if err := os.WriteFile(filepath.Join(flags, "force_restore_data"), nil, 0o640); err != nil {
		return fmt.Errorf("chlocal: set force_restore_data of %s: %w", n.Name, err)
	}
	if c.Servers[i], err = c.spawnServer(n, bin, prefix); err != nil {
		return err
	}
	if err := c.save(); err != nil {
		return err
	}
	if err := c.waitServer(ctx, c.Servers[i]); err != nil {
		return err
	}
	return c.servedAll(ctx, c.Servers[i])
}

// servedAll fails, wrapping errPartsRefused, when server n does not serve a table whose
// metadata it holds on disk, also a second later (a DROP detaches its table before it
// removes the metadata file).
func (c *Cluster) servedAll(ctx context.Context, n Node) error {
	missing, err := c.unattachedTables(ctx, n)
	if err != nil || len(missing) == 0 {
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second):
	}
	again, err := c.unattachedTables(ctx, n)
	if err != nil {
		return err
	}
	var still []string
	for _, t := range again {
		if slices.Contains(missing, t) {
			still = append(still, t)
		}
	}
	if len(still) == 0 {
		return nil
	}
	return fmt.Errorf("%w: chlocal: ClickHouse %s started without tables whose metadata it holds (%s): "+
		"18.16 at times drops the refusal of a table's parts instead of stopping (log: %s)",
		errPartsRefused, n.Name, strings.Join(still, ", "), c.logPath(n))
}

// unattachedTables lists the tables (database.table) whose metadata file server n holds
// on disk but which it does not serve.
func (c *Cluster) unattachedTables(ctx context.Context, n Node) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(c.dataDir(n), "metadata", "*", "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("chlocal: list the metadata of %s: %w", n.Name, err)
	}
	attached := map[string]bool{}
	err = Endpoint{Addr: n.Addr(), Password: c.Password}.ask(ctx, 5*time.Second, func(ctx context.Context, conn driver.Conn) error {
		rows, err := conn.Query(ctx, "SELECT database, name FROM system.tables")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var db, table string
			if err := rows.Scan(&db, &table); err != nil {
				return err
			}
			attached[db+"."+table] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("chlocal: list the tables of %s: %w", n.Name, err)
	}
	var missing []string
	for _, f := range files {
		// File names are ClickHouse's escapeForFileName: %XX for every other byte than
		// [A-Za-z0-9_].
		db, err1 := url.PathUnescape(filepath.Base(filepath.Dir(f)))
		table, err2 := url.PathUnescape(strings.TrimSuffix(filepath.Base(f), ".sql"))
		if err1 == nil && err2 == nil && !attached[db+"."+table] {
			missing = append(missing, db+"."+table)
		}
	}
	return missing, nil
}

// startFailure describes why server n exited while starting: the error ClickHouse logged
// last since skm started it (without its stack trace), or else the log's last lines. It
// wraps errPartsRefused when ClickHouse refused a replicated table's parts on disk.
func (c *Cluster) startFailure(n Node) error {
	log := logTail(c.logPath(n), 256<<10)
	if i := strings.LastIndex(log, startMarker); i >= 0 {
		log = log[i:]
	}
	fatal := ""
	for line := range strings.Lines(log) {
		if _, msg, ok := strings.Cut(line, "<Error> Application: "); ok {
			fatal = msg
		}
	}
	if fatal == "" {
		return fmt.Errorf("chlocal: ClickHouse %s exited while starting; last lines of %s:\n%s",
			n.Name, c.logPath(n), logTail(c.logPath(n), 2048))
	}
	if i := strings.Index(strings.ToLower(fatal), ", stack trace"); i >= 0 {
		fatal = fatal[:i]
	}
	err := fmt.Errorf("chlocal: ClickHouse %s exited while starting: %s (log: %s)", n.Name, strings.TrimSpace(fatal), c.logPath(n))
	if strings.Contains(fatal, "doesn't look like the set of parts in ZooKeeper") {
		return fmt.Errorf("%w: %w", errPartsRefused, err)
	}
	return err
}

// waitServer waits until server n answers, its ZooKeeper session works and it sees every
// server of the cluster in system.clusters.
func (c *Cluster) waitServer(ctx context.Context, n Node) error {
	want := uint64(len(c.Servers))
	var last error
	for {
		if !c.running(n) {
			return c.startFailure(n)
		}
		got, err := Endpoint{Addr: n.Addr(), Password: c.Password}.clusterSize(ctx, c.Name)
		if err == nil && got == want {
			return nil
		}
		last = err
		if err == nil {
			last = fmt.Errorf("system.clusters lists %d servers of cluster %s, want %d", got, c.Name, want)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("chlocal: ClickHouse %s on %s not ready: %v (%w); see %s", n.Name, n.Addr(), last, ctx.Err(), c.logPath(n))
		case <-time.After(200 * time.Millisecond):
		}
	}
}
