package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"skm/dashboards"
	"skm/ingest"
	"skm/survey"
	"skm/survey/web"
)

// router builds the HTTP handler: the operations routes here, then each package's own
// (resident pages, staff pages, and the machine API with every /api/v1 route). The
// README's "Every route" lists them all; a test compares it with what is registered.
func (a *app) router(trustedProxies []string) (http.Handler, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(trustedProxies); err != nil {
		return nil, usagef("--trusted-proxies: %v", err)
	}
	r.Use(requestID(), accessLog(a.logger), recovery(a.logger), dashboards.CrossOriginProtection(), failFast(a.monitor))

	r.GET("/healthz", a.healthz)
	r.GET("/readyz", a.readyz)
	r.GET("/metrics", metricsAccess(a.flags.metricsToken), gin.WrapH(promhttp.HandlerFor(a.reg, promhttp.HandlerOpts{})))
	querier := a.reports
	pageSeconds := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "skm_page_seconds",
		Help:    "Server time of staff pages (dashboard, ranking), all panels included.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"page"})
	panelSeconds := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "skm_panel_seconds",
		Help:    "Time of each dashboard panel's queries.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"panel"})
	a.reg.MustRegister(pageSeconds, panelSeconds)
	records := recordStore{store: a.store, gate: a.gate}
	audit := auditor{ingest.NewAuditor(a.spool)}
	accounts := &accountStore{store: a.store, q: querier}
	kiosks := dashboards.NewKioskSightings(nil)
	// On a cluster several skm servers may stand behind one address: the failed logins are
	// counted together (one server counts in memory alone).
	var failures dashboards.LoginFailures
	if a.db.layout.Clustered() {
		failures = loginFailures{a.store}
	}
	staff, err := dashboards.NewStaff(dashboards.StaffOptions{LoginFailures: failures, Set: a.set, Accounts: querier, Auditor: audit, Kiosks: kiosks,
		AccountStore: accounts, HashCode: ingest.TokenHash,
		Data: querier, Cases: a.cases, Register: querier, Notes: a.store, Records: records, Holidays: holidayEditor{a}, AuditLog: querier, Reports: querier, Periods: periodKeeper{a},
		Targets: targetKeeper{store: a.store, q: querier}, Meetings: meetingBook{Querier: querier, store: a.store},
		ReportTexts: reportTextBook{Querier: querier, store: a.store}, Importer: webImporter{a}, ImportDir: filepath.Join(a.flags.db.dataDir, "impor-web"), ImportMaxBytes: ingest.WebImportLimits.MaxBytes,
		Revocations: revocations{a}, SessionKey: a.sessionKey, SecureCookies: a.flags.secureCookies, Logger: a.logger,
		ObservePage:  func(page string, took time.Duration) { pageSeconds.WithLabelValues(page).Observe(took.Seconds()) },
		ObservePanel: func(panel string, took time.Duration) { panelSeconds.WithLabelValues(panel).Observe(took.Seconds()) }})
	if err != nil {
		return nil, err
	}
	api := dashboards.NewAPI(dashboards.APIOptions{Set: a.set, Tokens: querier, Reader: querier, Store: records,
		Cases: a.cases, CaseReader: querier, HashSecret: ingest.TokenHash, Session: staff.SessionAgency,
		SessionUser: staff.SessionUser, Kiosks: kiosks, Logger: a.logger})
	accounts.forget = api.ForgetToken // a token revoked on the screen stops at once here

	limits := web.DefaultLimits()
	limits.Off = a.flags.noRateLimit
	residents := web.New(web.Options{Set: a.set, Recorder: a.intake, Logger: a.logger, PublicURL: a.flags.publicURL,
		Limits: &limits, SecureCookies: a.flags.secureCookies, VisitCodes: survey.NewVisitCodes(a.visitKey),
		Template: importTemplate, Results: querier, Report: newPublicReports(querier, time.Now).Write,
		Caller: apiCaller(api), Audit: audit.submitted,
		OnReject: func(reason string) { a.metrics.Rejected.WithLabelValues(reason).Inc() }})
	residents.Register(r)
	staff.Register(r)
	api.Register(r, residents)
	a.staff = staff

	r.NoRoute(residents.NotFound)
	r.NoMethod(methodNotAllowed)
	return r, nil
}

// methodNotAllowed answers a known address asked in a way it does not serve (a form sent
// to a page that only shows, and the like).
func methodNotAllowed(c *gin.Context) {
	c.String(http.StatusMethodNotAllowed, "Permintaan ini tidak dapat dilayani di alamat ini. Buka alamatnya lagi dari halaman sebelumnya.\n")
}

// healthz answers 200 while the process runs.
func (a *app) healthz(c *gin.Context) {
	c.String(http.StatusOK, "ok\n")
}

// readyz answers 200 when the spool is writable, ClickHouse answers in time and the schema
// is current, else 503 with the reason: "not ready" when the spool cannot take responses,
// "degraded" when only ClickHouse is missing (responses are still accepted). It never
// waits for ClickHouse: the monitor's last check is reported.
func (a *app) readyz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	if err := a.spool.Writable(); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "not ready", "reason": err.Error(), "spool_depth": a.spool.Depth()})
		return
	}
	if err := a.monitor.state(); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "degraded", "reason": err.Error(), "spool_depth": a.spool.Depth()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "clickhouse": a.db.version, "database": a.db.name, "spool_depth": a.spool.Depth()})
}

// requestID gives every request an id, echoed in X-Request-ID and on every log line, so a
// resident's or head's error page can be matched with the log. Ids are a random prefix
// drawn at start and a counter: unique, and no system call per request.
func requestID() gin.HandlerFunc {
	var b [4]byte
	_, _ = rand.Read(b[:])
	prefix := hex.EncodeToString(b[:]) + "-"
	var n atomic.Uint64
	return func(c *gin.Context) {
		id := prefix + strconv.FormatUint(n.Add(1), 36)
		c.Set(dashboards.RequestIDKey, id)
		c.Header("X-Request-ID", id)
		c.Next()
	}
}

// accessLog writes one structured line per request. No client IP is logged: the product
// keeps no raw IP addresses.
func accessLog(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		level := slog.LevelInfo
		if c.Writer.Status() >= 500 {
			level = slog.LevelError
		}
		if c.Request.URL.Path == "/healthz" || c.Request.URL.Path == "/readyz" {
			level = slog.LevelDebug
		}
		if !logger.Enabled(c.Request.Context(), level) {
			return
		}
		attrs := []any{dashboards.RequestIDKey, c.GetString(dashboards.RequestIDKey), "method", c.Request.Method,
			"route", c.FullPath(), "status", c.Writer.Status(), "bytes", c.Writer.Size(),
			"took", time.Since(start).Round(time.Microsecond)}
		if len(c.Errors) > 0 {
			attrs = append(attrs, "err", c.Errors.String())
		}
		logger.Log(c.Request.Context(), level, "request", attrs...)
	}
}

// recovery turns a panic into a logged error and a safe 500 page with the request id.
func recovery(logger *slog.Logger) gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, rec any) {
		logger.Error("panic", dashboards.RequestIDKey, c.GetString(dashboards.RequestIDKey), "panic", fmt.Sprint(rec))
		c.String(http.StatusInternalServerError, dashboards.ServerFault(c.GetString(dashboards.RequestIDKey))+"\n")
	})
}
