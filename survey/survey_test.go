package survey

import (
	"testing"
	"time"
)

func TestQuestionnaireOfficialOrder(t *testing.T) {
	qs := Questionnaire(ID)
	want := []Element{U1, U2, U3, U4, U5, U6, U7, U9, U8}
	if len(qs) != 9 {
		t.Fatalf("%d questions", len(qs))
	}
	for i, q := range qs {
		if q.Number != i+1 || q.Element != want[i] {
			t.Errorf("question %d measures %s, want %s", q.Number, q.Element.Code(), want[i].Code())
		}
	}
	if qs[7].Labels != [4]string{"Buruk", "Cukup", "Baik", "Sangat baik"} {
		t.Errorf("question 8 (sarana) labels %v", qs[7].Labels)
	}
	if qs[8].Labels[3] != "Dikelola dengan baik" || qs[3].Labels[3] != "Gratis" {
		t.Errorf("labels: q9 %v, q4 %v", qs[8].Labels, qs[3].Labels)
	}
	if U8.Name() != "Penanganan Pengaduan, Saran dan Masukan" || U9.Name() != "Sarana dan Prasarana" {
		t.Errorf("names %q %q", U8.Name(), U9.Name())
	}
	en := Questionnaire(EN)
	if en[7].Element != U9 || en[7].Labels[0] != "Poor" {
		t.Errorf("English question 8: %+v", en[7])
	}
	if e, ok := ElementByCode("U9"); !ok || e != U9 {
		t.Errorf("ElementByCode(U9) = %v %v", e, ok)
	}
}

func full() Response {
	return Response{Answers: [9]uint8{4, 3, 2, 4, 3, 3, 4, 1, 2}}
}

func TestValidate(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		mutate func(*Response)
		rules  Rules
		fields []string
	}{
		{"complete", func(*Response) {}, Rules{}, nil},
		{"all profile fields", func(r *Response) {
			r.Umur, r.JenisKelamin, r.Pendidikan, r.Pekerjaan, r.Saran = 34, "P", "D4/S1", "PNS", "Bagus"
		}, Rules{}, nil},
		{"missing U3 and U8 on the web", func(r *Response) { r.Answers[2], r.Answers[7] = 0, 0 }, Rules{}, []string{"U3", "U8"}},
		{"blank allowed on paper", func(r *Response) { r.Answers[2] = 0 }, Rules{AllowBlankAnswers: true}, nil},
		{"paper with nothing answered", func(r *Response) { r.Answers = [9]uint8{} }, Rules{AllowBlankAnswers: true}, []string{"U1"}},
		{"value 5", func(r *Response) { r.Answers[0] = 5 }, Rules{}, []string{"U1"}},
		{"age 9", func(r *Response) { r.Umur = 9 }, Rules{}, []string{"umur"}},
		{"age 121", func(r *Response) { r.Umur = 121 }, Rules{}, []string{"umur"}},
		{"age 10 and 120 are fine", func(r *Response) { r.Umur = 120 }, Rules{}, nil},
		{"gender X", func(r *Response) { r.JenisKelamin = "X" }, Rules{}, []string{"jenis_kelamin"}},
		{"education", func(r *Response) { r.Pendidikan = "SMK" }, Rules{}, []string{"pendidikan"}},
		{"occupation", func(r *Response) { r.Pekerjaan = "Petani" }, Rules{}, []string{"pekerjaan"}},
		{"long saran", func(r *Response) { r.Saran = string(make([]byte, MaxSaran+1)) }, Rules{}, []string{"saran"}},
		{"bad id", func(r *Response) { r.ID = "123" }, Rules{}, []string{"id"}},
		{"future", func(r *Response) { r.SubmittedAt = now.Add(time.Hour) }, Rules{Now: now}, []string{"submitted_at"}},
		{"long extra", func(r *Response) { r.Extra = []ExtraAnswer{{"kantin", string(make([]byte, 501))}} }, Rules{}, []string{"extra.kantin"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := full()
			tc.mutate(&r)
			errs := r.Validate(tc.rules)
			if len(errs) != len(tc.fields) {
				t.Fatalf("errors %v, want fields %v", errs, tc.fields)
			}
			for _, f := range tc.fields {
				if errs[f] == "" {
					t.Errorf("no error for %s: %v", f, errs)
				}
			}
		})
	}
}

func TestNormalizeProfile(t *testing.T) {
	for in, want := range map[string]string{"s1": "D4/S1", "SMK": "SMA", "d3": "D1-D3", "sma": "SMA", "": "", "X": "X"} {
		if got := NormalizeEducation(in); got != want {
			t.Errorf("NormalizeEducation(%q) = %q, want %q", in, got, want)
		}
	}
	if got := NormalizeOccupation("mahasiswa"); got != "Pelajar/Mahasiswa" {
		t.Errorf("NormalizeOccupation = %q", got)
	}
}

