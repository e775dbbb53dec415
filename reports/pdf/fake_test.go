package pdf

import (
	"context"
	"time"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// fakeSource answers with hand-built figures and rows.
type fakeSource struct {
	f    *reports.SemesterFigures
	rows []reports.ResponseRow
	// synthetic, when set, streams that many generated rows instead of rows.
	synthetic int
}

func (s *fakeSource) Semester(_ context.Context, a *standard.Agency, period survey.Period, now time.Time) (*reports.SemesterFigures, error) {
	f := *s.f
	f.Agency, f.Period, f.Previous, f.YearAgo = a, period, period.Previous(), period.YearEarlier()
	f.Now = now.In(a.Location)
	f.Provisional = !period.Ended(now, a.Location)
	return &f, nil
}

func (s *fakeSource) EachResponse(_ context.Context, sc survey.Scope, fn func(*reports.ResponseRow) error) error {
	if s.synthetic > 0 {
		var r reports.ResponseRow
		first, _ := sc.Period.Bounds()
		services := []string{"konsultasi", "data-informasi", "fasilitasi-audiensi", "narasumber", "pengaduan"}
		for i := range s.synthetic {
			r.Date = first.AddDate(0, 0, i%180)
			r.Service = services[i%len(services)]
			for j := range r.Answers {
				r.Answers[j] = uint8(1 + (i+j)%4)
			}
			if err := fn(&r); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range s.rows {
		r := s.rows[i]
		if err := fn(&r); err != nil {
			return err
		}
	}
	return nil
}

// The hand-computed example: four respondents of Semester I 2026 at bppd-kalbar, two for
// konsultasi and two for pengaduan; the fourth left U8 blank on paper.
//
//	     U1 U2 U3 U4 U5 U6 U7 U8 U9
//	R1    4  3  3  4  3  4  4  3  3   konsultasi
//	R2    3  3  2  4  3  3  4  3  2   konsultasi
//	R3    4  2  2  4  3  4  4  3  3   pengaduan
//	R4    3  3  3  4  4  3  4  –  3   pengaduan
//
// Sums 14 11 10 16 13 14 16 9 11 over 4 4 4 4 4 4 4 3 4 answers: NRR 3,500 2,750 2,500 4,000
// 3,250 3,500 4,000 3,000 2,750; IKM unsur 87,50 68,75 62,50 100,00 81,25 87,50 100,00 75,00
// 68,75. Σ NRR = 29,25; nilai indeks 29,25 / 9 = 3,2500; IKM 81,25, B (Baik). Lowest three:
// U3, U2, U9; below B besides them: U8 (75,00, C).
//
// Konsultasi: Σ NRR 3,5+3+2,5+4+3+3,5+4+3+2,5 = 29 → 29/9×25 = 80,555… → 80,56 B.
// Pengaduan: Σ NRR 3,5+2,5+2,5+4+3,5+3,5+4+3+3 = 29,5 → 81,944… → 81,94 B.
var exampleAnswers = [4][9]uint8{
	{4, 3, 3, 4, 3, 4, 4, 3, 3},
	{3, 3, 2, 4, 3, 3, 4, 3, 2},
	{4, 2, 2, 4, 3, 4, 4, 3, 3},
	{3, 3, 3, 4, 4, 3, 4, 0, 3},
}

var exampleServices = [4]string{"konsultasi", "konsultasi", "pengaduan", "pengaduan"}

// tallyOf adds up answer rows.
func tallyOf(rows ...[9]uint8) survey.Tally {
	var t survey.Tally
	for _, a := range rows {
		t.Add(&survey.Response{Answers: a})
	}
	return t
}

// allThree is n respondents answering 3 everywhere: IKM 75,00, C.
func allThree(n int) survey.Tally {
	var rows [][9]uint8
	for range n {
		rows = append(rows, [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3})
	}
	return tallyOf(rows...)
}

// exampleFigures are the figures of the hand-computed example, with a previous period of
// ten respondents answering 3 everywhere (75,00), no year-ago data, a population of 10
// (minimum sample 10: not met), saran with themes, a follow-up plan and staff texts.
func exampleFigures(a *standard.Agency) (*reports.SemesterFigures, []reports.ResponseRow) {
	f := &reports.SemesterFigures{Agency: a, Population: 10}
	var rows []reports.ResponseRow
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for i, ans := range exampleAnswers {
		f.Tally.Add(&survey.Response{Answers: ans})
		for j, v := range ans {
			if v > 0 {
				f.Answers[j][v-1]++
			}
		}
		rows = append(rows, reports.ResponseRow{ID: string(rune('a' + i)), Date: day.AddDate(0, 0, 30*i), Service: exampleServices[i],
			Channel: []string{"web", "web", "kiosk", "paper"}[i], Answers: ans})
	}
	f.ByService = []reports.ServiceTally{
		{Service: "konsultasi", Tally: tallyOf(exampleAnswers[0], exampleAnswers[1])},
		{Service: "pengaduan", Tally: tallyOf(exampleAnswers[2], exampleAnswers[3])},
	}
	f.PreviousTally = allThree(10)
	f.FirstDay, f.LastDay = rows[0].Date, rows[3].Date
	f.Channels = []reports.ChannelCount{{Channel: "web", Respondents: 2}, {Channel: "kiosk", Respondents: 1}, {Channel: "paper", Respondents: 1}}
	f.Profile = []reports.ProfileCount{{Dimension: "jenis_kelamin", Value: "L", Count: 3}, {Dimension: "jenis_kelamin", Value: "P", Count: 1},
		{Dimension: "umur", Value: "30–39", Count: 2}, {Dimension: "umur", Value: "20–29", Count: 1}, {Dimension: "umur", Value: "", Count: 1},
		{Dimension: "pendidikan", Value: "D4/S1", Count: 3}, {Dimension: "pendidikan", Value: "SMA", Count: 1},
		{Dimension: "pekerjaan", Value: "Swasta", Count: 2}, {Dimension: "pekerjaan", Value: "PNS", Count: 2}}
	at := time.Date(2026, 3, 6, 3, 0, 0, 0, time.UTC)
	f.Sarans = []reports.Saran{
		{At: at, Service: "pengaduan", Text: "Prosesnya lama sekali, mohon dipercepat"},
		{At: at.Add(-time.Hour), Service: "konsultasi", Text: "Antrian terlalu panjang 😊 hubungi 0812-xxxx"},
		{At: at.Add(-2 * time.Hour), Service: "konsultasi", Text: "Ruang tunggu panas, tambah kipas"},
	}
	f.Themes = reports.SaranThemeSummary{Total: 3, Themes: []reports.SaranTheme{
		{Code: "waktu", Label: "Waktu penyelesaian", Element: "U3", Count: 1, Share: 100.0 / 3, Examples: f.Sarans[:1]},
		{Code: "antrean", Label: "Antrean", Element: "U3", Count: 1, Share: 100.0 / 3, Examples: f.Sarans[1:2]},
		{Code: "sarana", Label: "Sarana dan prasarana", Element: "U9", Count: 1, Share: 100.0 / 3, Examples: f.Sarans[2:3]},
		{Code: "prosedur", Label: "Sistem, mekanisme, dan prosedur", Element: "U2"},
		{Code: standard.ThemeOther, Label: standard.ThemeOtherLabel},
		{Code: standard.ThemeNone, Label: standard.ThemeNoneLabel},
	}}
	f.FollowUps = []survey.FollowUp{
		{Element: "U3", Action: "Menerapkan antrean daring dan memantau waktu layanan setiap minggu.", TargetQuarter: "2026-Q3",
			PersonInCharge: "Sekretaris Badan", Status: survey.StatusOngoing, Progress: 40},
		{Element: "U9", Action: "Menambah kipas angin di ruang tunggu", TargetQuarter: "2027-Q1", PersonInCharge: "Kasubbag Umum",
			Status: survey.StatusPlanned},
	}
	f.PreviousFollowUps = []survey.FollowUp{
		{Element: "U3", Action: "a", Status: survey.StatusDone, Progress: 100},
		{Element: "U7", Action: "b", Status: survey.StatusOngoing, Progress: 50},
		{Element: "U9", Action: "c", Status: survey.StatusCancelled},
	}
	f.Texts = []survey.ReportText{
		{Chapter: "analisis", Text: "Keterlambatan terjadi saat petugas layanan cuti bersama.\n\nKami menambah satu petugas loket."},
		{Chapter: "pendahuluan", Text: "Survei semester ini memakai kios baru di loket."},
	}
	return f, rows
}
