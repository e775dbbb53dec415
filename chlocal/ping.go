package chlocal

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Ping opens a native-protocol connection to e as User and pings it once (at most 2 s).
func (e Endpoint) Ping(ctx context.Context) error {
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
