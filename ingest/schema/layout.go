package schema

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chsql"
)

// Mode is how the schema is laid out over ClickHouse servers.
type Mode int

const (
	// Single is one server: the migration files' statements as written.
	Single Mode = iota
	// Replicated is one copy of every table on every server of a cluster (one shard, as
	// many replicas as servers), kept in step through ZooKeeper.
	Replicated
	// Sharded spreads the tables with an agency column over the cluster's shards by
	// agency, each shard's rows replicated within the shard; small tables every server
	// reads alone (accounts, tokens, the calendar, the migration record) are replicated
	// to every server as in Replicated.
	Sharded
)

// String names the mode as the command line does.
func (m Mode) String() string {
	switch m {
	case Replicated:
		return "replicated"
	case Sharded:
		return "sharded"
	}
	return "single"
}

// ParseMode reads a mode's name (single, replicated, sharded).
func ParseMode(s string) (Mode, error) {
	for _, m := range []Mode{Single, Replicated, Sharded} {
		if m.String() == s {
			return m, nil
		}
	}
	return Single, fmt.Errorf("schema: unknown layout mode %q (single, replicated, sharded)", s)
}

// Layout is where the schema lives: the mode and, for Replicated and Sharded, the name of
// the cluster in the servers' remote_servers, the one ON CLUSTER names.
type Layout struct {
	Mode    Mode
	Cluster string
}

// Clustered reports whether the layout spans a cluster.
func (l Layout) Clustered() bool { return l.Mode != Single }

func (l Layout) validate() error {
	if !l.Clustered() {
		return nil
	}
	if !chsql.ValidDatabaseName(l.Cluster) {
		return fmt.Errorf("schema: %s layout needs a cluster name of letters, digits and _ (got %q)", l.Mode, l.Cluster)
	}
	return nil
}

// Settings are the query settings every statement of the product needs under the layout.
// On a cluster: an insert into a Distributed table returns only once each shard has stored
// its rows (not when they are queued on the server that took them), so a backfill is
// complete before the next statement and an acknowledged write is on its shard; and a
// subquery over a Distributed table inside a query over another reads each shard's local
// table (distributed_product_mode 'local'), which is right because every sharded table is
// sharded by agency: an agency's rows of both tables are on the same shard. Nil for Single.
func (l Layout) Settings() clickhouse.Settings {
	if !l.Clustered() {
		return nil
	}
	return clickhouse.Settings{"insert_distributed_sync": 1}
}

// migrationSettings are Settings plus, on a cluster, no block deduplication: a replicated
// table drops an inserted block identical to one of its last hundred, and a migration's
// backfill runs once, under the lock, and must land whole even when it repeats an earlier
// block (two migrations marking the same months, say).
func (l Layout) migrationSettings() clickhouse.Settings {
	s := l.Settings()
	if s != nil {
		s["insert_deduplicate"] = 0
	}
	return s
}

// LayoutOf tells which layout database db was migrated in, from the engine of its
// survey_responses table: Distributed (Sharded), a Replicated engine (Replicated) or
// another (Single). ok is false when the table does not exist yet.
func LayoutOf(ctx context.Context, conn driver.Conn, db string) (mode Mode, ok bool, err error) {
	var engine string
	if err := conn.QueryRow(ctx, sqlFor("LayoutOf", db)).Scan(&engine); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Single, false, nil
		}
		return Single, false, fmt.Errorf("schema: read the layout of database %s: %w", db, err)
	}
	switch {
	case engine == "Distributed":
		return Sharded, true, nil
	case strings.HasPrefix(engine, "Replicated"):
		return Replicated, true, nil
	}
	return Single, true, nil
}
