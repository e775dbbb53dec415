package reports

import (
	"context"
	"fmt"
	"time"

	"skm/survey"
)

// User is the current state of a staff account.
type User struct {
	Username     string
	Agency       string // "" for an admin
	Role         string // admin, head or staff
	DisplayName  string
	PasswordHash string
	Disabled     bool
	ChangedAt    time.Time
	ChangedBy    string // who made the last change
	// Version changes with every change of the account; sessions made before it end.
	Version uint64
}

// User returns the account named username; found is false when there is none.
func (q *Querier) User(ctx context.Context, username string) (u User, found bool, err error) {
	users, err := q.users(ctx, "User", username)
	if err != nil || len(users) == 0 {
		return User{}, false, err
	}
	return users[0], true, nil
}

// Users returns every account, by username.
func (q *Querier) Users(ctx context.Context) ([]User, error) {
	return q.users(ctx, "Users")
}

func (q *Querier) users(ctx context.Context, name string, args ...any) ([]User, error) {
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), args...)
	if err != nil {
		return nil, fmt.Errorf("reports: %s: %w", name, err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var disabled uint8
		if err := rows.Scan(&u.Username, &u.Agency, &u.Role, &u.DisplayName, &u.PasswordHash, &disabled, &u.ChangedAt, &u.ChangedBy, &u.Version); err != nil {
			return nil, fmt.Errorf("reports: %s: %w", name, err)
		}
		u.Disabled = disabled == 1
		out = append(out, u)
	}
	return out, rows.Err()
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At        time.Time
	Agency    string
	Username  string
	Role      string
	Action    string
	Target    string
	Detail    string
	RequestID string
}

// AuditLog returns the newest limit lines about agency ("" for all agencies) of the kind
// action ("" for every kind), newest first.
func (q *Querier) AuditLog(ctx context.Context, agency, action string, limit int) ([]AuditEntry, error) {
	rows, err := q.conn.Query(ctx, queries.Get("AuditLog", q.db), agency, agency, action, action, uint64(limit))
	if err != nil {
		return nil, fmt.Errorf("reports: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var ns uint64
		if err := rows.Scan(&ns, &e.Agency, &e.Username, &e.Role, &e.Action, &e.Target, &e.Detail, &e.RequestID); err != nil {
			return nil, fmt.Errorf("reports: audit log: %w", err)
		}
		e.At = time.Unix(0, int64(ns)).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// Alerts returns the audit lines of agency since the instant that warn its staff: the sharp
// moves of an IKM within minutes (survey.BurstAction), newest first, at most 20.
func (q *Querier) Alerts(ctx context.Context, agency string, since time.Time) ([]AuditEntry, error) {
	lines, err := q.AuditLog(ctx, agency, survey.BurstAction, 20)
	if err != nil {
		return nil, fmt.Errorf("reports: alerts: %w", err)
	}
	out := lines[:0]
	for _, e := range lines {
		if !e.At.Before(since) {
			out = append(out, e)
		}
	}
	return out, nil
}

// RevokedSessions returns the sessions ended by logout that expire after now, with the end
// of each.
func (q *Querier) RevokedSessions(ctx context.Context, now time.Time) (map[string]time.Time, error) {
	rows, err := q.conn.Query(ctx, queries.Get("RevokedSessions", q.db), now.UTC().Format(time.DateTime))
	if err != nil {
		return nil, fmt.Errorf("reports: revoked sessions: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id string
		var exp time.Time
		if err := rows.Scan(&id, &exp); err != nil {
			return nil, fmt.Errorf("reports: revoked sessions: %w", err)
		}
		out[id] = exp
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reports: revoked sessions: %w", err)
	}
	return out, nil
}
