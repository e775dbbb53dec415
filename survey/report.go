package survey

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ReportChapter is a chapter of the narrative SKM report (Laporan SKM) to which staff may add
// their own text, printed after the generated text of the chapter.
type ReportChapter struct {
	// Code is the stable key the text is stored under ("analisis").
	Code string
	// Numeral is the chapter's number as printed ("IV").
	Numeral string
	// Title is the chapter's title as printed ("ANALISIS DAN RENCANA TINDAK LANJUT").
	Title string
}

// Heading is the chapter's printed heading ("BAB IV ANALISIS DAN RENCANA TINDAK LANJUT").
func (c ReportChapter) Heading() string { return "BAB " + c.Numeral + " " + c.Title }

// ReportChapters are the chapters of the Laporan SKM in their order, as agencies structure
// reports under PermenPANRB 14/2017.
var ReportChapters = []ReportChapter{
	{Code: "pendahuluan", Numeral: "I", Title: "PENDAHULUAN"},
	{Code: "metodologi", Numeral: "II", Title: "METODOLOGI"},
	{Code: "hasil", Numeral: "III", Title: "HASIL SURVEI"},
	{Code: "analisis", Numeral: "IV", Title: "ANALISIS DAN RENCANA TINDAK LANJUT"},
	{Code: "penutup", Numeral: "V", Title: "PENUTUP"},
}

// ReportChapterByCode returns the chapter with the given code.
func ReportChapterByCode(code string) (ReportChapter, bool) {
	for _, c := range ReportChapters {
		if c.Code == code {
			return c, true
		}
	}
	return ReportChapter{}, false
}

// MaxReportText bounds the staff's text of one chapter, in characters.
const MaxReportText = 10000

// ReportText is the staff's own text ("analisis") for one chapter of a period's report.
type ReportText struct {
	Agency string
	// Period is the survey period of the report (2026-S1).
	Period string
	// Chapter is a ReportChapter code.
	Chapter string
	// Text is plain text; blank lines separate paragraphs. Empty removes the text.
	Text      string
	UpdatedAt time.Time
	UpdatedBy string
}

// Validate checks a chapter text; messages are Indonesian, keyed by field.
func (t *ReportText) Validate() Errors {
	errs := Errors{}
	if p, err := ParsePeriod(t.Period); err != nil || p.Kind == Month {
		errs["period"] = badSurveyPeriod
	}
	if _, ok := ReportChapterByCode(t.Chapter); !ok {
		errs["chapter"] = "Bab laporan tidak dikenal."
	}
	if n := utf8.RuneCountInString(t.Text); n > MaxReportText {
		errs["text"] = "Teks paling banyak 10.000 karakter."
	} else if !utf8.ValidString(t.Text) || strings.ContainsRune(t.Text, 0) {
		errs["text"] = "Teks berisi karakter yang tidak dapat dibaca."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
