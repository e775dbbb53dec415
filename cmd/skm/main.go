// Command skm measures and proves the quality of public services: it collects the Survei
// Kepuasan Masyarakat and case-completion records into ClickHouse, computes the IKM and
// on-time performance against each agency's Standar Pelayanan, and serves dashboards and
// reports. Run `skm help` for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
