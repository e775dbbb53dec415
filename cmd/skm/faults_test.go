package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"skm/ingest/chtest"
	"skm/ingest/spool/spooltest"
)

// The intake's promise at the edges of the disk and the process, tried on the real binary
// with a real filesystem: every response answered 202 is stored exactly once, and no
// response answered 503 (or 4xx) is stored at all.

// faultServer is skm serving on an external ClickHouse database (so that only the spool is
// on the small disk), with the counting view of every insert.
type faultServer struct {
	db    *chtest.DB
	data  string
	spool string
	args  []string
	token string // bppd-kalbar's API token, for batches
}

func newFaultServer(t *testing.T, diskSize string, extra ...string) *faultServer {
	t.Helper()
	db := chtest.NewDB(t)
	countingView(t, db.Conn, db.Name)
	data := t.TempDir()
	f := &faultServer{db: db, data: data, spool: filepath.Join(data, "spool")}
	if diskSize != "" {
		spooltest.MountTmpfs(t, f.spool, diskSize)
	}
	url := db.DSN
	f.args = append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", data, "--clickhouse", url,
		"--no-rate-limit", "--batch-max-wait", "200ms", "--spool-segment-mb", "1", "--spool-reserve-mb", "0"}, extra...)
	f.token = apiToken(t, url, "bppd-kalbar", "faults")
	return f
}

// refusedOnlyWith fails the test when submissions failed otherwise than with 503.
func refusedOnlyWith(t *testing.T, s *sender, codes ...int) {
	t.Helper()
	for code, n := range s.failed {
		ok := false
		for _, c := range codes {
			ok = ok || c == code
		}
		if !ok {
			t.Errorf("%d submissions answered %d", n, code)
		}
	}
}

// keepFull fills the disk of dir and keeps it full (whatever the batcher frees is taken
// again at once) until the returned function is called.
func keepFull(t *testing.T, dir string) func() {
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			if _, err := spooltest.FillDisk(dir); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return func() { stop(); <-done }
}

// waitRefused waits until the full disk has refused a submission.
func waitRefused(t *testing.T, s *sender) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for _, refused := s.counts(); refused == 0 && time.Now().Before(deadline); _, refused = s.counts() {
		time.Sleep(20 * time.Millisecond)
	}
	if _, refused := s.counts(); refused == 0 {
		t.Fatal("the full disk never refused a submission")
	}
}

func (s *sender) counts() (acked, refused int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.acked), len(s.refused)
}

func TestTransientFullDiskUnderLoadKeepsEveryPromise(t *testing.T) {
	f := newFaultServer(t, "8m")
	p := startSkm(t, f.args...)
	s := &sender{url: p.url, batch: 20, token: f.token}
	ctx, stop := context.WithCancel(context.Background())
	wg := s.run(ctx, 8)
	time.Sleep(time.Second)

	// The disk is full for a few seconds.
	unfull := keepFull(t, f.spool)
	waitRefused(t, s)
	if code, body := get(t, p.url+"/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "full") {
		t.Errorf("/readyz while the disk is full: %d %s, want 503 naming the full disk", code, body)
	}
	time.Sleep(2 * time.Second)
	unfull()
	if err := os.Remove(filepath.Join(f.spool, "filler")); err != nil {
		t.Fatal(err)
	}
	ackedBefore, _ := s.counts()
	time.Sleep(1500 * time.Millisecond)
	stop()
	wg.Wait()
	if acked, _ := s.counts(); acked == ackedBefore {
		t.Error("nothing was acknowledged after space was freed")
	}
	refusedOnlyWith(t, s, http.StatusServiceUnavailable)
	waitDrained(t, p.url, 60*time.Second)
	checkExactlyOnce(t, f.db.Conn, f.db.Name, s.acked, s.refused...)

	// A graceful restart brings nothing refused back, and loses nothing.
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.exited
	p2 := startSkm(t, f.args...)
	waitDrained(t, p2.url, 30*time.Second)
	checkExactlyOnce(t, f.db.Conn, f.db.Name, s.acked, s.refused...)
}

