package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMetricsAccessFromRemoteAndLoopbackPeers(t *testing.T) {
	gin.SetMode(gin.TestMode)
	serve := func(token, remote string, header map[string]string) int {
		r := gin.New()
		r.GET("/metrics", metricsAccess(token), func(c *gin.Context) { c.String(http.StatusOK, "skm_up 1") })
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		req.RemoteAddr = remote
		for k, v := range header {
			req.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w.Code
	}
	for _, c := range []struct {
		name, token, remote string
		header              map[string]string
		want                int
	}{
		{"remote client", "", "203.0.113.7:4000", nil, http.StatusForbidden},
		{"private network", "", "10.0.0.5:4000", nil, http.StatusForbidden},
		{"loopback", "", "127.0.0.1:4000", nil, http.StatusOK},
		{"loopback IPv6", "", "[::1]:4000", nil, http.StatusOK},
		{"relayed by a local proxy", "", "127.0.0.1:4000", map[string]string{"X-Forwarded-For": "203.0.113.7"}, http.StatusForbidden},
		{"token, none sent, loopback", "s3cret-token", "127.0.0.1:4000", nil, http.StatusUnauthorized},
		{"token, wrong", "s3cret-token", "203.0.113.7:4000", map[string]string{"Authorization": "Bearer nope"}, http.StatusUnauthorized},
		{"token, right, remote", "s3cret-token", "203.0.113.7:4000", map[string]string{"Authorization": "Bearer s3cret-token"}, http.StatusOK},
	} {
		if got := serve(c.token, c.remote, c.header); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
