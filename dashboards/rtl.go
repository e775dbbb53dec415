package dashboards

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

type rtlView struct {
	pageBase
	// AsOfLabel is the day the lowest elements are counted to: today (late paper forms of
	// an ended period may still come), or the end of the month the page was opened for from
	// a month's dashboard, so that both show the same elements.
	AsOfLabel string
	// Query keeps the page's period (and month) in its links and forms.
	Query    template.URL
	Period   survey.Period
	PeriodNm string
	Periods  []monthOption
	Items    []survey.FollowUp
	Lowest   []lowestElement
	Elements []option
	Statuses []string
	Share    survey.FollowUpShare
	Edit     survey.FollowUp // the item of the form (new or being corrected)
	Errors   survey.Errors
	CanEdit  bool
	Saved    string
	Error    string
}

// QuarterOptions are the target quarters the form offers: those of the period's year and
// the next, and the item's own if it lies outside them.
func (v *rtlView) QuarterOptions() []monthOption {
	var out []monthOption
	seen := false
	for q := (survey.Period{Kind: survey.Quarter, Year: v.Period.Year, N: 1}); q.Year <= v.Period.Year+1; q = q.Next() {
		sel := q.Code() == v.Edit.TargetQuarter
		seen = seen || sel
		out = append(out, monthOption{Code: q.Code(), Label: q.Label(survey.ID), Selected: sel})
	}
	if q, err := survey.ParsePeriod(v.Edit.TargetQuarter); err == nil && q.Kind == survey.Quarter && !seen {
		out = append([]monthOption{{Code: q.Code(), Label: q.Label(survey.ID), Selected: true}}, out...)
	}
	return out
}

// rtl: GET /rtl/{agency}?period=2026-S2[&month=2026-10][&edit=ID] — the follow-up plan of a
// survey period, beside the lowest elements it should address (up to the month's end when a
// month of the period is given, as on that month's dashboard); staff add and update items.
func (s *Staff) rtl(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.rtlView(c, a, c.Query("period"))
	if !ok {
		return
	}
	for _, it := range v.Items {
		if it.ID == c.Query("edit") {
			v.Edit = it
		}
	}
	v.Saved = c.Query("disimpan")
	s.render(c, http.StatusOK, "rtl", v)
}

func (s *Staff) rtlView(c *gin.Context, a *standard.Agency, code string) (*rtlView, bool) {
	now := s.opts.Now().In(a.Location)
	current := survey.PeriodOf(now, a.SurveyPeriods)
	p := current
	if code != "" {
		var err error
		if p, err = survey.ParsePeriod(code); err != nil || p.Kind != current.Kind {
			s.errorPage(c, http.StatusBadRequest, "Periode tidak dikenal untuk instansi ini. Pilih periode survei, misalnya "+current.Label(survey.ID)+".")
			return nil, false
		}
	}
	asOf := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	query := "period=" + p.Code()
	if m := c.Query("month"); m != "" {
		month, err := survey.ParsePeriod(m)
		first, last := month.Bounds()
		if err != nil || month.Kind != survey.Month || !p.Contains(first) {
			s.errorPage(c, http.StatusBadRequest, "Bulan tidak termasuk periode "+p.Label(survey.ID)+".")
			return nil, false
		}
		if last.Before(asOf) {
			asOf = last
		}
		query += "&month=" + month.Code()
	}
	v := &rtlView{pageBase: s.base(c, "Rencana tindak lanjut"), AsOfLabel: survey.DateLabel(asOf, survey.ID), Query: template.URL(query),
		Period: p, PeriodNm: p.Label(survey.ID),
		Statuses: survey.FollowUpStatuses, CanEdit: can(principal(c).Role, record), Edit: survey.FollowUp{Status: survey.StatusPlanned}}
	for i, q := 0, current; i < 6; i, q = i+1, q.Previous() {
		v.Periods = append(v.Periods, monthOption{Code: q.Code(), Label: q.Label(survey.ID), Selected: q == p})
	}
	for _, e := range survey.Elements {
		v.Elements = append(v.Elements, option{e.Code(), e.Code() + " " + e.Name()})
	}
	ctx := c.Request.Context()
	items, err := s.opts.Data.FollowUps(ctx, a.Code, p)
	if err == nil {
		var t survey.Tally
		t, err = s.opts.Data.IKM(ctx, survey.Scope{Agency: a.Code, Period: p, Until: asOf})
		for _, e := range reports.LowestElements(survey.Compute(t), 3) {
			v.Lowest = append(v.Lowest, lowestElement{Code: e.Element.Code(), Name: e.Element.Name(), NRR: formatDecimal(e.NRRFloat(), 2),
				IKM: survey.Format100(e.IKM100), Mutu: e.Mutu.Letter})
		}
	}
	if err == nil && len(v.Lowest) > 0 {
		err = s.rtlThemes(c, a, v)
	}
	if err != nil {
		s.opts.Logger.Error("rtl", "agency", a.Code, "err", err)
		v.Error = "Rencana tindak lanjut sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
	}
	v.Items = items
	v.Share = survey.ShareDone(items)
	return v, true
}

