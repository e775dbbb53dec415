package main

// The adapters between packages: each fills in an interface a web package declares
// (dashboards, survey/web) with the write side (ingest) or the read side (reports). They
// are the only code that knows both sides of such a seam.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/dashboards"
	"skm/ingest"
	"skm/ratelimit"
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
		return web.Caller{Agency: caller.Agency, Actor: caller.Actor, Role: caller.Role, Channel: caller.Channel}, ok, nil
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

// loginFailures shares the failed staff logins among the skm servers of a cluster through
// ClickHouse (dashboards.LoginFailures), written and read by the write side.
type loginFailures struct{ store *ingest.Store }

func (l loginFailures) RecordLoginFailure(ctx context.Context, keys []string, emptied string, at time.Time) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return l.store.RecordLoginFailure(ctx, keys, emptied, at)
}

func (l loginFailures) LoginFailures(ctx context.Context, keys []string, since time.Time) (map[string][]ratelimit.Event, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	rows, err := l.store.LoginFailures(ctx, keys, since)
	if err != nil {
		return nil, err
	}
	out := map[string][]ratelimit.Event{}
	for _, f := range rows {
		out[f.Key] = append(out[f.Key], ratelimit.Event{At: f.At, Empty: f.Emptied})
	}
	return out, nil
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

// targetKeeper stores the targets set on the staff screen (the write side) and reads their
// history (the read side), as skm target does.
type targetKeeper struct {
	store *ingest.Store
	q     *reports.Querier
}

func (k targetKeeper) TargetHistory(ctx context.Context, agency string) ([]standard.TargetSetting, error) {
	return k.q.TargetHistory(ctx, agency)
}

func (k targetKeeper) SetTargets(ctx context.Context, t standard.TargetSetting) error {
	return k.store.SaveTargets(ctx, t)
}

// meetingBook gives the staff app the evaluation meetings: read by the Querier (Meeting,
// OpenDecisions), written by the store.
type meetingBook struct {
	*reports.Querier
	store *ingest.Store
}

func (b meetingBook) SaveMeeting(ctx context.Context, m *survey.Meeting) error {
	return b.store.SaveMeeting(ctx, m)
}

func (b meetingBook) SaveDecision(ctx context.Context, d *survey.Decision) error {
	return b.store.SaveDecision(ctx, d)
}

// reportTextBook gives the staff app the staff's own texts of the Laporan SKM: read by the
// Querier (ReportTexts), written by the store.
type reportTextBook struct {
	*reports.Querier
	store *ingest.Store
}

func (b reportTextBook) SaveReportText(ctx context.Context, t *survey.ReportText) error {
	return b.store.SaveReportText(ctx, t)
}

// importTemplate writes the blank import template the residents' web serves by name: the
// paper questionnaire's or the cases', as skm import --template writes them.
func importTemplate(w io.Writer, name, format string, a *standard.Agency) error {
	if name == web.TemplateCases {
		return ingest.WriteCasesTemplateTo(w, format, a)
	}
	return ingest.WriteResponsesTemplateTo(w, format, a)
}

// webImporter checks and stores the web import's files with the importers of skm import,
// within ingest.WebImportLimits.
type webImporter struct{ a *app }

func (w webImporter) CheckImport(ctx context.Context, ag *standard.Agency, kind, path string) (dashboards.ImportPreview, error) {
	return w.run(ctx, ag, kind, path, "", true)
}

func (w webImporter) StoreImport(ctx context.Context, ag *standard.Agency, kind, path, by string) (dashboards.ImportPreview, error) {
	return w.run(ctx, ag, kind, path, by, false)
}

// run checks the file, and stores it unless dryRun; a file's problems go in the preview.
func (w webImporter) run(ctx context.Context, ag *standard.Agency, kind, path, by string, dryRun bool) (dashboards.ImportPreview, error) {
	var p dashboards.ImportPreview
	counts := map[[2]string]int{}
	var order [][2]string
	tally := func(by, value string) {
		k := [2]string{by, value}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	lim := ingest.WebImportLimits
	var err error
	if kind == dashboards.ImportCases {
		cal, cerr := w.a.calendars.For(ctx, ag)
		if cerr != nil {
			return p, cerr
		}
		var res ingest.CaseImportResult
		res, err = w.a.store.ImportCases(ctx, path, ag, cal, ingest.CaseImportOptions{DryRun: dryRun, Limits: &lim, By: by, Each: func(r cases.Record) {
			tally("layanan", r.Service)
			tally("bulan", r.ReceivedDate.Format("2006-01"))
			tally("status", r.Status)
		}})
		p.Rows, p.Skipped, p.Stored = res.Rows, res.Skipped, res.Stored
		if res.Format == ingest.CaseFormatLapor {
			p.Source = "ekspor SP4N-LAPOR!"
		}
	} else {
		var f ingest.ResponsesFile
		f, err = ingest.ReadResponsesFile(path, ag, lim, nil)
		p.Rows, p.Numbered = len(f.Responses), f.Numbered
		for _, r := range f.Responses {
			tally("layanan", r.Service)
			tally("periode", survey.PeriodOf(r.SubmittedAt.In(ag.Location), ag.SurveyPeriods).Code())
		}
		if err == nil {
			// Rows of a closed period are problems of the preview, so "Simpan" does not fail on them.
			err = f.CheckPeriods(ctx, w.a.gate, ag)
		}
		switch {
		case err != nil:
		case dryRun:
			p.Known, err = w.a.store.KnownResponses(ctx, f.Responses)
		default:
			p.Stored, err = w.a.store.ImportResponses(ctx, w.a.set, w.a.flags.db.dataDir, f.Responses, w.a.logger)
			p.Known = p.Rows - p.Stored
		}
	}
	var rowErrs ingest.ImportErrors
	var closed *survey.ClosedPeriodError
	switch {
	case errors.As(err, &rowErrs):
		for _, e := range rowErrs {
			p.Problems = append(p.Problems, e.String())
		}
		p.Stopped = rowErrs.Stopped()
		return p, nil
	case errors.As(err, &closed):
		p.Problems = []string{closed.Error()}
		return p, nil
	case err != nil:
		return p, err
	}
	for _, k := range order {
		p.Counts = append(p.Counts, dashboards.ImportCount{By: k[0], Value: k[1], N: counts[k]})
	}
	return p, nil
}

// accountStore keeps staff accounts, their one-time codes and the API tokens for
// dashboards.AccountAdmin, which the admin screens and `skm user`/`skm token` share:
// changes through the write side, lists through the read side.
type accountStore struct {
	store *ingest.Store
	q     *reports.Querier
	// forget drops a revoked token from the API's cache (nil for the command line).
	forget func(id string)
}

func (s *accountStore) User(ctx context.Context, username string) (reports.User, bool, error) {
	return s.q.User(ctx, username)
}

func (s *accountStore) Users(ctx context.Context) ([]reports.User, error) { return s.q.Users(ctx) }

func (s *accountStore) SaveUser(ctx context.Context, u reports.User, by string, at time.Time) (uint64, error) {
	row := ingest.UserRow{Username: u.Username, Agency: u.Agency, Role: u.Role, DisplayName: u.DisplayName,
		PasswordHash: u.PasswordHash, Disabled: u.Disabled, ChangedAt: at, ChangedBy: by}
	return row.Version(), s.store.SaveUser(ctx, row)
}

func (s *accountStore) AccountCode(ctx context.Context, hash string) (reports.AccountCode, bool, error) {
	return s.q.AccountCode(ctx, hash)
}

func (s *accountStore) SaveAccountCode(ctx context.Context, c reports.AccountCode, at time.Time) error {
	return s.store.SaveAccountCode(ctx, ingest.AccountCodeRow{Hash: c.Hash, Username: c.Username, Purpose: c.Purpose,
		UserVersion: c.UserVersion, CreatedAt: c.CreatedAt, ExpiresAt: c.ExpiresAt, CreatedBy: c.CreatedBy, Used: c.Used}, at)
}

func (s *accountStore) Tokens(ctx context.Context, agency string) ([]reports.Token, error) {
	return s.q.Tokens(ctx, agency)
}

func (s *accountStore) CreateToken(ctx context.Context, agency, name, kind string, at time.Time) (string, string, error) {
	return s.store.CreateToken(ctx, agency, name, kind, at)
}

func (s *accountStore) RevokeToken(ctx context.Context, t reports.Token, at time.Time) error {
	if err := s.store.RevokeToken(ctx, t.ID, t.Agency, t.Name, t.Kind, t.CreatedAt, at); err != nil {
		return err
	}
	if s.forget != nil {
		s.forget(t.ID)
	}
	return nil
}

// directAuditor writes audit lines straight to ClickHouse: the command line has no spool.
type directAuditor struct{ store *ingest.Store }

func (d directAuditor) Audit(ctx context.Context, e reports.AuditEntry) error {
	return d.store.WriteAudit(ctx, ingest.AuditRow(e))
}

// cliAccountAdmin is the AccountAdmin of `skm user` and `skm token`: it acts as an admin
// named "cli" or "cli:<by>".
func cliAccountAdmin(set *standard.Set, db *database, by string) (*dashboards.AccountAdmin, dashboards.Actor) {
	actor := "cli"
	if by != "" {
		actor = "cli:" + by
	}
	return dashboards.NewAccountAdmin(dashboards.AccountAdminOptions{Set: set,
			Store: &accountStore{store: db.store, q: reports.New(db.conn, db.name)}, Auditor: directAuditor{db.store},
			HashCode: ingest.TokenHash}),
		dashboards.Actor{Username: actor, Role: dashboards.RoleAdmin}
}

// accountUsage turns a refused account or token change into a usage error naming the flag.
func accountUsage(err error) error {
	var ae *dashboards.AccountError
	if !errors.As(err, &ae) {
		return err
	}
	flag := map[string]string{"username": "--username: ", "role": "--role: ", "agency": "--agency: ", "name": "--name: ",
		"id": "--id: ", "password": "password: "}[ae.Field]
	return usagef("%s%s", flag, ae.Message)
}
