package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/schollz/progressbar/v3"

	"skm/ingest"
	"skm/standard"
)

func runImport(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "import", "responses|cases FILE.csv|FILE.xlsx --agency CODE [--dry-run]",
		"Imports paper questionnaires (responses) or case records (cases; our template or an\n"+
			"SP4N-LAPOR! export). Every bad row is reported with its row number, column and reason,\n"+
			"and nothing is imported from a file with errors. Importing the same file again stores\n"+
			"nothing twice. --template FILE writes a blank template (.csv or .xlsx) instead.")
	var (
		agency, template string
		dryRun           bool
	)
	f.StringVar(&agency, "agency", "", "agency `code` the questionnaires belong to (required)")
	f.StringVar(&template, "template", "", "write a blank template to `FILE` (.csv or .xlsx) and exit")
	f.BoolVar(&dryRun, "dry-run", false, "check the file and report, but store nothing")
	var df dataFlags
	df.register(f, "skm-data")
	// Flags may follow the positional arguments, as in the documented usage.
	pos, err := f.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || (pos[0] != "responses" && pos[0] != "cases") {
		return usagef("expected: skm import responses|cases FILE --agency CODE")
	}
	set, a, err := loadAgency(e, df.standards, agency)
	if err != nil {
		return err
	}
	if pos[0] == "cases" {
		return importCases(ctx, e, set, a, pos[1:], template, dryRun, df)
	}
	if template != "" {
		if err := ingest.WriteResponsesTemplate(template, a); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Templat kuesioner ditulis ke %s\n", template)
		return nil
	}
	if len(pos) != 2 {
		return usagef("expected one file: skm import responses FILE --agency CODE")
	}
	file := pos[1]
	bar := progressBar(e, "membaca "+file)
	parsed, err := ingest.ReadResponsesFile(file, a, ingest.CLIImportLimits, func(n int) { _ = bar.Set(n) })
	_ = bar.Finish()
	if err != nil {
		return importFailed(e, file, err)
	}
	responses := parsed.Responses
	if dryRun {
		fmt.Fprintf(e.stdout, "%d kuesioner siap diimpor untuk %s (uji coba: tidak ada yang disimpan).\n", len(responses), a.Code)
		return nil
	}
	db, logger, _, err := openMigrated(ctx, e, df.db, df.log)
	if err != nil {
		return err
	}
	defer db.Close()
	// Rows of closed periods are reported row by row, as the web import's preview does.
	if err := parsed.CheckPeriods(ctx, ingest.NewPeriodGate(db.store, nil), a); err != nil {
		return importFailed(e, file, err)
	}
	stored, err := db.store.ImportResponses(ctx, set, df.db.dataDir, responses, logger)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d kuesioner diimpor untuk %s", stored, a.Code)
	if dup := len(responses) - stored; dup > 0 {
		fmt.Fprintf(e.stdout, " (%d sudah pernah diimpor, tidak dihitung dua kali)", dup)
	}
	fmt.Fprintln(e.stdout, ".")
	return nil
}

func importCases(ctx context.Context, e *env, set *standard.Set, a *standard.Agency, files []string, template string, dryRun bool, df dataFlags) error {
	if template != "" {
		if err := ingest.WriteCasesTemplate(template, a); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Templat impor kasus ditulis ke %s\n", template)
		return nil
	}
	if len(files) != 1 {
		return usagef("expected one file: skm import cases FILE --agency CODE")
	}
	file := files[0]
	if e.getenv("GOMEMLIMIT") == "" {
		// A large import keeps a flat working set; this keeps the heap's garbage from
		// growing past it (the import's RSS target is 256 MB).
		debug.SetMemoryLimit(192 << 20)
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	cals := ingest.NewCalendars(set, db.store)
	cal, err := cals.For(ctx, a)
	if err != nil {
		return err
	}
	bar := progressBar(e, "memeriksa "+file)
	res, err := db.store.ImportCases(ctx, file, a, cal, ingest.CaseImportOptions{DryRun: dryRun,
		Progress: func(n int) { _ = bar.Set(n) }})
	_ = bar.Finish()
	if err != nil {
		return importFailed(e, file, err)
	}
	source := ""
	if res.Format == ingest.CaseFormatLapor {
		source = " (ekspor SP4N-LAPOR!)"
	}
	if dryRun {
		fmt.Fprintf(e.stdout, "%d kasus siap diimpor untuk %s%s (uji coba: tidak ada yang disimpan).\n", res.Rows, a.Code, source)
	} else {
		fmt.Fprintf(e.stdout, "%d kasus diimpor untuk %s%s.\n", res.Stored, a.Code, source)
	}
	if res.Skipped > 0 {
		fmt.Fprintf(e.stdout, "%d laporan berstatus arsip dilewati (bukan kasus instansi).\n", res.Skipped)
	}
	return nil
}

// progressBar counts rows on a terminal and stays silent elsewhere.
func progressBar(e *env, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1, progressbar.OptionSetWriter(e.stderr), progressbar.OptionSetDescription(what),
		progressbar.OptionSetVisibility(isTerminal(e.stderr)), progressbar.OptionShowCount())
}

// importFailed reports a refused file's problems row by row (exit 1), or passes other errors on.
func importFailed(e *env, file string, err error) error {
	var rowErrs ingest.ImportErrors
	if errors.As(err, &rowErrs) {
		fmt.Fprintf(e.stdout, "%s\n%d kesalahan di %s. Tidak ada yang diimpor; perbaiki berkas lalu ulangi.\n", rowErrs, len(rowErrs), file)
		return errReported
	}
	return err
}
