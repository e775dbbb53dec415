package main

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"
)

// metricsAccess guards /metrics. With a token, it answers only requests that present it
// (Authorization: Bearer …), from anywhere. Without one, only clients connected directly
// over loopback: the TCP peer must be a loopback address and the request must carry no
// forwarding header, because a reverse proxy on the same machine makes every visitor's
// connection come from loopback.
func metricsAccess(token string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if token != "" {
			got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) != 1 {
				c.Header("WWW-Authenticate", `Bearer realm="skm metrics"`)
				c.Header("Cache-Control", "no-store")
				c.String(http.StatusUnauthorized, "Metrik memerlukan token (--metrics-token).\nMetrics require the token (--metrics-token).\n")
				c.Abort()
			}
			return
		}
		if !directLoopback(c.Request) {
			c.Header("Cache-Control", "no-store")
			c.String(http.StatusForbidden, "Metrik hanya tersedia dari mesin ini, atau dengan --metrics-token.\n"+
				"Metrics are only available from this machine, or with --metrics-token.\n")
			c.Abort()
		}
	}
}

// directLoopback reports whether r came over a loopback connection and not through a
// proxy.
func directLoopback(r *http.Request) bool {
	for _, h := range []string{"X-Forwarded-For", "X-Real-Ip", "Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}
