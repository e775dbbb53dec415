package ingest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"skm/cases"
)

// Spool entries of responses are a compact binary record: 'R', a format version, then the
// fields in a fixed order (strings length-prefixed, instants as Unix seconds, the local date
// as days since 1970). It is several times cheaper than JSON on both ends, which matters at
// intake rates of thousands a second.
const (
	entryResponse    = 'R'
	responseFormatV1 = 1
)

var errShortEntry = errors.New("ingest: spool entry is truncated")

func encodeResponse(r ResponseRow) ([]byte, error) {
	b := make([]byte, 0, 96+len(r.Saran)+len(r.Agency)+len(r.Service))
	b = append(b, entryResponse, responseFormatV1)
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	str(r.Agency)
	str(r.Service)
	b = append(b, r.ID[:]...)
	b = binary.AppendVarint(b, r.SubmittedAt.Unix())
	b = binary.AppendVarint(b, r.LocalDate.Unix()/86400)
	str(r.Channel)
	b = append(b, r.Answers[:]...)
	b = append(b, r.Umur)
	str(r.JenisKelamin)
	str(r.Pendidikan)
	str(r.Pekerjaan)
	str(r.Saran)
	if len(r.ExtraKeys) != len(r.ExtraValues) {
		return nil, fmt.Errorf("ingest: encode response %s: %d extra keys but %d values", r.ID, len(r.ExtraKeys), len(r.ExtraValues))
	}
	b = binary.AppendUvarint(b, uint64(len(r.ExtraKeys)))
	for i := range r.ExtraKeys {
		str(r.ExtraKeys[i])
		str(r.ExtraValues[i])
	}
	b = binary.AppendVarint(b, r.IngestedAt.Unix())
	return b, nil
}

// openEntry checks that data is an entry of kind in format and returns a reader of its
// fields; what names the kind in errors.
// The reader is returned by value, so that the decoders keep it on the stack.
func openEntry(data []byte, kind, format byte, what string) (reader, error) {
	if len(data) < 2 || data[0] != kind {
		return reader{}, errors.New("ingest: spool entry is not " + what)
	}
	if data[1] != format {
		return reader{}, fmt.Errorf("ingest: spool entry has unknown format %d for %s", data[1], what)
	}
	return reader{b: data[2:]}, nil
}

// reader decodes a record, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (d *reader) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	d.skip(n)
	return v
}

func (d *reader) varint() int64 {
	v, n := binary.Varint(d.b)
	d.skip(n)
	return v
}

// skip moves past a varint of n bytes; n <= 0 (the value is then 0) means the entry is cut
// short or damaged.
func (d *reader) skip(n int) {
	if n <= 0 {
		d.err = errShortEntry
		return
	}
	d.b = d.b[n:]
}

func (d *reader) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errShortEntry
		return make([]byte, max(n, 0))
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *reader) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errShortEntry
		return ""
	}
	return string(d.bytes(int(n)))
}

func decodeResponse(data []byte) (ResponseRow, error) {
	var r ResponseRow
	rd, err := openEntry(data, entryResponse, responseFormatV1, "a response")
	if err != nil {
		return r, err
	}
	d := &rd
	r.Agency = d.str()
	r.Service = d.str()
	copy(r.ID[:], d.bytes(16))
	r.SubmittedAt = time.Unix(d.varint(), 0).UTC()
	r.LocalDate = time.Unix(d.varint()*86400, 0).UTC()
	r.Channel = d.str()
	copy(r.Answers[:], d.bytes(9))
	r.Umur = d.bytes(1)[0]
	r.JenisKelamin = d.str()
	r.Pendidikan = d.str()
	r.Pekerjaan = d.str()
	r.Saran = d.str()
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errShortEntry
		n = 0
	}
	for range n {
		r.ExtraKeys = append(r.ExtraKeys, d.str())
		r.ExtraValues = append(r.ExtraValues, d.str())
	}
	r.IngestedAt = time.Unix(d.varint(), 0).UTC()
	if d.err != nil {
		return ResponseRow{}, d.err
	}
	return r, nil
}

// Spool entries of cases: 'C', a format version, then the row's fields in a fixed order.
// Optional instants and numbers carry a presence byte. Format 2 appends who recorded the
// version; entries of format 1 (written before) are still read.
const (
	entryCase    = 'C'
	caseFormatV1 = 1
	caseFormatV2 = 2
)

