package chlocal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// startFailure names the error ClickHouse logged at its last start, without the stack
// trace, and tells a refusal of a table's parts from other failures; an earlier start's
// refusal in the same log does not count.
func TestStartFailureReadsTheLastStartsError(t *testing.T) {
	refused := "2026.11.28 02:24:04.574910 [ 1 ] {} <Error> Application: DB::Exception: Cannot create table from metadata file /x/metadata/db//t.sql, " +
		"error: DB::Exception: The local set of parts of table db.t doesn't look like the set of parts in ZooKeeper: 100.00 rows of 150.00 total rows in filesystem are suspicious., stack trace:\n" +
		"\n0. /usr/bin/clickhouse-server(StackTrace::StackTrace()+0x16) [0x1]\n"
	listen := "2026.11.28 02:30:00.000000 [ 1 ] {} <Error> Application: DB::Exception: Listen [127.0.0.1]:9000 failed: Address already in use, Stack trace:\n0. frame\n"
	for _, tc := range []struct {
		name, log, want string
		refused         bool
	}{
		{"refused", startMarker + " s1r2 ===\n" + refused, "doesn't look like the set of parts in ZooKeeper: 100.00 rows of 150.00 total rows in filesystem are suspicious.", true},
		{"other", startMarker + " s1r2 ===\n" + listen, "Listen [127.0.0.1]:9000 failed: Address already in use", false},
		{"refused before, other now", startMarker + " s1r2 ===\n" + refused + startMarker + " s1r2 ===\n" + listen, "Address already in use", false},
		{"no error line", startMarker + " s1r2 ===\nkilled\n", "last lines of", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := &Cluster{opts: ClusterOptions{Dir: dir}}
			n := Node{Name: "s1r2"}
			if err := os.MkdirAll(filepath.Join(dir, "s1r2"), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(c.logPath(n), []byte(tc.log), 0o640); err != nil {
				t.Fatal(err)
			}
			err := c.startFailure(n)
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(strings.ToLower(err.Error()), "stack trace") {
				t.Errorf("error %q: want it to hold %q and no stack trace", err, tc.want)
			}
			if errors.Is(err, errPartsRefused) != tc.refused {
				t.Errorf("error %q: refusal of parts %v, want %v", err, !tc.refused, tc.refused)
			}
		})
	}
}
