package main

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/ingest/chtest"
)

// clientFrom is an HTTP client whose connections leave from the loopback address src.
func clientFrom(src string, timeout time.Duration) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: timeout}
	return &http.Client{Timeout: timeout, Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

// Issue 15, defect 6: 21 000 idle keep-alive connections from one client exhausted skm's
// file descriptors (accept4: too many open files) and starved everyone else. Here skm runs
// with 2 048 descriptors and one address opens 3 000 keep-alive connections and leaves them
// idle; a request from another address must still be answered within a second.
func TestConnectionFloodFromOneAddressDoesNotStarveOthers(t *testing.T) {
	db := chtest.NewDB(t)
	if _, err := exec.LookPath("prlimit"); err != nil {
		t.Fatalf("prlimit (util-linux) is needed to give skm a small descriptor limit: %v", err)
	}
	p := startSkmCmd(t, exec.Command("prlimit", "--nofile=2048:2048", "--", skmBinary(t), "serve", "--addr", "127.0.0.1:0",
		"--data-dir", t.TempDir(), "--clickhouse", db.DSN))
	host := strings.TrimPrefix(p.url, "http://")

	// Before the flood, a request from 127.0.0.3 works.
	if resp, err := clientFrom("127.0.0.3", 5*time.Second).Get(p.url + "/healthz"); err != nil {
		t.Fatalf("GET /healthz from 127.0.0.3 before the flood: %v", err)
	} else {
		resp.Body.Close()
	}

	const flood = 3000
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: 2 * time.Second}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	work := make(chan struct{})
	for range 32 {
		wg.Go(func() {
			for range work {
				c, err := d.DialContext(ctx, "tcp", host)
				if err != nil {
					continue // refused or closed at once: that is the point
				}
				_ = c.SetWriteDeadline(time.Now().Add(time.Second))
				// One request, then the connection stays open and idle (keep-alive).
				_, _ = c.Write([]byte("GET /healthz HTTP/1.1\r\nHost: " + host + "\r\n\r\n"))
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
			}
		})
	}
	for range flood {
		work <- struct{}{}
	}
	close(work)
	wg.Wait()
	time.Sleep(500 * time.Millisecond) // let the server accept what it will

	start := time.Now()
	resp, err := clientFrom("127.0.0.3", time.Second).Get(p.url + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz from 127.0.0.3 during a flood of %d idle connections from 127.0.0.2: %v (after %s)",
			flood, err, time.Since(start).Round(time.Millisecond))
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz from 127.0.0.3 during the flood: %d", resp.StatusCode)
	}
	t.Logf("answered in %s during the flood", time.Since(start).Round(time.Millisecond))
}
