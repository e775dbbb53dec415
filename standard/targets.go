package standard

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Targets are the thresholds the dashboard's traffic lights compare against. The agency
// file's targets are the default; targets set on the staff screen (or with skm target) for
// a year replace them for that year's months.
type Targets struct {
	// IKM is the target index on the 25–100 scale (default 88.31, mutu A).
	IKM float64
	// OnTimePercent is the target share of cases completed on time (default 90).
	OnTimePercent float64
	// OverdueCap is the largest number of open cases past their deadline at a month's end
	// that is still acceptable; nil when none is set (the light then weighs the overdue
	// cases against the open ones).
	OverdueCap *uint64
}

// Bounds of the targets.
const (
	MinIKMTarget = 25.0
	MaxIKMTarget = 100.0
	// MaxOverdueCap bounds the overdue cap: a cap above it would be no target at all.
	MaxOverdueCap = 100000
)

// Fields of a target form and of their problems.
const (
	TargetFieldYear       = "year"
	TargetFieldIKM        = "ikm"
	TargetFieldOnTime     = "on_time"
	TargetFieldOverdueCap = "overdue_cap"
	TargetFieldNote       = "note"
)

// TargetSetting is one version of an agency's targets for a year: who set them, when and
// why. The newest version of a year is the year's targets; the older ones are its history.
type TargetSetting struct {
	Agency  string
	Year    int
	Targets Targets
	Note    string
	SetBy   string
	// SetAt is when, in the agency's time zone: its year is "this year" of the year range
	// the store allows (on New Year's night UTC is still in the old year).
	SetAt time.Time
}

// MaxTargetNoteRunes bounds the note of a target setting.
const MaxTargetNoteRunes = 500

// Check returns the setting's problems as one error, in the form's order; nil when it can
// be stored.
func (s TargetSetting) Check(thisYear int) error {
	p := s.Problems(thisYear)
	if len(p) == 0 {
		return nil
	}
	var msgs []string
	for _, f := range []string{TargetFieldYear, TargetFieldIKM, TargetFieldOnTime, TargetFieldOverdueCap, TargetFieldNote} {
		if m, ok := p[f]; ok {
			msgs = append(msgs, m)
		}
	}
	return errors.New(strings.Join(msgs, " "))
}

// Problems returns what is wrong with a target setting, by field, in Indonesian sentences
// for staff; empty when it can be stored. thisYear bounds the year to the years around it.
func (s TargetSetting) Problems(thisYear int) map[string]string {
	p := map[string]string{}
	if s.Year < thisYear-5 || s.Year > thisYear+5 {
		p[TargetFieldYear] = fmt.Sprintf("Pilih tahun %d sampai %d.", thisYear-5, thisYear+5)
	}
	t := s.Targets
	if math.IsNaN(t.IKM) || t.IKM < MinIKMTarget || t.IKM > MaxIKMTarget {
		p[TargetFieldIKM] = "Target IKM berupa angka dari 25 sampai 100, misalnya 88,31 (mutu A)."
	}
	if math.IsNaN(t.OnTimePercent) || t.OnTimePercent < 0 || t.OnTimePercent > 100 {
		p[TargetFieldOnTime] = "Target tepat waktu berupa persen dari 0 sampai 100, misalnya 90."
	}
	if t.OverdueCap != nil && *t.OverdueCap > MaxOverdueCap {
		p[TargetFieldOverdueCap] = "Batas kasus terlambat berupa bilangan bulat dari 0 sampai 100.000, atau kosong bila tanpa batas."
	}
	if n := len([]rune(strings.TrimSpace(s.Note))); n < 5 || n > MaxTargetNoteRunes || !ReadableText(s.Note) {
		p[TargetFieldNote] = "Tuliskan dasar penetapan target (5–500 karakter), misalnya nomor keputusan atau hasil rapat."
	}
	return p
}
