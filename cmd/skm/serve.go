package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"skm/chlocal"
	"skm/dashboards"
	"skm/ingest"
	"skm/ingest/spool"
	"skm/reports"
	"skm/standard"
)

// serveFlags are the flags of serve and demo.
type serveFlags struct {
	addr           string
	trustedProxies string
	publicURL      string
	spoolMaxMB     int64
	spoolSegmentMB int64
	spoolReserveMB int64
	noRateLimit    bool
	batchWait      time.Duration
	batchRows      int
	secureCookies  bool
	visitCodeKey   string
	sessionKey     string
	shutdown       time.Duration
	restartLimit   time.Duration
	maxConns       int
	maxConnsPerIP  int
	metricsToken   string
	// publicFromListen makes the listen address the public URL when none is given (demo).
	publicFromListen bool
	dataFlags
}

func (s *serveFlags) register(f *flagSet, defaultDataDir string) {
	f.StringVar(&s.addr, "addr", "127.0.0.1:8080", "HTTP listen `address` (host:port; port 0 picks a free one)")
	f.StringVar(&s.trustedProxies, "trusted-proxies", "", "comma-separated `CIDRs` of reverse proxies whose X-Forwarded-For is believed; empty: none")
	f.StringVar(&s.publicURL, "public-url", "", "`URL` residents reach skm at, printed on QR posters (e.g. https://skm.example.go.id); empty: no QR codes and posters (the request's Host header is never trusted for them)")
	f.StringVar(&s.metricsToken, "metrics-token", "", "secret `token` that /metrics requires (Authorization: Bearer …) from any address; empty: /metrics answers only direct loopback clients")
	f.Int64Var(&s.spoolMaxMB, "spool-max-mb", 2048, "largest size of the intake spool in `MiB`; beyond it new responses get 503 (never dropped silently)")
	f.Int64Var(&s.spoolSegmentMB, "spool-segment-mb", 16, "size of each spool segment file in `MiB` (made zero-filled ahead of use)")
	f.Int64Var(&s.spoolReserveMB, "spool-reserve-mb", 64, "free space in `MiB` kept on the spool's disk: a new segment that would cut into it is refused (503) before the disk is truly full; at most a quarter of the disk")
	f.DurationVar(&s.batchWait, "batch-max-wait", time.Second, "longest time a response waits in the spool before it is sent to ClickHouse")
	f.IntVar(&s.batchRows, "batch-max-rows", 10000, "most responses sent to ClickHouse in one batch")
	f.BoolVar(&s.noRateLimit, "no-rate-limit", false, "disable the per-IP and per-device limits (load tests only)")
	f.visitCodeKeyVar(&s.visitCodeKey)
	f.StringVar(&s.sessionKey, "session-key", "", "secret `hex` key (64 bytes) that signs and encrypts staff logins; empty: a key file created in --data-dir")
	f.BoolVar(&s.secureCookies, "secure-cookies", false, "mark cookies Secure (set when skm is served over HTTPS)")
	f.DurationVar(&s.shutdown, "shutdown-timeout", 20*time.Second, "how long to let in-flight requests finish on shutdown")
	f.DurationVar(&s.restartLimit, "clickhouse-restart-limit", 10*time.Minute, "how long the private ClickHouse may stay down, restarted with backoff, before skm gives up and exits")
	f.IntVar(&s.maxConns, "max-conns", 0, "most open HTTP connections in `total`; further ones wait until one closes; 0: derived from the open-file limit (three quarters of it, at most 1 024 kept back)")
	f.IntVar(&s.maxConnsPerIP, "max-conns-per-ip", 256, "most open HTTP connections from one client `address` (an IPv6 client by its /64); further ones are closed at once; --trusted-proxies are exempt; 0: no cap")
	s.dataFlags.register(f, defaultDataDir)
}

