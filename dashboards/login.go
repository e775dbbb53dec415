package dashboards

import (
	"net/http"
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"skm/reports"
)

// Login limits. Failures are counted per account and network address: five tries, then one
// every three minutes — slow enough to stop guessing, quick enough for a person who
// mistyped — so wrong passwords from one place never lock the account's owner out from
// another. Per network address, every attempt counts (sixty a minute, since an office logs
// in from behind one NAT) and failures for any account count too (twenty, then ten a
// minute). Per account, failures from everywhere count against a higher ceiling (thirty,
// then two a minute); past it the account is not locked: an address with no recent failure
// for it still gets its try, but one instead of five, so guessing from many addresses is
// slowed while the owner, who has not failed, logs in at once.
const (
	pairPerMinute    = 1.0 / 3
	pairBurst        = 5
	ipPerMinute      = 60
	ipBurst          = 60
	ipFailPerMinute  = 10
	ipFailBurst      = 20
	accountPerMinute = 2
	accountBurst     = 30
)

// networkAddress is the address limits count by: an IPv4 address, or the /64 network of an
// IPv6 address (one host usually has a whole /64).
func networkAddress(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, err := a.Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}

type loginPage struct {
	pageBase
	Username string
	Next     string
	Error    string
	Notice   string
}

// loginForm: GET /login.
func (s *Staff) loginForm(c *gin.Context) {
	next := s.safeNext(c.Query("next"))
	if u, err := s.signedInUser(c); err == nil && u != nil {
		c.Redirect(http.StatusSeeOther, orDashboard(next))
		return
	}
	page := &loginPage{pageBase: s.base(c, "Masuk"), Next: next}
	if c.Query("sandi") == "baru" {
		// After a password was set with a one-time code (setPasswordSubmit).
		page.Notice = "Kata sandi Anda tersimpan. Silakan masuk dengan kata sandi baru."
		if CheckUsername(c.Query("u")) == nil {
			page.Username = c.Query("u")
		}
	}
	s.render(c, http.StatusOK, "login", page)
}

// loginSubmit: POST /login. The answer to a wrong username and to a wrong password is the
// same, and takes as long.
func (s *Staff) loginSubmit(c *gin.Context) {
	username := strings.TrimSpace(c.PostForm("username"))
	password := c.PostForm("password")
	next := s.safeNext(c.PostForm("next"))
	page := &loginPage{pageBase: s.base(c, "Masuk"), Username: username, Next: next}
	if username == "" || password == "" || len(username) > 64 || len(password) > 1024 || !utf8.ValidString(username) {
		page.Error = "Isi nama pengguna dan kata sandi."
		s.render(c, http.StatusUnprocessableEntity, "login", page)
		return
	}
	addr := networkAddress(c.ClientIP())
	account := strings.ToLower(username)
	// Every attempt from an address counts in this server's memory (a flood guard); the
	// failures count in the log the servers share, when there is one (login_shared.go).
	ipKey := s.limits.Key("ip", addr)
	if !s.limits.Allow(ipKey, ipPerMinute, ipBurst) {
		s.refuseThrottled(c, page, addr, username)
		return
	}
	failures := s.failureBucketsFor(c.Request.Context(), account, addr)
	// Past the account's ceiling only an address with no recent failure for it gets a try.
	pastCeiling := failures.pastCeiling()
	if !failures.open() {
		s.refuseThrottled(c, page, addr, username)
		return
	}
	s.users.forget(username)
	u, found, err := s.users.get(c.Request.Context(), username)
	if err != nil {
		s.opts.Logger.Error("login: read account", "err", err)
		page.Error = "Layanan sementara tidak tersedia. Coba lagi sebentar lagi."
		s.render(c, http.StatusServiceUnavailable, "login", page)
		return
	}
	hash := dummyHash()
	if found {
		hash = u.PasswordHash
	}
	ok := VerifyPassword(hash, password) && found && !u.Disabled && ValidRole(u.Role)
	if !ok {
		failures.fail(c.Request.Context(), pastCeiling)
		s.audit(c, reports.AuditEntry{Agency: u.Agency, Username: username, Action: "login.refused"})
		page.Error = "Nama pengguna atau kata sandi salah, atau akun dinonaktifkan."
		s.render(c, http.StatusUnauthorized, "login", page)
		return
	}
	if err := s.startSession(c, &u); err != nil {
		s.opts.Logger.Error("login: session cookie", "err", err)
		s.errorPage(c, http.StatusInternalServerError, "Sesi tidak dapat dibuat.")
		return
	}
	s.audit(c, reports.AuditEntry{Agency: u.Agency, Username: u.Username, Role: u.Role, Action: "login"})
	c.Redirect(http.StatusSeeOther, orDashboard(next))
}

// refuseThrottled answers a login attempt over the limits.
func (s *Staff) refuseThrottled(c *gin.Context, page *loginPage, addr, username string) {
	page.Error = "Terlalu banyak percobaan masuk. Tunggu beberapa menit, lalu coba lagi."
	// Counted, not written: one audit line per address and minute (see throttledLog).
	s.throttled.add(s.limits.Key("addr", addr), username, s.opts.Now())
	s.render(c, http.StatusTooManyRequests, "login", page)
}

// logout: POST /logout.
func (s *Staff) logout(c *gin.Context) {
	if u := principal(c); u != nil {
		s.audit(c, reports.AuditEntry{Agency: u.Agency, Action: "logout"})
	}
	s.endSession(c)
	c.Redirect(http.StatusSeeOther, "/login")
}

// audit records e, filling in the time, the signed-in account and the request id. A failure
// is logged: the action it records has happened (or been refused) already.
func (s *Staff) audit(c *gin.Context, e reports.AuditEntry) {
	e.At = s.opts.Now()
	if u := principal(c); u != nil && e.Username == "" {
		e.Username, e.Role = u.Username, u.Role
	}
	e.RequestID = c.GetString(RequestIDKey)
	if err := s.opts.Auditor.Audit(c.Request.Context(), e); err != nil {
		s.opts.Logger.Error("audit", "action", e.Action, "err", err)
	}
}
