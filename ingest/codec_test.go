package ingest

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"skm/cases"
)

func TestResponseCodecRoundTrip(t *testing.T) {
	at := time.Date(2026, 6, 30, 16, 30, 5, 0, time.UTC)
	r := ResponseRow{Agency: "bppd-kalbar", Service: "data-informasi", ID: uuid.New(), SubmittedAt: at,
		LocalDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Channel: "paper", Answers: [9]uint8{4, 0, 3, 4, 1, 2, 3, 4, 1},
		Umur: 120, JenisKelamin: "P", Pendidikan: "D4/S1", Pekerjaan: "Pelajar/Mahasiswa", Saran: "Ruang tunggu ✓ «nyaman»",
		ExtraKeys: []string{"kantin", "parkir"}, ExtraValues: []string{"ya", ""}, IngestedAt: at.Add(time.Hour)}
	b, err := encodeResponse(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, r)
	}
	// Every truncation is refused, never decoded into a wrong row or a panic.
	for n := 0; n < len(b); n++ {
		if _, err := decodeResponse(b[:n]); err == nil {
			t.Errorf("entry cut to %d of %d bytes decoded", n, len(b))
		}
	}
	if _, err := decodeResponse(append([]byte{'R', 9}, b[2:]...)); err == nil {
		t.Error("unknown format version decoded")
	}
}

func FuzzDecodeResponse(f *testing.F) {
	b, _ := encodeResponse(ResponseRow{Agency: "a", Saran: "s", ExtraKeys: []string{"k"}, ExtraValues: []string{"v"}})
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = decodeResponse(data) // must never panic
	})
}

func TestCaseCodecKeepsRecorderAndReadsFormat1(t *testing.T) {
	at := time.Date(2026, 10, 14, 3, 0, 0, 0, time.UTC)
	day := time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)
	r := cases.Record{Agency: "bppd-kalbar", ID: "REG-2026-00001", Kind: "pengaduan", Service: "pengaduan", Channel: "email",
		Class: "normatif", Status: "diproses", ReceivedAt: at, ReceivedDate: day, SLAAmount: 5, SLAUnit: "hari_kerja",
		DeadlineAt: &at, Officer: "Yohanes", UpdatedAt: at, Version: 7, RecordedBy: "staf-kalbar"}
	b := encodeCase(r)
	got, err := decodeCase(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, r)
	}
	for n := 0; n < len(b); n++ {
		if _, err := decodeCase(b[:n]); err == nil {
			t.Errorf("entry cut to %d of %d bytes decoded", n, len(b))
		}
	}
	// An entry written before the recorder was kept (format 1: the same fields without it)
	// is still read after an upgrade, with no recorder.
	old := append([]byte{entryCase, caseFormatV1}, b[2:len(b)-1-len(r.RecordedBy)]...)
	got, err = decodeCase(old)
	want := r
	want.RecordedBy = ""
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("format 1: got %+v, %v\nwant %+v", got, err, want)
	}
}
