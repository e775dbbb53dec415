package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// elementView is the page of one element (unsur): its NRR per service for the survey period
// as of the month's end, the answers 1–4 given to it, and links to the saran that mention it.
type elementView struct {
	pageBase
	Code, Name  string
	Month       survey.Period
	MonthLabel  string
	Period      survey.Period
	PeriodNm    string
	AsOfLabel   string
	Service     string
	ServiceNm   string
	Labels      [4]string // the official answers 1..4 to the element's question
	Rows        []elementRow
	Total       elementRow
	Elements    []elementChoice
	Dashboard   string // the month's dashboard this page drills down from
	SaranLink   string // the saran of the period that mention the element
	RTLLink     string
	Error       string
	AnswerError string
}

// elementRow is one service's figures for the element (or the total of every service).
type elementRow struct {
	Service, Name string
	Link          string // the service's dashboard for the month
	Answered      uint64 // respondents who answered the element
	NRR, IKM      string // "–" without answers
	Mutu          string
	Counts        [4]uint64
	Shares        [4]string // the counts in percent of the answers counted from the responses
}

// elementChoice links to the page of another element.
type elementChoice struct {
	Code, Name, Link string
	Current          bool
}

// dashboardLink is the month's dashboard of agency, optionally of one service.
func dashboardLink(agency string, month survey.Period, service string) string {
	q := url.Values{"month": {month.Code()}}
	if service != "" {
		q.Set("service", service)
	}
	return "/dashboard/" + agency + "?" + q.Encode()
}

// elementLink is the page of element code for the month, optionally of one service.
func elementLink(agency, code string, month survey.Period, service string) string {
	q := url.Values{"month": {month.Code()}}
	if service != "" {
		q.Set("service", service)
	}
	return "/dashboard/" + agency + "/unsur/" + code + "?" + q.Encode()
}

// saranLink lists the saran of a period that mention an element (the saran themes' page).
func saranLink(agency string, period survey.Period, code string) string {
	return "/saran/" + agency + "?" + url.Values{"period": {period.Code()}, "unsur": {code}}.Encode()
}

// element: GET /dashboard/{agency}/unsur/{kode}?month=2026-10[&service=…] — one element's NRR
// per service for the month's survey period up to the month's end (the dashboard's NRR
// chart), and how its respondents answered it.
func (s *Staff) element(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	e, ok := survey.ElementByCode(c.Param("kode"))
	if !ok {
		s.errorPage(c, http.StatusNotFound, "Unsur tidak dikenal. Unsur SKM adalah U1 sampai U9.")
		return
	}
	month, _, ok := s.monthParam(c, a)
	if !ok {
		return
	}
	v := &elementView{pageBase: s.base(c, e.Code()+" "+e.Name()+" · "+a.ShortName), Code: e.Code(), Name: e.Name(), Month: month,
		MonthLabel: month.Label(survey.ID)}
	sv, ok := s.queryService(c, a, "service")
	if !ok {
		return
	}
	if sv != nil {
		v.Service, v.ServiceNm = sv.Code, sv.Name
	}
	first, last := month.Bounds()
	v.Period = survey.PeriodOf(first, a.SurveyPeriods)
	v.PeriodNm = v.Period.Label(survey.ID)
	asOf := last
	now := s.opts.Now().In(a.Location)
	if today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC); today.Before(last) {
		asOf = today
	}
	v.AsOfLabel = survey.DateLabel(asOf, survey.ID)
	for _, q := range survey.Questionnaire(survey.ID) {
		if q.Element == e {
			v.Labels = q.Labels
		}
	}
	v.Dashboard = dashboardLink(a.Code, month, v.Service)
	v.SaranLink = saranLink(a.Code, v.Period, e.Code())
	v.RTLLink = "/rtl/" + a.Code + "?" + url.Values{"period": {v.Period.Code()}, "month": {month.Code()}}.Encode()
	for _, other := range survey.Elements {
		v.Elements = append(v.Elements, elementChoice{Code: other.Code(), Name: other.Name(), Current: other == e,
			Link: elementLink(a.Code, other.Code(), month, v.Service)})
	}
	scope := survey.Scope{Agency: a.Code, Period: v.Period, Service: v.Service, Until: asOf}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.opts.PanelTimeout)
	defer cancel()
	var answers []reports.ServiceAnswers
	var answerErr error
	var wg sync.WaitGroup
	wg.Go(func() { answers, answerErr = s.opts.Data.AnswerCounts(ctx, scope, e) })
	tallies, err := s.opts.Data.IKMByService(ctx, scope)
	wg.Wait()
	if err != nil {
		s.opts.Logger.Error("element page", "agency", a.Code, "element", e.Code(), "err", err)
		v.Error = "Nilai unsur ini sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
	}
	if answerErr != nil {
		s.opts.Logger.Error("element answers", "agency", a.Code, "element", e.Code(), "err", answerErr)
		v.AnswerError = "Sebaran jawaban sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
	}
	v.Rows, v.Total = elementRows(a, e, month, tallies, answers)
	s.render(c, http.StatusOK, "element", v)
}