func TestFullDiskThenKillThenSpaceFreedDeliversEveryAcknowledged(t *testing.T) {
	f := newFaultServer(t, "8m")
	p := startSkm(t, f.args...)
	s := &sender{url: p.url, batch: 20, token: f.token}
	ctx, stop := context.WithCancel(context.Background())
	wg := s.run(ctx, 8)
	time.Sleep(700 * time.Millisecond)
	unfull := keepFull(t, f.spool)
	waitRefused(t, s)
	time.Sleep(500 * time.Millisecond)
	unfull()
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
	stop()
	wg.Wait()
	// skm starts on the full disk: the acknowledged responses in the spool are delivered.
	p2 := startSkm(t, f.args...)
	waitDrained(t, p2.url, 60*time.Second)
	checkExactlyOnce(t, f.db.Conn, f.db.Name, s.acked, s.refused...)
	if err := os.Remove(filepath.Join(f.spool, "filler")); err != nil {
		t.Fatal(err)
	}
	// And takes responses again once there is space.
	s2 := &sender{url: p2.url}
	ctx, stop = context.WithCancel(context.Background())
	wg = s2.run(ctx, 2)
	time.Sleep(time.Second)
	stop()
	wg.Wait()
	if acked, refused := s2.counts(); acked == 0 || refused > 0 {
		t.Errorf("after space was freed: %d acknowledged, %d refused", acked, refused)
	}
	waitDrained(t, p2.url, 30*time.Second)
	checkExactlyOnce(t, f.db.Conn, f.db.Name, append(s.acked, s2.acked...), s.refused...)
}

// A power cut during an append, or damage in the middle of the spool, never keeps skm from
// starting: a torn tail is cut off and logged with its offset; damage in the middle is
// reported loudly, the file is kept aside, and the intact responses are delivered.
func TestDamagedSpoolNeverKeepsSkmFromStarting(t *testing.T) {
	for _, variant := range []string{"torn-garbage", "torn-truncated", "middle"} {
		t.Run(variant, func(t *testing.T) {
			f := newFaultServer(t, "")
			// Nothing leaves the spool before the kill.
			p := startSkm(t, append(f.args, "--batch-max-wait", "1h", "--batch-max-rows", "100000000")...)
			s := &sender{url: p.url, batch: 10, token: f.token}
			ctx, stop := context.WithCancel(context.Background())
			wg := s.run(ctx, 4)
			time.Sleep(1500 * time.Millisecond)
			stop()
			wg.Wait()
			_ = p.cmd.Process.Signal(syscall.SIGKILL)
			<-p.exited
			if acked, _ := s.counts(); acked < 100 {
				t.Fatalf("only %d acknowledged before the kill", acked)
			}
			last := lastSpoolFile(t, f.spool)
			b, err := os.ReadFile(last)
			if err != nil {
				t.Fatal(err)
			}
			end := len(bytes.TrimRight(b, "\x00"))
			file, err := os.OpenFile(last, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			switch variant {
			case "torn-garbage": // an append half-written over the free space
				_, err = file.WriteAt(bytes.Repeat([]byte{0x5a, 0xc3}, 150), int64(end))
			case "torn-truncated": // the file ends inside an append's record
				if _, err = file.WriteAt(b[end-200:end-100], int64(end)); err == nil {
					err = file.Truncate(int64(end + 100))
				}
			case "middle": // a bad sector inside acknowledged data
				_, err = file.WriteAt(bytes.Repeat([]byte{0xff}, 40), int64(end/2))
			}
			file.Close()
			if err != nil {
				t.Fatal(err)
			}
			p2 := startSkm(t, f.args...)
			waitDrained(t, p2.url, 60*time.Second)
			if variant == "middle" {
				if !p2.logged("SPOOL DAMAGED", 5*time.Second) {
					t.Error("damage in the middle was not reported")
				}
				if aside, _ := filepath.Glob(filepath.Join(f.spool, "damaged", "*")); len(aside) != 1 {
					t.Errorf("copies kept aside: %v, want one", aside)
				}
				// The damaged bytes held at most two records; every other one is delivered.
				checkStored(t, f.db.Conn, f.db.Name, s.acked, s.refused, 2)
				return
			}
			if !p2.logged("cut a torn tail", 5*time.Second) {
				t.Error("the torn tail was not logged")
			}
			checkExactlyOnce(t, f.db.Conn, f.db.Name, s.acked, s.refused...)
		})
	}
}

// lastSpoolFile is the newest non-empty file of the spool (whatever its format).
func lastSpoolFile(t *testing.T, dir string) string {
	t.Helper()
	var last string
	var lastMod time.Time
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Size() == 0 || strings.Contains(path, "marker") || strings.HasSuffix(path, "committed") {
			return err
		}
		b, _ := os.ReadFile(path)
		if len(bytes.TrimRight(b, "\x00")) == 0 {
			return nil
		}
		if info.ModTime().After(lastMod) || (info.ModTime().Equal(lastMod) && path > last) {
			last, lastMod = path, info.ModTime()
		}
		return nil
	})
	if err != nil || last == "" {
		t.Fatalf("no spool file in %s: %v", dir, err)
	}
	return last
}

