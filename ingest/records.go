package ingest

import (
	"context"
	"time"

	"github.com/google/uuid"

	"skm/survey"
)

// SaveFollowUp stores a new version of a follow-up item (a new item when f.ID is empty,
// which it then sets); deleted removes it. The caller has validated it.
func (s *Store) SaveFollowUp(ctx context.Context, f *survey.FollowUp, deleted bool) error {
	if f.ID == "" {
		f.ID = uuid.NewString()
	}
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = time.Now()
	}
	status := f.Status
	if deleted && status == "" {
		// A removal names only the item; the column takes one of its statuses.
		status = survey.StatusCancelled
	}
	return s.insertOne(ctx, s.sql("SaveFollowUp"), "save follow-up",
		f.Agency, f.Period, f.ID, f.Element, f.Action, f.TargetQuarter, f.PersonInCharge, status,
		uint8(f.Progress), f.Note, f.UpdatedAt.UTC(), f.UpdatedBy, uint64(f.UpdatedAt.UnixNano()), boolByte(deleted))
}

// SavePublication records where and when results were published (a new record when p.ID
// is empty); deleted removes it.
func (s *Store) SavePublication(ctx context.Context, p *survey.Publication, deleted bool) error {
	if p.ID == "" {
		p.ID = uuid.NewString()
	}
	if p.RecordedAt.IsZero() {
		p.RecordedAt = time.Now()
	}
	day := time.Date(p.PublishedOn.Year(), p.PublishedOn.Month(), p.PublishedOn.Day(), 0, 0, 0, 0, time.UTC)
	return s.insertOne(ctx, s.sql("SavePublication"), "save publication",
		p.Agency, p.Period, p.ID, p.Medium, p.Location, day, p.RecordedAt.UTC(), p.RecordedBy,
		uint64(p.RecordedAt.UnixNano()), boolByte(deleted))
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// SavePopulationEstimate records staff's estimate of the service users of a scope in a
// period (service "" for the whole agency), used where no case records exist.
func (s *Store) SavePopulationEstimate(ctx context.Context, agency, period, service string, estimate uint64, by string, at time.Time) error {
	return s.insertOne(ctx, s.sql("SavePopulationEstimate"), "save population estimate",
		agency, period, service, estimate, at.UTC(), by, uint64(at.UnixNano()))
}
