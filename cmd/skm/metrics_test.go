package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"skm/ingest/chtest"
)

// request sends a GET with extra headers and returns the status and body.
func request(t *testing.T, url string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Issue 15, defect 8: /metrics was public, and without --public-url the QR code and
// poster printed whatever Host header a request carried. /metrics answers only direct
// loopback clients (a request relayed by a proxy on the same machine carries a forwarding
// header) unless --metrics-token is given, which it then requires; the poster never shows
// a forged Host.
func TestMetricsAreNotPublicAndPostersIgnoreTheHostHeader(t *testing.T) {
	db := chtest.NewDB(t)
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN)
	if code, body := request(t, p.url+"/metrics", nil); code != http.StatusOK || !strings.Contains(body, "skm_") {
		t.Errorf("/metrics from loopback: %d", code)
	}
	for _, h := range []string{"X-Forwarded-For", "X-Real-Ip", "Forwarded"} {
		if code, body := request(t, p.url+"/metrics", map[string]string{h: "203.0.113.7"}); code == http.StatusOK || strings.Contains(body, "skm_") {
			t.Errorf("/metrics relayed for a remote client (%s): %d", h, code)
		}
	}
	poster := "/s/bppd-kalbar/narasumber/poster"
	if code, body := request(t, p.url+poster, map[string]string{"Host": "evil.example"}); code == http.StatusOK || strings.Contains(body, "evil.example") {
		t.Errorf("poster without --public-url, Host evil.example: %d", code)
	}

	p2 := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN,
		"--metrics-token", "rahasia-metrik-123", "--public-url", "https://skm.kalbarprov.go.id")
	for _, auth := range []string{"", "Bearer salah", "rahasia-metrik-123"} {
		if code, _ := request(t, p2.url+"/metrics", map[string]string{"Authorization": auth}); code != http.StatusUnauthorized {
			t.Errorf("/metrics with --metrics-token and Authorization %q: %d, want 401", auth, code)
		}
	}
	if code, body := request(t, p2.url+"/metrics", map[string]string{"Authorization": "Bearer rahasia-metrik-123", "X-Forwarded-For": "203.0.113.7"}); code != http.StatusOK || !strings.Contains(body, "skm_") {
		t.Errorf("/metrics with the token: %d", code)
	}
	code, body := request(t, p2.url+poster, map[string]string{"Host": "evil.example"})
	if code != http.StatusOK || strings.Contains(body, "evil.example") || !strings.Contains(body, "https://skm.kalbarprov.go.id/s/bppd-kalbar/4") {
		t.Errorf("poster with --public-url, Host evil.example: %d\n%.400s", code, body)
	}
}
