package ingest

import (
	"context"
	"time"

	"github.com/google/uuid"

	"skm/survey"
)

// SaveMeeting stores a new version of the record of a month's evaluation meeting (its date,
// attendees and minutes), changed by m.ChangedBy at m.ChangedAt (now when zero). The caller
// has validated it.
func (s *Store) SaveMeeting(ctx context.Context, m *survey.Meeting) error {
	if m.ChangedAt.IsZero() {
		m.ChangedAt = time.Now()
	}
	attendees := m.Attendees
	if attendees == nil {
		attendees = []string{}
	}
	return s.insertOne(ctx, s.sql("SaveMeeting"), "save meeting",
		m.Agency, m.Month, dateOnly(m.HeldOn), attendees, m.Note, m.ChangedBy, uint64(m.ChangedAt.UnixNano()))
}

// SaveDecision stores a new version of a meeting decision (a new decision when d.ID is
// empty, which it then sets): recorded or corrected by staff, or closed by the head, by
// d.ChangedBy at d.ChangedAt (now when zero). The caller has validated it.
func (s *Store) SaveDecision(ctx context.Context, d *survey.Decision) error {
	if d.ID == "" {
		d.ID = uuid.NewString()
	}
	if d.ChangedAt.IsZero() {
		d.ChangedAt = time.Now()
	}
	return s.insertOne(ctx, s.sql("SaveDecision"), "save decision",
		d.Agency, d.ID, d.Month, d.What, d.Responsible, d.Officer, dateOnly(d.Due), d.Status, d.Note,
		d.FollowUpID, d.CaseID, d.Service, d.ChangedBy, uint64(d.ChangedAt.UnixNano()))
}

// dateOnly is the date of t as midnight UTC, the form of a Date column.
func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
