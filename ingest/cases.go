package ingest

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"skm/standard"
)

// Case statuses; a case only moves forward through them.
const (
	StatusDiterima = "diterima"
	StatusDiproses = "diproses"
	StatusSelesai  = "selesai"
)

// CaseStatuses lists the statuses in their only allowed order.
var CaseStatuses = []string{StatusDiterima, StatusDiproses, StatusSelesai}

func statusRank(s string) int { return slices.Index(CaseStatuses, s) }

// Case is a case as submitted by the API, a staff screen or an import row. For an update of
// a stored case, empty fields keep their stored values.
type Case struct {
	ID          string
	Agency      string
	Kind        string
	Service     string
	Channel     string
	Class       string
	Status      string
	ReceivedAt  time.Time
	CompletedAt *time.Time
	Officer     string
	ExternalRef string
}

// FieldErrors maps a field name (as in the API's JSON) to an Indonesian message.
type FieldErrors map[string]string

// CaseError refuses a submission: the first bad case of it, by position, with its problems.
type CaseError struct {
	Index  int
	ID     string
	Fields FieldErrors
}

// Error lists the problems of the case.
func (e *CaseError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, k := range sortedKeys(e.Fields) {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return fmt.Sprintf("kasus ke-%d (%s): %s", e.Index+1, e.ID, strings.Join(parts, "; "))
}

func sortedKeys(m FieldErrors) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// maxFuture tolerates clocks of client devices running slightly ahead.
const maxFuture = 5 * time.Minute

var earliestCase = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ResolveCase checks c against agency a's standard and the stored current version cur (nil
// for a new case) and returns the version to store: empty fields of an update keep cur's
// values; the time limit is resolved from the standard (class over channel over service)
// when the case is new or its service, channel or class changed, else cur's is kept, so a
// later edit of the standard does not rewrite history; the deadline is computed with cal;
// on completion the working minutes and the on-time flag are set. The status never moves
// backwards.
func ResolveCase(c Case, cur *CaseRow, a *standard.Agency, cal *standard.WorkCalendar, now time.Time) (CaseRow, FieldErrors) {
	errs := FieldErrors{}
	c.ID = strings.TrimSpace(c.ID)
	switch {
	case c.ID == "":
		errs["id"] = "nomor registrasi wajib diisi"
	case len(c.ID) > 64:
		errs["id"] = "nomor registrasi terlalu panjang (paling banyak 64 karakter)"
	case strings.ContainsFunc(c.ID, unicode.IsControl):
		errs["id"] = "nomor registrasi berisi karakter yang tidak sah"
	}
	if cur != nil {
		c.Kind = orStored(c.Kind, cur.Kind)
		c.Service = orStored(c.Service, cur.Service)
		c.Channel = orStored(c.Channel, cur.Channel)
		c.Class = orStored(c.Class, cur.Class)
		c.Officer = orStored(c.Officer, cur.Officer)
		c.ExternalRef = orStored(c.ExternalRef, cur.ExternalRef)
		if c.ReceivedAt.IsZero() {
			c.ReceivedAt = cur.ReceivedAt
		}
		if c.CompletedAt == nil && c.Status == "" {
			c.CompletedAt = cur.CompletedAt
		}
		if c.Status == "" && c.CompletedAt == nil {
			c.Status = cur.Status
		}
	}
	svc, ok := a.Service(c.Service)
	if !ok {
		errs["service"] = fmt.Sprintf("layanan %q tidak dikenal; pilih salah satu: %s", c.Service, serviceCodes(a))
	}
	if c.Kind == "" && svc != nil {
		c.Kind = svc.Kind
	}
	if !slices.Contains(standard.Kinds, c.Kind) {
		errs["kind"] = fmt.Sprintf("jenis %q tidak dikenal; pilih: %s", c.Kind, strings.Join(standard.Kinds, ", "))
	}
	if !standard.IsChannel(c.Channel) {
		codes := make([]string, len(standard.Channels))
		for i, ch := range standard.Channels {
			codes[i] = ch.Code
		}
		errs["channel"] = fmt.Sprintf("saluran %q tidak dikenal; pilih: %s", c.Channel, strings.Join(codes, ", "))
	}
	if c.Class != "" {
		if _, ok := a.ComplaintClass(c.Class); !ok {
			if len(a.ComplaintClasses) == 0 {
				errs["class"] = "standar pelayanan instansi ini tidak mengenal klasifikasi pengaduan; kosongkan"
			} else {
				codes := make([]string, len(a.ComplaintClasses))
				for i, cl := range a.ComplaintClasses {
					codes[i] = cl.Code
				}
				errs["class"] = fmt.Sprintf("klasifikasi %q tidak dikenal; pilih: %s", c.Class, strings.Join(codes, ", "))
			}
		}
	}
	if c.Status == "" {
		c.Status = StatusDiterima
		if c.CompletedAt != nil {
			c.Status = StatusSelesai
		}
	}
	switch {
	case statusRank(c.Status) < 0:
		errs["status"] = fmt.Sprintf("status %q tidak dikenal; pilih: %s", c.Status, strings.Join(CaseStatuses, ", "))
	case cur != nil && statusRank(c.Status) < statusRank(cur.Status):
		errs["status"] = fmt.Sprintf("status tidak boleh mundur: kasus ini sudah %q, tidak dapat diubah menjadi %q", cur.Status, c.Status)
	case c.Status == StatusSelesai && c.CompletedAt == nil:
		errs["completed_at"] = "waktu selesai wajib diisi bila status selesai"
	case c.Status != StatusSelesai && c.CompletedAt != nil:
		errs["status"] = "status harus selesai bila waktu selesai diisi"
	}
	switch {
	case c.ReceivedAt.IsZero():
		errs["received_at"] = "waktu diterima wajib diisi"
	case c.ReceivedAt.Before(earliestCase):
		errs["received_at"] = "waktu diterima terlalu lampau"
	case c.ReceivedAt.After(now.Add(maxFuture)):
		errs["received_at"] = "waktu diterima tidak boleh di masa depan"
	}
	if c.CompletedAt != nil && !c.ReceivedAt.IsZero() {
		switch {
		case c.CompletedAt.Before(c.ReceivedAt):
			errs["completed_at"] = "waktu selesai tidak boleh sebelum waktu diterima"
		case c.CompletedAt.After(now.Add(maxFuture)):
			errs["completed_at"] = "waktu selesai tidak boleh di masa depan"
		}
	}
	if len(c.Officer) > 100 {
		errs["officer"] = "nama petugas terlalu panjang (paling banyak 100 karakter)"
	} else if strings.IndexFunc(c.Officer, unicode.IsControl) >= 0 || !utf8.ValidString(c.Officer) {
		errs["officer"] = "nama petugas mengandung karakter yang tidak sah"
	}
	if len(c.ExternalRef) > 100 {
		errs["external_ref"] = "nomor rujukan terlalu panjang (paling banyak 100 karakter)"
	} else if strings.IndexFunc(c.ExternalRef, unicode.IsControl) >= 0 || !utf8.ValidString(c.ExternalRef) {
		errs["external_ref"] = "nomor rujukan mengandung karakter yang tidak sah"
	}
	if len(errs) > 0 {
		return CaseRow{}, errs
	}

	received := c.ReceivedAt.UTC().Truncate(time.Second)
	row := CaseRow{Agency: a.Code, ID: c.ID, Kind: c.Kind, Service: c.Service, Channel: c.Channel, Class: c.Class,
		Status: c.Status, ReceivedAt: received, ReceivedDate: LocalDate(received, a.Location),
		Officer: strings.TrimSpace(c.Officer), ExternalRef: strings.TrimSpace(c.ExternalRef), UpdatedAt: now.UTC(),
		Version: uint64(now.UnixNano())}
	var limit standard.TimeLimit
	keep := cur != nil && cur.Service == c.Service && cur.Channel == c.Channel && cur.Class == c.Class
	if keep {
		limit = standard.TimeLimit{Amount: int(cur.SLAAmount), Unit: standard.Unit(cur.SLAUnit)}
		if cur.SLAUnit == "" {
			limit = standard.TimeLimit{}
		}
	} else {
		limit, _ = svc.TimeLimitFor(c.Channel, c.Class)
	}
	row.SLAAmount, row.SLAUnit = uint32(limit.Amount), string(limit.Unit)
	if !limit.IsZero() {
		if keep && cur.DeadlineAt != nil && cur.ReceivedAt.Equal(received) {
			d := *cur.DeadlineAt
			row.DeadlineAt = &d // holiday changes recompute open cases separately
		} else if d, ok := cal.Deadline(received, limit); ok {
			d = d.UTC()
			row.DeadlineAt = &d
		}
	}
	if c.CompletedAt != nil {
		done := c.CompletedAt.UTC().Truncate(time.Second)
		row.CompletedAt = &done
		day := LocalDate(done, a.Location)
		row.CompletedDate = &day
		wm := uint32(cal.WorkingTime(received, done).Round(time.Minute) / time.Minute)
		row.WorkingMinutes = &wm
		if row.DeadlineAt != nil {
			on := boolByte(!done.After(*row.DeadlineAt))
			row.OnTime = &on
		}
	}
	if cur != nil && row.Version <= cur.Version {
		row.Version = cur.Version + 1
	}
	return row, nil
}

func orStored(v, stored string) string {
	if strings.TrimSpace(v) == "" {
		return stored
	}
	return strings.TrimSpace(v)
}

func serviceCodes(a *standard.Agency) string {
	codes := make([]string, len(a.Services))
	for i, s := range a.Services {
		codes[i] = s.Code
	}
	return strings.Join(codes, ", ")
}
