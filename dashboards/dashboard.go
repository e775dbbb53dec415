package dashboards

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// DashboardData answers the dashboard's questions; reports.Querier is one.
type DashboardData interface {
	IKM(ctx context.Context, s survey.Scope) (survey.Tally, error)
	IKMMonths(ctx context.Context, agency, service string, first, last survey.Period) ([]reports.MonthTally, error)
	IKMByService(ctx context.Context, s survey.Scope) ([]reports.ServiceTally, error)
	Population(ctx context.Context, s survey.Scope) (uint64, error)
	Profile(ctx context.Context, s survey.Scope) ([]reports.ProfileCount, error)
	Sarans(ctx context.Context, s survey.Scope, limit, offset int) ([]reports.Saran, error)
	// SaranThemes groups a scope's saran into themes; SaransInThemes lists a page of those
	// in any of the themes codes, with how many there are (reports.Querier's).
	SaranThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes) (reports.SaranThemeSummary, error)
	SaransInThemes(ctx context.Context, s survey.Scope, ts *standard.SaranThemes, codes []string, limit, offset int) ([]reports.ThemedSaran, uint64, error)
	ResponsesByDay(ctx context.Context, s survey.Scope) ([]reports.DayCount, error)
	FollowUps(ctx context.Context, agency string, period survey.Period) ([]survey.FollowUp, error)
	CaseSummary(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (reports.CaseSummary, error)
	OverdueCases(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]reports.OverdueCase, error)
	// BacklogAtMonthEnd is the open and overdue cases per officer at the month's end (the
	// overdue tile's cases), with the days since the oldest deadline passed.
	BacklogAtMonthEnd(ctx context.Context, agency string, month survey.Period, loc *time.Location, now time.Time) ([]reports.OfficerBacklog, error)
	OnTimeByMonth(ctx context.Context, agency string, first, last survey.Period, service string) ([]reports.MonthServiceCases, error)
	// Revision tells whether a period's published figures changed after publication.
	Revision(ctx context.Context, agency string, p survey.Period) (survey.Revision, error)
	// Alerts are the audit lines since an instant that warn staff (sharp moves of an IKM).
	Alerts(ctx context.Context, agency string, since time.Time) ([]reports.AuditEntry, error)
	// Targets resolves an agency's targets for a year: the newest set on the targets screen,
	// else the agency file's (reports.Querier.Targets).
	Targets(ctx context.Context, a *standard.Agency, year int) (standard.Targets, error)
	// OverdueByOfficer splits the overdue tile (cases open at the month's end past their
	// deadline) by officer, for the drill-down to each officer's cases.
	OverdueByOfficer(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) ([]reports.OfficerCount, error)
	// AnswerCounts are the answers 1–4 to one element per service, for the element's page.
	AnswerCounts(ctx context.Context, s survey.Scope, e survey.Element) ([]reports.ServiceAnswers, error)
}

// dashboardView is everything the dashboard page shows. Each panel fills its own fields,
// so panels run at once without sharing anything.
type dashboardView struct {
	pageBase
	Month      survey.Period
	MonthLabel string
	Period     survey.Period // the survey period the month belongs to
	// PeriodRunning reports whether Period has not ended (its report is provisional);
	// LastClosed is the latest ended period, whose report is final.
	PeriodRunning bool
	LastClosed    survey.Period
	// Current is set when Month is this month (its figures count up to today).
	Current bool
	// AsOf is the last day every figure counts: the month's end, or today for the running
	// month; AsOfLabel says it once at the top ("31 Oktober 2026").
	AsOf      time.Time
	AsOfLabel string
	PeriodNm  string
	Service   string
	ServiceNm string
	Services  []*standard.Service
	Months    []monthOption
	// targets resolves the targets of the month's year once, for every panel that needs them.
	targets func() (standard.Targets, error)

	IKMTiles  []tile
	CaseTiles []tile
	Charts    map[string]*chartBlock
	Overdue   []reports.OverdueCase
	// OverdueOfficers split the overdue tile by officer, each linked to their cases.
	OverdueOfficers []officerOverdue
	Lowest          []lowestElement
	Sarans          []reports.Saran
	// SaranThemes are the month's saran themes that have saran, the largest first, linking
	// to their saran; SaranTotal counts the month's saran and SaranAll links to every theme.
	SaranThemes []themeRow
	SaranTotal  uint64
	SaranAll    template.URL
	Failed      map[string]string // panel → message, for the panels that failed
	// Notices warn staff: a published figure that was revised, an IKM that moved sharply.
	Notices []string
	TookMS  string

	mu sync.Mutex // guards Charts and Failed while panels load
}

// setChart adds a chart; panels call it concurrently.
func (v *dashboardView) setChart(id string, b *chartBlock) {
	v.mu.Lock()
	v.Charts[id] = b
	v.mu.Unlock()
}

type monthOption struct {
	Code, Label string
	Selected    bool
}