func TestPeriods(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 12, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		t      time.Time
		scheme string
		want   string
	}{
		{d(2026, 6, 30), "semester", "2026-S1"},
		{d(2026, 7, 1), "semester", "2026-S2"},
		{d(2026, 7, 1), "", "2026-S2"},
		{d(2026, 10, 5), "quarter", "2026-Q4"},
		{d(2026, 3, 31), "quarter", "2026-Q1"},
		{d(2026, 3, 31), "year", "2026"},
	} {
		if got := PeriodOf(tc.t, tc.scheme).Code(); got != tc.want {
			t.Errorf("PeriodOf(%s, %s) = %s, want %s", tc.t.Format(time.DateOnly), tc.scheme, got, tc.want)
		}
	}
	for code, want := range map[string]string{
		"2026": "2026-01-01..2026-12-31", "2026-S1": "2026-01-01..2026-06-30", "2026-S2": "2026-07-01..2026-12-31",
		"2026-Q1": "2026-01-01..2026-03-31", "2024-02": "2024-02-01..2024-02-29", "2026-q4": "2026-10-01..2026-12-31",
	} {
		p, err := ParsePeriod(code)
		if err != nil {
			t.Fatalf("ParsePeriod(%s): %v", code, err)
		}
		f, l := p.Bounds()
		if got := f.Format(time.DateOnly) + ".." + l.Format(time.DateOnly); got != want {
			t.Errorf("%s bounds %s, want %s", code, got, want)
		}
	}
	for _, bad := range []string{"", "26", "2026-S3", "2026-Q0", "2026-13", "2026-1", "abcd", "2026-X1"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
	prev := map[string]string{"2026-S1": "2025-S2", "2026-S2": "2026-S1", "2026-Q1": "2025-Q4", "2026-01": "2025-12", "2026": "2025"}
	for code, want := range prev {
		p, _ := ParsePeriod(code)
		if got := p.Previous().Code(); got != want {
			t.Errorf("%s.Previous() = %s, want %s", code, got, want)
		}
		if back, _ := ParsePeriod(want); back.Next() != p || !p.After(back) || back.After(p) {
			t.Errorf("%s.Next() = %s, want %s (or After is wrong)", want, back.Next(), code)
		}
	}
	p, _ := ParsePeriod("2026-S2")
	if p.Label(ID) != "Semester II 2026" || !p.Contains(d(2026, 12, 31)) || p.Contains(d(2027, 1, 1)) {
		t.Errorf("label %q / contains", p.Label(ID))
	}
	m, _ := ParsePeriod("2026-10")
	if m.Label(ID) != "Oktober 2026" || m.Label(EN) != "October 2026" {
		t.Errorf("month labels %q %q", m.Label(ID), m.Label(EN))
	}
}

func TestFollowUpAndPublicationValidation(t *testing.T) {
	ok := FollowUp{Period: "2026-S1", Element: "U3", Action: "x", TargetQuarter: "2026-Q4", PersonInCharge: "y", Status: StatusOngoing, Progress: 40}
	if errs := ok.Validate(); errs != nil {
		t.Fatalf("valid item: %v", errs)
	}
	bad := FollowUp{Period: "2026-S9", Element: "U10", TargetQuarter: "2026-10", Status: StatusDone, Progress: 80}
	errs := bad.Validate()
	for _, f := range []string{"period", "element", "action", "target_quarter", "person_in_charge", "progress"} {
		if errs[f] == "" {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	p := Publication{Period: "2026-S1", Medium: "situs web", Location: "bppd.go.id", PublishedOn: now.Add(24 * time.Hour)}
	perrs := p.Validate(now)
	if perrs["location"] == "" || perrs["published_on"] == "" || len(perrs) != 2 {
		t.Errorf("publication errors %v", perrs)
	}
	board := Publication{Period: "2026-S1", Medium: "papan pengumuman", Location: "Lobi kantor", PublishedOn: now}
	if errs := board.Validate(now); errs != nil {
		t.Errorf("notice board: %v", errs)
	}
	for loc, want := range map[string]bool{"https://bppd.go.id/hasil": true, " http://x.go.id ": true, "javascript:alert(1)": false,
		"JAVASCRIPT://x.go.id/%0aalert(1)": false, "bppd.go.id": false, "https://": false, "Lobi kantor": false, "ftp://x.go.id": false} {
		if _, ok := (&Publication{Location: loc}).WebAddress(); ok != want {
			t.Errorf("WebAddress(%q): %v, want %v", loc, ok, want)
		}
	}
	if FollowUpStatusLabel(StatusOngoing) != "Berjalan" || FollowUpStatusLabel(StatusDone) != "Selesai" || FollowUpStatusLabel("x") != "x" {
		t.Error("follow-up status labels")
	}
	if s := ShareDone([]FollowUp{{Status: StatusDone, Progress: 100}, {Status: StatusCancelled}, {Status: StatusPlanned}}); s.Done != 1 || s.Total != 2 || s.MeanProgress != 50 {
		t.Errorf("share %+v", s)
	}
}
