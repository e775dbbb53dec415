package survey

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// DecisionOpen is the status of a meeting decision not yet carried out; a decision is closed
// as done (StatusDone) or cancelled (StatusCancelled), the words the follow-up plan uses.
const DecisionOpen = "terbuka"

// DecisionStatus is a status of a meeting decision with its label.
type DecisionStatus struct{ Code, Label string }

// DecisionStatuses lists the statuses of a meeting decision in their order.
var DecisionStatuses = []DecisionStatus{
	{DecisionOpen, "Terbuka"},
	{StatusDone, "Selesai"},
	{StatusCancelled, "Dibatalkan"},
}

// DecisionStatusLabel is the label of a decision status ("Selesai"), or the code itself
// when it is none.
func DecisionStatusLabel(code string) string {
	for _, s := range DecisionStatuses {
		if s.Code == code {
			return s.Label
		}
	}
	return code
}

// Limits of what a meeting record holds.
const (
	MaxAttendees     = 60
	maxAttendeeChars = 120
	maxDecisionChars = 500
	maxNoteChars     = 2000
)

// Meeting is the record of an agency's monthly evaluation meeting (rapat evaluasi bulanan)
// of a month: when it was held, who attended, and the decisions taken there.
type Meeting struct {
	Agency string
	// Month is the month the meeting evaluates (2026-10).
	Month string
	// HeldOn is the local date of the meeting, as midnight UTC; zero when none is recorded.
	HeldOn time.Time
	// Attendees are the names (and roles) of those present, one each.
	Attendees []string
	// Note is the meeting's short minutes (optional).
	Note string
	// ChangedAt and ChangedBy say who recorded the meeting's current version.
	ChangedAt time.Time
	ChangedBy string
	// Decisions are the decisions taken at the meeting, as they stood at the month's end
	// (those recorded after it, as recorded).
	Decisions []Decision
}

// Recorded reports whether the meeting has been recorded.
func (m *Meeting) Recorded() bool { return !m.HeldOn.IsZero() }

// Attendees splits the text of the attendance field into names: one a line, blank lines and
// surrounding spaces dropped.
func Attendees(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Validate checks a meeting record of its month against the local date today; messages are
// Indonesian, keyed by field. A meeting is held in its month or in the month after (the
// evaluation of a month is often held early in the next), and not in the future.
func (m *Meeting) Validate(today time.Time) Errors {
	errs := Errors{}
	month, err := ParsePeriod(m.Month)
	if err != nil || month.Kind != Month {
		errs["month"] = "Pilih bulan rapat, misalnya Oktober 2026."
	}
	switch {
	case m.HeldOn.IsZero():
		errs["held_on"] = "Isi tanggal rapat."
	case m.HeldOn.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)):
		errs["held_on"] = "Tanggal rapat tidak boleh di masa depan."
	case err == nil && !month.Contains(m.HeldOn) && !month.Next().Contains(m.HeldOn):
		errs["held_on"] = "Rapat evaluasi " + month.Label(ID) + " diadakan pada bulan itu atau bulan berikutnya."
	}
	switch {
	case len(m.Attendees) == 0:
		errs["attendees"] = "Tuliskan peserta rapat, satu nama per baris."
	case len(m.Attendees) > MaxAttendees:
		errs["attendees"] = "Peserta paling banyak 60 nama."
	default:
		for _, a := range m.Attendees {
			if utf8.RuneCountInString(a) > maxAttendeeChars {
				errs["attendees"] = "Setiap nama peserta paling banyak 120 karakter."
			}
		}
	}
	if utf8.RuneCountInString(m.Note) > maxNoteChars {
		errs["note"] = "Catatan rapat paling banyak 2000 karakter."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Decision is a decision of a monthly evaluation meeting: what is to be done, by whom and
// when, and whether it is done. It is carried over to later months until it is closed.
type Decision struct {
	ID     string
	Agency string
	// Month is the month of the meeting that took it (2026-10).
	Month string
	// What is the decision.
	What string
	// Responsible is who answers for it (a name or a role); Officer optionally names the
	// officer as the case register knows them.
	Responsible string
	Officer     string
	// Due is the local date it is due, as midnight UTC.
	Due    time.Time
	Status string
	// Note is the closing note of the head (what was done, or why it was cancelled).
	Note string
	// FollowUpID, CaseID and Service optionally link it to an RTL item of the survey period
	// of its month, a case, or a service.
	FollowUpID string
	CaseID     string
	Service    string
	// RecordedAt and RecordedBy say who recorded it first; ChangedAt and ChangedBy who
	// changed it last (the head who closed it, for a closed one).
	RecordedAt time.Time
	RecordedBy string
	ChangedAt  time.Time
	ChangedBy  string
}

// Open reports whether the decision is not yet closed.
func (d *Decision) Open() bool { return d.Status == DecisionOpen }

// StatusLabel is the label of the decision's status.
func (d *Decision) StatusLabel() string { return DecisionStatusLabel(d.Status) }

// Validate checks a decision as staff record it; messages are Indonesian, keyed by field.
// Whether its service, case or RTL item exists is the caller's to check.
func (d *Decision) Validate() Errors {
	errs := Errors{}
	if p, err := ParsePeriod(d.Month); err != nil || p.Kind != Month {
		errs["month"] = "Pilih bulan rapat, misalnya Oktober 2026."
	}
	switch {
	case strings.TrimSpace(d.What) == "":
		errs["what"] = "Tuliskan keputusan rapat."
	case utf8.RuneCountInString(d.What) > maxDecisionChars:
		errs["what"] = "Keputusan paling banyak 500 karakter."
	}
	switch {
	case strings.TrimSpace(d.Responsible) == "":
		errs["responsible"] = "Tuliskan penanggung jawab (nama atau jabatan)."
	case utf8.RuneCountInString(d.Responsible) > maxAttendeeChars:
		errs["responsible"] = "Penanggung jawab paling banyak 120 karakter."
	}
	if utf8.RuneCountInString(d.Officer) > maxAttendeeChars {
		errs["officer"] = "Nama petugas paling banyak 120 karakter."
	}
	if d.Due.IsZero() {
		errs["due"] = "Isi tanggal tenggat, misalnya 30/11/2026."
	}
	if !slices.ContainsFunc(DecisionStatuses, func(s DecisionStatus) bool { return s.Code == d.Status }) {
		errs["status"] = "Status harus terbuka, selesai atau dibatalkan."
	}
	if utf8.RuneCountInString(d.CaseID) > 64 {
		errs["case_id"] = "Nomor kasus paling banyak 64 karakter."
	}
	if utf8.RuneCountInString(d.Note) > maxNoteChars {
		errs["note"] = "Catatan paling banyak 2000 karakter."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
