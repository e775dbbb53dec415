package main

import (
	"context"
	"fmt"
	"path/filepath"

	"skm/chlocal"
)

func runClickHouse(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "clickhouse", "[flags]",
		"Runs the private ClickHouse server that skm would start, in the foreground, and prints its\n"+
			"URL (with the password skm generated for it, kept in DIR/clickhouse/password) and a\n"+
			"clickhouse-client command line; stops it on Ctrl-C. Useful to look at the data of a\n"+
			"stopped skm with clickhouse-client, and as a long-lived server for tests\n"+
			"(SKM_TEST_CLICKHOUSE, the printed URL).")
	var d dbFlags
	var l logFlags
	d.register(f, "skm-data")
	l.register(f)
	if err := f.parse(args); err != nil {
		return err
	}
	if d.url != "" {
		return usagef("--clickhouse makes no sense here: this command starts the private server")
	}
	logger, err := l.logger(e.stderr)
	if err != nil {
		return err
	}
	s, err := chlocal.Start(ctx, chlocal.Options{Dir: filepath.Join(d.dataDir, "clickhouse"), Binary: d.binary, Logger: logger})
	if err != nil {
		return err
	}
	defer s.Stop()
	// The URL carries the password (the server refuses connections without it); the
	// client line reads it from its file so that it stays out of shell history.
	fmt.Fprintf(e.stdout, "ClickHouse is running: %s\n%s\nLog: %s\nPress Ctrl-C to stop.\n",
		s.DSN(defaultDatabase), clientCommand(s, ""), s.LogPath())
	select {
	case <-ctx.Done():
	case <-s.Exited():
		return fmt.Errorf("ClickHouse exited unexpectedly; see %s", s.LogPath())
	}
	return nil
}

// clientCommand is the clickhouse-client command line that connects to the private server
// s, with the password read from its file, and database db when not empty.
func clientCommand(s *chlocal.Server, db string) string {
	cmd := fmt.Sprintf("clickhouse-client --host 127.0.0.1 --port %s --user %s --password \"$(cat %s)\"",
		portOf(s.Addr()), chlocal.User, chlocal.ShellQuote(s.PasswordPath()))
	if db != "" {
		cmd += " --database " + db
	}
	return cmd
}

func portOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i+1:]
		}
	}
	return addr
}
