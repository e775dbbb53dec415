package cases

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"skm/standard"
)

// FieldErrors maps a field name (as in the API's JSON) to an Indonesian message.
type FieldErrors map[string]string

// SortedKeys returns the fields with a message, sorted: the order messages are listed in.
func (f FieldErrors) SortedKeys() []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Refusal refuses a submission: the first bad case of it, by position, with its problems.
// Nothing of the submission was stored.
type Refusal struct {
	Index  int
	ID     string
	Fields FieldErrors
}

// Error lists the problems of the case.
func (e *Refusal) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, k := range e.Fields.SortedKeys() {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return fmt.Sprintf("kasus ke-%d (%s): %s", e.Index+1, e.ID, strings.Join(parts, "; "))
}

// maxFuture tolerates clocks of client devices running slightly ahead.
const maxFuture = 5 * time.Minute

var earliestCase = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Resolve checks c against agency a's standard and the stored current version cur (nil
// for a new case) and returns the version to store: empty fields of an update keep cur's
// values; the time limit is resolved from the standard (class over channel over service)
// when the case is new or its service, channel or class changed, else cur's is kept, so a
// later edit of the standard does not rewrite history; the deadline is computed with cal;
// on completion the working minutes and the on-time flag are set. The status never moves
// backwards, except when c.Reopen opens a completed case again.
func Resolve(c Case, cur *Record, a *standard.Agency, cal *standard.WorkCalendar, now time.Time) (Record, FieldErrors) {
	errs := FieldErrors{}
	c.ID = strings.TrimSpace(c.ID)
	switch {
	case c.ID == "" && !c.NewNumber: // with NewNumber, the number is given once the rest is valid
		errs["id"] = "Isi nomor register."
	case len(c.ID) > 64:
		errs["id"] = "Nomor register paling panjang 64 karakter."
	case strings.ContainsFunc(c.ID, unicode.IsControl):
		errs["id"] = "Nomor register berisi karakter yang tidak sah."
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
		if c.CompletedAt == nil && c.Status == "" && !c.Reopen {
			c.CompletedAt = cur.CompletedAt
		}
		if c.Status == "" && c.CompletedAt == nil && !c.Reopen {
			c.Status = cur.Status
		}
	}
	svc, ok := a.Service(c.Service)
	switch {
	case c.Service == "":
		errs["service"] = "Pilih layanan."
	case !ok:
		errs["service"] = fmt.Sprintf("Layanan %q tidak dikenal dalam standar pelayanan instansi ini; pilih salah satu layanannya.", c.Service)
	}
	if c.Kind == "" && svc != nil {
		c.Kind = svc.Kind
	}
	switch {
	case c.Kind == "":
		errs["kind"] = "Pilih jenis."
	case !slices.Contains(standard.Kinds, c.Kind):
		errs["kind"] = fmt.Sprintf("Jenis %q tidak dikenal; pilih %s.", c.Kind, kindChoices())
	}
	switch {
	case c.Channel == "":
		errs["channel"] = "Pilih kanal."
	case !standard.IsChannel(c.Channel):
		errs["channel"] = fmt.Sprintf("Kanal %q tidak dikenal; pilih salah satu kanal dari daftar.", c.Channel)
	}
	if c.Class != "" {
		if _, ok := a.ComplaintClass(c.Class); !ok {
			if len(a.ComplaintClasses) == 0 {
				errs["class"] = "Standar pelayanan instansi ini tidak membagi pengaduan per kelas; kosongkan kelas pengaduan."
			} else {
				errs["class"] = fmt.Sprintf("Kelas pengaduan %q tidak dikenal dalam standar pelayanan instansi ini.", c.Class)
			}
		}
	}
	if c.Reopen {
		switch {
		case cur == nil || cur.Status != StatusSelesai:
			errs["status"] = "Hanya kasus yang sudah selesai yang dapat dibuka kembali."
		case c.CompletedAt != nil:
			errs["completed_at"] = "Kasus yang dibuka kembali belum selesai; kosongkan tanggal dan jam selesai."
		case c.Status == "":
			c.Status = StatusDiproses
		case c.Status == StatusSelesai:
			errs["status"] = "Pilih Diterima atau Diproses untuk kasus yang dibuka kembali."
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
		errs["status"] = fmt.Sprintf("Status %q tidak dikenal; pilih Diterima, Diproses atau Selesai.", c.Status)
	case cur != nil && !c.Reopen && statusRank(c.Status) < statusRank(cur.Status):
		errs["status"] = fmt.Sprintf("Status tidak boleh mundur: kasus ini sudah %s, tidak dapat kembali menjadi %s.", StatusName(cur.Status), StatusName(c.Status))
	case c.Status == StatusSelesai && c.CompletedAt == nil:
		errs["completed_at"] = "Isi tanggal dan jam selesai bila status Selesai."
	case c.Status != StatusSelesai && c.CompletedAt != nil:
		errs["status"] = "Pilih status Selesai bila tanggal dan jam selesai diisi."
	}
	switch {
	case c.ReceivedAt.IsZero():
		errs["received_at"] = "Isi tanggal dan jam diterima."
	case c.ReceivedAt.Before(earliestCase):
		errs["received_at"] = "Tanggal diterima terlalu lampau (sebelum tahun 2000)."
	case c.ReceivedAt.After(now.Add(maxFuture)):
		errs["received_at"] = "Tanggal dan jam diterima tidak boleh di masa depan."
	}
	if c.CompletedAt != nil && !c.ReceivedAt.IsZero() {
		switch {
		case c.CompletedAt.Before(c.ReceivedAt):
			errs["completed_at"] = "Tanggal dan jam selesai tidak boleh sebelum tanggal dan jam diterima."
		case c.CompletedAt.After(now.Add(maxFuture)):
			errs["completed_at"] = "Tanggal dan jam selesai tidak boleh di masa depan."
		}
	}
	if len(c.Officer) > 100 {
		errs["officer"] = "Nama petugas penanggung jawab paling panjang 100 karakter."
	} else if strings.IndexFunc(c.Officer, unicode.IsControl) >= 0 || !utf8.ValidString(c.Officer) {
		errs["officer"] = "Nama petugas penanggung jawab berisi karakter yang tidak sah."
	}
	if len(c.ExternalRef) > 100 {
		errs["external_ref"] = "Nomor rujukan paling panjang 100 karakter."
	} else if strings.IndexFunc(c.ExternalRef, unicode.IsControl) >= 0 || !utf8.ValidString(c.ExternalRef) {
		errs["external_ref"] = "Nomor rujukan berisi karakter yang tidak sah."
	}
	if len(errs) > 0 {
		return Record{}, errs
	}

	received := c.ReceivedAt.UTC().Truncate(time.Second)
	row := Record{Agency: a.Code, ID: c.ID, Kind: c.Kind, Service: c.Service, Channel: c.Channel, Class: c.Class,
		Status: c.Status, ReceivedAt: received, ReceivedDate: standard.LocalDate(received, a.Location),
		Officer: strings.TrimSpace(c.Officer), ExternalRef: strings.TrimSpace(c.ExternalRef), UpdatedAt: now.UTC(),
		Version: uint64(now.UnixNano()), RecordedBy: c.By}
	var limit standard.TimeLimit
	keep := cur != nil && cur.Service == c.Service && cur.Channel == c.Channel && cur.Class == c.Class
	if keep {
		limit = cur.Limit()
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
		day := standard.LocalDate(done, a.Location)
		row.CompletedDate = &day
		wm := uint32(cal.WorkingTime(received, done).Round(time.Minute) / time.Minute)
		row.WorkingMinutes = &wm
		if row.DeadlineAt != nil {
			on := !done.After(*row.DeadlineAt)
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

// kindChoices names the case kinds for a message: "Permohonan layanan, Pengaduan, … atau …".
func kindChoices() string {
	names := make([]string, len(standard.Kinds))
	for i, k := range standard.Kinds {
		names[i] = standard.KindName(k)
	}
	return strings.Join(names[:len(names)-1], ", ") + " atau " + names[len(names)-1]
}
