// Package pdf sets the narrative SKM report (Laporan Survei Kepuasan Masyarakat) of a
// survey period as an A4 PDF, in pure Go: the document agencies sign, send to their
// inspectorate and KemenPANRB and publish. Its figures are reports.SemesterFigures, the same
// the semester workbook states; its sentences are written from them (narrative.go); the
// per-respondent recap streams from the read side.
package pdf

import (
	"context"
	"fmt"
	"io"
	"time"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// Source is what the report reads (reports.Querier).
type Source interface {
	Semester(ctx context.Context, a *standard.Agency, period survey.Period, now time.Time) (*reports.SemesterFigures, error)
	EachResponse(ctx context.Context, s survey.Scope, fn func(*reports.ResponseRow) error) error
}

// Options choose the copy of the report.
type Options struct {
	// Public is the copy published on /hasil: the saran texts are left out (residents may
	// write names or phone numbers) and a line says the unit keeps them; the counts and
	// themes stay.
	Public bool
}

// Laporan writes the SKM report of agency a's survey period as of now to w: cover, Kata
// Pengantar, Daftar Isi, the five chapters (the staff's own text in each), the signature
// block of the head (none while the period runs: then every page says SEMENTARA) and the
// appendices (questionnaire, per-respondent recap, saran, saran themes).
func Laporan(ctx context.Context, src Source, a *standard.Agency, period survey.Period, now time.Time, w io.Writer, opt Options) error {
	f, err := src.Semester(ctx, a, period, now)
	if err != nil {
		return fmt.Errorf("pdf: SKM report %s %s: %w", a.Code, period, err)
	}
	d := newDoc(f, opt)
	d.cover()
	d.foreword()
	toc := d.reserveTOC()
	d.introduction()
	d.methodology()
	d.results()
	d.analysis()
	d.closing()
	if err := d.appendices(ctx, src); err != nil {
		return fmt.Errorf("pdf: SKM report %s %s: %w", a.Code, period, err)
	}
	d.fillTOC(toc)
	d.footers()
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: SKM report %s %s: %w", a.Code, period, err)
	}
	return nil
}
