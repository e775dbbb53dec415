package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/google/uuid"

	"skm/chlocal"
	"skm/ingest/chtest"
)

// sender posts responses with fresh ids until stopped and remembers which were acknowledged
// and which refused (an answer other than 202; a transport error is neither: its outcome is
// unknown).
type sender struct {
	url     string
	batch   int    // responses per request above 1: every other request sends a batch of this size
	token   string // the agency token that batches need
	mu      sync.Mutex
	acked   []string
	refused []string
	failed  map[int]int // status (0: transport error) → count
}

func (s *sender) run(ctx context.Context, workers int) *sync.WaitGroup {
	s.failed = map[int]int{}
	client := &http.Client{Timeout: 5 * time.Second}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				n := 1
				if s.batch > 1 && i%2 == 1 {
					n = s.batch
				}
				ids := make([]string, n)
				items := make([]string, n)
				for k := range ids {
					ids[k] = uuid.NewString()
					items[k] = fmt.Sprintf(`{"id":%q,"agency":"bppd-kalbar","service":"narasumber","channel":"kiosk",
					"answers":{"U1":4,"U2":3,"U3":2,"U4":4,"U5":3,"U6":3,"U7":4,"U8":1,"U9":%d}}`, ids[k], 1+(w+i+k)%4)
				}
				body := items[0]
				if n > 1 {
					body = `{"responses":[` + strings.Join(items, ",") + `]}`
				}
				req, _ := http.NewRequest(http.MethodPost, s.url+"/api/v1/responses", bytes.NewBufferString(body))
				req.Header.Set("Content-Type", "application/json")
				if n > 1 {
					req.Header.Set("Authorization", "Bearer "+s.token)
				}
				resp, err := client.Do(req)
				code := 0
				if err == nil {
					code = resp.StatusCode
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				s.mu.Lock()
				switch {
				case code == http.StatusAccepted:
					s.acked = append(s.acked, ids...)
				case code != 0:
					s.refused = append(s.refused, ids...)
					s.failed[code]++
				default:
					s.failed[code]++
				}
				s.mu.Unlock()
				if err != nil || code != http.StatusAccepted {
					time.Sleep(20 * time.Millisecond)
				}
			}
		}()
	}
	return &wg
}

// countingView adds a plain MergeTree fed by a materialized view on the responses: unlike the
// ReplacingMergeTree tables it never collapses rows, so it shows every insert, as a rollup would.
func countingView(t *testing.T, conn driver.Conn, db string) {
	t.Helper()
	err := conn.Exec(context.Background(), "CREATE MATERIALIZED VIEW "+db+".test_every_insert ENGINE = MergeTree ORDER BY id AS SELECT id FROM "+db+".survey_responses")
	if err != nil {
		t.Fatal(err)
	}
}

// checkExactlyOnce asserts that every acknowledged id is stored, nothing twice anywhere,
// and no refused id at all.
func checkExactlyOnce(t *testing.T, conn driver.Conn, db string, acked []string, refused ...string) {
	t.Helper()
	checkStored(t, conn, db, acked, refused, 0)
}

// checkStored is checkExactlyOnce allowing up to lost acknowledged responses to be missing
// (those in bytes a test damaged on purpose).
func checkStored(t *testing.T, conn driver.Conn, db string, acked, refused []string, lost int) {
	t.Helper()
	ctx := context.Background()
	var doubled uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM (SELECT id FROM "+db+".test_every_insert GROUP BY id HAVING count() > 1)").Scan(&doubled); err != nil {
		t.Fatal(err)
	}
	if doubled != 0 {
		t.Errorf("%d responses were inserted more than once", doubled)
	}
	stored := map[string]bool{}
	rows, err := conn.Query(ctx, "SELECT toString(id) FROM "+db+".test_every_insert")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		_ = rows.Scan(&id)
		stored[id] = true
	}
	rows.Close()
	missing, wrong := 0, 0
	for _, id := range acked {
		if !stored[id] {
			missing++
		}
	}
	for _, id := range refused {
		if stored[id] {
			wrong++
		}
	}
	if missing > lost {
		t.Errorf("%d of %d acknowledged responses are missing", missing, len(acked))
	}
	if wrong > 0 {
		t.Errorf("%d of %d refused responses were stored", wrong, len(refused))
	}
	t.Logf("%d acknowledged, %d refused, %d stored, none twice", len(acked), len(refused), len(stored))
}

var depthRe = regexp.MustCompile(`(?m)^skm_spool_depth (\d+)`)

// waitDrained waits until the server's spool is empty.
func waitDrained(t *testing.T, url string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		_, body := get(t, url+"/metrics")
		if m := depthRe.FindStringSubmatch(body); m != nil && m[1] == "0" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("spool not drained within %s", within)
}

func TestSIGKILLBetweenAcknowledgeAndSendLosesNothingAndDoublesNothing(t *testing.T) {
	db := chtest.NewDB(t)
	countingView(t, db.Conn, db.Name)
	data := t.TempDir()
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", data, "--clickhouse", db.DSN,
		"--no-rate-limit", "--batch-max-wait", "300ms", "--batch-max-rows", "64"}
	p := startSkm(t, args...)
	s := &sender{url: p.url}
	ctx, stop := context.WithCancel(context.Background())
	wg := s.run(ctx, 8)
	time.Sleep(1500 * time.Millisecond)
	_ = p.cmd.Process.Signal(syscall.SIGKILL) // mid-load: some acknowledged, some sent, some half-way
	<-p.exited
	stop()
	wg.Wait()
	if len(s.acked) < 50 {
		t.Fatalf("only %d responses acknowledged before the kill", len(s.acked))
	}
	p2 := startSkm(t, args...)
	if !p2.logged("replaying responses left in the spool", 5*time.Second) {
		t.Error("the kill left nothing in the spool, so the replay path was not exercised")
	}
	waitDrained(t, p2.url, 30*time.Second)
	checkExactlyOnce(t, db.Conn, db.Name, s.acked)
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestClickHouseRestartDuringSubmissionsLosesNothing(t *testing.T) {
	needClickHouse(t)
	dir := filepath.Join(t.TempDir(), "ch")
	port := freeTCPPort(t)
	ch, err := chlocal.Start(context.Background(), chlocal.Options{Dir: dir, Port: port})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ch.Stop() })
	url := ch.DSN("skm_restart")
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", url,
		"--no-rate-limit", "--batch-max-wait", "200ms")
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{ch.Addr()},
		Auth: clickhouse.Auth{Username: chlocal.User, Password: ch.Password()}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	countingView(t, conn, "skm_restart")

	s := &sender{url: p.url}
	ctx, stop := context.WithCancel(context.Background())
	wg := s.run(ctx, 4)
	time.Sleep(time.Second)
	if err := ch.Stop(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // residents keep submitting while the database is down
	if code, _ := get(t, p.url+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with ClickHouse down: %d, want 503", code)
	}
	s.mu.Lock()
	ackedWhileDown := len(s.acked)
	s.mu.Unlock()
	ch, err = chlocal.Start(context.Background(), chlocal.Options{Dir: dir, Port: port})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	stop()
	wg.Wait()
	if len(s.failed) > 0 {
		t.Errorf("submissions failed while ClickHouse was down: %v (status → count)", s.failed)
	}
	if ackedWhileDown == 0 {
		t.Error("nothing was acknowledged")
	}
	waitDrained(t, p.url, 60*time.Second)
	checkExactlyOnce(t, conn, "skm_restart", s.acked)
}
