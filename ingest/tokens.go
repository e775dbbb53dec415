package ingest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"
)

// TokenHash is how a token's secret is stored: hex SHA-256. Secrets are 256 random bits, so a
// fast hash is enough (a password hash protects guessable secrets; these are not).
func TokenHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken makes a new API token of kind for agency and returns it — "skm_<id>_<secret>" —
// once; only the hash of the secret is stored. kind is "" for an agency's machine token and
// survey.ChannelKiosk for a counter kiosk's device token (its responses, channel kiosk only).
func (s *Store) CreateToken(ctx context.Context, agency, name, kind string, now time.Time) (token, id string, err error) {
	var idb [8]byte
	var secret [32]byte
	if _, err := rand.Read(idb[:]); err != nil {
		return "", "", fmt.Errorf("ingest: token id: %w", err)
	}
	if _, err := rand.Read(secret[:]); err != nil {
		return "", "", fmt.Errorf("ingest: token secret: %w", err)
	}
	id = hex.EncodeToString(idb[:])
	sec := base64.RawURLEncoding.EncodeToString(secret[:])
	if err := s.writeToken(ctx, id, agency, name, kind, TokenHash(sec), now, now, false); err != nil {
		return "", "", fmt.Errorf("ingest: create token: %w", err)
	}
	return "skm_" + id + "_" + sec, id, nil
}

// RevokeToken stops a token from working. The new version keeps the token's agency, name,
// kind and creation time for the list of tokens, and drops the hash of its secret.
func (s *Store) RevokeToken(ctx context.Context, id, agency, name, kind string, created, now time.Time) error {
	return s.writeToken(ctx, id, agency, name, kind, "", created, now, true)
}

func (s *Store) writeToken(ctx context.Context, id, agency, name, kind, hash string, created, now time.Time, revoked bool) error {
	return s.insertOne(ctx, s.sql("writeToken"), "token",
		id, agency, name, hash, created.UTC(), boolByte(revoked), uint64(now.UnixNano()), kind)
}