// app is what a running server holds.
type app struct {
	e      *env
	logger *slog.Logger
	set    *standard.Set
	db     *database
	flags  serveFlags
	spool  *spool.Spool
	intake *ingest.Intake
	// gate closes survey periods whose results are published or whose grace has passed.
	gate  *ingest.PeriodGate
	cases *ingest.CaseIntake
	// calendars are the agencies' working calendars with the admins' holiday changes.
	calendars *ingest.Calendars
	// caseMonths computes the monthly case figures ahead.
	caseMonths *ingest.CaseMonths
	// reports is the read side, one Querier (and one cache) for every page and the demo seed.
	reports *reports.Querier
	// store is the write side's direct path to ClickHouse (records, accounts, holiday
	// changes); responses and cases go through the spool and the batcher, which use it too.
	store   *ingest.Store
	metrics *ingest.Metrics
	reg     *prometheus.Registry
	// monitor knows at once whether ClickHouse answers (readiness, fail-fast pages).
	monitor *dbMonitor
	// visitKey signs per-visit codes; sessionKey signs and encrypts staff sessions.
	visitKey   []byte
	sessionKey []byte
	// staff is the staff web app (its Run writes the counts of throttled logins).
	staff *dashboards.Staff
}

// startHook runs after migrations and before the server listens (demo seeds data there);
// announce runs once the server listens, with its base URL.
type startHook func(ctx context.Context, a *app) error
type announceHook func(a *app, baseURL string)

func runServe(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "serve", "[flags]",
		"Runs skm: checks the standards, connects to ClickHouse (or starts a private one under\n"+
			"--data-dir), applies pending migrations and serves HTTP until SIGINT or SIGTERM.")
	var s serveFlags
	s.register(f, "skm-data")
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	return serve(ctx, e, s, nil, func(a *app, base string) {
		fmt.Fprintf(e.stdout, "skm is running at %s (Ctrl-C to stop)\n", base)
	})
}

