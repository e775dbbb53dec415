package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"skm/ingest/chtest"
	"skm/ingest/schema"
)

func TestMain(m *testing.M) { chtest.Main(m) }

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// skmBinary builds the skm binary once for the process-level tests.
func skmBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "skm-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "skm")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// process is a running skm binary.
type process struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
	exited chan struct{}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// logged waits until the process's standard error contains s (it is copied through a pipe,
// so it can trail the URL on standard output).
func (p *process) logged(s string, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for {
		if strings.Contains(p.stderr.String(), s) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var urlRe = regexp.MustCompile(`http://127\.0\.0\.\d+:\d+`)

// startSkm starts the binary and waits until it prints its URL.
func startSkm(t *testing.T, args ...string) *process {
	t.Helper()
	return startSkmCmd(t, exec.Command(skmBinary(t), args...))
}

// startServe starts `skm serve` on a free loopback port with the data directory data and
// the extra flags.
func startServe(t *testing.T, data string, extra ...string) *process {
	t.Helper()
	return startSkm(t, append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", data}, extra...)...)
}

// startPrivate starts `skm serve` with its private ClickHouse under a fresh data directory
// (as needClickHouse, skipped without a ClickHouse) and returns it and the directory.
func startPrivate(t *testing.T, extra ...string) (*process, string) {
	t.Helper()
	needClickHouse(t)
	data := t.TempDir()
	return startServe(t, data, extra...), data
}

// apiToken creates an API token of the agency with `skm token create` on the database at
// dsn and returns it.
func apiToken(t *testing.T, dsn, agency, name string) string {
	t.Helper()
	code, token, errs := runCmd(t, nil, "token", "create", "--agency", agency, "--name", name, "--clickhouse", dsn)
	if code != 0 {
		t.Fatalf("token: %d %s", code, errs)
	}
	return strings.TrimSpace(token)
}

// startWithToken starts `skm serve` on a database of its own, with inserts sent after
// 100 ms, and creates an API token of the agency; it returns the server, the database and
// the token.
func startWithToken(t *testing.T, agency, name string) (*process, *chtest.DB, string) {
	t.Helper()
	db := chtest.NewDB(t)
	token := apiToken(t, db.DSN, agency, name)
	return startServe(t, t.TempDir(), "--clickhouse", db.DSN, "--batch-max-wait", "100ms"), db, token
}

// postJSON posts body as JSON to url with client, with the bearer token unless it is empty,
// and returns the status and the body of the answer.
func postJSON(t *testing.T, client *http.Client, url, token, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// startSkmCmd starts cmd, which runs the binary (perhaps through a wrapper such as
// prlimit), and waits until it prints its URL.
func startSkmCmd(t *testing.T, cmd *exec.Cmd) *process {
	t.Helper()
	cmd.Env = append(os.Environ(), "SKM_LOG_FORMAT=json")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u := urlRe.FindString(sc.Text()); u != "" {
				select {
				case urls <- u:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() { _ = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.exited
	})
	select {
	case p.url = <-urls:
	case <-p.exited:
		t.Fatalf("skm exited before serving:\n%s", p.stderr)
	case <-time.After(90 * time.Second):
		t.Fatalf("skm did not print its URL in time:\n%s", p.stderr)
	}
	return p
}

// childClickHouse returns the pid of the ClickHouse server started with a config under dir.
func childClickHouse(t *testing.T, dir string) int {
	t.Helper()
	pids := clickHousePIDs(dir)
	if len(pids) != 1 {
		t.Fatalf("found %d ClickHouse processes for %s, want 1", len(pids), dir)
	}
	return pids[0]
}

// clickHousePIDs lists live processes whose command line names a config under dir.
func clickHousePIDs(dir string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !strings.Contains(string(cmdline), "--config-file="+dir) {
			continue
		}
		stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if f := strings.Fields(string(stat)); len(f) > 2 && f[2] == "Z" {
			continue // exited, not yet reaped
		}
		pids = append(pids, pid)
	}
	return pids
}

func waitGone(t *testing.T, dir string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for len(clickHousePIDs(dir)) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("ClickHouse for %s still running after %s", dir, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func needClickHouse(t *testing.T) {
	t.Helper()
	chtest.ServerAddr(t) // fails under CI=true, skips elsewhere, when none can be had
}

func TestServeOwnsItsClickHouseAndStopsItOnSIGTERM(t *testing.T) {
	p, data := startPrivate(t)
	chDir := filepath.Join(data, "clickhouse")
	childClickHouse(t, chDir)
	if code, body := get(t, p.url+"/healthz"); code != 200 {
		t.Errorf("/healthz: %d %s", code, body)
	}
	if code, body := get(t, p.url+"/readyz"); code != 200 || !strings.Contains(body, `"status":"ready"`) {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, body := get(t, p.url+"/"); code != 200 || !strings.Contains(body, "Pelayanan Data, Laporan, dan Informasi") {
		t.Errorf("/: %d", code)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
	case <-time.After(60 * time.Second):
		t.Fatal("skm did not exit after SIGTERM")
	}
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit status %d after SIGTERM\n%s", code, p.stderr)
	}
	waitGone(t, chDir, time.Second)
	if _, err := os.Stat(filepath.Join(chDir, "skm.lock")); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
	if !p.logged("local ClickHouse stopped", 5*time.Second) {
		t.Errorf("no clean stop logged:\n%s", p.stderr)
	}
}

func TestKilledSkmLeavesNoOrphanAndRestartReusesData(t *testing.T) {
	needClickHouse(t)
	data := t.TempDir()
	chDir := filepath.Join(data, "clickhouse")
	p := startSkm(t, "demo", "--addr", "127.0.0.1:0", "--data-dir", data)
	if !p.logged("demo data generated", 5*time.Second) {
		t.Fatalf("first demo run generated nothing:\n%s", p.stderr)
	}
	childClickHouse(t, chDir)
	if err := p.cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	<-p.exited
	waitGone(t, chDir, 10*time.Second)

	p2 := startSkm(t, "demo", "--addr", "127.0.0.1:0", "--data-dir", data)
	if !p2.logged("demo data already present; reused", 5*time.Second) {
		t.Errorf("restart did not reuse the data:\n%s", p2.stderr)
	}
	if code, _ := get(t, p2.url+"/readyz"); code != 200 {
		t.Errorf("/readyz after restart: %d", code)
	}
	_ = p2.cmd.Process.Signal(syscall.SIGINT)
	<-p2.exited
	waitGone(t, chDir, time.Second)
}

func TestMigrateFromTwoProcessesAtOnce(t *testing.T) {
	ref := chtest.NewDB(t)
	name := ref.Name + "_p"
	t.Cleanup(func() { _ = ref.Conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name) })
	url := chtest.URL(t, name)
	bin := skmBinary(t)
	outs := make([]string, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := exec.Command(bin, "migrate", "--clickhouse", url, "--log-format", "text").CombinedOutput()
			outs[i], errs[i] = string(b), err
		}()
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Errorf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	all, _ := schema.Migrations()
	applied := strings.Count(outs[0]+outs[1], "migration applied")
	if applied != len(all) {
		t.Errorf("the two processes applied %d migrations in total, want %d:\n%s\n%s", applied, len(all), outs[0], outs[1])
	}
	var n uint64
	if err := ref.Conn.QueryRow(context.Background(), "SELECT count() FROM "+name+".schema_migrations").Scan(&n); err != nil || n != uint64(len(all)) {
		t.Errorf("schema_migrations rows = %d (%v), want %d", n, err, len(all))
	}
	// A third run changes nothing.
	b, err := exec.Command(bin, "migrate", "--clickhouse", url).CombinedOutput()
	if err != nil || !strings.Contains(string(b), "is up to date") {
		t.Errorf("third run: %v\n%s", err, b)
	}
}

func TestServeOnExternalClickHouse(t *testing.T) {
	db := chtest.NewDB(t)
	p := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--clickhouse", db.DSN, "--data-dir", t.TempDir())
	code, body := get(t, p.url+"/readyz")
	if code != 200 || !strings.Contains(body, db.Name) {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, body := get(t, p.url+"/templat/bppd-kalbar/kuesioner.xlsx"); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("template download: %d", code)
	}
	if code, body := get(t, p.url+"/templat/bppd-kalbar/kuesioner.csv"); code != 200 || !strings.Contains(body, "P8_U9;P9_U8") {
		t.Errorf("csv template download: %d %q", code, body)
	}
	if code, body := get(t, p.url+"/templat/bppd-kalbar/kasus.csv"); code != 200 || !strings.Contains(body, "nomor;jenis;layanan;saluran") || !strings.Contains(body, "Pelayanan Konsultasi") {
		t.Errorf("case template download: %d %q", code, body)
	}
	if code, body := get(t, p.url+"/templat/bppd-kalbar/kasus.xlsx"); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("xlsx case template download: %d", code)
	}
	if code, _ := get(t, p.url+"/templat/bppd-kalbar/rahasia.xlsx"); code != 404 {
		t.Errorf("an unknown template: %d, want 404", code)
	}
	if code, body := get(t, p.url+"/api/v1/agencies/bppd-kalbar/ikm?period=2026-S2"); code != 200 || !strings.Contains(body, `"respondents":0`) || !strings.Contains(body, `"ikm":null`) {
		t.Errorf("IKM API on an empty database: %d %s", code, body)
	}
	// A per-agency token, created by the CLI, works for its own agency only.
	code, tok, errs := runCmd(t, nil, "token", "create", "--agency", "bppd-kalbar", "--name", "tes", "--clickhouse", db.DSN)
	tok = strings.TrimSpace(tok)
	if code != 0 || !strings.HasPrefix(tok, "skm_") {
		t.Fatalf("token create: exit %d %q %s", code, tok, errs)
	}
	post := func(agency string) int {
		body := `{"element":"U3","action":"Papan standar waktu","target_quarter":"2026-Q4","person_in_charge":"Kasubbag","status":"berjalan","progress":30}`
		req, _ := http.NewRequest(http.MethodPost, p.url+"/api/v1/agencies/"+agency+"/rtl?period=2026-S1", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := post("bppd-kalbar"); c != http.StatusCreated {
		t.Errorf("RTL item with the agency's token: %d", c)
	}
	if c := post("bppd-ntt"); c != http.StatusForbidden {
		t.Errorf("RTL item for another agency: %d, want 403", c)
	}
	req, _ := http.NewRequest(http.MethodGet, p.url+"/api/v1/agencies/bppd-kalbar/rtl?period=2026-S1", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("RTL list: %v %v", resp, err)
	} else {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), "Papan standar waktu") {
			t.Errorf("RTL list lacks the item: %s", b)
		}
	}
	if code, _ := get(t, p.url+"/no-such-page"); code != 404 {
		t.Errorf("unknown page: %d, want 404", code)
	}
	// With the schema behind (a migration table gone), the process stays up and says it is not ready.
	if err := db.Conn.Exec(context.Background(), "DROP TABLE "+db.Name+".schema_migrations"); err != nil {
		t.Fatal(err)
	}
	// Readiness reports the background check, at most a second or two old.
	code, body = get(t, p.url+"/readyz")
	for deadline := time.Now().Add(3 * time.Second); code == 200 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		code, body = get(t, p.url+"/readyz")
	}
	if code != 503 || !strings.Contains(body, "migrations pending") {
		t.Errorf("/readyz with the schema behind: %d %s", code, body)
	}
	if code, _ := get(t, p.url+"/healthz"); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
}