// rtlThemes adds to each lowest element the period's saran in its themes, linking to them:
// what residents wrote about the element is what an action item should answer.
func (s *Staff) rtlThemes(c *gin.Context, a *standard.Agency, v *rtlView) error {
	sum, err := s.opts.Data.SaranThemes(c.Request.Context(), survey.Scope{Agency: a.Code, Period: v.Period}, a.Themes())
	if err != nil {
		return err
	}
	q := saranQuery(v.Period, "")
	for i := range v.Lowest {
		e := &v.Lowest[i]
		e.Themes = themeCountsOf(a.Code, sum, e.Code, q)
		lq := saranQuery(v.Period, "")
		lq.Set("unsur", e.Code)
		e.SaranLink = template.URL("/saran/" + url.PathEscape(a.Code) + "?" + lq.Encode())
	}
	return nil
}

// SaranLink links an element (of an item) to the period's saran in its themes.
func (v *rtlView) SaranLink(element string) template.URL {
	if element == "" {
		return ""
	}
	q := saranQuery(v.Period, "")
	q.Set("unsur", element)
	return template.URL("/saran/" + url.PathEscape(v.Agency) + "?" + q.Encode())
}

// rtlSave: POST /rtl/{agency}?period=… — adds an item, updates one (with id), or removes one
// (with hapus=1); then back to the plan.
func (s *Staff) rtlSave(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.rtlView(c, a, c.Query("period"))
	if !ok {
		return
	}
	progress, perr := strconv.Atoi(strings.TrimSpace(c.PostForm("progress")))
	f := survey.FollowUp{ID: c.PostForm("id"), Agency: a.Code, Period: v.Period.Code(), Element: c.PostForm("element"),
		Action: strings.TrimSpace(c.PostForm("action")), TargetQuarter: strings.TrimSpace(c.PostForm("target_quarter")),
		PersonInCharge: strings.TrimSpace(c.PostForm("person_in_charge")), Status: c.PostForm("status"), Progress: progress,
		Note: strings.TrimSpace(c.PostForm("note")), UpdatedAt: s.opts.Now(), UpdatedBy: principal(c).Username}
	deleted := c.PostForm("hapus") == "1"
	if deleted && f.ID == "" {
		s.errorPage(c, http.StatusBadRequest, "Pilih butir yang akan dihapus.")
		return
	}
	if !deleted {
		errs := f.Validate()
		if perr != nil && c.PostForm("progress") != "" {
			if errs == nil {
				errs = survey.Errors{}
			}
			errs["progress"] = "Isi persentase 0–100."
		}
		if errs != nil {
			v.Edit, v.Errors = f, errs
			s.render(c, http.StatusUnprocessableEntity, "rtl", v)
			return
		}
	}
	action := "rtl.save"
	if deleted {
		action = "rtl.delete"
	}
	if err := s.opts.Records.SaveFollowUp(c.Request.Context(), &f, deleted); err != nil {
		s.opts.Logger.Error("rtl save", "agency", a.Code, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Belum tersimpan; tidak ada yang berubah. Coba lagi sebentar lagi.")
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: action, Target: f.ID, Detail: f.Element + " " + f.Status})
	c.Redirect(http.StatusSeeOther, "/rtl/"+a.Code+"?"+string(v.Query)+"&disimpan=1")
}
