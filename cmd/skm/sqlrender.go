package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/schema"
	"skm/reports"
)

// sqlSample holds representative arguments for one statement, as the Go code sends it; for a
// batch INSERT (column list only) the row appended by the code, rendered as VALUES.
type sqlSample struct {
	args  []any
	named map[string]any // for statements with @name parameters, bound by clickhouse.Named
	row   []any
}

// group renders as a parenthesised list, as clickhouse.GroupSet does.
type group []any

var (
	sampleDay = "2026-10-14"
	sampleAt  = time.Date(2026, 10, 14, 3, 0, 0, 0, time.UTC)
	sampleID  = "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10"
	scopeArgs = []any{"bppd-kalbar", "2026-07-01", "2026-12-31", "", ""}
	// monthNamed are the named arguments of a statement about an agency's month of cases.
	monthNamed = map[string]any{"agency": "bppd-kalbar", "month": "2026-10-01", "first": "2026-10-01", "last": "2026-10-31",
		"end": "2026-10-31 17:00:00", "service": "", "limit": 100, "version": 1,
		"levels": []float64{cases.MedianLevel, cases.P90Level}, "age_bounds": cases.Bounds(cases.AgeBuckets), "duration_bounds": cases.Bounds(cases.DurationBuckets)}
)

// sqlSamples maps every statement the product sends to sample arguments. A statement without
// an entry fails the render, so a new .sql file cannot escape the check.
var sqlSamples = map[string]sqlSample{
	"ingest/cases.Insert": {row: []any{"bppd-kalbar", "REG-2026-0012", "pengaduan", "pengaduan", "sp4n-lapor", "normatif", "diterima",
		sampleAt, sampleDay, nil, nil, 5, "hari_kerja", sampleAt, nil, nil, "Yohanes", "LAPOR-1", sampleAt, 1}},
	"ingest/cases.Current":      {args: []any{"bppd-kalbar"}},
	"ingest/cases.MaxNumber":    {args: []any{10, "bppd-kalbar", "REG-2026-%"}},
	"ingest/cases.ImportCommit": {args: []any{"00112233aabbccdd"}},
	"ingest/cases.ImportDrop":   {args: []any{"00112233aabbccdd"}},
	"ingest/cases.ImportInsert": {row: []any{"00112233aabbccdd", "bppd-kalbar", "REG-2026-0012", "pengaduan", "pengaduan", "sp4n-lapor", "normatif", "diterima",
		sampleAt, sampleDay, nil, nil, 5, "hari_kerja", sampleAt, nil, nil, "Yohanes", "LAPOR-1", sampleAt, 1}},
	"ingest/caseMonth.Refresh":             {named: monthNamed},
	"ingest/caseMonth.RefreshOverdue":      {named: monthNamed},
	"ingest/caseMonth.MarkAll":             {args: []any{1}},
	"ingest/caseMonth.Dirty":               {row: []any{"bppd-kalbar", "2026-10-01", 1}},
	"ingest/caseMonth.Pending":             {args: []any{0}},
	"ingest/caseMonth.Done":                {},
	"ingest/cases.Open":                    {args: []any{"", ""}},
	"ingest/holidays.Current":              {},
	"ingest/holidays.Insert":               {row: []any{"", sampleDay, 1, "libur_daerah", "Hari jadi", sampleAt, "admin", 1}},
	"ingest/responses.Count":               {args: []any{"bppd-kalbar"}},
	"ingest/followups.Insert":              {row: []any{"bppd-kalbar", "2026-S1", sampleID, "U3", "Papan standar waktu", "2026-Q4", "Kasubbag", "berjalan", 30, "", sampleAt, "staf", 1, 0}},
	"ingest/schema/migrate.Applied":        {},
	"ingest/schema/migrate.CreateDatabase": {},
	"ingest/schema/migrate.CreateTable":    {},
	"ingest/schema/migrate.LockCreate":     {},
	"ingest/schema/migrate.LockDrop":       {},
	"ingest/schema/migrate.LockInfo":       {},
	"ingest/schema/migrate.LockOwner":      {},
	"ingest/schema/migrate.LockRecord":     {row: []any{"host pid 1", sampleAt}},
	"ingest/schema/migrate.Record":         {row: []any{99, "sample", "0000", sampleAt, "host pid 1"}},
	"ingest/population.Insert":             {row: []any{"bppd-kalbar", "2026-S2", "", 150, sampleAt, "staf", 1}},
	"ingest/publications.Insert":           {row: []any{"bppd-kalbar", "2026-S1", sampleID, "situs web", "https://x.go.id", sampleDay, sampleAt, "staf", 1, 0}},
	"ingest/responses.Insert":              {row: []any{"bppd-kalbar", "konsultasi", sampleID, sampleAt, sampleDay, "web", 4, 3, 3, 4, 3, 4, 4, 2, 3, 34, "P", "SMA", "PNS", "Baik", group{"info"}, group{"Teman"}, sampleAt}},
	"ingest/responses.KnownIDs":            {},
	"ingest/responses.KnownRaw":            {args: []any{"bppd-kalbar", sampleDay, sampleDay}},
	"ingest/rollup.Delete":                 {args: []any{"bppd-kalbar", "2026-01-01", "2026-12-31"}},
	"ingest/rollup.Insert":                 {args: []any{"bppd-kalbar", "2026-01-01", "2026-12-31"}},
	"ingest/rollup.DeleteProfile":          {args: []any{"bppd-kalbar", "2026-01-01", "2026-12-31"}},
	"ingest/rollup.DeleteSaran":            {args: []any{"bppd-kalbar", "2026-01-01", "2026-12-31"}},
	"ingest/rollup.InsertSaran":            {args: []any{"bppd-kalbar", "2026-01-01", "2026-12-31"}},
	"ingest/rollup.InsertProfile":          {args: []any{"bppd-kalbar", "2026-01-01", "2026-12-31"}},
	"ingest/rollup.PendingMutations":       {},
	"ingest/bursts.Months":                 {args: []any{"bppd-kalbar", sampleAt}},
	"ingest/bursts.Tally":                  {args: []any{"bppd-kalbar", "2026-07-01", "2026-12-31", sampleAt}},
	"ingest/periods.Published":             {args: []any{"bppd-kalbar"}},
	"ingest/periods.Reopened":              {args: []any{"bppd-kalbar"}},
	"ingest/periods.Reopen":                {row: []any{"bppd-kalbar", "2026-S1", sampleID, "kuesioner kertas terlambat", "kepala-kalbar", sampleAt, sampleAt, 1}},
	"ingest/rollup.RepairDaily":            {args: []any{"bppd-kalbar", "2026-10-01", "2026-10-31", "bppd-kalbar", "2026-10-01", "2026-10-31"}},
	"ingest/rollup.RepairProfile":          {args: []any{"bppd-kalbar", "2026-10-01", "2026-10-31", "bppd-kalbar", "2026-10-01", "2026-10-31"}},
	"ingest/rollup.RepairSaran":            {args: []any{"bppd-kalbar", "2026-10-01", "2026-10-31", "bppd-kalbar", "2026-10-01", "2026-10-31"}},
	"ingest/responses.InsertIDs":           {row: []any{sampleID, "bppd-kalbar", "konsultasi", sampleDay}},
	"ingest/rollup.Verify":                 {args: []any{"", "", "2026-01-01", "2026-12-31", "", "", "2026-01-01", "2026-12-31"}},
	"ingest/tokens.Insert":                 {row: []any{"0011223344556677", "bppd-kalbar", "tes", "ab12", sampleAt, 0, 1}},
	"ingest/users.Insert":                  {row: []any{"kepala-kalbar", "bppd-kalbar", "head", "Kepala", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", 0, sampleAt, "admin", 1}},
	"ingest/sessions.Revoke":               {row: []any{"0123456789abcdef0123456789abcdef", sampleAt, sampleAt}},
	"ingest/audit.Insert":                  {row: []any{sampleAt, 1, "bppd-kalbar", "kepala-kalbar", "head", "login", "", "", "abc-1"}},
	"reports/CaseSummary":                  {named: monthNamed},
	"reports/CaseSummaryRaw":               {named: monthNamed},
	"reports/OverdueCases":                 {named: monthNamed},
	"reports/Revision":                     {args: []any{"bppd-kalbar", "2026-01-01", "2026-06-30", sampleAt}},
	"reports/FollowUps":                    {args: []any{"bppd-kalbar", "2026-S1"}},
	"reports/IKM":                          {args: scopeArgs},
	"reports/IKMByMonth":                   {args: scopeArgs},
	"reports/IKMByService":                 {args: scopeArgs},
	"reports/IKMRaw":                       {args: scopeArgs},
	"reports/Population":                   {args: []any{"bppd-kalbar", "2026-07-01", "2026-12-31", "", "", "bppd-kalbar", "2026-07-01", "2026-12-31"}},
	"reports/PopulationRaw":                {args: scopeArgs},
	"reports/PopulationEstimate":           {args: []any{"bppd-kalbar", "2026-S2", ""}},
	"reports/Profile":                      {args: scopeArgs},
	"reports/ProfileRaw":                   {args: scopeArgs},
	"reports/Publications":                 {args: []any{"bppd-kalbar", "2026-S1"}},
	"reports/Saran":                        {args: append(append([]any{}, scopeArgs...), 20, 0)},
	"reports/TokenHash":                    {args: []any{"0011223344556677"}},
	"reports/User":                         {args: []any{"kepala-kalbar"}},
	"reports/CaseList":                     {named: map[string]any{"agency": "bppd-kalbar", "first": "2026-10-01", "last": "2026-10-31", "id": "", "status": "diproses", "text": "REG", "limit": 200}},
	"reports/CasesExport":                  {args: []any{"bppd-kalbar", "2026-10-01", "2026-10-31"}},
	"reports/ResponsesExport":              {args: scopeArgs},
	"reports/Users":                        {},
	"reports/AuditLog":                     {args: []any{"bppd-kalbar", "bppd-kalbar", "login.refused", "login.refused", 50}},
	"reports/RevokedSessions":              {args: []any{"2026-10-14 03:00:00"}},
	"reports/ResponsesByDay":               {args: scopeArgs},
	"reports/OnTimeByMonth":                {named: map[string]any{"agency": "bppd-kalbar", "first": "2025-11-01", "last": "2026-10-31", "service": ""}},
	"reports/OverdueCasesComputed":         {named: monthNamed},
	"reports/CaseMonthsComputed":           {args: []any{"bppd-kalbar"}},
	"reports/OnTimeByMonthRaw":             {named: map[string]any{"agency": "bppd-kalbar", "first": "2025-11-01", "last": "2026-10-31", "service": ""}},
}

// quoteSQL renders a sample argument as a ClickHouse literal.
func quoteSQL(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(x) + "'"
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []float64:
		return quoteList(x)
	case []uint32:
		return quoteList(x)
	case time.Time:
		return "'" + x.UTC().Format(time.DateTime) + "'"
	case group:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = quoteSQL(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic(fmt.Sprintf("sql render: no literal for %T", v))
}

// quoteList renders a list of numbers as a ClickHouse array literal.
func quoteList[T uint32 | float64](list []T) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = fmt.Sprint(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

var namedParam = regexp.MustCompile(`@[A-Za-z_][A-Za-z0-9_]*`)

// inlineNamed replaces the statement's @name parameters with the sample's named arguments.
func inlineNamed(stmt string, named map[string]any) (string, error) {
	var missing error
	out := namedParam.ReplaceAllStringFunc(stmt, func(p string) string {
		v, ok := named[p[1:]]
		if !ok {
			missing = fmt.Errorf("no sample argument for %s", p)
		}
		return quoteSQL(v)
	})
	return out, missing
}

// inline replaces the statement's ? placeholders with the sample arguments, in order.
func inline(stmt string, args []any) (string, error) {
	var b strings.Builder
	n := 0
	for _, r := range stmt {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		if n >= len(args) {
			return "", fmt.Errorf("more placeholders than sample arguments")
		}
		b.WriteString(quoteSQL(args[n]))
		n++
	}
	if n != len(args) {
		return "", fmt.Errorf("%d placeholders but %d sample arguments", n, len(args))
	}
	return b.String(), nil
}

// runSQLRender writes, for the check on a current ClickHouse release (chDB), every
// migration and every statement the product sends, with sample arguments inlined and {db}
// left for the runner to fill in: DIR/00-migrations.sql, DIR/10-statements.sql.
func runSQLRender(_ context.Context, e *env, args []string) error {
	f := newFlagSet(e, "sql-render", "DIR", "Writes every migration and every statement skm sends, with sample arguments, for the check on a current ClickHouse release.")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return usagef("expected: skm sql-render DIR")
	}
	dir := f.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ms, err := schema.Migrations()
	if err != nil {
		return err
	}
	var mig strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&mig, "-- %s\n", m.File)
		for _, s := range m.Statements {
			mig.WriteString(s + ";\n")
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "00-migrations.sql"), []byte(mig.String()), 0o644); err != nil {
		return err
	}
	var out strings.Builder
	// The external table the intake's id checks send with their query.
	out.WriteString("-- stand-ins for the external tables sent with responses.Known* and cases.Current\n" +
		"CREATE TABLE batch_ids (id UUID) ENGINE = Memory;\nCREATE TABLE case_ids (id String) ENGINE = Memory;\n")
	// The runner creates its table before anything reads it.
	create, _ := schema.Query("migrate.CreateTable", "{db}")
	fmt.Fprintf(&out, "-- ingest/schema/migrate.CreateTable\n%s;\n", create)
	seen := map[string]bool{}
	for _, side := range []struct {
		prefix string
		names  []string
		get    func(name, db string) (string, bool)
	}{
		{"ingest", ingest.QueryNames(), ingest.Query},
		{"ingest/schema", schema.QueryNames(), schema.Query},
		{"reports", reports.QueryNames(), reports.Query},
	} {
		for _, name := range side.names {
			key := side.prefix + "/" + name
			seen[key] = true
			sample, ok := sqlSamples[key]
			if !ok {
				return fmt.Errorf("statement %s has no sample arguments in cmd/skm/sqlrender.go", key)
			}
			stmt, _ := side.get(name, "{db}")
			if strings.HasPrefix(name, "migrate.Lock") || name == "migrate.CreateDatabase" || name == "migrate.CreateTable" {
				continue // run in the runner's order, above and below; the database is made by the check
			}
			render := func(stmt string) (string, error) { return inline(stmt, sample.args) }
			if sample.named != nil {
				render = func(stmt string) (string, error) { return inlineNamed(stmt, sample.named) }
			}
			rendered, err := render(stmt)
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			if sample.row != nil {
				vals := make([]string, len(sample.row))
				for i, v := range sample.row {
					vals[i] = quoteSQL(v)
				}
				rendered += " VALUES (" + strings.Join(vals, ", ") + ")"
			}
			fmt.Fprintf(&out, "-- %s\n%s;\n", key, rendered)
		}
	}
	// The migration lock's life cycle, in order.
	for _, name := range []string{"migrate.LockCreate", "migrate.LockRecord", "migrate.LockInfo", "migrate.LockOwner", "migrate.LockDrop"} {
		stmt, _ := schema.Query(name, "{db}")
		if s := sqlSamples["ingest/schema/"+name]; s.row != nil {
			vals := make([]string, len(s.row))
			for i, v := range s.row {
				vals[i] = quoteSQL(v)
			}
			stmt += " VALUES (" + strings.Join(vals, ", ") + ")"
		}
		fmt.Fprintf(&out, "-- ingest/schema/%s\n%s;\n", name, stmt)
	}
	for key := range sqlSamples {
		if !seen[key] {
			return fmt.Errorf("sample arguments for %s, which no longer exists", key)
		}
	}
	return os.WriteFile(filepath.Join(dir, "10-statements.sql"), []byte(out.String()), 0o644)
}