// serve runs the server until ctx ends, the server fails, or the private ClickHouse cannot
// be restarted within --clickhouse-restart-limit. While it is down the form and the API
// keep answering into the spool. Whatever happens, the private ClickHouse is stopped before
// serve returns.
func serve(ctx context.Context, e *env, s serveFlags, hook startHook, announce announceHook) error {
	logger, err := s.log.logger(e.stderr)
	if err != nil {
		return err
	}
	// Before anything else: the data directory (spool, keys, private ClickHouse) belongs to
	// one server process; a second one would corrupt the spool.
	lock, err := lockDataDir(s.db.dataDir)
	if err != nil {
		return err
	}
	defer lock.release()
	set, err := loadStandards(e, s.standards)
	if err != nil {
		return err
	}
	for _, ag := range set.Agencies {
		logger.Info("standard loaded", "agency", ag.Code, "services", len(ag.Services), "file", ag.File)
	}
	limits, err := s.connLimits(logger)
	if err != nil {
		return err
	}
	if err := checkPublicURL(s.publicURL); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.addr, err)
	}
	defer ln.Close()
	switch {
	case s.publicURL == "" && s.publicFromListen:
		s.publicURL = "http://" + ln.Addr().String()
	case s.publicURL == "":
		logger.Warn("no --public-url: the survey's QR codes and posters are not available (they never take the request's Host header)")
	}
	db, err := openDatabase(ctx, s.db, logger, false)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil {
			logger.Error("closing the database", "err", err)
		}
	}()
	if _, err := db.migrate(ctx, logger); err != nil {
		return err
	}
	// From here on a private ClickHouse that dies is restarted; requests that need it fail
	// fast meanwhile, responses wait in the spool.
	var localFailed <-chan error
	if db.local != nil {
		localFailed = db.local.Supervise(chlocal.SuperviseOptions{GiveUpAfter: s.restartLimit})
	}
	reserve := s.spoolReserveMB << 20
	if reserve <= 0 {
		reserve = -1 // none
	}
	sp, err := ingest.OpenSpool(filepath.Join(s.db.dataDir, "spool"), spool.Options{MaxBytes: s.spoolMaxMB << 20,
		SegmentSize: s.spoolSegmentMB << 20, Reserve: reserve, Logger: logger})
	if err != nil {
		return err
	}
	defer sp.Close()
	if d := sp.Depth(); d > 0 {
		logger.Info("intake: replaying responses left in the spool", "entries", d)
	}
	vkey, err := visitCodeKey(s.visitCodeKey, s.db.dataDir)
	if err != nil {
		return err
	}
	skey, err := sessionKey(s.sessionKey, s.db.dataDir)
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := ingest.NewMetrics(reg, sp)
	a := &app{e: e, logger: logger, set: set, db: db, flags: s, spool: sp, reg: reg, metrics: metrics, visitKey: vkey, sessionKey: skey,
		reports: reports.New(db.conn, db.name), store: db.store}
	a.gate, a.calendars = ingest.NewPeriodGate(a.store, nil), ingest.NewCalendars(set, a.store)
	a.intake = ingest.NewIntake(sp, set, metrics, nil).WithGate(a.gate)
	if a.cases, err = ingest.NewCaseIntake(sp, a.store, set, a.calendars, metrics, nil); err != nil {
		return err
	}
	a.caseMonths = ingest.NewCaseMonths(a.store, set, logger)
	// On a cluster several skm servers may share the database: the intake inserts under a
	// lease, and the background work runs on one server at a time (see serveBackground).
	var leases *ingest.Leases
	if db.layout.Clustered() {
		leases = ingest.NewLeases(a.store, ingest.LeaseOptions{Logger: logger})
		logger.Info("several skm servers may share this cluster: intake and background work under leases", "owner", leases.Owner())
	}
	batcher := ingest.NewBatcher(sp, a.store, ingest.BatcherOptions{Logger: logger, Metrics: metrics,
		MaxWait: s.batchWait, MaxBatch: s.batchRows, CasesWritten: a.caseMonths.Changed,
		Leases: leases, AttemptFile: filepath.Join(s.db.dataDir, "intake-attempt")})
	bctx, stopBatcher := context.WithCancel(context.WithoutCancel(ctx))
	batcherDone := make(chan struct{})
	go func() { batcher.Run(bctx); close(batcherDone) }()
	// Stopped after the HTTP server, so responses acknowledged until the end are drained.
	defer func() { stopBatcher(); <-batcherDone }()
	// Sharp moves of an IKM within minutes are flagged to staff, whatever their source.
	bursts := ingest.NewBurstWatch(a.store, set, ingest.NewAuditor(sp).Audit, logger, nil)
	backgroundDone := make(chan struct{})
	go func() { serveBackground(bctx, a.store, leases, a.caseMonths, bursts, logger); close(backgroundDone) }()
	defer func() { stopBatcher(); <-backgroundDone }()
	// Entries an older skm left in the earlier spool format wait there while the disk is too
	// full to move them; they are moved as soon as it allows.
	legacyDone := make(chan struct{})
	go func() {
		ingest.KeepMovingLegacySpool(bctx, filepath.Join(s.db.dataDir, "spool"), sp, logger, 30*time.Second)
		close(legacyDone)
	}()
	defer func() { stopBatcher(); <-legacyDone }()
	a.monitor = newDBMonitor(db)
	a.monitor.update(ctx) // known before the first request
	monitorDone := make(chan struct{})
	go func() { a.monitor.run(bctx); close(monitorDone) }()
	defer func() { stopBatcher(); <-monitorDone }()
	if hook != nil {
		if err := hook(ctx, a); err != nil {
			return err
		}
	}
	handler, err := a.router(splitList(s.trustedProxies))
	if err != nil {
		return err
	}
	refused := prometheus.NewCounter(prometheus.CounterOpts{Name: "skm_http_connections_refused_total",
		Help: "HTTP connections closed at once because their client address had --max-conns-per-ip open."})
	reg.MustRegister(refused)
	limits.Refused = refused.Inc
	ln = newLimitListener(ln, limits)
	// Stopped after the HTTP server and before the batcher, so the last minute's counts of
	// throttled logins reach the spool and are drained with it.
	staffCtx, stopStaff := context.WithCancel(context.WithoutCancel(ctx))
	staffDone := make(chan struct{})
	go func() { a.staff.Run(staffCtx); close(staffDone) }()
	defer func() { stopStaff(); <-staffDone }()
	srv := &http.Server{
		Handler: handler,
		// Short enough that idle and slow connections give their descriptors back soon;
		// a kiosk's 8-second refresh still reuses its connection.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	logger.Info("listening", "url", base)
	announce(a, base)

	var exitErr error
	select {
	case <-ctx.Done():
		logger.Info("shutting down")
	case err := <-serveErr:
		exitErr = fmt.Errorf("http server: %w", err)
	case err := <-localFailed:
		logger.Error("giving up: the private ClickHouse could not be restarted; skm stops", "limit", s.restartLimit.String(), "err", err)
		exitErr = fmt.Errorf("ClickHouse pribadi tidak dapat dijalankan ulang; skm berhenti. (%w)", err)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Warn("in-flight requests did not finish in time", "err", err)
	}
	return exitErr
}

