// Package ingesttest builds the write side's rows for tests, so that a test names only what
// matters to it (the day, the answers) and changes the fields it needs afterwards.
package ingesttest

import (
	"time"

	"github.com/google/uuid"

	"skm/ingest"
	"skm/standard"
)

// Response is a new response to agency's service submitted at at, with answers, on the web
// channel, ingested when it was submitted; its local date is at's date in at's location.
func Response(agency, service string, at time.Time, answers [9]uint8) ingest.ResponseRow {
	return ingest.ResponseRow{Agency: agency, Service: service, ID: uuid.New(), SubmittedAt: at.UTC(),
		LocalDate: standard.LocalDate(at, at.Location()), Channel: "web", Answers: answers, IngestedAt: at.UTC()}
}

// Answers is the same answer to all nine elements.
func Answers(a uint8) [9]uint8 { return [9]uint8{a, a, a, a, a, a, a, a, a} }

// WithProfile is r with a full respondent profile: 34 years, woman, SMA, private sector.
func WithProfile(r ingest.ResponseRow) ingest.ResponseRow {
	r.Umur, r.JenisKelamin, r.Pendidikan, r.Pekerjaan = 34, "P", "SMA", "Swasta"
	return r
}
