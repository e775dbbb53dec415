package dashboards

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/survey"
)

// saranPageSize is how many saran the theme list shows a page.
const saranPageSize = 50

// saranView is the page of an agency's saran grouped into themes, and the saran of one theme
// or element.
type saranView struct {
	pageBase
	Period    survey.Period
	PeriodNm  string
	AsOfLabel string
	Service   string
	ServiceNm string
	// Tema or Unsur is the selection the list shows ("" for the overview alone).
	Tema, Unsur string
	// Heading names the selection ("Tema Waktu penyelesaian", "Unsur U3 Waktu Penyelesaian").
	Heading string
	Summary reports.SaranThemeSummary
	Rows    []themeRow
	List    []reports.ThemedSaran
	Count   uint64
	Page    int
	Prev    template.URL
	Next    template.URL
	Error   string
	// labels names the agency's themes for the list's badges.
	labels map[string]string
}

// ThemeLabel names a theme code.
func (v *saranView) ThemeLabel(code string) string { return v.labels[code] }

// themeRow is one theme as the overviews show it: its figures and the link to its saran.
type themeRow struct {
	reports.SaranTheme
	Share string
	Link  template.URL
}

// themeRows turns a summary into rows linking to /saran with the scope's query q.
func themeRows(agency string, sum reports.SaranThemeSummary, q url.Values) []themeRow {
	var rows []themeRow
	for _, t := range sum.Themes {
		lq := url.Values{}
		for k, v := range q {
			lq[k] = v
		}
		lq.Set("tema", t.Code)
		rows = append(rows, themeRow{SaranTheme: t, Share: formatDecimal(t.Share, 1),
			Link: template.URL("/saran/" + url.PathEscape(agency) + "?" + lq.Encode())})
	}
	return rows
}

// saranQuery is the query of a scope's /saran links: its period and service.
func saranQuery(p survey.Period, service string) url.Values {
	q := url.Values{"period": {p.Code()}}
	if service != "" {
		q.Set("service", service)
	}
	return q
}

// saranList: GET /saran/{agency}?period=2026-S2[&tema=waktu|&unsur=U3][&service=…][&hal=2] —
// the period's saran grouped into the agency's themes, and the saran of one theme or of the
// themes of one element, newest first. Any period works: a month (2026-10), a quarter, a
// semester, a year.
func (s *Staff) saranList(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	now := s.opts.Now().In(a.Location)
	p := survey.PeriodOf(now, a.SurveyPeriods)
	if code := c.Query("period"); code != "" {
		var err error
		if p, err = survey.ParsePeriod(code); err != nil {
			s.errorPage(c, http.StatusBadRequest, "Periode tidak dikenal. Tulis misalnya 2026-S2 (semester), 2026-Q4 (triwulan), 2026-10 (bulan) atau 2026 (tahun).")
			return
		}
	}
	v := &saranView{pageBase: s.base(c, "Tema saran"), Period: p, PeriodNm: p.Label(survey.ID), Page: 1, labels: map[string]string{}}
	sv, ok := s.queryService(c, a, "service")
	if !ok {
		return
	}
	if sv != nil {
		v.Service, v.ServiceNm = sv.Code, sv.Name
	}
	ts := a.Themes()
	for _, code := range ts.Codes() {
		th, _ := ts.Theme(code)
		v.labels[code] = th.Label
	}
	var codes []string
	v.Tema, v.Unsur = c.Query("tema"), c.Query("unsur")
	switch {
	case v.Tema != "" && v.Unsur != "":
		s.errorPage(c, http.StatusBadRequest, "Pilih satu tema atau satu unsur, tidak keduanya.")
		return
	case v.Tema != "":
		th, ok := ts.Theme(v.Tema)
		if !ok {
			s.errorPage(c, http.StatusBadRequest, "Tema saran tidak dikenal untuk instansi ini.")
			return
		}
		codes, v.Heading = []string{th.Code}, "Tema "+th.Label
	case v.Unsur != "":
		e, ok := survey.ElementByCode(v.Unsur)
		if !ok {
			s.errorPage(c, http.StatusBadRequest, "Unsur harus U1 sampai U9.")
			return
		}
		codes, v.Heading = ts.ForElement(e.Code()), "Unsur "+e.Code()+" "+e.Name()
	}
	if h := c.Query("hal"); h != "" {
		n, err := strconv.Atoi(h)
		if err != nil || n < 1 || n > 100000 {
			s.errorPage(c, http.StatusBadRequest, "Nomor halaman harus bilangan bulat mulai 1.")
			return
		}
		v.Page = n
	}
	_, last := p.Bounds()
	asOf := last
	if today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC); today.Before(last) {
		asOf = today
	}
	v.AsOfLabel = survey.DateLabel(asOf, survey.ID)
	scope := survey.Scope{Agency: a.Code, Period: p, Service: v.Service}
	ctx := c.Request.Context()
	sum, err := s.opts.Data.SaranThemes(ctx, scope, ts)
	if err == nil && v.Heading != "" && len(codes) > 0 {
		v.List, v.Count, err = s.opts.Data.SaransInThemes(ctx, scope, ts, codes, saranPageSize, (v.Page-1)*saranPageSize)
	}
	if err != nil {
		s.opts.Logger.Error("saran themes", "agency", a.Code, "period", p.Code(), "err", err)
		v.Error = "Saran sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
	}
	v.Summary = sum
	q := saranQuery(p, v.Service)
	v.Rows = themeRows(a.Code, sum, q)
	if v.Tema != "" {
		q.Set("tema", v.Tema)
	} else if v.Unsur != "" {
		q.Set("unsur", v.Unsur)
	}
	if v.Page > 1 {
		q.Set("hal", strconv.Itoa(v.Page-1))
		v.Prev = template.URL(q.Encode())
	}
	if uint64(v.Page*saranPageSize) < v.Count {
		q.Set("hal", strconv.Itoa(v.Page+1))
		v.Next = template.URL(q.Encode())
	}
	s.render(c, http.StatusOK, "saran", v)
}

// themeCountsOf are the rows of the themes of one element in a summary (for the RTL page).
func themeCountsOf(agency string, sum reports.SaranThemeSummary, element string, q url.Values) []themeRow {
	var out []themeRow
	for _, r := range themeRows(agency, sum, q) {
		if r.Element == element {
			out = append(out, r)
		}
	}
	return out
}
