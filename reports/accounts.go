package reports

import (
	"context"
	"fmt"
	"time"
)

// AccountCode is the current state of a one-time code with which a person sets the
// password of their account.
type AccountCode struct {
	Hash        string // SHA-256 of the code, hex
	Username    string
	Purpose     string // baru (a new account) or reset
	UserVersion uint64 // the account's version when the code was made
	CreatedAt   time.Time
	ExpiresAt   time.Time
	CreatedBy   string
	Used        bool
	// Superseded is true when a newer code was made for the same account: handing out a new
	// link ends the earlier ones.
	Superseded bool
}

// AccountCode returns the one-time code whose hash is hash, and whether a newer code of its
// account supersedes it; found is false when there is none.
func (q *Querier) AccountCode(ctx context.Context, hash string) (c AccountCode, found bool, err error) {
	rows, err := q.conn.Query(ctx, queries.Get("AccountCode", q.db), hash)
	if err != nil {
		return c, false, fmt.Errorf("reports: account code: %w", err)
	}
	if rows.Next() {
		var used uint8
		err = rows.Scan(&c.Hash, &c.Username, &c.Purpose, &c.UserVersion, &c.CreatedAt, &c.ExpiresAt, &c.CreatedBy, &used)
		c.Used, found = used == 1, err == nil
	}
	if err == nil {
		err = rows.Err()
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return AccountCode{}, false, fmt.Errorf("reports: account code: %w", err)
	}
	if !found {
		return AccountCode{}, false, nil
	}
	newest, err := q.conn.Query(ctx, queries.Get("AccountCode.Newest", q.db), c.Username)
	if err != nil {
		return c, false, fmt.Errorf("reports: newest account code: %w", err)
	}
	defer newest.Close()
	if newest.Next() {
		var newestHash string
		var made uint64
		if err := newest.Scan(&newestHash, &made); err != nil {
			return c, false, fmt.Errorf("reports: newest account code: %w", err)
		}
		c.Superseded = newestHash != c.Hash
	}
	if err := newest.Err(); err != nil {
		return c, false, fmt.Errorf("reports: newest account code: %w", err)
	}
	return c, true, nil
}

// Token is an API token as its list shows it (never its secret or hash).
type Token struct {
	ID     string
	Agency string
	Name   string
	// Kind is "" for an agency's machine token and survey.ChannelKiosk for a counter kiosk's
	// device token, which sends only its agency's kiosk responses.
	Kind      string
	CreatedAt time.Time
	Revoked   bool
}

// Tokens returns the API tokens of agency ("" for every agency), newest first.
func (q *Querier) Tokens(ctx context.Context, agency string) ([]Token, error) {
	rows, err := q.conn.Query(ctx, queries.Get("Tokens", q.db), agency, agency)
	if err != nil {
		return nil, fmt.Errorf("reports: tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var revoked uint8
		if err := rows.Scan(&t.ID, &t.Agency, &t.Name, &t.CreatedAt, &revoked, &t.Kind); err != nil {
			return nil, fmt.Errorf("reports: tokens: %w", err)
		}
		t.Revoked = revoked == 1
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reports: tokens: %w", err)
	}
	return out, nil
}
