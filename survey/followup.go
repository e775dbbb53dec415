package survey

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Follow-up item statuses.
const (
	StatusPlanned   = "direncanakan"
	StatusOngoing   = "berjalan"
	StatusDone      = "selesai"
	StatusCancelled = "dibatalkan"
)

// FollowUpStatuses lists the statuses in their order.
var FollowUpStatuses = []string{StatusPlanned, StatusOngoing, StatusDone, StatusCancelled}

// FollowUpStatusLabel names a follow-up status for people: "Berjalan"; an unknown status is
// returned as it is.
func FollowUpStatusLabel(status string) string {
	switch status {
	case StatusPlanned:
		return "Direncanakan"
	case StatusOngoing:
		return "Berjalan"
	case StatusDone:
		return "Selesai"
	case StatusCancelled:
		return "Dibatalkan"
	}
	return status
}

// FollowUp is one action item of the follow-up plan (RTL) of a survey period.
type FollowUp struct {
	ID     string
	Agency string
	// Period is the survey period whose results the item answers (2026-S1).
	Period string
	// Element is the element it improves (U3), or "" for a general item.
	Element string
	// Action is the program or activity.
	Action string
	// TargetQuarter is when it should be done (2026-Q4).
	TargetQuarter string
	// PersonInCharge is the penanggung jawab.
	PersonInCharge string
	Status         string
	// Progress is the share done, 0–100.
	Progress int
	Note     string
	// UpdatedAt and UpdatedBy say who changed it last.
	UpdatedAt time.Time
	UpdatedBy string
}

// badSurveyPeriod answers a follow-up item or publication whose period cannot be read.
const badSurveyPeriod = "Pilih periode survei, misalnya Semester II 2026."

// Validate checks a follow-up item; messages are Indonesian, keyed by field.
func (f *FollowUp) Validate() Errors {
	errs := Errors{}
	if _, err := ParsePeriod(f.Period); err != nil {
		errs["period"] = badSurveyPeriod
	}
	if f.Element != "" {
		if _, ok := ElementByCode(f.Element); !ok {
			errs["element"] = "Unsur harus U1 sampai U9."
		}
	}
	if strings.TrimSpace(f.Action) == "" {
		errs["action"] = "Program/kegiatan wajib diisi."
	} else if utf8.RuneCountInString(f.Action) > 500 {
		errs["action"] = "Program/kegiatan paling banyak 500 karakter."
	}
	if q, err := ParsePeriod(f.TargetQuarter); err != nil || q.Kind != Quarter {
		errs["target_quarter"] = "Pilih target triwulan, misalnya Triwulan IV 2026."
	}
	if strings.TrimSpace(f.PersonInCharge) == "" {
		errs["person_in_charge"] = "Penanggung jawab wajib diisi."
	}
	if !slices.Contains(FollowUpStatuses, f.Status) {
		errs["status"] = "Status harus " + strings.Join(FollowUpStatuses, ", ") + "."
	}
	if f.Progress < 0 || f.Progress > 100 {
		errs["progress"] = "Persentase selesai harus 0 sampai 100."
	}
	if f.Status == StatusDone && f.Progress != 100 {
		errs["progress"] = "Kegiatan yang selesai berarti 100% selesai."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// FollowUpShare is the part of a plan carried out: items done, items counted (cancelled
// ones are not), and the mean progress in percent.
type FollowUpShare struct {
	Done, Total  int
	MeanProgress float64
}

// ShareDone summarises a follow-up plan for the national evaluation.
func ShareDone(items []FollowUp) FollowUpShare {
	var s FollowUpShare
	sum := 0
	for _, f := range items {
		if f.Status == StatusCancelled {
			continue
		}
		s.Total++
		sum += f.Progress
		if f.Status == StatusDone {
			s.Done++
		}
	}
	if s.Total > 0 {
		s.MeanProgress = float64(sum) / float64(s.Total)
	}
	return s
}

// Publication records where and when a period's results were made public.
type Publication struct {
	ID     string
	Agency string
	Period string
	// Medium is the kind of place: situs web, papan pengumuman, media sosial, surat kabar, lainnya.
	Medium string
	// Location is the URL or the place.
	Location    string
	PublishedOn time.Time
	RecordedAt  time.Time
	RecordedBy  string
}

// WebAddress returns the publication's Location as a web address people may follow: only a
// complete http or https URL (never javascript: or another scheme); ok is false for a place.
func (p *Publication) WebAddress() (string, bool) {
	loc := strings.TrimSpace(p.Location)
	u, err := url.Parse(loc)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return loc, true
}

// PublicationMedia lists the kinds of place results are published.
var PublicationMedia = []string{"situs web", "papan pengumuman", "media sosial", "surat kabar", "lainnya"}

// Validate checks a publication record.
func (p *Publication) Validate(now time.Time) Errors {
	errs := Errors{}
	if _, err := ParsePeriod(p.Period); err != nil {
		errs["period"] = badSurveyPeriod
	}
	if !slices.Contains(PublicationMedia, p.Medium) {
		errs["medium"] = "Media harus salah satu dari: " + strings.Join(PublicationMedia, ", ") + "."
	}
	loc := strings.TrimSpace(p.Location)
	switch {
	case loc == "":
		errs["location"] = "Tuliskan alamat situs atau tempat pengumuman."
	case p.Medium == "situs web" || p.Medium == "media sosial":
		if _, ok := p.WebAddress(); !ok {
			errs["location"] = fmt.Sprintf("Alamat %q harus berupa URL lengkap, misalnya https://…", loc)
		}
	}
	if p.PublishedOn.IsZero() || p.PublishedOn.After(now) {
		errs["published_on"] = "Tanggal publikasi wajib diisi dan tidak boleh di masa depan."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