// Cases go through the same spool: on a full disk a case is refused with 503 and never
// stored, every case acknowledged is stored, and once space is back cases are taken again.
func TestCaseOnAFullDiskIsRefusedAndNeverStored(t *testing.T) {
	f := newFaultServer(t, "8m")
	token := f.token
	p := startSkm(t, f.args...)
	client := &http.Client{Timeout: 10 * time.Second}
	acked, refused := map[string]bool{}, map[string]bool{}
	n := 0
	post := func() int {
		t.Helper()
		n++
		id := fmt.Sprintf("FULL-%05d", n)
		body := `{"id":"` + id + `","agency":"bppd-kalbar","service":"narasumber","channel":"tatap-muka",
			"received_at":"2026-10-05T09:00:00+07:00","status":"diterima"}`
		code, _ := postJSON(t, client, p.url+"/api/v1/cases", token, body)
		switch code {
		case http.StatusAccepted:
			acked[id] = true
		case http.StatusServiceUnavailable:
			refused[id] = true
		default:
			t.Fatalf("case %s: %d", id, code)
		}
		return code
	}
	post()
	// The disk stays full while responses fill the spool's last segment; cases are posted
	// until one is refused.
	unfull := keepFull(t, f.spool)
	s := &sender{url: p.url}
	ctx, stop := context.WithCancel(context.Background())
	wg := s.run(ctx, 4)
	for len(refused) == 0 && n < 5000 {
		post()
	}
	stop()
	wg.Wait()
	if len(refused) == 0 {
		t.Fatal("no case was refused on the full disk")
	}
	unfull()
	if err := os.Remove(filepath.Join(f.spool, "filler")); err != nil {
		t.Fatal(err)
	}
	if c := post(); c != http.StatusAccepted {
		t.Errorf("a case after space was freed: %d, want 202", c)
	}
	waitDrained(t, p.url, 30*time.Second)
	rows, err := f.db.Conn.Query(context.Background(), "SELECT DISTINCT id FROM "+f.db.Name+".cases WHERE agency = 'bppd-kalbar'")
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for rows.Next() {
		var id string
		_ = rows.Scan(&id)
		stored[id] = true
	}
	rows.Close()
	for id := range acked {
		if !stored[id] {
			t.Errorf("acknowledged case %s is not stored", id)
		}
	}
	for id := range refused {
		if stored[id] {
			t.Errorf("refused case %s was stored", id)
		}
	}
	t.Logf("cases: %d acknowledged, %d refused, %d stored", len(acked), len(refused), len(stored))
	checkExactlyOnce(t, f.db.Conn, f.db.Name, s.acked, s.refused...)
}
