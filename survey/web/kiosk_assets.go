package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"
)

// The kiosk's two scripts: kiosk.js runs the screens in the browser and keeps completed
// responses on the device until the machine API takes them; sw.js is its service worker,
// which keeps the start page and kiosk.js for when the link is down.
//
//go:embed static/kiosk.js static/sw.js
var kioskFS embed.FS

type kioskScript struct {
	body []byte
	etag string
}

var kioskScripts = func() map[string]kioskScript {
	out := map[string]kioskScript{}
	for _, name := range []string{"kiosk.js", "sw.js"} {
		b, err := kioskFS.ReadFile("static/" + name)
		if err != nil {
			panic(err) // embedded above: cannot happen
		}
		sum := sha256.Sum256(b)
		out[name] = kioskScript{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return out
}()

// kioskAsset: GET /k/kiosk.js and /k/sw.js. Served from under /k/ so that the service
// worker's scope is the kiosk's pages; revalidated on every load (no-cache with an ETag), so
// a new version reaches the tablets at their next start while the link is up.
func (h *Handler) kioskAsset(c *gin.Context) {
	s, ok := kioskScripts[path.Base(c.Request.URL.Path)]
	if !ok {
		h.notFound(c)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Header("ETag", s.etag)
	c.Header("X-Content-Type-Options", "nosniff")
	if c.GetHeader("If-None-Match") == s.etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "text/javascript; charset=utf-8", s.body)
}
