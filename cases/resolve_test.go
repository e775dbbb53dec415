package cases_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"skm/cases"
	"skm/standard"
	"skm/standard/standardtest"
)

var (
	examples = standardtest.Examples
	wib      = standardtest.WIB
	wita     = standardtest.WITA
	tm       = standardtest.At
)

var caseNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// TestResolveCaseDeadlinesAndOnTime checks the stored time limit, deadline, working minutes and
// on-time flag against hand computation, for the two example agencies' standards.
func TestResolveCaseDeadlinesAndOnTime(t *testing.T) {
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	ntt, _ := set.Agency("bppd-ntt")
	tests := []struct {
		name      string
		a         *standard.Agency
		c         cases.Case
		unit      string
		amount    uint32
		deadline  time.Time // zero: none
		minutes   *uint32
		onTime    *bool
		statusOut string
	}{
		{"Kalbar data: 3 hari (calendar days) from Wed 10:00", kb,
			cases.Case{ID: "K1", Service: "data-informasi", Channel: "tatap-muka", ReceivedAt: tm(wib, 10, 14, 10, 0)},
			"hari", 3, time.Date(2026, 10, 17, 23, 59, 59, 0, wib), nil, nil, "diterima"},
		{"Kalbar normatif complaint: 5 hari kerja, class wins over channel", kb,
			cases.Case{ID: "K2", Service: "pengaduan", Channel: "sp4n-lapor", Class: "normatif", ReceivedAt: tm(wib, 10, 14, 10, 0),
				CompletedAt: new(tm(wib, 10, 21, 15, 0))},
			// start Wed 14; working days Thu 15, Fri 16, Mon 19, Tue 20, Wed 21 → Wed 21 16:00.
			// Working time: Wed 14 10:00–16:00 = 300 min (lunch out); Thu 15, Fri 16, Mon 19 and
			// Tue 20 450 each; Wed 21 07:30–15:00 = 390: 300 + 4×450 + 390 = 2490.
			"hari_kerja", 5, tm(wib, 10, 21, 16, 0), new(uint32(2490)), new(true), "selesai"},
		{"Kalbar ringan complaint: 3 jam kerja, late", kb,
			cases.Case{ID: "K3", Service: "pengaduan", Channel: "whatsapp", Class: "ringan", ReceivedAt: tm(wib, 10, 12, 11, 0),
				CompletedAt: new(tm(wib, 10, 12, 15, 1)), Status: "selesai"},
			"jam_kerja", 3, tm(wib, 10, 12, 15, 0), new(uint32(181)), new(false), "selesai"},
		{"Kalbar konsultasi: no time limit, never on time or late", kb,
			cases.Case{ID: "K4", Service: "konsultasi", Channel: "tatap-muka", ReceivedAt: tm(wib, 10, 12, 9, 0),
				CompletedAt: new(tm(wib, 10, 12, 9, 45))},
			"", 0, time.Time{}, new(uint32(45)), nil, "selesai"},
		{"NTT tatap muka: 15 menit clock time", ntt,
			cases.Case{ID: "N1", Service: "pengaduan", Channel: "tatap-muka", ReceivedAt: tm(wita, 10, 16, 16, 20),
				CompletedAt: new(tm(wita, 10, 16, 16, 35))},
			"menit", 15, tm(wita, 10, 16, 16, 35), new(uint32(10)), new(true), "selesai"},
		{"NTT SP4N-LAPOR!: 8 hari across Idulfitri", ntt,
			cases.Case{ID: "N2", Service: "pengaduan", Channel: "sp4n-lapor", ReceivedAt: tm(wita, 3, 17, 9, 0), Status: "diproses"},
			"hari", 8, time.Date(2026, 3, 25, 23, 59, 59, 0, wita), nil, nil, "diproses"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.Agency = tc.a.Code
			row, errs := cases.Resolve(tc.c, nil, tc.a, tc.a.WorkCalendar(set), caseNow)
			if errs != nil {
				t.Fatalf("refused: %v", errs)
			}
			if row.SLAUnit != tc.unit || row.SLAAmount != tc.amount {
				t.Errorf("limit %d %q, want %d %q", row.SLAAmount, row.SLAUnit, tc.amount, tc.unit)
			}
			switch {
			case tc.deadline.IsZero() && row.DeadlineAt != nil:
				t.Errorf("deadline %v, want none", row.DeadlineAt)
			case !tc.deadline.IsZero() && (row.DeadlineAt == nil || !row.DeadlineAt.Equal(tc.deadline)):
				t.Errorf("deadline %v, want %v", row.DeadlineAt, tc.deadline)
			}
			if !reflect.DeepEqual(row.WorkingMinutes, tc.minutes) || !reflect.DeepEqual(row.OnTime, tc.onTime) {
				t.Errorf("working minutes %v on time %v, want %v %v", deref(row.WorkingMinutes), deref(row.OnTime), deref(tc.minutes), deref(tc.onTime))
			}
			if row.Status != tc.statusOut || row.Kind == "" {
				t.Errorf("status %q kind %q", row.Status, row.Kind)
			}
			if got := row.ReceivedDate.Format(time.DateOnly); got != tc.c.ReceivedAt.Format(time.DateOnly) {
				t.Errorf("received date %s, want the agency-local %s", got, tc.c.ReceivedAt.Format(time.DateOnly))
			}
		})
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestResolveCaseRefusesBadInputAndBackwardStatus(t *testing.T) {
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	cal := kb.WorkCalendar(set)
	bad := []struct {
		c     cases.Case
		field string
		word  string
	}{
		{cases.Case{Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 1, 9, 0)}, "id", "Isi nomor register."},
		{cases.Case{ID: "X", Service: "pajak", Channel: "surat", ReceivedAt: tm(wib, 10, 1, 9, 0)}, "service", `Layanan "pajak" tidak dikenal`},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "merpati", ReceivedAt: tm(wib, 10, 1, 9, 0)}, "channel", `Kanal "merpati" tidak dikenal`},
		{cases.Case{ID: "X", Service: "pengaduan", Channel: "surat", Class: "berat", ReceivedAt: tm(wib, 10, 1, 9, 0)}, "class", `Kelas pengaduan "berat" tidak dikenal`},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", Kind: "keluhan", ReceivedAt: tm(wib, 10, 1, 9, 0)}, "kind", "pilih Permohonan layanan, Pengaduan, Aspirasi atau Permintaan informasi."},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat"}, "received_at", "Isi tanggal dan jam diterima."},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: caseNow.Add(time.Hour)}, "received_at", "masa depan"},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 2, 9, 0), CompletedAt: new(tm(wib, 10, 1, 9, 0))}, "completed_at", "sebelum"},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 2, 9, 0), Status: "selesai"}, "completed_at", "Isi tanggal dan jam selesai bila status Selesai."},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 2, 9, 0), Status: "diproses", CompletedAt: new(tm(wib, 10, 3, 9, 0))}, "status", "Pilih status Selesai"},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 2, 9, 0), Status: "ditolak"}, "status", "pilih Diterima, Diproses atau Selesai."},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 2, 9, 0), Officer: "Rina\x00<b>"}, "officer", "tidak sah"},
		{cases.Case{ID: "X", Service: "konsultasi", Channel: "surat", ReceivedAt: tm(wib, 10, 2, 9, 0), ExternalRef: "L\x1b[31m"}, "external_ref", "tidak sah"},
	}
	for _, b := range bad {
		b.c.Agency = kb.Code
		_, errs := cases.Resolve(b.c, nil, kb, cal, caseNow)
		if !strings.Contains(errs[b.field], b.word) {
			t.Errorf("%+v: errors %v, want %s mentioning %q", b.c, errs, b.field, b.word)
		}
	}

	// Forward only: a completed case cannot go back to diproses; an update carrying only
	// the new status keeps the stored fields and the stored time limit.
	first, errs := cases.Resolve(cases.Case{ID: "R1", Agency: kb.Code, Service: "pengaduan", Channel: "surat", Class: "normatif",
		Officer: "Rina", ReceivedAt: tm(wib, 10, 14, 10, 0)}, nil, kb, cal, caseNow)
	if errs != nil {
		t.Fatal(errs)
	}
	first.SLAAmount = 9 // as if the standard had said 9 hari kerja when the case came in
	done, errs := cases.Resolve(cases.Case{ID: "R1", Agency: kb.Code, CompletedAt: new(tm(wib, 10, 20, 10, 0))}, &first, kb, cal, caseNow)
	if errs != nil {
		t.Fatal(errs)
	}
	if done.Status != "selesai" || done.Officer != "Rina" || done.Class != "normatif" || done.SLAAmount != 9 ||
		!done.DeadlineAt.Equal(*first.DeadlineAt) || done.Version <= first.Version || !*done.OnTime {
		t.Errorf("update: %+v", done)
	}
	_, errs = cases.Resolve(cases.Case{ID: "R1", Agency: kb.Code, Status: "diproses"}, &done, kb, cal, caseNow)
	if errs["status"] != "Status tidak boleh mundur: kasus ini sudah Selesai, tidak dapat kembali menjadi Diproses." {
		t.Errorf("backwards status: %v", errs)
	}
	// Reclassifying resolves the limit again: ringan is 3 jam kerja.
	re, errs := cases.Resolve(cases.Case{ID: "R1", Agency: kb.Code, Class: "ringan"}, &first, kb, cal, caseNow)
	if errs != nil || re.SLAUnit != "jam_kerja" || re.SLAAmount != 3 || !re.DeadlineAt.Equal(tm(wib, 10, 14, 14, 0)) {
		t.Errorf("reclassified: %+v %v", re, errs)
	}
}

