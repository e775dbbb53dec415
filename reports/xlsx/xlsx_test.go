package xlsx_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/ingest/demodata"
	"skm/ingest/ingesttest"
	"skm/reports"
	"skm/reports/xlsx"
	"skm/reports/xlsx/xlsxtest"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

func TestMain(m *testing.M) { chtest.Main(m) }

func agencies(t *testing.T) (*standard.Set, *standard.Agency, *standard.Agency) {
	t.Helper()
	set := standardtest.Examples(t)
	kalbar, _ := set.Agency("bppd-kalbar")
	ntt, _ := set.Agency("bppd-ntt")
	return set, kalbar, ntt
}

// demo is a fresh database with fourteen months of demo history of bppd-kalbar up to now,
// 15 November 2026.
func demo(t *testing.T) (*chtest.DB, *standard.Agency, time.Time) {
	t.Helper()
	db := chtest.NewDB(t)
	set, a, _ := agencies(t)
	now := time.Date(2026, 11, 15, 10, 0, 0, 0, a.Location)
	if _, err := demodata.Seed(context.Background(), ingest.NewStore(db.Conn, db.Name), demodata.Options{Agencies: []*standard.Agency{a},
		Set: set, Now: now, Months: 14, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return db, a, now
}

func write(t *testing.T, name string, build func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := build(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SKM_KEEP_XLSX"); dir != "" { // to look at them
		_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+name), buf.Bytes(), 0o644)
	}
	return path
}

