//go:build cluster

package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"skm/bench/benchdata"
	"skm/chlocal"
	"skm/ingest/chtest"
	"skm/ingest/schema"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// The agencies of the failover test and the service each is surveyed and sent cases on. By
// cityHash64(agency) % 2 (computed on ClickHouse): dpmptsp-kalbar lives on shard 1,
// bppd-kalbar and bppd-ntt on shard 2, so both shards take writes.
var failoverAgencies = map[string]string{"bppd-kalbar": "konsultasi", "bppd-ntt": "pengaduan", "dpmptsp-kalbar": "konsultasi"}

// clusterStandards writes the example standards and a third agency, dpmptsp-kalbar (a copy
// of bppd-kalbar's standard under its own code, on the other shard), into a directory for
// --standards, as the cluster benchmark does.
func clusterStandards(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := benchdata.SpreadSet(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// clusterToken creates an API token of agency on the cluster database db.
func clusterToken(t *testing.T, db *chtest.ClusterDB, standards, agency string) string {
	t.Helper()
	code, token, errs := runCmd(t, nil, "token", "create", "--agency", agency, "--name", "failover", "--clickhouse", db.DSN,
		"--cluster", db.Cluster.Name, "--standards", standards)
	if code != 0 {
		t.Fatalf("token create %s: %s", agency, errs)
	}
	return strings.TrimSpace(token)
}

// freeAddr returns a free port on the loopback address ip, so that a server restarted there
// is reached at the same address, as behind a load balancer.
func freeAddr(t *testing.T, ip string) string {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// sent is a request the load answered 202: its path, token and body, to send the same to
// the single server afterwards.
type sent struct {
	path, agency, body string
	id                 string // a response's id; "" for a case
}

// failoverLoad posts responses (with ids, explicit dates) and cases to the servers at
// random, some to two servers, and records what was acknowledged.
type failoverLoad struct {
	urls    []string
	tokens  map[string]string
	mu      sync.Mutex
	acked   []sent
	ids     map[string]string // acknowledged response id → agency
	both    atomic.Int64      // requests acknowledged by two servers
	refused atomic.Int64      // requests no server took (transport errors on both)
}

func (l *failoverLoad) post(client *http.Client, server int, s sent) bool {
	req, _ := http.NewRequest(http.MethodPost, l.urls[server]+s.path, strings.NewReader(s.body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+l.tokens[s.agency])
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusAccepted
}

// send posts s to one server, and to the other when that one does not take it (a client
// retrying through the load balancer) or when twice.
func (l *failoverLoad) send(client *http.Client, rng *rand.Rand, s sent, twice bool) {
	first, n := rng.IntN(2), 0
	if l.post(client, first, s) {
		n++
	}
	if (n == 0 || twice) && l.post(client, 1-first, s) {
		n++
	}
	switch n {
	case 0:
		l.refused.Add(1)
		return
	case 2:
		l.both.Add(1)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acked = append(l.acked, s)
	if s.id != "" {
		l.ids[s.id] = s.agency
	}
}

func (l *failoverLoad) run(ctx context.Context, workers int) *sync.WaitGroup {
	l.ids = map[string]string{}
	agencies := []string{"bppd-kalbar", "bppd-ntt", "dpmptsp-kalbar"}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 22))
			client := &http.Client{Timeout: 5 * time.Second}
			for i := 0; ctx.Err() == nil; i++ {
				agency := agencies[rng.IntN(len(agencies))]
				service := failoverAgencies[agency]
				at := time.Now().Add(-time.Duration(rng.IntN(24*60)) * time.Minute).Format(time.RFC3339)
				if i%5 == 4 {
					id := fmt.Sprintf("F-%d-%d", w, i)
					status, done := `"diterima"`, ""
					if rng.IntN(2) == 0 {
						status, done = `"selesai"`, fmt.Sprintf(`,"completed_at":%q`, time.Now().Format(time.RFC3339))
					}
					body := fmt.Sprintf(`{"id":%q,"agency":%q,"service":%q,"channel":"tatap-muka","received_at":%q,"status":%s%s,"officer":"Petugas %d"}`,
						id, agency, service, at, status, done, rng.IntN(3))
					l.send(client, rng, sent{path: "/api/v1/cases", agency: agency, body: body}, rng.IntN(10) == 0)
					continue
				}
				id := uuid.NewString()
				a := make([]string, 9)
				for k := range a {
					a[k] = fmt.Sprintf(`"U%d":%d`, k+1, 1+rng.IntN(4))
				}
				body := fmt.Sprintf(`{"id":%q,"agency":%q,"service":%q,"channel":"paper","submitted_at":%q,"answers":{%s},"respondent":{"umur":%d,"jenis_kelamin":"%s"},"saran":"saran %d"}`,
					id, agency, service, at, strings.Join(a, ","), 18+rng.IntN(60), []string{"L", "P"}[rng.IntN(2)], i)
				l.send(client, rng, sent{path: "/api/v1/responses", agency: agency, body: body, id: id}, rng.IntN(8) == 0)
			}
		})
	}
	return &wg
}

