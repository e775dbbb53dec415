package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"skm/ingest/schema"
)

// dbMonitor checks ClickHouse in the background (a ping and the schema, each bounded by a
// short timeout) and keeps the outcome, so /readyz and the pages that need the database
// know its state at once, even while ClickHouse hangs.
type dbMonitor struct {
	db       *database
	interval time.Duration // between checks
	timeout  time.Duration // of one check
	now      func() time.Time
	last     atomic.Pointer[dbCheck]
}

// dbCheck is the outcome of one check.
type dbCheck struct {
	err error // nil: ClickHouse answers and the schema is current
	at  time.Time
}

func newDBMonitor(db *database) *dbMonitor {
	return &dbMonitor{db: db, interval: time.Second, timeout: 800 * time.Millisecond, now: time.Now}
}

// update checks once and keeps the outcome.
func (m *dbMonitor) update(ctx context.Context) {
	m.last.Store(&dbCheck{err: m.check(ctx), at: m.now()})
}

// run checks every interval until ctx ends.
func (m *dbMonitor) run(ctx context.Context) {
	t := time.NewTicker(m.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			m.update(ctx)
		}
	}
}

// check pings ClickHouse and looks for pending migrations within the timeout.
func (m *dbMonitor) check(ctx context.Context) error {
	if err := m.localDown(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	if err := m.db.conn.Ping(ctx); err != nil {
		return fmt.Errorf("ClickHouse tidak menjawab dalam %s (ClickHouse does not answer within %s): %w", m.timeout, m.timeout, err)
	}
	pending, err := schema.Pending(ctx, m.db.conn, m.db.name)
	if err != nil {
		return fmt.Errorf("skema basis data tidak dapat diperiksa (cannot check the schema): %w", err)
	}
	if len(pending) > 0 {
		return fmt.Errorf("%d migrasi belum diterapkan (%d migrations pending, first: %s)", len(pending), len(pending), pending[0].File)
	}
	return nil
}

// localDown reports a private ClickHouse that exited and is being restarted.
func (m *dbMonitor) localDown() error {
	if m.db == nil || m.db.local == nil {
		return nil
	}
	h := m.db.local.Health()
	if h.Up {
		return nil
	}
	return fmt.Errorf("ClickHouse pribadi berhenti (%s), dimulai ulang (percobaan %d); formulir dan API tetap menerima respons. "+
		"(The private ClickHouse stopped (%s) and is being restarted (attempt %d); the form and the API still accept responses.)",
		h.Exit, h.Attempt, h.Exit, h.Attempt)
}

// state is why ClickHouse cannot serve now, or nil. It never waits: a private server known
// to be down, the last check, or a check that has not finished in time.
func (m *dbMonitor) state() error {
	if err := m.localDown(); err != nil {
		return err
	}
	last := m.last.Load()
	if last == nil {
		return errors.New("ClickHouse belum diperiksa (ClickHouse not checked yet)")
	}
	if age := m.now().Sub(last.at); age > m.interval+2*m.timeout {
		return fmt.Errorf("ClickHouse tidak menjawab sejak %s (ClickHouse has not answered for %s)", age.Round(time.Second), age.Round(time.Second))
	}
	return last.err
}

// dbRoute says whether a request cannot be served without ClickHouse, and how long it may
// wait for ClickHouse (0: no deadline of its own). The resident form, the kiosk, the
// templates and POST /api/v1/responses need only the spool and are not listed.
func dbRoute(method, path string) (needs bool, deadline time.Duration) {
	switch {
	case path == "/login":
		// The form itself is shown without ClickHouse; a session cookie is checked, bounded.
		return method == http.MethodPost, dbRequestTimeout
	case path == "/dashboard" || strings.HasPrefix(path, "/dashboard/"):
		// Panels have their own time limit (dashboards.StaffOptions.PanelTimeout, 10 s).
		return true, 12 * time.Second
	case strings.HasPrefix(path, "/reports/"):
		// Downloads of a whole period take long by nature (a million-row export about 15 s
		// here), but a ClickHouse that hangs must not hold one for the driver's 5 minutes.
		return true, downloadTimeout
	case path == "/logout", strings.HasPrefix(path, "/cases/"), strings.HasPrefix(path, "/rtl/"), strings.HasPrefix(path, "/akun/"),
		strings.HasPrefix(path, "/admin/"), strings.HasPrefix(path, "/hasil/"),
		strings.HasPrefix(path, "/api/v1/agencies/"), path == "/api/v1/cases":
		return true, dbRequestTimeout
	}
	return false, 0
}

// downloadTimeout bounds the ClickHouse calls of one report download.
const downloadTimeout = 2 * time.Minute

// dbRequestTimeout bounds the ClickHouse calls of one page or API request.
const dbRequestTimeout = 5 * time.Second

// dbRetryAfter is the Retry-After of a refusal while ClickHouse is down, in seconds.
const dbRetryAfter = 10

// failFast answers 503 at once, with a clear page, on routes that need ClickHouse while the
// monitor says it is down, and gives those routes a deadline for their ClickHouse calls, so
// a ClickHouse that hangs mid-request cannot hang the page.
func failFast(m *dbMonitor) gin.HandlerFunc {
	return func(c *gin.Context) {
		needs, deadline := dbRoute(c.Request.Method, c.Request.URL.Path)
		if needs {
			if err := m.state(); err != nil {
				refuse(c, err)
				return
			}
		}
		if deadline > 0 {
			ctx, cancel := context.WithTimeout(c.Request.Context(), deadline)
			defer cancel()
			c.Request = c.Request.WithContext(ctx)
		}
		c.Next()
	}
}

// refuse answers 503 with Retry-After: JSON on the API, else a page.
func refuse(c *gin.Context, err error) {
	_ = c.Error(err)
	c.Header("Retry-After", strconv.Itoa(dbRetryAfter))
	c.Header("Cache-Control", "no-store")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.AbortWithStatusJSON(http.StatusServiceUnavailable, gin.H{
			"error": "Basis data sedang tidak dapat dihubungi; coba lagi sebentar lagi. (The database cannot be reached at the moment; try again shortly.)"})
		return
	}
	c.Data(http.StatusServiceUnavailable, "text/html; charset=utf-8", dbDownPage)
	c.Abort()
}

// dbDownPage is the page staff and visitors of the results see while ClickHouse is down.
var dbDownPage = []byte(`<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="` + strconv.Itoa(dbRetryAfter) + `">
<title>Layanan sementara tidak tersedia</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style>
</head>
<body>
<h1>Layanan sementara tidak tersedia</h1>
<p>Basis data sedang tidak dapat dihubungi; coba lagi sebentar lagi. Halaman ini akan dimuat ulang sendiri.</p>
<p>Formulir survei tetap dapat diisi: jawaban disimpan dan dicatat setelah basis data kembali.</p>
<p lang="en"><small>The database cannot be reached at the moment; try again shortly. Survey answers are still accepted and stored once it is back.</small></p>
</body>
</html>
`)
