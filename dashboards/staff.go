// Package dashboards is the staff side (gin): login and roles, the agency head's monthly
// evaluation dashboard and its charts (go-echarts), the case register, the follow-up plan
// (RTL), survey periods, the narrative report's own texts, holidays, the audit log and the
// downloads; and the machine API (api.go): the token check and every /api/v1 route.
package dashboards

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/securecookie"

	"skm/ratelimit"
	"skm/reports"
	"skm/reports/xlsx"
	"skm/standard"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Accounts reads staff accounts.
type Accounts interface {
	User(ctx context.Context, username string) (reports.User, bool, error)
}

// Auditor records a line of the audit log durably; an error means it was not recorded.
type Auditor interface {
	Audit(ctx context.Context, e reports.AuditEntry) error
}

// Revocations stores the sessions ended by logout, for every server of the database.
type Revocations interface {
	// RevokeSession records that session id is ended until expires.
	RevokeSession(ctx context.Context, id string, expires time.Time) error
	// RevokedSessions returns the ended sessions that expire after now, with their ends.
	RevokedSessions(ctx context.Context, now time.Time) (map[string]time.Time, error)
}

// StaffOptions configure the staff web app. Zero values take the defaults noted on each field.
type StaffOptions struct {
	// Set holds the agencies. Required.
	Set *standard.Set
	// Accounts finds accounts at login and on every request. Required.
	Accounts Accounts
	// Auditor records logins, changes and downloads. Required.
	Auditor Auditor
	// Data answers the dashboard's questions. Required for the dashboard.
	Data DashboardData
	// Cases records cases from the register's forms; Register reads the register.
	Cases    CaseRecorder
	Register CaseRegister
	// Notes stores the notes on cases and the reasons they were reopened (nil: notes
	// answer 503).
	Notes CaseNotes
	// Records saves follow-up items from the RTL screen.
	Records RecordStore
	// Holidays corrects the working calendar (admins).
	Holidays HolidayEditor
	// Periods says where survey periods stand for new responses and records the head's
	// reopenings; nil: the periods page answers 503.
	Periods PeriodKeeper
	// Targets stores the dashboard targets set per agency and year, and their history; nil:
	// the targets screen shows the targets in force and answers 503 to a new setting.
	Targets TargetKeeper
	// Meetings keeps the monthly evaluation meetings and their decisions (nil: the meeting
	// page answers 503).
	Meetings MeetingBook
	// ReportTexts keeps the staff's own texts per chapter of the Laporan SKM (nil: the
	// report page answers 503).
	ReportTexts ReportTextBook
	// AuditLog reads the audit log (admins).
	AuditLog AuditReader
	// Reports answers the workbooks' and exports' questions (reports.Querier is one).
	Reports xlsx.Source
	// Importer checks and stores the files of the web import, staged in ImportDir until
	// "Simpan"; nil or "": the import page answers 503 to uploads.
	Importer  Importer
	ImportDir string
	// ImportMaxBytes is the largest file the web import accepts (default 10 MB).
	ImportMaxBytes int64
	// AccountStore reads and writes accounts, one-time codes and API tokens for the account
	// and token screens; HashCode hashes one-time codes as stored (both required for them;
	// nil: those screens answer 503).
	AccountStore AccountStore
	HashCode     func(code string) string
	// Kiosks remembers when each kiosk device was last seen (the machine API's); nil: not shown.
	Kiosks *KioskSightings
	// Revocations keeps logouts across restarts and servers (nil: in memory only).
	Revocations Revocations
	// LoginFailures shares the failed logins among the servers, so that the login limits
	// hold for all of them together (nil: each server counts its own).
	LoginFailures LoginFailures
	// SessionKey signs and encrypts session cookies: 64 secret bytes (32 to sign, 32 to
	// encrypt). Required; keep it across restarts or everyone must log in again.
	SessionKey []byte
	// SecureCookies marks the session cookie Secure (behind TLS).
	SecureCookies bool
	// SessionTTL is how long a login lasts (default 12 hours: a working day).
	SessionTTL time.Duration
	// ObservePage is told how long the server took for a page, and ObservePanel for each
	// dashboard panel (either may be nil).
	ObservePage  func(page string, took time.Duration)
	ObservePanel func(panel string, took time.Duration)
	// PanelTimeout bounds each dashboard panel (default 10 s).
	PanelTimeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives errors and page timings (default: discard).
	Logger *slog.Logger
}

