package ingest

import (
	"context"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// RevokeSession records that the staff session id was ended by logout; it stays refused
// until expires, on every server that shares the database. It returns once ClickHouse
// has the row.
func RevokeSession(ctx context.Context, conn driver.Conn, db, id string, expires, at time.Time) error {
	return insertOne(ctx, conn, sqlFor("sessions.Revoke", db), "revoke session", id, expires.UTC(), at.UTC())
}
