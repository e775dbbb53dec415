package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/ratelimit"
	"skm/survey"
)

// Limits bound how many responses one network (IP address) and one device (cookie) may send.
// They are generous: an office of many people behind one NAT, or a counter kiosk, must never
// be locked out.
type Limits struct {
	// PerIP is the sustained rate per IP address, per minute, and IPBurst the burst.
	PerIP   float64
	IPBurst int
	// PerDevice and DeviceBurst are the same per device cookie.
	PerDevice   float64
	DeviceBurst int
	// APIPerIP and APIBurst bound machine API requests per IP address (a request may be a batch).
	APIPerIP float64
	APIBurst int
	// Off disables the limits (benchmarks on loopback).
	Off bool
}

// DefaultLimits allow per IP 120 responses a minute (bursts of 240), per device 12 a minute
// (bursts of 20: a kiosk serves one person a minute or so), and 600 API requests a minute.
func DefaultLimits() Limits {
	return Limits{PerIP: 120, IPBurst: 240, PerDevice: 12, DeviceBurst: 20, APIPerIP: 600, APIBurst: 600}
}

// limiter applies the limits with buckets per keyed hash of the IP address and device.
type limiter struct {
	limits Limits
	keyed  *ratelimit.Keyed
}

func newLimiter(l Limits, now func() time.Time) *limiter {
	return &limiter{limits: l, keyed: ratelimit.New(now)}
}

func (l *limiter) key(kind, v string) string { return l.keyed.Key(kind, v) }

func (l *limiter) take(key string, perMinute float64, burst int) bool {
	return l.keyed.Allow(key, perMinute, burst)
}

// allow reports whether a form submission may go on: within the limits of its IP address
// and, when it has one, its device cookie.
func (l *limiter) allow(c *gin.Context) bool {
	if l.limits.Off {
		return true
	}
	if !l.take(l.key("ip", c.ClientIP()), l.limits.PerIP, l.limits.IPBurst) {
		return false
	}
	if dev, err := c.Cookie(deviceCookie); err == nil && dev != "" {
		return l.take(l.key("dev", dev), l.limits.PerDevice, l.limits.DeviceBurst)
	}
	return true
}

// allowAPI reports whether a machine API request may go on.
func (l *limiter) allowAPI(c *gin.Context) bool {
	if l.limits.Off {
		return true
	}
	return l.take(l.key("api", c.ClientIP()), l.limits.APIPerIP, l.limits.APIBurst)
}

// readForm reads a submitted form within maxFormBytes and reports whether it could; if not,
// it has answered (413 over the limit, 400 for a body that is no form).
func (h *Handler) readForm(c *gin.Context, lang survey.Lang) bool {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBytes)
	err := c.Request.ParseForm()
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		return true
	case errors.As(err, &tooLarge):
		h.opts.OnReject("size")
		h.message(c, http.StatusRequestEntityTooLarge, lang, "toolarge.title", "toolarge.body")
	default:
		h.opts.OnReject("invalid")
		h.message(c, http.StatusBadRequest, lang, "form.error", "busy.body")
	}
	return false
}

// turnedAway answers a form submission over the limits (429), or one that filled in the
// honeypot — a field people never see and bots fill in — as if accepted (303 to thanks), so
// the bot learns nothing; it reports whether it answered. Nothing is stored either way.
func (h *Handler) turnedAway(c *gin.Context, lang survey.Lang, thanks string) bool {
	if !h.limiter.allow(c) {
		h.opts.OnReject("rate")
		h.message(c, http.StatusTooManyRequests, lang, "limit.title", "limit.body")
		return true
	}
	if c.PostForm("website") != "" {
		h.opts.OnReject("honeypot")
		c.Redirect(http.StatusSeeOther, thanks)
		return true
	}
	return false
}

const deviceCookie = "skm_perangkat"

// deviceCookie gives the browser a random device id, used only for rate limits.
func (h *Handler) deviceCookie(c *gin.Context) {
	if v, err := c.Cookie(deviceCookie); err == nil && v != "" {
		return
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	http.SetCookie(c.Writer, &http.Cookie{Name: deviceCookie, Value: hex.EncodeToString(b[:]), Path: "/",
		MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: h.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}