// elementRows are the services' figures for element e, in the agency's order of services,
// and their total: the NRR from the tallies (the rollup the dashboard reads), the answers
// 1–4 from the responses.
func elementRows(a *standard.Agency, e survey.Element, month survey.Period, tallies []reports.ServiceTally, answers []reports.ServiceAnswers) ([]elementRow, elementRow) {
	byService := map[string]*elementRow{}
	var order []string
	row := func(svc string) *elementRow {
		if r, ok := byService[svc]; ok {
			return r
		}
		r := &elementRow{Service: svc, Name: serviceName(a, svc), Link: dashboardLink(a.Code, month, svc)}
		byService[svc] = r
		order = append(order, svc)
		return r
	}
	var all survey.Tally
	sums := map[string]survey.Tally{}
	for _, st := range tallies {
		if st.Tally.Answers[e.Index()] == 0 {
			continue
		}
		row(st.Service)
		sums[st.Service] = st.Tally
		all.Respondents += st.Tally.Respondents
		all.Sum[e.Index()] += st.Tally.Sum[e.Index()]
		all.Answers[e.Index()] += st.Tally.Answers[e.Index()]
	}
	total := elementRow{Name: "Semua layanan"}
	for _, sa := range answers {
		r := row(sa.Service)
		r.Counts = sa.Counts
		for i, n := range sa.Counts {
			total.Counts[i] += n
		}
	}
	fill := func(r *elementRow, t survey.Tally) {
		r.NRR, r.IKM, r.Mutu = "–", "–", ""
		r.Answered = t.Answers[e.Index()]
		if r.Answered > 0 {
			// One element's score: its NRR, and the NRR × 25 as the IKM scale shows it.
			sc := survey.Compute(t).Elements[e.Index()]
			if sc.NRR != nil {
				r.NRR, r.IKM, r.Mutu = formatDecimal(sc.NRRFloat(), 2), survey.Format100(sc.IKM100), sc.Mutu.Letter
			}
		}
		var n uint64
		for _, c := range r.Counts {
			n += c
		}
		for i, c := range r.Counts {
			r.Shares[i] = "–"
			if n > 0 {
				r.Shares[i] = formatDecimal(100*float64(c)/float64(n), 1)
			}
		}
	}
	var rows []elementRow
	for _, svc := range serviceOrder(a, order) {
		r := byService[svc]
		fill(r, sums[svc])
		rows = append(rows, *r)
	}
	fill(&total, all)
	return rows, total
}

// serviceOrder sorts service codes in the agency's order of services, unknown codes last.
func serviceOrder(a *standard.Agency, codes []string) []string {
	seen := map[string]bool{}
	for _, c := range codes {
		seen[c] = true
	}
	var out []string
	for _, sv := range a.Services {
		if seen[sv.Code] {
			out = append(out, sv.Code)
			delete(seen, sv.Code)
		}
	}
	for _, c := range codes {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}
