package dashboards

import (
	"context"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/survey"
)

// rankRow is one agency in the admins' ranking.
type rankRow struct {
	Code, Name     string
	IKM            string
	ikm            float64
	Mutu           string
	Respondents    string
	OnTime         string
	onTime         float64
	IKMLight       string
	OnTimeLight    string
	Overdue        string
	Failed         bool
	MonthCode      string
	PeriodLabel    string
	hasIKM, hasOnT bool
}

type rankingView struct {
	pageBase
	MonthLabel string
	Rows       []rankRow
}

// dashboardIndex: GET /dashboard. Head and staff go to their agency's dashboard; admins see
// every agency ranked by the IKM of the current survey period, then by this month's on-time
// share.
func (s *Staff) dashboardIndex(c *gin.Context) {
	u := principal(c)
	if u.Role != RoleAdmin {
		c.Redirect(http.StatusSeeOther, "/dashboard/"+u.Agency)
		return
	}
	start := time.Now()
	v := &rankingView{pageBase: s.base(c, "Peringkat instansi")}
	rows := make([]rankRow, len(s.opts.Set.Agencies))
	var wg sync.WaitGroup
	for i, a := range s.opts.Set.Agencies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			now := s.opts.Now().In(a.Location)
			month := survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}
			period := survey.PeriodOf(now, a.SurveyPeriods)
			r := rankRow{Code: a.Code, Name: a.Name, MonthCode: month.Code(), PeriodLabel: period.Label(survey.ID), IKM: "–", OnTime: "–"}
			ctx, cancel := context.WithTimeout(c.Request.Context(), s.opts.PanelTimeout)
			defer cancel()
			t, err1 := s.opts.Data.IKM(ctx, survey.Scope{Agency: a.Code, Period: period})
			cs, err2 := s.opts.Data.CaseSummary(ctx, a.Code, month, "", a.Location)
			targets, err3 := s.opts.Data.Targets(ctx, a, month.Year)
			if err1 != nil || err2 != nil || err3 != nil {
				s.opts.Logger.Error("ranking", "agency", a.Code, "ikm_err", err1, "cases_err", err2, "targets_err", err3)
				r.Failed = true
			}
			if k := survey.Compute(t); err1 == nil && err3 == nil && k.Complete {
				r.hasIKM, r.ikm = true, k.RoundedFloat()
				r.IKM, r.Mutu = survey.Format100(k.Rounded100), k.Mutu.Letter
				r.IKMLight = string(reports.IKMLight(r.ikm, targets.IKM))
			}
			r.Respondents = formatInt(t.Respondents)
			if p, ok := cs.OnTimePercent(); err2 == nil && err3 == nil && ok {
				r.hasOnT, r.onTime = true, p
				r.OnTime = formatDecimal(p, 1) + " %"
				r.OnTimeLight = string(reports.OnTimeLight(p, targets.OnTimePercent))
			}
			r.Overdue = formatInt(cs.OverdueAtEnd)
			rows[i] = r
		}()
	}
	wg.Wait()
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.hasIKM != b.hasIKM {
			return a.hasIKM
		}
		if a.ikm != b.ikm {
			return a.ikm > b.ikm
		}
		if a.hasOnT != b.hasOnT {
			return a.hasOnT
		}
		return a.onTime > b.onTime
	})
	v.Rows = rows
	s.render(c, http.StatusOK, "ranking", v)
	s.observe(c, "ranking", time.Since(start), 0)
}
