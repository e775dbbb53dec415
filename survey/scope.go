package survey

import "time"

// Scope is what a survey question is about: an agency, a period, and optionally one service.
// The read side answers it (reports.Querier); the pages that show the answers name it.
type Scope struct {
	Agency  string
	Period  Period
	Service string // empty: every service of the agency
	// Until, when set, is the last local date counted — the figures' "as of": a month's
	// dashboard and workbook count the period up to the month's end, whatever came later.
	Until time.Time
}

// Bounds returns the first and last local date the scope counts (midnight UTC, as Period's).
func (s Scope) Bounds() (first, last time.Time) {
	first, last = s.Period.Bounds()
	if !s.Until.IsZero() {
		until := time.Date(s.Until.Year(), s.Until.Month(), s.Until.Day(), 0, 0, 0, 0, time.UTC)
		if until.Before(last) {
			last = until
		}
	}
	return first, last
}

// Revision is what changed a period's published figures: the responses stored after its
// results were first published. Zero when there are none (or nothing was published).
type Revision struct {
	Responses uint64
	// PublishedAt is when the first publication was recorded; At when the last late
	// response was stored.
	PublishedAt, At time.Time
}

// Clause says what the revision was, in Indonesian and in the local time loc, for a sentence
// to begin ("Hasil periode ini …", "IKM Semester I 2026 …"): "direvisi 12 Agustus 2026: 1.035
// respons masuk setelah hasil dipublikasikan 10 Juli 2026". Every page, workbook and report
// words a revision so.
func (r Revision) Clause(loc *time.Location) string {
	return "direvisi " + DateLabel(r.At.In(loc), ID) + ": " + FormatInt(int64(r.Responses)) +
		" respons masuk setelah hasil dipublikasikan " + DateLabel(r.PublishedAt.In(loc), ID)
}
