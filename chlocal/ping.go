package chlocal

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Ping opens a native-protocol connection to e as User and pings it once (at most 2 s).
func (e Endpoint) Ping(ctx context.Context) error {
	return e.ask(ctx, 2*time.Second, func(ctx context.Context, conn driver.Conn) error { return conn.Ping(ctx) })
}

// ask opens a native-protocol connection to e as User, runs fn on it within limit and
// closes it.
func (e Endpoint) ask(ctx context.Context, limit time.Duration, fn func(context.Context, driver.Conn) error) error {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:        []string{e.Addr},
		Auth:        clickhouse.Auth{Username: User, Password: e.Password},
		DialTimeout: time.Second,
		ReadTimeout: limit,
	})
	if err != nil {
		return fmt.Errorf("chlocal: open %s: %w", e.Addr, err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	return fn(ctx, conn)
}
