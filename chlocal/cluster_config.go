package chlocal

import (
	"fmt"
	"os"
	"runtime"
)

// writeServerConfigs writes every cluster server's config.xml and users.xml (mode 0600: the
// cluster definition holds the password the servers use to query each other).
func (c *Cluster) writeServerConfigs() error {
	var shards [][]Node
	for _, n := range c.Servers {
		for len(shards) < n.Shard {
			shards = append(shards, nil)
		}
		shards[n.Shard-1] = append(shards[n.Shard-1], n)
	}
	for _, n := range c.Servers {
		if err := os.MkdirAll(c.nodeDir(n), 0o750); err != nil {
			return fmt.Errorf("chlocal: create %s: %w", c.nodeDir(n), err)
		}
		data := serverConfig{Port: n.Port, Data: c.dataDir(n), MaxMemory: 2_000_000_000,
			MarkCache: 268435456, Threads: runtime.NumCPU(), PasswordSHA256: sha256Hex(c.Password),
			Cluster: &clusterConfig{Node: n, ZooKeeperPort: c.ZooKeeper.Port, Name: c.Name, User: User, Password: c.Password, Shards: shards}}
		if err := writeServerConfig(c.nodeDir(n), data, 0o600); err != nil {
			return fmt.Errorf("%w (server %s)", err, n.Name)
		}
	}
	return nil
}
