package survey

import (
	"fmt"
	"time"
)

// ClosedPeriodError refuses a response for a survey period that is closed: its results are
// published, or the time for late paper forms after its end has passed, and nobody entitled
// has reopened it.
type ClosedPeriodError struct {
	// Index is the position of the first refused response in its submission.
	Index int
	// Agency and Period name the closed period.
	Agency, Period string
	// Reason says why it is closed, in Indonesian ("hasil dipublikasikan 10 Juli 2026").
	Reason string
}

func (e *ClosedPeriodError) Error() string {
	return fmt.Sprintf("periode %s sudah ditutup (%s); respons baru untuk periode ini hanya diterima bila kepala instansi atau admin "+
		"membukanya kembali dengan alasan (The period %s is closed; it takes new responses only when the head or an admin reopens it.)",
		e.Period, e.Reason, e.Period)
}

// PeriodStatus is where a survey period stands for new responses.
type PeriodStatus struct {
	Period Period
	// Open reports whether it takes responses now.
	Open bool
	// Reason says, in Indonesian, why it is closed or until when it is open.
	Reason string
	// PublishedOn is the date its results were first published (zero: not published).
	PublishedOn time.Time
	// GraceEnds is the last day late paper forms are taken if it is not published first.
	GraceEnds time.Time
	// ReopenedUntil, ReopenedBy and ReopenReason describe the latest reopening (zero: none).
	ReopenedUntil time.Time
	ReopenedBy    string
	ReopenReason  string
}

// BurstAction is the audit action of a sharp move of a survey period's IKM within minutes
// (a burst of responses, whatever its source), which the dashboard shows to staff.
const BurstAction = "ikm.burst"