// testLogWriter writes each log line into the test's output.
type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// TestClusterFailoverTwoServersUnderLoad: two skm servers (real processes on 127.0.0.2 and
// 127.0.0.3, each with its own spool) on the 2 × 2 cluster take responses and cases from
// concurrent clients, some sent to both; a replica of shard 2 is SIGKILLed and started
// again, and one skm server is SIGKILLed and started again on its data directory (its spool
// survives there: what it acknowledged is delivered when it is back). Then every
// acknowledged response is stored exactly once, and every agency's dashboard figures (the
// IKM and its breakdowns from the rollups, the case figures computed ahead) equal those of
// one server that received the same acknowledged requests.
func TestClusterFailoverTwoServersUnderLoad(t *testing.T) {
	start := time.Now()
	db := chtest.NewClusterDB(t, schema.Sharded)
	c := db.Cluster
	standards := clusterStandards(t)
	tokens := map[string]string{}
	for agency := range failoverAgencies {
		tokens[agency] = clusterToken(t, db, standards, agency)
	}
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i * 7)
	}
	serveArgs := func(addr, data string) []string {
		return []string{"serve", "--addr", addr, "--data-dir", data, "--clickhouse", db.DSN, "--cluster", c.Name,
			"--standards", standards, "--no-rate-limit", "--batch-max-wait", "200ms", "--session-key", hex.EncodeToString(key)}
	}
	addrB, dataA, dataB := freeAddr(t, "127.0.0.3"), t.TempDir(), t.TempDir()
	a := startSkm(t, serveArgs("127.0.0.2:0", dataA)...)
	b := startSkm(t, serveArgs(addrB, dataB)...)
	load := &failoverLoad{urls: []string{a.url, b.url}, tokens: tokens}
	ctx, stop := context.WithCancel(context.Background())
	done := load.run(ctx, 6)
	step := func(at time.Duration, what string, do func()) {
		time.Sleep(time.Until(start.Add(at)))
		t.Logf("%5.1f s: %s", time.Since(start).Seconds(), what)
		do()
	}
	start = time.Now()
	step(3*time.Second, "SIGKILL replica s2r2", func() {
		if err := chlocal.KillNode(c.Dir(), "s2r2"); err != nil {
			t.Fatal(err)
		}
		// The cluster is shared with the other tests: the replica runs again however this
		// test ends (starting a running node is refused, harmlessly).
		t.Cleanup(func() {
			sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_ = chlocal.StartNode(sctx, c.Dir(), "s2r2", nil)
		})
	})
	step(7*time.Second, "SIGKILL skm server B (its spool stays on its disk)", func() {
		_ = b.cmd.Process.Signal(syscall.SIGKILL)
		<-b.exited
	})
	var killedB *process
	step(11*time.Second, "start skm server B again on its data directory", func() {
		killedB, b = b, startSkm(t, serveArgs(addrB, dataB)...)
	})
	// Down longer than the quorum's timeout (10 s): inserts into shard 2 fail meanwhile
	// ("unknown status, client must retry"), some after landing on the live replica.
	step(17*time.Second, "start replica s2r2 again", func() {
		sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		// What the start did (a start with force_restore_data, when ClickHouse refused
		// parts the kill left unregistered) belongs in the output.
		if err := chlocal.StartNode(sctx, c.Dir(), "s2r2", slog.New(slog.NewTextHandler(testLogWriter{t}, nil))); err != nil {
			t.Fatal(err)
		}
	})
	step(24*time.Second, "stop the load", func() { stop(); done.Wait() })
	load.mu.Lock()
	acked := load.ids
	load.mu.Unlock()
	t.Logf("load: %d requests acknowledged (%d of them responses; %d requests taken by both servers), %d taken by neither server",
		len(load.acked), len(acked), load.both.Load(), load.refused.Load())

	// Every acknowledged response reaches the cluster (server B's after its restart).
	stored := func() uint64 {
		var n uint64
		_ = db.Conn.QueryRow(context.Background(), "SELECT uniqExact(id) FROM "+db.Name+".survey_responses").Scan(&n)
		return n
	}
	deadline := time.Now().Add(2 * time.Minute)
	for stored() < uint64(len(acked)) && time.Now().Before(deadline) {
		time.Sleep(time.Second)
	}
	t.Logf("%5.1f s: %d of %d acknowledged responses stored", time.Since(start).Seconds(), stored(), len(acked))
	// What the faults did to the servers, from their logs: batches that failed and were
	// sent again, and what server B found in its spool when it came back.
	for name, p := range map[string]*process{"A": a, "B before the kill": killedB, "B after the restart": b} {
		logs := p.stderr.String()
		replayed := regexp.MustCompile(`replaying responses left in the spool","entries":(\d+)`).FindStringSubmatch(logs)
		if replayed == nil {
			replayed = []string{"", "0"}
		}
		t.Logf("server %-20s failed inserts retried %3d, entries replayed from its spool at start %s",
			name, strings.Count(logs, "sending to ClickHouse failed"), replayed[1])
		if p == b && replayed[1] == "0" {
			t.Errorf("server B found nothing to deliver in its spool after the kill: the test did not kill it with acknowledged responses undelivered")
		}
	}
	db.Sync(t)

	// The same acknowledged requests, sent to one server on one ClickHouse.
	single := chtest.NewDB(t)
	singleTokens := map[string]string{}
	for agency := range failoverAgencies {
		code, token, errs := runCmd(t, nil, "token", "create", "--agency", agency, "--name", "single", "--clickhouse", single.DSN, "--standards", standards)
		if code != 0 {
			t.Fatal(errs)
		}
		singleTokens[agency] = strings.TrimSpace(token)
	}
	one := startSkm(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", single.DSN,
		"--standards", standards, "--no-rate-limit", "--batch-max-wait", "100ms")
	ref := &failoverLoad{urls: []string{one.url}, tokens: singleTokens}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, s := range load.acked {
		if !ref.post(client, 0, s) {
			t.Fatalf("the single server refused %s %s", s.path, s.body)
		}
	}
	singleStored := func() uint64 {
		var n uint64
		_ = single.Conn.QueryRow(context.Background(), "SELECT uniqExact(id) FROM "+single.Name+".survey_responses").Scan(&n)
		return n
	}
	for singleStored() < uint64(len(acked)) && time.Now().Before(deadline.Add(time.Minute)) {
		time.Sleep(200 * time.Millisecond)
	}

	// Exactly once, per agency: the acknowledged ids against the raw rows and the rollup
	// (a response stored twice is counted twice there, whatever merges do to the raw table).
	perAgency := map[string]int{}
	for _, agency := range acked {
		perAgency[agency]++
	}
	q := context.Background()
	totalDup, totalMissing := 0, 0
	for agency := range failoverAgencies {
		var raw, distinct, rolled uint64
		if err := db.Conn.QueryRow(q, "SELECT count(), uniqExact(id) FROM "+db.Name+".survey_responses FINAL WHERE agency = ?", agency).Scan(&raw, &distinct); err != nil {
			t.Fatal(err)
		}
		if err := db.Conn.QueryRow(q, "SELECT sum(respondents) FROM "+db.Name+".survey_daily WHERE agency = ?", agency).Scan(&rolled); err != nil {
			t.Fatal(err)
		}
		want := perAgency[agency]
		dup, missing := int(rolled)-int(distinct), want-int(distinct)
		totalDup, totalMissing = totalDup+dup, totalMissing+missing
		t.Logf("%-15s acknowledged %5d  stored %5d  counted by the rollup %5d  duplicates %d  missing %d", agency, want, distinct, rolled, dup, missing)
		if dup != 0 || missing != 0 || raw != distinct {
			t.Errorf("%s: %d acknowledged, %d stored (%d rows), %d counted: every acknowledged response must be stored and counted once", agency, want, distinct, raw, rolled)
		}
	}
	rows, err := db.Conn.Query(q, "SELECT DISTINCT toString(id) FROM "+db.Name+".survey_responses")
	if err != nil {
		t.Fatal(err)
	}
	unknown := 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		if _, ok := acked[id]; !ok {
			unknown++
		}
	}
	rows.Close()
	if unknown != 0 {
		t.Errorf("%d stored responses were never acknowledged", unknown)
	}
	fmt.Printf("failover: %d responses acknowledged, %d stored, %d duplicates, %d missing; %d cases and responses sent to both servers\n",
		len(acked), stored(), totalDup, totalMissing, load.both.Load())

	// The dashboards' figures: the cluster against the one server, per agency.
	set, err := standard.LoadDir(standards)
	if err != nil {
		t.Fatal(err)
	}
	compareDashboards(t, set, reports.New(single.Conn, single.Name), reports.New(db.Conn, db.Name))
	t.Logf("%5.1f s: compared", time.Since(start).Seconds())
}

