package ingest_test

import (
	"reflect"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/standard/standardtest"
)

var (
	examples = standardtest.Examples
	wib      = standardtest.WIB
	wita     = standardtest.WITA
	tm       = standardtest.At
)

var caseNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestCaseSpoolCodecRoundTrips(t *testing.T) {
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	for _, c := range []cases.Case{
		{ID: "REG/2026/Ü-1", Agency: kb.Code, Service: "pengaduan", Channel: "email", Class: "normatif", Officer: "Budi", ExternalRef: "LAPOR-1",
			ReceivedAt: tm(wib, 10, 14, 10, 0), CompletedAt: new(tm(wib, 10, 20, 10, 0))},
		{ID: "open", Agency: kb.Code, Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 14, 10, 0)},
	} {
		row, errs := cases.Resolve(c, nil, kb, kb.WorkCalendar(set), caseNow)
		if errs != nil {
			t.Fatal(errs)
		}
		got, err := ingest.DecodeCaseForTest(ingest.EncodeCaseForTest(row))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, row) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, row)
		}
		enc := ingest.EncodeCaseForTest(row)
		for i := range len(enc) - 1 {
			if _, err := ingest.DecodeCaseForTest(enc[:i]); err == nil {
				t.Fatalf("a case entry cut at %d decoded without error", i)
			}
		}
	}
}
