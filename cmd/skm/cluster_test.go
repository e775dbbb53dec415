package main

import (
	"strings"
	"testing"

	"skm/ingest/chtest"
)

// --cluster names a cluster of the server's remote_servers; another name is refused before
// anything is created.
func TestClusterFlagNeedsAClusterOfTheServer(t *testing.T) {
	db := chtest.NewDB(t)
	code, _, errs := runCmd(t, nil, "migrate", "--clickhouse", db.DSN, "--cluster", "nope")
	if code != 1 || !strings.Contains(errs, "--cluster nope: ClickHouse at "+db.Addr+" has no such cluster in its remote_servers") {
		t.Errorf("exit %d, stderr %q; want 1 and a message naming the cluster and the server", code, errs)
	}
}
