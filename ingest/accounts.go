package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/ingest/spool"
)

// UserRow is one version of a staff account.
type UserRow struct {
	Username     string
	Agency       string // "" for an admin
	Role         string // admin, head or staff
	DisplayName  string
	PasswordHash string // argon2id, PHC string form
	Disabled     bool
	ChangedAt    time.Time
	ChangedBy    string
}

// SaveUser stores a new version of an account; the newest version wins.
func (s *Store) SaveUser(ctx context.Context, u UserRow) error {
	if u.ChangedAt.IsZero() {
		u.ChangedAt = time.Now()
	}
	return s.insertOne(ctx, s.sql("SaveUser"), "save user "+u.Username,
		u.Username, u.Agency, u.Role, u.DisplayName, u.PasswordHash, boolByte(u.Disabled),
		u.ChangedAt.UTC(), u.ChangedBy, u.Version())
}

// Version is the version SaveUser stores u with (its ChangedAt in Unix nanoseconds): a
// session or a one-time code made before it no longer holds.
func (u UserRow) Version() uint64 { return uint64(u.ChangedAt.UnixNano()) }

// AccountCodeRow is one version of a one-time code with which a person sets the password of
// their account; only the hash of the code is stored.
type AccountCodeRow struct {
	Hash        string
	Username    string
	Purpose     string // baru (a new account) or reset
	UserVersion uint64 // the account's version when the code was made
	CreatedAt   time.Time
	ExpiresAt   time.Time
	CreatedBy   string
	Used        bool
}

// SaveAccountCode stores a new version of a one-time code (made, or used) at now.
func (s *Store) SaveAccountCode(ctx context.Context, c AccountCodeRow, now time.Time) error {
	return s.insertOne(ctx, s.sql("SaveAccountCode"), "save account code",
		c.Hash, c.Username, c.Purpose, c.UserVersion, c.CreatedAt.UTC(), c.ExpiresAt.UTC(), c.CreatedBy,
		boolByte(c.Used), uint64(now.UnixNano()))
}

// AuditRow is one line of the audit log: who did what to which agency's data, when.
type AuditRow struct {
	At        time.Time
	Agency    string
	Username  string
	Role      string
	Action    string // e.g. login, login.refused, case.record, rtl.save, report.download
	Target    string // what was acted on: a case id, a file name, an account
	Detail    string
	RequestID string
}

// WriteAudit inserts audit rows directly (the command line, which has no spool).
func (s *Store) WriteAudit(ctx context.Context, rows ...AuditRow) error {
	return s.insertRows(ctx, s.sql("WriteAudit"), "audit", len(rows), func(b driver.Batch, i int) error {
		r := rows[i]
		return b.Append(r.At.UTC(), uint64(r.At.UnixNano()), r.Agency, r.Username, r.Role, r.Action, r.Target, r.Detail, r.RequestID)
	})
}

// Auditor writes audit rows through the spool, so an audit line is as durable as the change
// it records and is never lost while ClickHouse is down.
type Auditor struct{ spool *spool.Spool }

// NewAuditor returns an Auditor on spool.
func NewAuditor(sp *spool.Spool) *Auditor { return &Auditor{spool: sp} }

// Audit appends r to the spool and returns once it is on disk.
func (a *Auditor) Audit(ctx context.Context, r AuditRow) error {
	if _, err := a.spool.Append(ctx, encodeAudit(r)); err != nil {
		return fmt.Errorf("ingest: audit %s: %w", r.Action, err)
	}
	return nil
}

// insertOne sends one row with insert.
func (s *Store) insertOne(ctx context.Context, insert, what string, values ...any) error {
	return s.insertRows(ctx, insert, what, 1, func(b driver.Batch, _ int) error { return b.Append(values...) })
}
