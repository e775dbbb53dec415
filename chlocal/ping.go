package chlocal

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// ping opens a native-protocol connection to e and pings it once.
func ping(ctx context.Context, e Endpoint) error {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:        []string{e.Addr},
		Auth:        clickhouse.Auth{Username: User, Password: e.Password},
		DialTimeout: time.Second,
		ReadTimeout: 2 * time.Second,
	})
	if err != nil {
		return fmt.Errorf("chlocal: open %s: %w", e.Addr, err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return conn.Ping(ctx)
}
