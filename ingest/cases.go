package ingest

import (
	"context"
	"time"
)

// SaveCaseNote stores a note on case id of agency by username at at, or, with reopen, the
// reason the case was reopened. The caller has validated the text.
func (s *Store) SaveCaseNote(ctx context.Context, agency, id, username string, reopen bool, text string, at time.Time) error {
	kind := "catatan"
	if reopen {
		kind = "dibuka_kembali"
	}
	return s.insertOne(ctx, s.sql("SaveCaseNote"), "save case note", agency, id, at.UTC().Truncate(time.Second),
		uint64(at.UnixNano()), username, kind, text)
}
