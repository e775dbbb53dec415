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
			"URL; stops it on Ctrl-C. Useful to look at the data of a stopped skm with clickhouse-client,\n"+
			"and as a long-lived server for tests (SKM_TEST_CLICKHOUSE).")
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
	fmt.Fprintf(e.stdout, "ClickHouse is running: %s\nclickhouse-client --host 127.0.0.1 --port %s\nLog: %s\nPress Ctrl-C to stop.\n",
		s.DSN(defaultDatabase), portOf(s.Addr()), s.LogPath())
	select {
	case <-ctx.Done():
	case <-s.Exited():
		return fmt.Errorf("ClickHouse exited unexpectedly; see %s", s.LogPath())
	}
	return nil
}

func portOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i+1:]
		}
	}
	return addr
}