func encodeCase(r cases.Record) []byte {
	b := make([]byte, 0, 128+len(r.ID)+len(r.Officer)+len(r.ExternalRef))
	b = append(b, entryCase, caseFormatV2)
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	instant := func(t *time.Time) {
		if t == nil {
			b = append(b, 0)
			return
		}
		b = append(b, 1)
		b = binary.AppendVarint(b, t.Unix())
	}
	for _, s := range []string{r.Agency, r.ID, r.Kind, r.Service, r.Channel, r.Class, r.Status} {
		str(s)
	}
	b = binary.AppendVarint(b, r.ReceivedAt.Unix())
	instant(r.CompletedAt)
	b = binary.AppendUvarint(b, uint64(r.SLAAmount))
	str(r.SLAUnit)
	instant(r.DeadlineAt)
	if r.OnTime == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1, boolByte(*r.OnTime))
	}
	if r.WorkingMinutes == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendUvarint(b, uint64(*r.WorkingMinutes))
	}
	str(r.Officer)
	str(r.ExternalRef)
	b = binary.AppendVarint(b, r.UpdatedAt.UnixNano())
	b = binary.AppendUvarint(b, r.Version)
	b = binary.AppendVarint(b, r.ReceivedDate.Unix()/86400)
	if r.CompletedDate == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendVarint(b, r.CompletedDate.Unix()/86400)
	}
	str(r.RecordedBy)
	return b
}

func decodeCase(data []byte) (cases.Record, error) {
	var r cases.Record
	format := byte(caseFormatV2)
	if len(data) > 1 && data[1] == caseFormatV1 {
		format = caseFormatV1
	}
	rd, err := openEntry(data, entryCase, format, "a case")
	if err != nil {
		return r, err
	}
	d := &rd
	present := func() bool { return d.bytes(1)[0] == 1 }
	instant := func() *time.Time {
		if !present() {
			return nil
		}
		t := time.Unix(d.varint(), 0).UTC()
		return &t
	}
	for _, s := range []*string{&r.Agency, &r.ID, &r.Kind, &r.Service, &r.Channel, &r.Class, &r.Status} {
		*s = d.str()
	}
	r.ReceivedAt = time.Unix(d.varint(), 0).UTC()
	r.CompletedAt = instant()
	r.SLAAmount = uint32(d.uvarint())
	r.SLAUnit = d.str()
	r.DeadlineAt = instant()
	if present() {
		on := d.bytes(1)[0] == 1
		r.OnTime = &on
	}
	if present() {
		v := uint32(d.uvarint())
		r.WorkingMinutes = &v
	}
	r.Officer = d.str()
	r.ExternalRef = d.str()
	r.UpdatedAt = time.Unix(0, d.varint()).UTC()
	r.Version = d.uvarint()
	r.ReceivedDate = time.Unix(d.varint()*86400, 0).UTC()
	if present() {
		t := time.Unix(d.varint()*86400, 0).UTC()
		r.CompletedDate = &t
	}
	if format == caseFormatV2 {
		r.RecordedBy = d.str()
	}
	if d.err != nil {
		return cases.Record{}, d.err
	}
	return r, nil
}

// Spool entries of audit rows: 'A', a format version, the instant (Unix nanoseconds), then
// the strings.
const (
	entryAudit    = 'A'
	auditFormatV1 = 1
)

func encodeAudit(r AuditRow) []byte {
	fields := [...]string{r.Agency, r.Username, r.Role, r.Action, r.Target, r.Detail, r.RequestID}
	n := 16
	for _, s := range fields {
		n += len(s) + 2
	}
	b := make([]byte, 0, n)
	b = append(b, entryAudit, auditFormatV1)
	b = binary.AppendVarint(b, r.At.UnixNano())
	for _, s := range fields {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

func decodeAudit(data []byte) (AuditRow, error) {
	var r AuditRow
	rd, err := openEntry(data, entryAudit, auditFormatV1, "an audit row")
	if err != nil {
		return r, err
	}
	d := &rd
	r.At = time.Unix(0, d.varint()).UTC()
	for _, s := range []*string{&r.Agency, &r.Username, &r.Role, &r.Action, &r.Target, &r.Detail, &r.RequestID} {
		*s = d.str()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("ingest: audit entry has trailing bytes")
	}
	return r, d.err
}