func num(t *testing.T, v any, what string) float64 {
	t.Helper()
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("%s: %v (%T) is not a number", what, v, v)
	}
	return f
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func period(t *testing.T, code string) survey.Period {
	t.Helper()
	p, err := survey.ParsePeriod(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkPrint checks every sheet is set up for A4, fit to one page wide, with the page
// numbers in the footer.
func checkPrint(t *testing.T, wb *xlsxtest.Workbook) {
	t.Helper()
	for _, s := range wb.Sheets {
		if s.PaperSize == nil || *s.PaperSize != 9 || s.FitToWidth == nil || *s.FitToWidth != 1 || s.FitToHeight == nil ||
			*s.FitToHeight != 0 || !s.FitToPage || (s.Orientation != "landscape" && s.Orientation != "portrait") {
			t.Errorf("sheet %s is not set for A4 fit to width: paper %v, width %v, height %v, fit %v, %s", s.Name,
				s.PaperSize, s.FitToWidth, s.FitToHeight, s.FitToPage, s.Orientation)
		}
		if !strings.Contains(s.Footer, "Halaman &P dari &N") {
			t.Errorf("sheet %s footer %q has no page numbers", s.Name, s.Footer)
		}
	}
}

// checkPDF prints the workbook with LibreOffice: every page A4, at least one per sheet.
func checkPDF(t *testing.T, path string, sheets int) {
	t.Helper()
	pdf := xlsxtest.Convert(t, path, "pdf")
	if n := xlsxtest.PDFPages(t, pdf); n < sheets {
		t.Errorf("PDF of %s has %d pages for %d sheets", filepath.Base(path), n, sheets)
	}
	for _, size := range xlsxtest.PDFPageSizes(t, pdf) {
		if size != "842×595" && size != "595×842" {
			t.Errorf("PDF of %s has a page of %s points, not A4", filepath.Base(path), size)
		}
	}
	// A column too narrow for its value prints "###" instead of it (dates, above all).
	if text := xlsxtest.PDFText(t, pdf); strings.Contains(text, "###") {
		i := strings.Index(text, "###")
		t.Errorf("PDF of %s prints ### for a value too wide for its column: …%s…", filepath.Base(path), text[max(0, i-80):min(len(text), i+40)])
	}
}

func TestMonthlyWorkbookEqualsTheQuerier(t *testing.T) {
	db, a, now := demo(t)
	ctx := context.Background()
	if err := ingest.NewStore(db.Conn, db.Name).SaveFollowUp(ctx, &survey.FollowUp{ID: uuid.NewString(), Agency: a.Code, Period: "2026-S2",
		Element: "U3", Action: "Percepat verifikasi & layanan", TargetQuarter: "2026-Q4", PersonInCharge: "Sekretaris",
		Status: survey.StatusDone, Progress: 100, UpdatedAt: now, UpdatedBy: "test"}, false); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	month := period(t, "2026-10")
	path := write(t, "bulanan.xlsx", func(b *bytes.Buffer) error { return xlsx.Monthly(ctx, q, a, month, now, b) })
	wb := xlsxtest.Read(t, path, false, true)
	want := []string{"Ringkasan", "Layanan", "Pengaduan", "SKM Berjalan", "Kasus Terlambat", "Tindak Lanjut", "Keputusan Rapat", "Saran"}
	if !slices.Equal(wb.Order, want) {
		t.Fatalf("sheets %v, want %v", wb.Order, want)
	}
	checkPrint(t, wb)

	// The survey so far (July to October), counted by another question than the report's.
	months, err := q.IKMByMonth(ctx, survey.Scope{Agency: a.Code, Period: period(t, "2026-S2")})
	if err != nil {
		t.Fatal(err)
	}
	var upTo, oct survey.Tally
	for _, m := range months {
		if !m.Month.After(month) {
			reports.AddTally(&upTo, m.Tally)
		}
		if m.Month == month {
			oct = m.Tally
		}
	}
	k := survey.Compute(upTo)
	if !k.Complete || upTo.Respondents == 0 {
		t.Fatalf("demo data has no survey: %+v", upTo)
	}
	sum := wb.Sheet(t, "Ringkasan")
	if got := num(t, sum.Right(t, reports.KPIPeriodIKM, 1), "IKM"); got != k.RoundedFloat() {
		t.Errorf("IKM of the period so far %v, want %v", got, k.RoundedFloat())
	}
	if got := num(t, sum.Right(t, reports.KPIMonthIKM, 1), "IKM month"); got != survey.Compute(oct).RoundedFloat() {
		t.Errorf("IKM of October %v, want %v", got, survey.Compute(oct).RoundedFloat())
	}
	if got := num(t, sum.Right(t, reports.KPIRespondents, 1), "respondents"); got != float64(upTo.Respondents) {
		t.Errorf("respondents %v, want %d", got, upTo.Respondents)
	}
	if got := num(t, sum.Right(t, reports.KPIPeriodIKM, 6), "target"); got != a.Targets.IKM {
		t.Errorf("IKM target %v, want %v", got, a.Targets.IKM)
	}
	// Cases, against a direct count from the cases.
	cur, err := q.CaseSummaryRaw(ctx, a.Code, month, "", a.Location)
	if err != nil {
		t.Fatal(err)
	}
	prev, err := q.CaseSummaryRaw(ctx, a.Code, month.Previous(), "", a.Location)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Received == 0 || cur.Completed == 0 || cur.Complaints.Received == 0 {
		t.Fatalf("demo data has too few cases: %+v", cur.CaseStats)
	}
	// Figures as shown (a percentage to 0,1, hours to 0,1 h), and their changes computed from
	// them, as the dashboard words them: "94,1 % after 95,6 %" is "-1,5 poin".
	r1 := func(v float64) float64 { return math.Round(v*10) / 10 }
	pct := func(st reports.CaseStats) float64 { return r1(100 * float64(st.OnTime) / float64(st.WithLimit)) }
	for _, c := range []struct {
		label     string
		cur, prev float64
		percent   bool
	}{
		{reports.KPIReceived, float64(cur.Received), float64(prev.Received), false},
		{reports.KPICompleted, float64(cur.Completed), float64(prev.Completed), false},
		{reports.KPIOnTime, pct(cur.CaseStats), pct(prev.CaseStats), true},
		{reports.KPIMedian, r1(cur.MedianMinutes / 60), r1(prev.MedianMinutes / 60), false},
		{reports.KPIP90, r1(cur.P90Minutes / 60), r1(prev.P90Minutes / 60), false},
		{reports.KPIOpen, float64(cur.OpenAtEnd), float64(prev.OpenAtEnd), false},
		{reports.KPIOverdue, float64(cur.OverdueAtEnd), float64(prev.OverdueAtEnd), false},
		{reports.KPIComplaints, float64(cur.Complaints.Received), float64(prev.Complaints.Received), false},
		{reports.KPIComplaintOnTime, pct(cur.Complaints), pct(prev.Complaints), true},
	} {
		got, gotPrev := num(t, sum.Right(t, c.label, 1), c.label), num(t, sum.Right(t, c.label, 2), c.label)
		if c.percent { // stored as a fraction, shown in percent
			got, gotPrev = got*100, gotPrev*100
		}
		if !near(got, c.cur) || !near(gotPrev, c.prev) {
			t.Errorf("%s: %v (previous %v), want %v (%v)", c.label, got, gotPrev, c.cur, c.prev)
		}
		if d := num(t, sum.Right(t, c.label, 3), c.label); !near(d, r1(c.cur-c.prev)) {
			t.Errorf("%s: change %v, want %v", c.label, d, r1(c.cur-c.prev))
		}
		// A count changes by whole cases ("+267", not "+267,00"); a percentage in points.
		format := sum.RightFormat(t, c.label, 3)
		switch {
		case c.percent && !strings.Contains(format, "poin"):
			t.Errorf("%s: change formatted %q, want percentage points", c.label, format)
		case !c.percent && c.cur == math.Trunc(c.cur) && c.label != reports.KPIMedian && c.label != reports.KPIP90 && strings.Contains(format, "."):
			t.Errorf("%s: a count's change formatted %q, with decimals", c.label, format)
		}
	}
	// October 2025 beside it, counted by the same other questions: the month's cases, and
	// Semester II 2025 up to the end of October 2025 (the demo's history starts that month, and
	// November and December 2025 are after the point).
	lastYear := reports.YearBefore(month)
	if sum.Right(t, "Indikator", 4) != "Oktober 2025" || sum.Right(t, "Indikator", 5) != "Perubahan setahun" {
		t.Errorf("summary header: %v, %v; want the same month last year and its change", sum.Right(t, "Indikator", 4), sum.Right(t, "Indikator", 5))
	}
	agoCases, err := q.CaseSummaryRaw(ctx, a.Code, lastYear, "", a.Location)
	if err != nil {
		t.Fatal(err)
	}
	agoMonths, err := q.IKMByMonth(ctx, survey.Scope{Agency: a.Code, Period: period(t, "2025-S2")})
	if err != nil {
		t.Fatal(err)
	}
	var agoUpTo, agoOct survey.Tally
	for _, m := range agoMonths {
		if !m.Month.After(lastYear) {
			reports.AddTally(&agoUpTo, m.Tally)
		}
		if m.Month == lastYear {
			agoOct = m.Tally
		}
	}
	if agoCases.Received == 0 || agoUpTo.Respondents == 0 || len(agoMonths) < 2 {
		t.Fatalf("demo data has no October 2025 or no later month of its semester: %d cases, %d respondents, %d months",
			agoCases.Received, agoUpTo.Respondents, len(agoMonths))
	}
	for _, c := range []struct {
		label    string
		now, ago float64
	}{
		{reports.KPIPeriodIKM, k.RoundedFloat(), survey.Compute(agoUpTo).RoundedFloat()},
		{reports.KPIMonthIKM, survey.Compute(oct).RoundedFloat(), survey.Compute(agoOct).RoundedFloat()},
		{reports.KPIRespondents, float64(upTo.Respondents), float64(agoUpTo.Respondents)},
		{reports.KPIReceived, float64(cur.Received), float64(agoCases.Received)},
		{reports.KPIOnTime, pct(cur.CaseStats), pct(agoCases.CaseStats)},
		{reports.KPIMedian, r1(cur.MedianMinutes / 60), r1(agoCases.MedianMinutes / 60)},
		{reports.KPIOpen, float64(cur.OpenAtEnd), float64(agoCases.OpenAtEnd)},
	} {
		got, change := num(t, sum.Right(t, c.label, 4), c.label), num(t, sum.Right(t, c.label, 5), c.label)
		if c.label == reports.KPIOnTime {
			got = got * 100
		}
		if !near(got, c.ago) || !near(change, math.Round((c.now-c.ago)*100)/100) {
			t.Errorf("%s: October 2025 %v, change %v; want %v, %v", c.label, got, change, c.ago, c.now-c.ago)
		}
	}
	// The follow-up plan is not compared: "–", and the note says so.
	if got := sum.Right(t, reports.KPIFollowUps, 4); got != "–" {
		t.Errorf("follow-ups a year ago: %v, want –", got)
	}
	if got, _ := sum.Right(t, reports.KPIFollowUps, 8).(string); !strings.HasSuffix(got, "Oktober 2025: tidak dibandingkan") {
		t.Errorf("follow-ups' note %q", got)
	}
	if got := num(t, sum.Right(t, reports.KPIFollowUps, 1), "follow-ups"); got != 1 {
		t.Errorf("follow-ups done %v, want 1 (100 %%)", got)
	}
	if _, _, ok := sum.Find(a.Head.Name); !ok {
		t.Errorf("no signature with the head's name %q", a.Head.Name)
	}
	if _, _, ok := sum.Find(strings.ToUpper(a.Name)); !ok {
		t.Errorf("no letterhead with %q", a.Name)
	}
	if sum.PrintTitleRows == "" || sum.Formats["C10"] != "0.00" && !strings.Contains(sum.Formats["C10"], "0.00") {
		t.Errorf("summary: print titles %q, IKM format %q", sum.PrintTitleRows, sum.Formats["C10"])
	}
	// Services: every service's row against the count.
	svc := wb.Sheet(t, "Layanan")
	for _, g := range cur.ByService {
		name := g.Key
		if s, ok := a.Service(g.Key); ok {
			name = s.Name
		}
		if got := num(t, svc.Right(t, name, 2), name); got != float64(g.Received) {
			t.Errorf("service %s received %v, want %d", name, got, g.Received)
		}
		if got := num(t, svc.Right(t, name, 5), name); got != float64(g.OnTime) {
			t.Errorf("service %s on time %v, want %d", name, got, g.OnTime)
		} // Cases with deadlines (complaints take theirs from their class) have a standard.
		if limit := svc.Right(t, name, 1); g.WithLimit > 0 && limit == "tanpa standar waktu" {
			t.Errorf("service %s: %d cases with deadlines, labelled %q", name, g.WithLimit, limit)
		}
	}
	if svc.Charts != 1 {
		t.Errorf("services sheet has %d charts, want 1", svc.Charts)
	}
	// Complaints by channel add up to the complaints.
	comp := wb.Sheet(t, "Pengaduan")
	var byChannel float64
	for _, g := range cur.ComplaintsByChannel {
		byChannel += num(t, comp.Right(t, standard.ChannelName(g.Key), 1), g.Key)
	}
	if byChannel != float64(cur.Complaints.Received) || len(cur.ComplaintsByChannel) == 0 {
		t.Errorf("complaints by channel sum to %v, want %d", byChannel, cur.Complaints.Received)
	}
	// The survey so far: each element's NRR.
	skm := wb.Sheet(t, "SKM Berjalan")
	for _, e := range k.Elements {
		if got := num(t, skm.Right(t, e.Element.Code(), 4), e.Element.Code()); !near(got, e.NRRFloat()) {
			t.Errorf("NRR %s %v, want %v", e.Element.Code(), got, e.NRRFloat())
		}
	}
	if skm.Charts != 2 {
		t.Errorf("survey sheet has %d charts, want 2", skm.Charts)
	}
	// The trend starts with the first period with respondents: the demo's history begins in
	// Semester II 2025, so the empty semesters before it are left out.
	if col, row, ok := skm.Find("Periode"); !ok || skm.Cells[fmt.Sprintf("%s%d", col, row+1)] != "Semester II 2025" ||
		num(t, skm.Cells[fmt.Sprintf("C%d", row+1)], "respondents of Semester II 2025") == 0 {
		t.Errorf("the IKM trend does not start with Semester II 2025 and its respondents")
	}
	for _, empty := range []string{"Semester I 2024", "Semester II 2024", "Semester I 2025"} {
		if _, _, ok := skm.Find(empty); ok {
			t.Errorf("the IKM trend lists %s, which has no respondents", empty)
		}
	}
	over := wb.Sheet(t, "Kasus Terlambat")
	listed := 0
	for ref := range over.Cells {
		if strings.HasPrefix(ref, "B") && ref != "B9" {
			listed++
		}
	}
	if want := min(int(cur.OverdueAtEnd), xlsx.MaxListed); listed != want {
		t.Errorf("overdue sheet lists %d cases, want %d", listed, want)
	}
	if _, _, ok := wb.Sheet(t, "Tindak Lanjut").Find("Percepat verifikasi & layanan"); !ok {
		t.Error("follow-up item missing")
	}
	checkPDF(t, path, len(want))
}

// The hand-computed example: three respondents of NTT in 2026-S1, one paper form with U3
// blank. U1 (4+3+3)/3, U2 (4+3+2)/3 = 3, U3 (4+3)/2 = 3,5, U4 (4+3+4)/3, U5…U9 10/3 each:
// the NRRs sum to 181/6, the index is 181/54, the IKM 4525/54 = 83,796… → 83,80, B (Baik).
// 2025-S2 had two respondents answering 3 everywhere: IKM 75,00, so the change is +8,80.
func TestSemesterWorkbookFormulasGiveTheHandComputedIKM(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	_, _, a := agencies(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	row := func(date time.Time, answers [9]uint8, saran string) ingest.ResponseRow {
		r := ingesttest.WithProfile(ingesttest.Response(a.Code, a.Services[0].Code, date.Add(3*time.Hour), answers))
		r.Channel, r.Saran, r.IngestedAt = "paper", saran, date
		return r
	}
	rows := []ingest.ResponseRow{
		row(day(2026, 2, 13), [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}, "=HYPERLINK(\"http://x\";\"klik\")"),
		row(day(2026, 3, 4), [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}, ""),
		row(day(2026, 5, 6), [9]uint8{3, 2, 0, 4, 3, 3, 3, 3, 3}, "Antrian lebih tertib"),
		row(day(2025, 8, 1), [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}, ""),
		row(day(2025, 9, 1), [9]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}, ""),
	}
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, rows); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	now := time.Date(2026, 7, 2, 9, 0, 0, 0, a.Location)
	path := write(t, "skm.xlsx", func(b *bytes.Buffer) error {
		return xlsx.Semester(ctx, q, a, period(t, "2026-S1"), now, b, nil)
	})
	// LibreOffice computes every formula again; its results must be the hand-computed ones.
	recalc := xlsxtest.Read(t, xlsxtest.Convert(t, path, "xlsx"), false, true)
	cached := xlsxtest.Read(t, path, false, true)
	formulas := xlsxtest.Read(t, path, true, true)
	for name, wb := range map[string]*xlsxtest.Workbook{"LibreOffice": recalc, "cached": cached} {
		p := wb.Sheet(t, xlsx.SheetProcessing)
		if got := num(t, p.Right(t, xlsx.RowRounded, 3), name); got != 83.80 {
			t.Errorf("%s: IKM %v, want 83,80", name, got)
		}
		if got := num(t, p.Right(t, xlsx.RowIKM, 3), name); !near(got, 4525.0/54) {
			t.Errorf("%s: exact IKM %v, want %v", name, got, 4525.0/54)
		}
		if got := num(t, p.Right(t, xlsx.RowIndex, 3), name); !near(got, 181.0/54) {
			t.Errorf("%s: index %v, want %v", name, got, 181.0/54)
		}
		if got := p.Right(t, xlsx.RowMutu, 3); got != "B" {
			t.Errorf("%s: mutu %v, want B", name, got)
		}
		if got := p.Right(t, xlsx.RowKinerja, 3); got != "Baik" {
			t.Errorf("%s: kinerja %v, want Baik", name, got)
		}
		// U3 is column F: 7 over 2 answers.
		if s, n, nrr := num(t, p.Right(t, xlsx.RowSum, 5), name), num(t, p.Right(t, xlsx.RowAnswers, 5), name),
			num(t, p.Right(t, xlsx.RowNRR, 5), name); s != 7 || n != 2 || nrr != 3.5 {
			t.Errorf("%s: U3 sum %v answers %v NRR %v, want 7, 2, 3.5", name, s, n, nrr)
		}
		if w := num(t, p.Right(t, xlsx.RowWeighted, 5), name); !near(w, 3.5/9) {
			t.Errorf("%s: U3 weighted %v, want 3,5/9", name, w)
		}
		if got := num(t, p.Right(t, xlsx.RowElemIKM, 5), name); got != 87.5 {
			t.Errorf("%s: U3 IKM %v, want 87,50", name, got)
		}
		sum := wb.Sheet(t, xlsx.SheetSummary)
		if got := num(t, sum.Right(t, xlsx.SummaryIKM, 1), name); got != 83.80 {
			t.Errorf("%s: summary IKM %v", name, got)
		}
		cmp := wb.Sheet(t, "Perbandingan")
		if got := num(t, cmp.Right(t, "IKM", 7), name); !near(got, 8.80) {
			t.Errorf("%s: change of IKM %v, want +8,80", name, got)
		}
	}
	p := formulas.Sheet(t, xlsx.SheetProcessing)
	if f := p.Right(t, xlsx.RowWeighted, 5); f != "=F10/9" {
		t.Errorf("weighted NRR formula %v, want =F10/9 (weight exactly 1/9)", f)
	}
	if f, _ := p.Right(t, xlsx.RowAnswers, 3).(string); !strings.HasPrefix(f, "=COUNT(D5:D7)") {
		t.Errorf("answers formula %v", f)
	}
	// The blank of the paper form stays blank; the respondents are rows 5 to 7.
	if v, ok := p.Cells["F7"]; ok {
		t.Errorf("unanswered U3 written as %v", v)
	}
	// Print settings of the streamed sheet survived: A4 landscape, fit to width, header row
	// repeated, frozen panes.
	if p.Orientation != "landscape" || p.PrintTitleRows != "$4:$4" && p.PrintTitleRows != "4:4" || p.Freeze != "D5" {
		t.Errorf("per-respondent sheet print settings: %s, titles %q, freeze %q", p.Orientation, p.PrintTitleRows, p.Freeze)
	}
	checkPrint(t, cached)
	prof := cached.Sheet(t, "Profil Responden")
	if got := num(t, prof.Right(t, "Perempuan", 1), "profile"); got != 3 {
		t.Errorf("profile: %v women, want 3", got)
	}
	if _, _, ok := cached.Sheet(t, "Saran").Find("Antrian lebih tertib"); !ok {
		t.Error("saran missing")
	}
	checkPDF(t, path, len(cached.Sheets))
	if _, _, ok := cached.Sheet(t, xlsx.SheetSummary).Find(xlsx.SummaryRevised); ok {
		t.Error("an unrevised period is marked revised")
	}
	if _, _, ok := cached.Sheet(t, xlsx.SheetSummary).Find(reports.ProvisionalNote); ok {
		t.Error("the report of an ended period is marked provisional")
	}

	// The same period before its end: SEMENTARA in the title and on every printed page, and
	// no signature block.
	running := write(t, "skm-running.xlsx", func(b *bytes.Buffer) error {
		return xlsx.Semester(ctx, q, a, period(t, "2026-S1"), time.Date(2026, 5, 10, 9, 0, 0, 0, a.Location), b, nil)
	})
	sum := xlsxtest.Read(t, running, false, true).Sheet(t, xlsx.SheetSummary)
	if _, _, ok := sum.Find(reports.ProvisionalNote); !ok {
		t.Error("the report of a running period is not marked provisional")
	}
	if _, _, ok := sum.Find(a.Head.Title); ok {
		t.Error("the report of a running period has a signature block")
	}
	pdf := xlsxtest.Convert(t, running, "pdf")
	if pages, marks := xlsxtest.PDFPages(t, pdf), strings.Count(xlsxtest.PDFText(t, pdf), reports.Provisional); marks < pages {
		t.Errorf("%d pages but SEMENTARA printed %d times", pages, marks)
	}

	// Published on 1 July; a paper form typed in after a reopening on 5 July revises it.
	if err := ingest.NewStore(db.Conn, db.Name).SavePublication(ctx, &survey.Publication{Agency: a.Code, Period: "2026-S1", Medium: "situs web",
		Location: "https://x.go.id", PublishedOn: day(2026, 7, 1), RecordedAt: day(2026, 7, 1).Add(2 * time.Hour), RecordedBy: "staf"}, false); err != nil {
		t.Fatal(err)
	}
	late := row(day(2026, 6, 20), [9]uint8{4, 4, 4, 4, 4, 4, 4, 4, 4}, "")
	late.IngestedAt = day(2026, 7, 5).Add(3 * time.Hour)
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, []ingest.ResponseRow{late}); err != nil {
		t.Fatal(err)
	}
	revised := write(t, "skm-revised.xlsx", func(b *bytes.Buffer) error {
		return xlsx.Semester(ctx, q, a, period(t, "2026-S1"), now.AddDate(0, 0, 5), b, nil)
	})
	if got := xlsxtest.Read(t, revised, false, true).Sheet(t, xlsx.SheetSummary).Right(t, xlsx.SummaryRevised, 1); got !=
		"Hasil periode ini direvisi 5 Juli 2026: 1 respons masuk setelah hasil dipublikasikan 1 Juli 2026" {
		t.Errorf("revised summary: %v", got)
	}
}