// Staff is the staff web app: login, the dashboard, the case register and follow-up screens.
type Staff struct {
	opts    StaffOptions
	cookies *securecookie.SecureCookie
	tmpl    map[string]*template.Template
	limits  *ratelimit.Keyed
	users   *userCache
	static  *staticFiles
	// loggedOut are the sessions ended by logout.
	loggedOut *revoked
	// throttled counts throttled logins for the audit log.
	throttled throttledLog
	// accountAdmin changes accounts and tokens (nil without an AccountStore).
	accountAdmin *AccountAdmin
	// failureKey keys the shared log of failed logins (derived from the session key, so
	// every server sharing that derives the same).
	failureKey []byte
}

// NewStaff returns the staff web app.
func NewStaff(opts StaffOptions) (*Staff, error) {
	if len(opts.SessionKey) != 64 {
		return nil, fmt.Errorf("dashboards: the session key must have 64 bytes, not %d", len(opts.SessionKey))
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 12 * time.Hour
	}
	if opts.ImportMaxBytes <= 0 {
		opts.ImportMaxBytes = 10 << 20
	}
	if opts.PanelTimeout <= 0 {
		opts.PanelTimeout = 10 * time.Second
	}
	sc := securecookie.New(opts.SessionKey[:32], opts.SessionKey[32:])
	sc.MaxAge(int(opts.SessionTTL / time.Second))
	sc.SetSerializer(securecookie.JSONEncoder{})
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("dashboards: static files: %w", err)
	}
	s := &Staff{opts: opts, cookies: sc, limits: ratelimit.New(opts.Now),
		users: newUserCache(opts.Accounts, opts.Now), static: staticHandler(sub),
		loggedOut: newRevoked(opts.Revocations, opts.Now, opts.Logger)}
	// A key of its own for the shared failure log, from the session key the servers share.
	m := hmac.New(sha256.New, opts.SessionKey)
	m.Write([]byte("skm login failures"))
	s.failureKey = m.Sum(nil)
	if opts.AccountStore != nil && opts.HashCode != nil {
		s.accountAdmin = NewAccountAdmin(AccountAdminOptions{Set: opts.Set, Store: opts.AccountStore, Auditor: opts.Auditor,
			HashCode: opts.HashCode, Changed: s.users.forget, Now: opts.Now})
	}
	if s.tmpl, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

// route is one staff route: who may use it, and its handler.
type route struct {
	method, path string
	need         permission
	handle       gin.HandlerFunc
}

