package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// reportName is the file name of a period's report: laporan-skm-2026-S1.pdf.
func reportName(p survey.Period) string { return "laporan-skm-" + p.Code() + ".pdf" }

// reportPath is the public address of agency a's report of period p.
func reportPath(a *standard.Agency, p survey.Period) string {
	return "/hasil/" + a.Code + "/" + reportName(p)
}

// reportPeriod reads the period of a report's file name; ok is false for any other name,
// a period written otherwise than its code, or a period that is not one of the agency's
// survey periods (a month has no SKM report).
func reportPeriod(a *standard.Agency, file string) (survey.Period, bool) {
	code, ok := strings.CutPrefix(file, "laporan-skm-")
	if !ok {
		return survey.Period{}, false
	}
	code, ok = strings.CutSuffix(code, ".pdf")
	if !ok {
		return survey.Period{}, false
	}
	p, err := survey.ParsePeriod(code)
	if err != nil || p.Code() != code || p.Kind != survey.PeriodOf(p.Start(), a.SurveyPeriods).Kind {
		return survey.Period{}, false
	}
	return p, true
}

// hasilReport serves /hasil/{agency}/laporan-skm-{period}.pdf: the report of an ended
// survey period, written by Options.Report. A running, future or unknown period answers
// 404. The report is built in full before anything is sent, so a failure is a clear 503
// page, never a cut-off file.
func (h *Handler) hasilReport(c *gin.Context) {
	a, _, ok := h.scope(c)
	if !ok {
		return
	}
	p, ok := reportPeriod(a, c.Param("file"))
	if !ok || h.opts.Report == nil || !p.Ended(h.opts.Now(), a.Location) {
		h.notFound(c)
		return
	}
	var buf bytes.Buffer
	if err := h.opts.Report(c.Request.Context(), &buf, a, p); err != nil {
		h.opts.Logger.Error("hasil report", "agency", a.Code, "period", p.Code(), "err", err)
		c.Header("Cache-Control", "no-store")
		h.message(c, http.StatusServiceUnavailable, survey.ID, "report.title", "report.unavailable")
		return
	}
	c.Header("Content-Disposition", `inline; filename="`+reportName(p)+`"`)
	c.Header("Cache-Control", "public, max-age=300")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}