func TestSemesterWorkbookOnDemoDataEqualsTheQuerier(t *testing.T) {
	db, a, now := demo(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	s1 := period(t, "2026-S1")
	var progressed int
	path := write(t, "skm.xlsx", func(b *bytes.Buffer) error {
		return xlsx.Semester(ctx, q, a, s1, now, b, func(n int) { progressed = n })
	})
	tally, err := q.IKMRaw(ctx, survey.Scope{Agency: a.Code, Period: s1})
	if err != nil {
		t.Fatal(err)
	}
	k := survey.Compute(tally)
	if progressed != int(tally.Respondents) {
		t.Errorf("progress ended at %d of %d respondents", progressed, tally.Respondents)
	}
	recalc := xlsxtest.Read(t, xlsxtest.Convert(t, path, "xlsx"), false, true)
	p := recalc.Sheet(t, xlsx.SheetProcessing)
	if got := num(t, p.Right(t, xlsx.RowRounded, 3), "IKM"); got != k.RoundedFloat() {
		t.Errorf("IKM computed by LibreOffice %v, ours %v", got, k.RoundedFloat())
	}
	if got := num(t, p.Right(t, xlsx.RowIKM, 3), "IKM"); !near(got, k.Float()) {
		t.Errorf("exact IKM computed by LibreOffice %v, ours %v", got, k.Float())
	}
	for i, e := range k.Elements {
		if got := num(t, p.Right(t, xlsx.RowNRR, 3+i), e.Element.Code()); !near(got, e.NRRFloat()) {
			t.Errorf("NRR %s by LibreOffice %v, ours %v", e.Element.Code(), got, e.NRRFloat())
		}
	}
	if p.MaxRow < int(tally.Respondents)+4 {
		t.Errorf("per-respondent sheet has %d rows for %d respondents", p.MaxRow, tally.Respondents)
	}
	per := recalc.Sheet(t, "Per Layanan")
	services, err := q.IKMByService(ctx, survey.Scope{Agency: a.Code, Period: s1})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range services {
		want := survey.Compute(st.Tally)
		name := st.Service
		if s, ok := a.Service(st.Service); ok {
			name = s.Name
		}
		if !want.Complete {
			continue
		}
		if got := num(t, per.Right(t, name, 11), name); got != want.RoundedFloat() {
			t.Errorf("service %s IKM %v, want %v", name, got, want.RoundedFloat())
		}
	}
	if got := num(t, per.Right(t, "Unit pelayanan (semua layanan)", 11), "unit"); got != k.RoundedFloat() {
		t.Errorf("unit IKM %v, want %v", got, k.RoundedFloat())
	}
	checkProfileOrder(t, recalc.Sheet(t, "Profil Responden"))
}

// checkProfileOrder checks that the profile sheet lists age bands and education levels in
// their natural order, not by count.
func checkProfileOrder(t *testing.T, prof *xlsxtest.Sheet) {
	t.Helper()
	for dim, order := range map[string][]string{"umur": survey.AgeBands, "pendidikan": survey.Educations} {
		last, seen := 0, 0
		for _, v := range order {
			label := reports.ProfileLabel(dim, v)
			if _, row, ok := prof.Find(label); ok {
				if row < last {
					t.Errorf("profile: %q printed above the %s before it", label, dim)
				}
				last, seen = row, seen+1
			}
		}
		if seen < 3 {
			t.Errorf("profile: only %d of %v found, the order is not tested", seen, order)
		}
	}
}

func TestRawExportsSplitSheetsAndWriteCSVForIndonesianExcel(t *testing.T) {
	db, a, _ := demo(t)
	ctx := context.Background()
	paper := ingesttest.Response(a.Code, a.Services[0].Code, time.Date(2026, 10, 2, 3, 0, 0, 0, time.UTC), [9]uint8{3, 0, 3, 3, 3, 3, 3, 3, 3})
	paper.Channel, paper.Saran = "paper", "=1+1; \"kutip\"\nbaris baru"
	if err := ingest.NewStore(db.Conn, db.Name).WriteResponses(ctx, []ingest.ResponseRow{paper}); err != nil {
		t.Fatal(err)
	}
	q := reports.New(db.Conn, db.Name)
	s2 := period(t, "2026-S2")
	tally, err := q.IKMRaw(ctx, survey.Scope{Agency: a.Code, Period: s2})
	if err != nil {
		t.Fatal(err)
	}
	n := int(tally.Respondents)
	defer xlsx.SetMaxDataRows(n/2 + 1)()
	path := write(t, "respons.xlsx", func(b *bytes.Buffer) error { return xlsx.Responses(ctx, q, a, s2, xlsx.XLSX, b, nil) })
	wb := xlsxtest.Read(t, path, false, true)
	if !slices.Equal(wb.Order, []string{"Respons", "Respons (2)"}) {
		t.Fatalf("sheets %v, want two", wb.Order)
	}
	rows := 0
	for _, s := range wb.Sheets {
		rows += s.MaxRow - 1
		if s.Cells["A1"] != "ID" || s.PrintTitleRows == "" || s.Freeze != "A2" {
			t.Errorf("sheet %s: header %v, print titles %q, freeze %q", s.Name, s.Cells["A1"], s.PrintTitleRows, s.Freeze)
		}
	}
	if rows != n {
		t.Errorf("workbook has %d responses, want %d", rows, n)
	}
	checkPrint(t, wb)

	path = write(t, "respons.csv", func(b *bytes.Buffer) error { return xlsx.Responses(ctx, q, a, s2, xlsx.CSV, b, nil) })
	data, _ := os.ReadFile(path)
	if !bytes.HasPrefix(data, []byte("\ufeffID;Tanggal;")) {
		t.Fatalf("CSV starts %q, want a BOM and semicolons", data[:min(len(data), 20)])
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != n+1 {
		t.Errorf("CSV has %d rows, want %d and the header", len(records), n)
	}
	found := false
	for _, rec := range records {
		if rec[18] == "'=1+1; \"kutip\"\nbaris baru" && rec[6] == "" {
			found = true
		}
	}
	if !found {
		t.Error("the saran starting with = is not neutralised, or the blank U2 is not empty")
	}
	// Cases of October, both formats.
	oct := period(t, "2026-10")
	first, last := oct.Bounds()
	want := 0
	if err := q.EachCase(ctx, a.Code, first, last, func(*cases.Record) error { want++; return nil }); err != nil {
		t.Fatal(err)
	}
	sum, err := q.CaseSummaryRaw(ctx, a.Code, oct, "", a.Location)
	if err != nil || want == 0 || uint64(want) != sum.Received {
		t.Fatalf("%d cases to export, %d received in October (%v)", want, sum.Received, err)
	}
	path = write(t, "kasus.xlsx", func(b *bytes.Buffer) error { return xlsx.Cases(ctx, q, a, oct, xlsx.XLSX, b, nil) })
	rows = 0
	for _, s := range xlsxtest.Read(t, path, false, true).Sheets {
		rows += s.MaxRow - 1
	}
	if rows != want {
		t.Errorf("case workbook has %d rows, want %d", rows, want)
	}
	path = write(t, "kasus.csv", func(b *bytes.Buffer) error { return xlsx.Cases(ctx, q, a, oct, xlsx.CSV, b, nil) })
	data, _ = os.ReadFile(path)
	r = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	if records, err = r.ReadAll(); err != nil || len(records) != want+1 {
		t.Errorf("case CSV has %d rows (%v), want %d and the header", len(records), err, want)
	}
}
