package ingest

import (
	"context"
	"time"
)

// RevokeSession records that the staff session id was ended by logout; it stays refused
// until expires, on every server that shares the database. It returns once ClickHouse
// has the row.
func (s *Store) RevokeSession(ctx context.Context, id string, expires, at time.Time) error {
	return s.insertOne(ctx, s.sql("RevokeSession"), "revoke session", id, expires.UTC(), at.UTC())
}
