package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
)

// Defect 7: with ClickHouse hanging, readiness answers at once with the reason, pages that
// need the database fail fast with a clear page, and residents can still submit.
func TestHungClickHouseFailsFastAndResidentsStillSubmit(t *testing.T) {
	p, data := startPrivate(t, "--no-rate-limit")
	if code, body := get(t, p.url+"/readyz"); code != 200 {
		t.Fatalf("/readyz before the hang: %d %s", code, body)
	}
	pid := childClickHouse(t, filepath.Join(data, "clickhouse"))
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGCONT) })

	var reason string
	deadline := time.Now().Add(6 * time.Second)
	for reason == "" && time.Now().Before(deadline) {
		code, body, took := timedRequest(http.MethodGet, p.url+"/readyz", "", "", 1500*time.Millisecond)
		if code == 0 || took > time.Second {
			t.Fatalf("/readyz took %s (status %d %s), want an answer within 1 s", took.Round(time.Millisecond), code, body)
		}
		if code == http.StatusServiceUnavailable {
			reason = body
		}
		time.Sleep(100 * time.Millisecond)
	}
	if reason == "" || !strings.Contains(reason, "ClickHouse") {
		t.Fatalf("/readyz never said 503 with a reason naming ClickHouse while it hung (last: %q)", reason)
	}

	login := url.Values{"username": {"kepala-kalbar"}, "password": {"kata-sandi-salah-123"}}.Encode()
	code, body, took := timedRequest(http.MethodPost, p.url+"/login", "application/x-www-form-urlencoded", login, 5*time.Second)
	if code != http.StatusServiceUnavailable || took > 2*time.Second || !strings.Contains(body, "Basis data sedang tidak dapat dihubungi") {
		t.Errorf("POST /login while ClickHouse hangs: %d after %s, want a 503 page within 2 s:\n%.400s", code, took.Round(time.Millisecond), body)
	}
	for _, page := range []string{"/dashboard", "/hasil/bppd-kalbar"} {
		code, _, took := timedRequest(http.MethodGet, p.url+page, "", "", 5*time.Second)
		if code != http.StatusServiceUnavailable || took > 2*time.Second {
			t.Errorf("GET %s while ClickHouse hangs: %d after %s, want 503 within 2 s", page, code, took.Round(time.Millisecond))
		}
	}
	if code, body, _ := timedRequest(http.MethodPost, p.url+"/api/v1/responses", "application/json", responseJSON(), 5*time.Second); code != http.StatusAccepted {
		t.Errorf("POST /api/v1/responses while ClickHouse hangs: %d %s", code, body)
	}
	form := url.Values{"id": {uuid.NewString()}}
	for i := 1; i <= 9; i++ {
		form.Set("U"+strconv.Itoa(i), "4")
	}
	if code, body, _ := timedRequest(http.MethodPost, p.url+"/s/bppd-kalbar/narasumber", "application/x-www-form-urlencoded", form.Encode(), 5*time.Second); code != http.StatusSeeOther {
		t.Errorf("POST of the resident form while ClickHouse hangs: %d %.400s", code, body)
	}

	if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	ready := false
	for deadline := time.Now().Add(30 * time.Second); !ready && time.Now().Before(deadline); {
		code, _, _ := timedRequest(http.MethodGet, p.url+"/readyz", "", "", 2*time.Second)
		ready = code == http.StatusOK
		time.Sleep(100 * time.Millisecond)
	}
	if !ready {
		t.Fatal("/readyz not 200 within 30 s after SIGCONT")
	}
	if code, body, _ := timedRequest(http.MethodPost, p.url+"/login", "application/x-www-form-urlencoded", login, 10*time.Second); code != http.StatusUnauthorized {
		t.Errorf("POST /login after SIGCONT: %d, want 401 (unknown account):\n%.400s", code, body)
	}
	waitDrained(t, p.url, 30*time.Second)
}

func TestFailFastRefusesAtOnceAndBoundsRequestsThatNeedClickHouse(t *testing.T) {
	gin.SetMode(gin.TestMode)
	m := &dbMonitor{interval: time.Second, timeout: 800 * time.Millisecond, now: time.Now}
	r := gin.New()
	r.Use(failFast(m))
	deadline := func(c *gin.Context) {
		d, ok := c.Request.Context().Deadline()
		if !ok {
			c.String(http.StatusOK, "no deadline")
			return
		}
		c.String(http.StatusOK, "deadline %v", time.Until(d).Round(time.Second))
	}
	r.POST("/login", deadline)
	r.GET("/login", deadline)
	r.GET("/api/v1/agencies/:agency/ikm", deadline)
	r.POST("/api/v1/responses", deadline)
	r.POST("/s/:agency/:service", deadline)
	do := func(method, path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		return w
	}

	m.last.Store(&dbCheck{err: errors.New("ClickHouse tidak menjawab"), at: time.Now()})
	w := do(http.MethodPost, "/login")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "Basis data sedang tidak dapat dihubungi") {
		t.Errorf("POST /login while down: %d %q %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	if w := do(http.MethodGet, "/api/v1/agencies/bppd-kalbar/ikm"); w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), `"error"`) {
		t.Errorf("IKM API while down: %d %s", w.Code, w.Body)
	}
	if w := do(http.MethodGet, "/login"); w.Code != http.StatusOK || w.Body.String() != "deadline 5s" {
		t.Errorf("GET /login while down: %d %s, want the form, its session check bounded", w.Code, w.Body)
	}
	for _, rt := range [][2]string{{http.MethodPost, "/api/v1/responses"}, {http.MethodPost, "/s/bppd-kalbar/narasumber"}} {
		if w := do(rt[0], rt[1]); w.Code != http.StatusOK || w.Body.String() != "no deadline" {
			t.Errorf("%s %s while down: %d %s, want it served without a deadline", rt[0], rt[1], w.Code, w.Body)
		}
	}

	m.last.Store(&dbCheck{at: time.Now()})
	if w := do(http.MethodPost, "/login"); w.Code != http.StatusOK || w.Body.String() != "deadline 5s" {
		t.Errorf("POST /login while up: %d %s, want a 5 s deadline", w.Code, w.Body)
	}
	// A check that has not come back for a while counts as down.
	m.last.Store(&dbCheck{at: time.Now().Add(-5 * time.Second)})
	if w := do(http.MethodPost, "/login"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("POST /login with the last check 5 s old: %d, want 503", w.Code)
	}
}