// TestCaseMessagesUseTheFormsWords: a refusal speaks with the staff form's labels and the
// standard's names, never with a list of codes or the old words of the API ("saluran",
// "klasifikasi", "registrasi"); an empty choice asks for it ("Pilih layanan.").
func TestCaseMessagesUseTheFormsWords(t *testing.T) {
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	cal := kb.WorkCalendar(set)
	at := tm(wib, 10, 1, 9, 0)
	want := map[string]string{
		"service": "Pilih layanan.",
		"channel": "Pilih kanal.",
		"id":      "Isi nomor register.",
	}
	_, errs := cases.Resolve(cases.Case{Agency: kb.Code, ReceivedAt: at}, nil, kb, cal, caseNow)
	for f, msg := range want {
		if errs[f] != msg {
			t.Errorf("empty %s: %q, want %q", f, errs[f], msg)
		}
	}
	// The staff form asks for a number only when the rest can be saved.
	_, errs = cases.Resolve(cases.Case{Agency: kb.Code, ReceivedAt: at, NewNumber: true}, nil, kb, cal, caseNow)
	if _, ok := errs["id"]; ok {
		t.Errorf("an empty number of the staff form was refused: %v", errs)
	}
	bad := []cases.Case{
		{ID: "X", Service: "pajak", Channel: "merpati", Class: "berat", Kind: "keluhan", Status: "ditolak", ReceivedAt: at},
		{ID: "X", Service: "pengaduan", Channel: "surat", Status: "selesai", ReceivedAt: at},
		{ID: "X", Service: "pengaduan", Channel: "surat", Status: "diproses", ReceivedAt: at, CompletedAt: new(at.Add(time.Hour))},
		{ID: strings.Repeat("9", 65), Service: "pengaduan", Channel: "surat", ReceivedAt: at, Officer: strings.Repeat("r", 101)},
	}
	codes := []string{"konsultasi, ", "data-informasi", "tatap-muka", "kotak-saran", "ringan, ", "tidak-berkadar", "layanan, pengaduan"}
	for _, c := range bad {
		c.Agency = kb.Code
		_, errs := cases.Resolve(c, nil, kb, cal, caseNow)
		if len(errs) == 0 {
			t.Fatalf("%+v accepted", c)
		}
		for f, msg := range errs {
			for _, w := range append(codes, "saluran", "klasifikasi", "registrasi", "pilih salah satu:", "pilih:") {
				if strings.Contains(msg, w) {
					t.Errorf("%s: %q contains %q", f, msg, w)
				}
			}
			if !strings.HasSuffix(msg, ".") || msg[:1] != strings.ToUpper(msg[:1]) {
				t.Errorf("%s: %q is not a sentence", f, msg)
			}
		}
	}
	// A classless agency's class is named as the form names it.
	ntt, _ := set.Agency("bppd-ntt")
	_, errs = cases.Resolve(cases.Case{ID: "N", Agency: ntt.Code, Service: "pengaduan", Channel: "surat", Class: "ringan", ReceivedAt: at},
		nil, ntt, ntt.WorkCalendar(set), caseNow)
	if !strings.Contains(errs["class"], "kosongkan kelas pengaduan") {
		t.Errorf("class at NTT: %q", errs["class"])
	}
}
