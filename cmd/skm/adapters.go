package main

// The adapters between packages: each fills in an interface a web package declares
// (dashboards, survey/web) with the write side (ingest) or the read side (reports). They
// are the only code that knows both sides of such a seam.

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/dashboards"
	"skm/ingest"
	"skm/reports"
	"skm/standard"
	"skm/survey"
	"skm/survey/web"
)

// auditor writes the staff app's audit lines through the spool.
type auditor struct{ a *ingest.Auditor }

func (w auditor) Audit(ctx context.Context, e reports.AuditEntry) error {
	return w.a.Audit(ctx, ingest.AuditRow(e))
}

// submitted audits responses an entitled caller sent through the machine API.
func (w auditor) submitted(ctx context.Context, c web.Caller, agency, action, detail string) error {
	return w.a.Audit(ctx, ingest.AuditRow{At: time.Now(), Agency: agency, Username: c.Actor, Role: c.Role,
		Action: action, Detail: detail})
}

// apiCaller tells the resident API who an entitled caller is: an agency token or a staff
// login, as the staff API checks them.
func apiCaller(api *dashboards.API) func(c *gin.Context) (web.Caller, bool, error) {
	return func(c *gin.Context) (web.Caller, bool, error) {
		caller, ok, err := api.CallerOf(c)
		switch {
		case errors.Is(err, dashboards.ErrBadToken):
			return web.Caller{}, false, &web.CallerRefused{Status: http.StatusUnauthorized, Message: err.Error()}
		case errors.Is(err, dashboards.ErrNotEntitled):
			return web.Caller{}, false, &web.CallerRefused{Status: http.StatusForbidden, Message: err.Error()}
		case err != nil:
			return web.Caller{}, false, err
		}
		return web.Caller{Agency: caller.Agency, Actor: caller.Actor, Role: caller.Role}, ok, nil
	}
}

// holidayEditor saves administrators' calendar corrections from the staff screen, then
// refreshes the calendars and recomputes the deadlines of open cases.
type holidayEditor struct{ a *app }

func (h holidayEditor) HolidayChanges(ctx context.Context) ([]standard.HolidayChange, error) {
	return h.a.store.HolidayChanges(ctx)
}

func (h holidayEditor) ChangeHolidays(ctx context.Context, changes []standard.HolidayChange, by string) (int, error) {
	n, err := h.a.store.ChangeHolidays(ctx, h.a.calendars, changes, by, time.Now())
	h.a.caseMonths.Changed()
	return n, err
}

// revocations keeps the staff sessions ended by logout in ClickHouse, shared by every skm
// server of the database: written by the write side, read by the read side.
type revocations struct{ a *app }

func (r revocations) RevokeSession(ctx context.Context, id string, expires time.Time) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return r.a.store.RevokeSession(ctx, id, expires, time.Now())
}

func (r revocations) RevokedSessions(ctx context.Context, now time.Time) (map[string]time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return r.a.reports.RevokedSessions(ctx, now)
}

// recordStore saves the staff API's records through the write side.
type recordStore struct {
	store *ingest.Store
	gate  *ingest.PeriodGate // told of new publications, which close ended periods
}

func (s recordStore) SaveFollowUp(ctx context.Context, f *survey.FollowUp, deleted bool) error {
	return s.store.SaveFollowUp(ctx, f, deleted)
}

func (s recordStore) SavePublication(ctx context.Context, p *survey.Publication, deleted bool) error {
	err := s.store.SavePublication(ctx, p, deleted)
	if s.gate != nil {
		s.gate.Forget(p.Agency)
	}
	return err
}

// periodKeeper gives the staff app the period gate's view and records reopenings, which the
// gate then knows at once.
type periodKeeper struct{ a *app }

func (k periodKeeper) PeriodStatus(ctx context.Context, a *standard.Agency, p survey.Period) (survey.PeriodStatus, error) {
	return k.a.gate.Status(ctx, a, p)
}

func (k periodKeeper) ReopenPeriod(ctx context.Context, a *standard.Agency, p survey.Period, reason, by string, until time.Time) error {
	defer k.a.gate.Forget(a.Code)
	return k.a.store.SavePeriodReopening(ctx, &ingest.PeriodReopening{Agency: a.Code, Period: p.Code(),
		Reason: reason, ReopenedBy: by, ReopenedAt: time.Now(), Until: until})
}
