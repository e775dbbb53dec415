package reports

import (
	"context"
	"fmt"
)

// TokenHash returns the newest state of the API token with id: its agency, the hash of its
// secret, its kind (Token.Kind) and whether it is revoked; found is false for an unknown id.
func (q *Querier) TokenHash(ctx context.Context, id string) (agency, hash, kind string, revoked, found bool, err error) {
	rows, err := q.conn.Query(ctx, queries.Get("TokenHash", q.db), id)
	if err != nil {
		return "", "", "", false, false, fmt.Errorf("reports: token: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return "", "", "", false, false, rows.Err()
	}
	var rev uint8
	if err := rows.Scan(&agency, &hash, &rev, &kind); err != nil {
		return "", "", "", false, false, fmt.Errorf("reports: token: %w", err)
	}
	return agency, hash, kind, rev == 1, true, rows.Err()
}
