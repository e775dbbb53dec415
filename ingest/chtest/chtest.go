// Package chtest gives integration tests a real ClickHouse: each test gets its own freshly
// migrated database (unique name, dropped in Cleanup, kept with KEEPDB=1).
//
// The server is SKM_TEST_CLICKHOUSE (a clickhouse:// URL) when set; otherwise each test
// binary starts a private server with chlocal (binary SKM_TEST_CLICKHOUSE_BIN, default as
// chlocal.FindBinary), which Main stops when the tests end. That server has a password, as
// every private server of skm does: connect with Connect and name it in command lines with
// URL. When no
// server can be had, tests fail under CI=true and are skipped elsewhere with the reason.
package chtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
	"skm/ingest/schema"
)

// DB is a migrated database of its own for one test.
type DB struct {
	// Conn is connected to the server; statements name the database explicitly ({db}).
	Conn driver.Conn
	// Name is the database name.
	Name string
	// Addr is the server's host:port.
	Addr string
	// DSN is the clickhouse:// URL of the database, with the credentials.
	DSN string
}

var (
	once      sync.Once
	addr      string
	auth      clickhouse.Auth // user and password; no database
	setupErr  error
	server    *chlocal.Server
	serverDir string
)

// Main runs the package's tests and then stops the private server and the loopback
// cluster, if they were started.
// Use it as: func TestMain(m *testing.M) { chtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if server != nil {
		_ = server.Stop()
		_ = os.RemoveAll(serverDir)
	}
	stopCluster()
	os.Exit(code)
}

// ServerAddr returns the test server's host:port, starting a private server on first use.
// It fails the test under CI=true when no server can be had, and skips it elsewhere.
func ServerAddr(t testing.TB) string {
	t.Helper()
	once.Do(setup)
	if setupErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("integration tests need ClickHouse and CI=true forbids skipping: %v", setupErr)
		}
		t.Skipf("no ClickHouse for integration tests: %v", setupErr)
	}
	return addr
}

func setup() {
	if dsn := os.Getenv("SKM_TEST_CLICKHOUSE"); dsn != "" {
		opts, err := clickhouse.ParseDSN(dsn)
		if err != nil {
			setupErr = fmt.Errorf("SKM_TEST_CLICKHOUSE: %w", err)
			return
		}
		addr = opts.Addr[0]
		auth = clickhouse.Auth{Username: opts.Auth.Username, Password: opts.Auth.Password}
		return
	}
	dir, err := os.MkdirTemp("", "skm-test-clickhouse-")
	if err != nil {
		setupErr = err
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	s, err := chlocal.Start(ctx, chlocal.Options{Dir: filepath.Join(dir, "clickhouse"), Binary: os.Getenv("SKM_TEST_CLICKHOUSE_BIN")})
	if err != nil {
		_ = os.RemoveAll(dir)
		setupErr = err
		return
	}
	server, serverDir, addr = s, dir, s.Addr()
	auth = clickhouse.Auth{Username: chlocal.User, Password: s.Password()}
}

// URL returns the clickhouse:// URL of database db on the test server, with its
// credentials, for the command lines of tests that run skm.
func URL(t testing.TB, db string) string {
	t.Helper()
	a := ServerAddr(t)
	u := url.URL{Scheme: "clickhouse", Host: a, Path: "/" + db}
	if auth.Username != "" || auth.Password != "" {
		u.User = url.UserPassword(auth.Username, auth.Password)
	}
	return u.String()
}

var nonIdent = regexp.MustCompile(`[^a-z0-9_]+`)

// NewDB creates a database for this test, migrates it and drops it when the test ends,
// unless KEEPDB=1, in which case it prints how to connect.
func NewDB(t testing.TB) *DB {
	t.Helper()
	a := ServerAddr(t)
	name := dbName(t)
	conn := Connect(t, a)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := schema.Migrate(ctx, conn, schema.MigrateOptions{Database: name}); err != nil {
		t.Fatalf("migrate test database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if os.Getenv("KEEPDB") == "1" {
			host, port, _ := strings.Cut(a, ":")
			pw := ""
			if auth.Password != "" {
				pw = " --password '" + auth.Password + "'"
			}
			t.Logf("KEEPDB=1: kept database %s; connect with: clickhouse-client --host %s --port %s%s --database %s",
				name, host, port, pw, name)
			if server != nil {
				t.Logf("KEEPDB=1: this test binary's private server stops when the tests end; " +
					"set SKM_TEST_CLICKHOUSE to a server that outlives them (e.g. one from `skm clickhouse`)")
			}
			return
		}
		// A loaded machine (merges after a big test) may take its time.
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		if err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return &DB{Conn: conn, Name: name, Addr: a, DSN: URL(t, name)}
}

// Connect opens a connection to the server at addr, with the test server's credentials,
// closed in Cleanup.
func Connect(t testing.TB, addr string) driver.Conn {
	t.Helper()
	return connect(t, addr, auth, nil)
}

// connect opens a connection to the servers at addrs (comma-separated) with the user and
// password of a and the given settings, closed in Cleanup.
func connect(t testing.TB, addrs string, a clickhouse.Auth, settings clickhouse.Settings) driver.Conn {
	t.Helper()
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:        strings.Split(addrs, ","),
		Auth:        clickhouse.Auth{Database: "default", Username: a.Username, Password: a.Password},
		Settings:    settings,
		DialTimeout: 5 * time.Second,
		ReadTimeout: 3 * time.Minute,
	})
	if err != nil {
		t.Fatalf("connect to test ClickHouse %s: %v", addrs, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// dbName is a new database name for the test: its name, made an identifier, and 8 random
// hex digits.
func dbName(t testing.TB) string {
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	base := nonIdent.ReplaceAllString(strings.ToLower(t.Name()), "_")
	if len(base) > 40 {
		base = base[:40]
	}
	return "skmtest_" + base + "_" + hex.EncodeToString(rnd[:])
}
