package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"skm/reports"
	"skm/reports/pdf"
	"skm/reports/xlsx"
	"skm/survey"
)

// runReport writes a workbook or a raw export to a file.
func runReport(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "report", "monthly|skm|laporan|responses|cases --agency CODE --month YYYY-MM|--period CODE -o FILE",
		"Writes the monthly evaluation meeting's workbook (monthly --month 2026-10), the SKM report of a\n"+
			"survey period (skm --period 2026-S2) as a workbook, or as the narrative report to sign and\n"+
			"publish (laporan --period 2026-S2, a PDF), or every response or case of a period\n"+
			"(responses|cases --period 2026-S2|2026-Q4|2026-10|2026) as .xlsx or, for the raw exports,\n"+
			".csv (by the file's extension). The file appears whole or not at all.")
	var (
		agency, month, period, out string
	)
	f.StringVar(&agency, "agency", "", "agency `code` (required)")
	f.StringVar(&month, "month", "", "the `month` of the monthly report (default: this month)")
	f.StringVar(&period, "period", "", "the survey `period` (default: the current one)")
	f.StringVar(&out, "o", "", "the `file` to write (.xlsx; .pdf for laporan; .csv for responses and cases)")
	var df dataFlags
	df.register(f, "skm-data")
	kind, err := f.parseAction(args, "expected: skm report monthly|skm|laporan|responses|cases --agency CODE -o FILE",
		"monthly", "skm", "laporan", "responses", "cases")
	if err != nil {
		return err
	}
	if out == "" {
		return usagef("-o FILE is required")
	}
	if kind == "laporan" {
		if !strings.EqualFold(filepath.Ext(out), ".pdf") {
			return usagef("the narrative report is a PDF: the file must end in .pdf: %s", out)
		}
	} else if format, err := xlsx.ParseFormat(filepath.Ext(out)); err != nil || (format == xlsx.CSV && (kind == "monthly" || kind == "skm")) {
		return usagef("the file must end in .xlsx (or .csv for responses and cases): %s", out)
	}
	format, _ := xlsx.ParseFormat(filepath.Ext(out))
	_, a, err := loadAgency(e, df.standards, agency)
	if err != nil {
		return err
	}
	now := time.Now().In(a.Location)
	code := period
	if kind == "monthly" {
		code = month
	}
	p := survey.PeriodOf(now, a.SurveyPeriods)
	if kind == "monthly" {
		p = survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}
	}
	if code != "" {
		if p, err = survey.ParsePeriod(code); err != nil {
			return usagef("period %q: %v", code, err)
		}
	}
	switch {
	case kind == "monthly" && p.Kind != survey.Month:
		return usagef("--month must be a month such as 2026-10")
	case (kind == "skm" || kind == "laporan") && p.Kind == survey.Month:
		return usagef("--period must be a survey period such as 2026-S2")
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	q := reports.New(db.conn, db.name)
	bar := progressBar(e, "menulis "+filepath.Base(out))
	progress := func(n int) { _ = bar.Set(n) }
	start := time.Now()
	err = writeAtomically(out, func(w io.Writer) error {
		switch kind {
		case "monthly":
			return xlsx.Monthly(ctx, q, a, p, now, w)
		case "skm":
			return xlsx.Semester(ctx, q, a, p, now, w, progress)
		case "laporan":
			return pdf.Laporan(ctx, q, a, p, now, w, pdf.Options{})
		case "responses":
			return xlsx.Responses(ctx, q, a, p, format, w, progress)
		}
		return xlsx.Cases(ctx, q, a, p, format, w, progress)
	})
	_ = bar.Finish()
	if err != nil {
		return err
	}
	names := map[string]string{"monthly": "Laporan bulanan", "skm": "Laporan SKM", "laporan": "Laporan SKM (PDF)", "responses": "Ekspor respons", "cases": "Ekspor kasus"}
	fmt.Fprintf(e.stdout, "%s %s %s ditulis ke %s (%.1f detik)\n", names[kind], a.Code, p.Code(), out, time.Since(start).Seconds())
	return nil
}

// writeAtomically writes path through a temporary file beside it, renamed into place only
// when write succeeded.
func writeAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