// lowestElement is one of the lowest-scoring elements with its follow-up items.
type lowestElement struct {
	Code, Name string
	NRR        string
	IKM        string
	Mutu       string
	Link       string // the element's page
	FollowUps  []survey.FollowUp
	// Themes are the saran themes of the element with their counts in the period, and
	// SaranLink lists their saran (the RTL page).
	Themes    []themeRow
	SaranLink template.URL
}

// officerOverdue is one officer's cases overdue at the month's end ("" Name: no officer).
type officerOverdue struct {
	Name  string
	Cases uint64
	Link  string
}

// panel is one independently loaded part of the dashboard.
type panel struct {
	name string
	load func(ctx context.Context, v *dashboardView) error
}

// dashboard: GET /dashboard/{agency}?month=2026-10[&service=…].
func (s *Staff) dashboard(c *gin.Context) {
	start := time.Now()
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.monthView(c, a, "Dasbor "+a.ShortName, true)
	if !ok {
		return
	}
	s.loadPanels(c.Request.Context(), v, s.dashboardPanels(a, v))
	took := time.Since(start)
	v.TookMS = formatDecimal(float64(took.Microseconds())/1000, 1)
	s.render(c, http.StatusOK, "dashboard", v)
	s.observe(c, "dashboard", took, len(v.Failed))
}

// monthView reads the month (and, with services, the service) a dashboard page asks for and
// sets what every page of a month says: its survey period and the as-of date of every figure
// (the month's end, or today for the running month). A bad month or service answers 400.
// queryService reads the service the query names with key (nil when none); an unknown one
// answers 400 and returns false.
func (s *Staff) queryService(c *gin.Context, a *standard.Agency, key string) (*standard.Service, bool) {
	code := c.Query(key)
	if code == "" {
		return nil, true
	}
	sv, ok := a.Service(code)
	if !ok {
		s.errorPage(c, http.StatusBadRequest, "Layanan tidak dikenal untuk instansi ini.")
		return nil, false
	}
	return sv, true
}

func (s *Staff) monthView(c *gin.Context, a *standard.Agency, title string, services bool) (*dashboardView, bool) {
	v := &dashboardView{pageBase: s.base(c, title), Charts: map[string]*chartBlock{}, Failed: map[string]string{}}
	now := s.opts.Now().In(a.Location)
	month, months, ok := s.monthParam(c, a)
	if !ok {
		return nil, false
	}
	v.Month, v.Months = month, months
	if services {
		sv, ok := s.queryService(c, a, "service")
		if !ok {
			return nil, false
		}
		if sv != nil {
			v.Service, v.ServiceNm = sv.Code, sv.Name
		}
	}
	first, last := v.Month.Bounds()
	v.Period = survey.PeriodOf(first, a.SurveyPeriods)
	v.AsOf = last
	if today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC); today.Before(last) {
		v.AsOf = today
	}
	v.AsOfLabel = survey.DateLabel(v.AsOf, survey.ID)
	v.Current = !v.Month.Ended(now, a.Location)
	running := survey.PeriodOf(now, a.SurveyPeriods)
	v.PeriodRunning = v.Period == running
	v.LastClosed = running.Previous()
	v.MonthLabel = v.Month.Label(survey.ID)
	v.PeriodNm = v.Period.Label(survey.ID)
	v.Services = a.Services
	ctx := c.Request.Context()
	v.targets = sync.OnceValues(func() (standard.Targets, error) {
		tctx, cancel := context.WithTimeout(ctx, s.opts.PanelTimeout)
		defer cancel()
		return s.opts.Data.Targets(tctx, a, v.Month.Year)
	})
	return v, true
}

// loadPanels runs the panels at once, each bounded by the panel timeout; a failing panel is
// logged and shown as failed, and the others go on.
func (s *Staff) loadPanels(ctx context.Context, v *dashboardView, panels []panel) {
	var wg sync.WaitGroup
	for _, p := range panels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pctx, cancel := context.WithTimeout(ctx, s.opts.PanelTimeout)
			defer cancel()
			start := time.Now()
			if s.opts.ObservePanel != nil {
				defer func() { s.opts.ObservePanel(p.name, time.Since(start)) }()
			}
			err := func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				return p.load(pctx, v)
			}()
			if err != nil {
				s.opts.Logger.Error("dashboard panel failed", "panel", p.name, "agency", v.Agency, "month", v.Month.Code(), "err", err)
				v.mu.Lock()
				v.Failed[p.name] = "Data bagian ini tidak dapat dimuat saat ini. Muat ulang halaman sebentar lagi."
				v.mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// observe logs a page's server time and reports it as a metric.
func (s *Staff) observe(c *gin.Context, page string, took time.Duration, failed int) {
	s.opts.Logger.Info("page rendered", RequestIDKey, c.GetString(RequestIDKey), "page", page,
		"agency", c.Param("agency"), "took", took.Round(time.Microsecond), "failed_panels", failed)
	if s.opts.ObservePage != nil {
		s.opts.ObservePage(page, took)
	}
}
