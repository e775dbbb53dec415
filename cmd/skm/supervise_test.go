package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chlocal"
	"skm/ingest"
)

// Defect 5: skm restarts its private ClickHouse when it dies, keeps accepting responses
// meanwhile (readyz 503) and stores every acknowledged one exactly once.
func TestKilledPrivateClickHouseIsRestartedAndNothingIsLost(t *testing.T) {
	p, data := startPrivate(t, "--no-rate-limit", "--batch-max-wait", "200ms")
	chDir := filepath.Join(data, "clickhouse")
	countingView(t, privateConn(t, data), "skm")

	s := &sender{url: p.url}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	wg := s.run(ctx, 4)
	time.Sleep(time.Second)
	old := childClickHouse(t, chDir)
	if err := syscall.Kill(old, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	sawDown, sawUp := "", false
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && !sawUp {
		select {
		case <-p.exited:
			stop()
			wg.Wait()
			t.Fatalf("skm exited after its ClickHouse was killed:\n%s", p.stderr)
		default:
		}
		code, body, _ := timedRequest(http.MethodGet, p.url+"/readyz", "", "", 2*time.Second)
		switch {
		case code == http.StatusServiceUnavailable && sawDown == "":
			sawDown = body
		case code == http.StatusOK && sawDown != "":
			sawUp = true
		}
		time.Sleep(50 * time.Millisecond)
	}
	if sawDown == "" {
		t.Error("/readyz never answered 503 while ClickHouse was down")
	} else if !strings.Contains(sawDown, "ClickHouse") {
		t.Errorf("/readyz 503 without a reason naming ClickHouse: %s", sawDown)
	}
	if !sawUp {
		t.Fatalf("/readyz not 200 again within 60 s after the kill:\n%s", p.stderr)
	}
	time.Sleep(time.Second) // residents keep submitting after the restart
	stop()
	wg.Wait()
	if len(s.failed) > 0 {
		t.Errorf("submissions failed around the restart: %v (status → count)", s.failed)
	}
	if now := childClickHouse(t, chDir); now == old {
		t.Errorf("the ClickHouse child is still pid %d", old)
	}
	if !p.logged("local ClickHouse exited unexpectedly", time.Second) || !p.logged("local ClickHouse restarted", time.Second) {
		t.Errorf("the restart is not logged:\n%s", p.stderr)
	}
	waitDrained(t, p.url, 60*time.Second)
	checkStoredOnce(t, privateConn(t, data), "skm", s.acked)
}

// checkStoredOnce asserts that every acknowledged id is in the responses table and that no
// response was inserted twice (the counting view of countingView sees every insert). A
// ClickHouse killed mid-insert can keep a batch in the raw table but not in the views fed
// from it; the batcher then rightly does not insert it again, so the view's count is
// only logged.
func checkStoredOnce(t *testing.T, conn driver.Conn, db string, acked []string) {
	t.Helper()
	ctx := context.Background()
	ids := func(query string) map[string]int {
		rows, err := conn.Query(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		seen := map[string]int{}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			seen[id]++
		}
		return seen
	}
	stored := ids("SELECT toString(id) FROM " + db + ".survey_responses FINAL")
	inserts := ids("SELECT toString(id) FROM " + db + ".test_every_insert")
	index := ids("SELECT toString(id) FROM " + db + ".survey_response_ids")
	missing, notInView, notInIndex := 0, 0, 0
	for _, id := range acked {
		if stored[id] == 0 {
			missing++
		}
		if inserts[id] == 0 {
			notInView++
		}
		if index[id] == 0 {
			notInIndex++
		}
	}
	doubled := 0
	for _, n := range inserts {
		if n > 1 {
			doubled++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged responses are not stored", missing, len(acked))
	}
	if doubled > 0 {
		t.Errorf("%d responses were inserted more than once", doubled)
	}
	// A batch cut by the kill may have reached the raw table and not every view; the batcher
	// makes the product's views whole (the test's own counting view is not repaired).
	if notInIndex > 0 {
		t.Errorf("%d acknowledged responses are missing from survey_response_ids", notInIndex)
	}
	diffs, err := ingest.NewStore(conn, db).VerifyRollup(ctx, "", time.Now().AddDate(-1, 0, 0), time.Now().AddDate(1, 0, 0))
	if err != nil || len(diffs) > 0 {
		t.Errorf("the daily rollup differs from the raw responses: %v %v", diffs, err)
	}
	t.Logf("%d acknowledged, %d stored, none twice; missing from the test's counting view (a batch cut by the kill): %d",
		len(acked), len(stored), notInView)
}

// Defect 5: a private ClickHouse that cannot be restarted stops skm, non-zero and with a
// clear log line, once the restart limit has passed.
func TestPrivateClickHouseThatCannotRestartStopsSkmAfterTheLimit(t *testing.T) {
	needClickHouse(t)
	bin, prefix, err := chlocal.FindBinary(os.Getenv("SKM_TEST_CLICKHOUSE_BIN"))
	if err != nil {
		t.Fatal(err)
	}
	wrapper := filepath.Join(t.TempDir(), "clickhouse-server")
	write := func(script string) {
		tmp := wrapper + ".tmp"
		if err := os.WriteFile(tmp, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, wrapper); err != nil {
			t.Fatal(err)
		}
	}
	write(fmt.Sprintf("#!/bin/sh\nexec %q %s \"$@\"\n", bin, strings.Join(prefix, " ")))
	data := t.TempDir()
	chDir := filepath.Join(data, "clickhouse")
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", data, "--clickhouse-bin", wrapper,
		"--clickhouse-restart-limit", "3s")
	write("#!/bin/sh\necho 'ClickHouse is broken on purpose by the test' >&2\nexit 3\n")
	if err := syscall.Kill(childClickHouse(t, chDir), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Responses are still accepted while skm tries.
	if code, body, _ := timedRequest(http.MethodPost, p.url+"/api/v1/responses", "application/json", responseJSON(), 5*time.Second); code != http.StatusAccepted {
		t.Errorf("POST /api/v1/responses while ClickHouse is down: %d %s", code, body)
	}
	start := time.Now()
	select {
	case <-p.exited:
	case <-time.After(60 * time.Second):
		t.Fatalf("skm still runs 60 s after its ClickHouse could no longer start:\n%s", p.stderr)
	}
	if time.Since(start) < 2*time.Second {
		t.Errorf("skm exited after %s, before the 3 s restart limit", time.Since(start))
	}
	if code := p.cmd.ProcessState.ExitCode(); code == 0 {
		t.Errorf("exit status 0, want non-zero:\n%s", p.stderr)
	}
	if !p.logged("could not be restarted", time.Second) || !p.logged(filepath.Join(chDir, "clickhouse-server.log"), time.Second) {
		t.Errorf("no clear log line naming the limit and the log file:\n%s", p.stderr)
	}
	waitGone(t, chDir, 5*time.Second)
}