// checkPublicURL accepts an empty public URL or an absolute http(s) URL without query.
func checkPublicURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return usagef("--public-url %q: expected an address such as https://skm.example.go.id", s)
	}
	return nil
}

// connLimits raises the open-file limit and works out the connection caps from the flags.
func (s serveFlags) connLimits(logger *slog.Logger) (connLimits, error) {
	if s.maxConns < 0 || s.maxConnsPerIP < 0 {
		return connLimits{}, usagef("--max-conns and --max-conns-per-ip must not be negative")
	}
	fileLimit, err := raiseFileLimit()
	if err != nil {
		logger.Warn("open-file limit", "err", err)
	}
	lim := connLimits{Total: s.maxConns, PerAddr: s.maxConnsPerIP}
	if lim.Total == 0 && fileLimit > 0 {
		lim.Total = defaultMaxConns(fileLimit)
	}
	if lim.Exempt, err = parsePrefixes(splitList(s.trustedProxies)); err != nil {
		return connLimits{}, usagef("--trusted-proxies: %v", err)
	}
	logger.Info("connection limits", "open_files", fileLimit, "max_conns", lim.Total, "max_conns_per_ip", lim.PerAddr)
	return lim, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// BackgroundLease is the lease under which one skm server of a cluster does the background
// work: the case figures computed ahead (with the daily full pass), the burst watch, and
// deleting old lease rows and failed logins.
const BackgroundLease = "background"

// serveBackground runs the background work until ctx ends: on one server, always; with
// leases (a cluster), only while this server holds BackgroundLease, so that one server at a
// time computes every agency's figures, and another takes over when it dies.
func serveBackground(ctx context.Context, store *ingest.Store, leases *ingest.Leases, months *ingest.CaseMonths, bursts *ingest.BurstWatch, logger *slog.Logger) {
	work := func(ctx context.Context) {
		var wg sync.WaitGroup
		wg.Go(func() { months.Run(ctx) })
		wg.Go(func() { bursts.Run(ctx) })
		wg.Go(func() { deleteOldRows(ctx, store, logger) })
		wg.Wait()
	}
	if leases == nil {
		work(ctx)
		return
	}
	leases.RunWhileHeld(ctx, BackgroundLease, work)
}

// deleteOldRows deletes the lease rows and failed logins older than a day, at start and then
// daily.
func deleteOldRows(ctx context.Context, store *ingest.Store, logger *slog.Logger) {
	for {
		if err := store.DeleteOldRows(ctx, time.Now()); err != nil && ctx.Err() == nil {
			logger.Warn("deleting old lease rows and failed logins", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}
