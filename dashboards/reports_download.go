package dashboards

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/reports/pdf"
	"skm/reports/xlsx"
	"skm/standard"
	"skm/survey"
)

// download kinds: the file name in the URL, what it needs, and how it is built.
type download struct {
	param    string // the query parameter naming the month or period
	months   bool   // only months
	semester bool   // only survey periods (semester, quarter, year)
	// formats are the file endings the kind is made in (fileTypes); build is given the one
	// asked for, which only the raw exports (xlsx or csv) read.
	formats []string
	build   func(ctx context.Context, s *Staff, a *standard.Agency, p survey.Period, f xlsx.Format, w *bytes.Buffer) error
	name    string // file name prefix
}

// fileTypes are the content types of the downloads' file endings.
var fileTypes = map[string]string{
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"csv":  "text/csv; charset=utf-8",
	"pdf":  "application/pdf",
}

var downloads = map[string]download{
	"monthly": {param: "month", months: true, name: "laporan-bulanan", formats: []string{"xlsx"},
		build: func(ctx context.Context, s *Staff, a *standard.Agency, p survey.Period, _ xlsx.Format, w *bytes.Buffer) error {
			return xlsx.Monthly(ctx, s.opts.Reports, a, p, s.opts.Now(), w)
		}},
	"skm": {param: "period", semester: true, name: "laporan-skm", formats: []string{"xlsx"},
		build: func(ctx context.Context, s *Staff, a *standard.Agency, p survey.Period, _ xlsx.Format, w *bytes.Buffer) error {
			return xlsx.Semester(ctx, s.opts.Reports, a, p, s.opts.Now(), w, nil)
		}},
	"laporan-skm": {param: "period", semester: true, name: "laporan-skm", formats: []string{"pdf"},
		build: func(ctx context.Context, s *Staff, a *standard.Agency, p survey.Period, _ xlsx.Format, w *bytes.Buffer) error {
			return pdf.Laporan(ctx, s.opts.Reports, a, p, s.opts.Now(), w, pdf.Options{})
		}},
	"responses": {param: "period", name: "respons", formats: []string{"xlsx", "csv"},
		build: func(ctx context.Context, s *Staff, a *standard.Agency, p survey.Period, f xlsx.Format, w *bytes.Buffer) error {
			return xlsx.Responses(ctx, s.opts.Reports, a, p, f, w, nil)
		}},
	"cases": {param: "period", name: "kasus", formats: []string{"xlsx", "csv"},
		build: func(ctx context.Context, s *Staff, a *standard.Agency, p survey.Period, f xlsx.Format, w *bytes.Buffer) error {
			return xlsx.Cases(ctx, s.opts.Reports, a, p, f, w, nil)
		}},
}

// reportDownload: GET /reports/{agency}/{monthly.xlsx|skm.xlsx|laporan-skm.pdf|responses.xlsx|
// responses.csv|cases.xlsx|cases.csv}?month=…|period=…. The file is built whole before the first byte is
// sent, so a failure is an error page, never a cut-off file; every download is audited.
func (s *Staff) reportDownload(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	file := c.Param("file")
	kind, ext, _ := strings.Cut(file, ".")
	ext = strings.ToLower(ext)
	d, ok := downloads[kind]
	if !ok || !slices.Contains(d.formats, ext) {
		s.errorPage(c, http.StatusNotFound, "Laporan tidak dikenal.")
		return
	}
	now := s.opts.Now().In(a.Location)
	p, msg := downloadPeriod(c.Query(d.param), d, a, now)
	if msg != "" {
		s.errorPage(c, http.StatusBadRequest, msg)
		return
	}
	// Big exports may take longer than the server's write timeout allows a page.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(15 * time.Minute))
	start := time.Now()
	var buf bytes.Buffer
	if err := d.build(c.Request.Context(), s, a, p, xlsx.Format(ext), &buf); err != nil {
		s.opts.Logger.Error("report download failed", RequestIDKey, c.GetString(RequestIDKey), "agency", a.Code, "file", file,
			"period", p.Code(), "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Laporan tidak dapat dibuat saat ini. Coba lagi sebentar lagi.")
		return
	}
	name := fmt.Sprintf("%s-%s-%s.%s", d.name, a.Code, p.Code(), ext)
	s.audit(c, auditDownload(a.Code, name, buf.Len()))
	s.observe(c, "report-"+kind, time.Since(start), 0)
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, fileTypes[ext], buf.Bytes())
}

func auditDownload(agency, name string, size int) reports.AuditEntry {
	return reports.AuditEntry{Agency: agency, Action: "report.download", Target: name, Detail: fmt.Sprintf("%d byte", size)}
}

// downloadPeriod reads the month or period of a download; msg says what is wrong with it.
func downloadPeriod(code string, d download, a *standard.Agency, now time.Time) (survey.Period, string) {
	if code == "" {
		current := survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}
		if d.months {
			return current, ""
		}
		return survey.PeriodOf(now, a.SurveyPeriods), ""
	}
	p, err := survey.ParsePeriod(code)
	switch {
	case err != nil || p.Year < 2000:
		if d.months {
			return p, badMonth(now)
		}
		return p, "Periode tidak dikenal. Pilih periode, misalnya Semester II 2026, Triwulan IV 2026, Tahun 2026 atau Oktober 2026."
	case d.months && p.Kind != survey.Month:
		return p, "Laporan bulanan dibuat per bulan. Pilih bulan, misalnya Oktober 2026."
	case d.semester && p.Kind == survey.Month:
		return p, "Laporan SKM dibuat per periode survei. Pilih periode, misalnya Semester II 2026."
	case p.Start().After(now):
		return p, "Periode itu belum dimulai."
	}
	return p, ""
}