// compareDashboards asks both Queriers what the dashboard shows for every agency this month
// and last (the IKM and its breakdowns from the rollups, the case figures computed ahead)
// and fails on any difference. The case figures are computed in the background by each side
// (on the cluster by the server holding the background lease), seconds after the last write:
// they are asked again for up to a minute until they agree.
func compareDashboards(t *testing.T, set *standard.Set, want, got *reports.Querier) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	deadline := now.Add(90 * time.Second)
	for agency, service := range failoverAgencies {
		a, _ := set.Agency(agency)
		local := now.In(a.Location)
		month := survey.Period{Kind: survey.Month, Year: local.Year(), N: int(local.Month())}
		for _, m := range []survey.Period{month, month.Previous()} {
			for _, svc := range []string{"", service} {
				scope := survey.Scope{Agency: agency, Period: m, Service: svc}
				questions := map[string]func(q *reports.Querier) (any, error){
					"IKM":          func(q *reports.Querier) (any, error) { return q.IKM(ctx, scope) },
					"IKMByService": func(q *reports.Querier) (any, error) { return q.IKMByService(ctx, scope) },
					"Profile":      func(q *reports.Querier) (any, error) { return q.Profile(ctx, scope) },
					"CaseSummary":  func(q *reports.Querier) (any, error) { return q.CaseSummary(ctx, agency, m, svc, a.Location) },
				}
				for name, ask := range questions {
					for {
						w, werr := ask(want)
						g, gerr := ask(got)
						if werr == nil && gerr == nil && reflect.DeepEqual(g, w) {
							break
						}
						if time.Now().After(deadline) {
							t.Errorf("%s %s %s %q: cluster %+v (%v), one server %+v (%v)", name, agency, m.Code(), svc, g, gerr, w, werr)
							break
						}
						time.Sleep(time.Second)
					}
				}
			}
		}
	}
}
