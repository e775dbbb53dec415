// Package ingesttest builds the write side's rows for tests, so that a test names only what
// matters to it (the day, the answers) and changes the fields it needs afterwards.
package ingesttest

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/google/uuid"

	"skm/ingest"
	"skm/ingest/chtest"
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

// SaranDaysAgree fails t unless survey_saran_days holds, for every agency and day, the count
// of survey_saran's rows and the sum of their hashes, and nothing for days without saran.
func SaranDaysAgree(t testing.TB, db *chtest.DB) {
	t.Helper()
	read := func(q string) map[string][2]uint64 {
		rows, err := db.Conn.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string][2]uint64{}
		for rows.Next() {
			var key string
			var v [2]uint64
			if err := rows.Scan(&key, &v[0], &v[1]); err != nil {
				t.Fatal(err)
			}
			if v[0] != 0 || v[1] != 0 {
				out[key] = v
			}
		}
		return out
	}
	held := read(`SELECT concat(agency, ' ', toString(local_date)), count(), sum(cityHash64(reinterpretAsString(id), submitted_at, service, saran))
		FROM ` + db.Name + `.survey_saran GROUP BY agency, local_date`)
	rolled := read(`SELECT concat(agency, ' ', toString(local_date)), sum(saran_count), sum(print)
		FROM ` + db.Name + `.survey_saran_days GROUP BY agency, local_date`)
	if !maps.Equal(held, rolled) {
		t.Errorf("survey_saran_days disagrees with survey_saran:\nsaran %v\ndays  %v", held, rolled)
	}
}