// routes lists every staff route with the permission it needs. Register puts each behind
// guard, the one place where roles and agencies are checked.
func (s *Staff) routes() []route {
	return []route{
		{http.MethodGet, "/login", public, s.loginForm},
		{http.MethodPost, "/login", public, s.loginSubmit},
		{http.MethodPost, "/logout", signedIn, s.logout},
		{http.MethodGet, "/static/*file", public, s.staticFile},
		{http.MethodGet, "/dashboard", view, s.dashboardIndex},
		{http.MethodGet, "/dashboard/:agency", view, s.dashboard},
		{http.MethodGet, "/dashboard/:agency/ringkasan", view, s.ringkasan},
		{http.MethodGet, "/dashboard/:agency/unsur/:kode", view, s.element},
		{http.MethodGet, "/cases/:agency", view, s.caseList},
		{http.MethodGet, "/cases/:agency/baru", record, s.caseNew},
		{http.MethodPost, "/cases/:agency/baru", record, s.caseCreate},
		{http.MethodGet, "/cases/:agency/kasus", view, s.caseShow},
		{http.MethodPost, "/cases/:agency/kasus", record, s.caseUpdate},
		{http.MethodPost, "/cases/:agency/kasus/catatan", record, s.caseNote},
		{http.MethodPost, "/cases/:agency/kasus/klasifikasi", record, s.caseReclassify},
		{http.MethodPost, "/cases/:agency/kasus/buka", record, s.caseReopen},
		{http.MethodGet, "/cases/:agency/petugas", view, s.caseBacklog},
		{http.MethodGet, "/saran/:agency", view, s.saranList},
		{http.MethodGet, "/rtl/:agency", view, s.rtl},
		{http.MethodPost, "/rtl/:agency", record, s.rtlSave},
		{http.MethodGet, "/periode/:agency", view, s.periods},
		{http.MethodPost, "/periode/:agency", decide, s.periodSave},
		{http.MethodGet, "/target/:agency", view, s.targets},
		{http.MethodPost, "/target/:agency", decide, s.targetSave},
		{http.MethodGet, "/rapat/:agency", view, s.meetingPage},
		{http.MethodPost, "/rapat/:agency", record, s.meetingSave},
		{http.MethodPost, "/rapat/:agency/keputusan", record, s.decisionSave},
		{http.MethodPost, "/rapat/:agency/tutup", decide, s.decisionClose},
		{http.MethodGet, "/laporan/:agency", view, s.reportTextsPage},
		{http.MethodPost, "/laporan/:agency", compose, s.reportTextsSave},
		{http.MethodGet, "/impor/:agency", view, s.importPage},
		{http.MethodPost, "/impor/:agency", record, s.importCheck},
		{http.MethodPost, "/impor/:agency/simpan", record, s.importSave},
		{http.MethodGet, "/kios/:agency", kiosks, s.kioskDevices},
		{http.MethodPost, "/kios/:agency", kiosks, s.kioskRegister},
		{http.MethodPost, "/kios/:agency/cabut", kiosks, s.kioskRevoke},
		{http.MethodGet, "/admin/holidays", admin, s.holidays},
		{http.MethodPost, "/admin/holidays", admin, s.holidaySave},
		{http.MethodGet, "/admin/audit", admin, s.auditLog},
		{http.MethodGet, "/admin/akun", manage, s.accounts},
		{http.MethodPost, "/admin/akun", manage, s.accountAdd},
		{http.MethodPost, "/admin/akun/ubah", manage, s.accountChange},
		{http.MethodGet, "/admin/token", manage, s.tokens},
		{http.MethodPost, "/admin/token", manage, s.tokenCreate},
		{http.MethodPost, "/admin/token/cabut", manage, s.tokenRevoke},
		{http.MethodGet, "/akun/setel-sandi", public, s.setPasswordForm},
		{http.MethodPost, "/akun/setel-sandi", public, s.setPasswordSubmit},
		{http.MethodGet, "/reports/:agency/:file", export, s.reportDownload},
	}
}

// Register adds the staff routes to r.
func (s *Staff) Register(r gin.IRouter) {
	for _, rt := range s.routes() {
		r.Handle(rt.method, rt.path, s.securityHeaders, s.guard(rt.need), rt.handle)
	}
}

// securityHeaders sets a strict Content-Security-Policy: scripts only from our own files (no
// inline script at all), so text in the data can never run as script. Style sheets come only
// from our files too; style attributes are allowed (style-src-attr), because ECharts styles
// its tooltips and hovered SVG elements with them — an attribute cannot run script, and with
// img-src and default-src 'self' it cannot load anything from elsewhere either.
func (s *Staff) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "+
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

// CrossOriginProtection refuses state-changing requests (POST, PUT, DELETE, …) a browser
// sends from another site — CSRF — by the Sec-Fetch-Site and Origin headers browsers add
// (Go's http.CrossOriginProtection). Requests without them (machines, curl) pass: they
// carry no ambient cookie of a user. It is put in front of the whole router.
func CrossOriginProtection() gin.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	return func(c *gin.Context) {
		if err := cop.Check(c.Request); err != nil {
			c.AbortWithStatus(http.StatusForbidden)
			_, _ = c.Writer.WriteString("Permintaan dari situs lain ditolak. (Cross-origin request refused.)\n")
			return
		}
		c.Next()
	}
}
