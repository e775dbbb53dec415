package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/google/uuid"

	"skm/chlocal"
)

// timedRequest sends one request with a client deadline and returns its status, body and
// how long it took; status 0 means no answer within the deadline.
func timedRequest(method, target, contentType, body string, within time.Duration) (int, string, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	start := time.Now()
	resp, err := http.DefaultTransport.RoundTrip(req) // no redirects followed
	if err != nil {
		return 0, err.Error(), time.Since(start)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), time.Since(start)
}

func responseJSON() string {
	return fmt.Sprintf(`{"id":%q,"agency":"bppd-kalbar","service":"narasumber","channel":"kiosk",
		"answers":{"U1":4,"U2":3,"U3":2,"U4":4,"U5":3,"U6":3,"U7":4,"U8":1,"U9":3}}`, uuid.NewString())
}

// privateConn connects to the private ClickHouse of the skm running on data.
func privateConn(t *testing.T, data string) driver.Conn {
	t.Helper()
	ep, ok := chlocal.Running(filepath.Join(data, "clickhouse"))
	if !ok {
		t.Fatalf("no private ClickHouse runs under %s", data)
	}
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{ep.Addr}, Auth: clickhouse.Auth{Username: chlocal.User, Password: ep.Password}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// dirDigest is a digest of every file's name and content under dir.
func dirDigest(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\n", path)
		if d.Type().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Defect 4: a second serve or demo on a data directory in use exits at once, naming the
// process that holds it, and touches neither its ClickHouse nor its spool.
func TestSecondServerOnTheSameDataDirIsRefused(t *testing.T) {
	p, data := startPrivate(t, "--no-rate-limit", "--batch-max-wait", "100ms")
	for range 5 {
		if code, body, _ := timedRequest(http.MethodPost, p.url+"/api/v1/responses", "application/json", responseJSON(), 5*time.Second); code != http.StatusAccepted {
			t.Fatalf("POST /api/v1/responses: %d %s", code, body)
		}
	}
	waitDrained(t, p.url, 30*time.Second)
	spool := filepath.Join(data, "spool")
	before := dirDigest(t, spool)
	endpoint, err := os.ReadFile(filepath.Join(data, "clickhouse", "endpoint"))
	if err != nil {
		t.Fatal(err)
	}
	pid := strconv.Itoa(p.cmd.Process.Pid)
	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0", "--data-dir", data},
		{"serve", "--addr", "127.0.0.1:0", "--data-dir", data, "--clickhouse", "clickhouse://" + strings.TrimSpace(string(endpoint)) + "/skm"},
		{"demo", "--addr", "127.0.0.1:0", "--data-dir", data},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cmd := exec.CommandContext(ctx, skmBinary(t), args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		took := time.Since(start)
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Errorf("%v: still running after %s (killed); it should refuse the busy data directory:\n%s", args, took.Round(time.Millisecond), out.String())
			continue
		}
		if err == nil || cmd.ProcessState.ExitCode() == 0 {
			t.Errorf("%v: exit status 0, want non-zero:\n%s", args, out.String())
		}
		if took > 5*time.Second {
			t.Errorf("%v: took %s to refuse, want a few seconds at most", args, took)
		}
		msg := out.String()
		if !strings.Contains(msg, "sedang dipakai oleh proses skm lain (pid "+pid+")") || !strings.Contains(msg, "in use by another skm process (pid "+pid+")") {
			t.Errorf("%v: message does not name the other process (pid %s) in Indonesian and English:\n%s", args, pid, msg)
		}
	}
	// An operator who deletes the lock file as "stale" does not let a second server in: the
	// lock is on the directory itself.
	if err := os.Remove(filepath.Join(data, dataLockFile)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	out, err := exec.CommandContext(ctx, skmBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", data,
		"--clickhouse", "clickhouse://"+strings.TrimSpace(string(endpoint))+"/skm").CombinedOutput()
	timedOut := ctx.Err() != nil
	cancel()
	if timedOut || err == nil || !strings.Contains(string(out), "sedang dipakai oleh proses skm lain") {
		t.Errorf("with the lock file deleted a second server was not refused (timed out %v, err %v):\n%s", timedOut, err, out)
	}
	if after := dirDigest(t, spool); after != before {
		t.Error("the refused processes changed the first one's spool")
	}
	if code, body := get(t, p.url+"/readyz"); code != 200 {
		t.Errorf("/readyz of the first process: %d %s", code, body)
	}
	if code, body, _ := timedRequest(http.MethodPost, p.url+"/api/v1/responses", "application/json", responseJSON(), 5*time.Second); code != http.StatusAccepted {
		t.Errorf("first process after the refusals: POST /api/v1/responses: %d %s", code, body)
	}
	select {
	case <-p.exited:
		t.Fatalf("the first process exited:\n%s", p.stderr)
	default:
	}
}
