// Command intake is the survey-intake benchmark (make bench-intake). It starts the real skm
// server (its own ClickHouse, spool on disk, every response fsync'd before 202) and, in the
// same run, a reference server: a bare gin handler that only binds and validates the same
// JSON. It loads each for the same bounded time over loopback and prints responses/s, p50
// and p99 latency and the server's RSS, side by side, with the ratio. With -cluster, in the
// same run, two skm servers on a loopback cluster (2 shards × 2 replicas, sharded layout,
// inserts with a quorum under the intake lease) are loaded at once, half the connections
// each, and the time until both spools are drained into the cluster is measured.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"skm/bench/benchdata"
	"skm/survey"
)

func main() { benchdata.Main("bench-intake", run) }

func run() error {
	duration := flag.Duration("duration", 30*time.Second, "load time per server (bounded)")
	conns := flag.Int("connections", 32, "concurrent connections")
	serveRef := flag.String("serve-reference", "", "internal: serve the reference handler on this address")
	skmBin := flag.String("skm", "", "skm binary (default: build ./cmd/skm)")
	baseline := flag.String("baseline", "", "another skm `binary` (e.g. built from an earlier commit) loaded the same way in the same run, for a before/after figure")
	loader := flag.String("loader", "auto", "load generator: wrk (Debian's, as in performance.md), go (built in), or auto (wrk when installed)")
	onCluster := flag.Bool("cluster", false, "also load two skm servers on a loopback cluster (2 shards × 2 replicas) at once, in the same run")
	flag.Parse()
	if *serveRef != "" {
		return serveReference(*serveRef)
	}
	if *duration > 10*time.Minute {
		return errors.New("--duration is bounded to 10 minutes")
	}
	tmp, err := os.MkdirTemp("", "skm-bench-intake-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := *skmBin
	if bin == "" {
		bin = filepath.Join(tmp, "skm")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/skm").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}

	useWrk := *loader == "wrk"
	if *loader == "auto" {
		_, err := exec.LookPath("wrk")
		useWrk = err == nil
	}
	drive := func(url string, pid int) (result, error) {
		if useWrk {
			return loadWrk(url, *conns, *duration, pid)
		}
		return load(url, *conns, *duration, pid), nil
	}
	name := "built-in Go client"
	if useWrk {
		name = "wrk, 1 thread"
	}
	fmt.Printf("survey intake benchmark: %d connections (%s), %s per server, %d cores, %s\n", *conns, name, *duration, runtime.NumCPU(), runtime.Version())

	refAddr := freeAddr()
	ref := exec.Command(self, "-serve-reference", refAddr)
	ref.Stderr = os.Stderr
	if err := ref.Start(); err != nil {
		return err
	}
	defer stop(ref)
	if err := waitUp("http://" + refAddr + "/ping"); err != nil {
		return fmt.Errorf("reference server: %w", err)
	}
	refRes, err := drive("http://"+refAddr+"/api/v1/responses", ref.Process.Pid)
	if err != nil {
		return err
	}
	stop(ref)

	runSkm := func(bin, dir string) (result, time.Duration, error) {
		addr := freeAddr()
		srv := exec.Command(bin, "serve", "--addr", addr, "--data-dir", filepath.Join(tmp, dir),
			"--no-rate-limit", "--log-level", "warn", "--log-format", "text")
		srv.Stdout = io.Discard
		srv.Stderr = os.Stderr
		if err := srv.Start(); err != nil {
			return result{}, 0, err
		}
		defer stop(srv)
		if err := waitUp("http://" + addr + "/healthz"); err != nil {
			return result{}, 0, fmt.Errorf("skm: %w", err)
		}
		res, err := drive("http://"+addr+"/api/v1/responses", srv.Process.Pid)
		if err != nil {
			return result{}, 0, err
		}
		drainStart := time.Now()
		if err := waitDrained("http://"+addr+"/metrics", 5*time.Minute); err != nil {
			return result{}, 0, err
		}
		return res, time.Since(drainStart), nil
	}
	var baseRes result
	if *baseline != "" {
		if baseRes, _, err = runSkm(*baseline, "baseline"); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	skmRes, drain, err := runSkm(bin, "data")
	if err != nil {
		return err
	}

	fmt.Println()
	fmt.Printf("%-34s %14s %14s %8s   %s\n", "", "skm (durable)", "bare gin ref", "ratio", "target")
	fmt.Printf("%-34s %14.0f %14.0f %7.0f%%   ≥ 25 000/s and ≥ 70 %% of the reference\n", "accepted responses/s", skmRes.rate(), refRes.rate(), 100*skmRes.rate()/refRes.rate())
	fmt.Printf("%-34s %14s %14s %8s   \n", "p50 latency", benchdata.MS(skmRes.pct(50)), benchdata.MS(refRes.pct(50)), "")
	fmt.Printf("%-34s %14s %14s %8s   ≤ 25 ms\n", "p99 latency", benchdata.MS(skmRes.pct(99)), benchdata.MS(refRes.pct(99)), "")
	fmt.Printf("%-34s %11d MB %11d MB %8s   ≤ 256 MB\n", "server peak RSS", skmRes.rssMB, refRes.rssMB, "")
	fmt.Printf("%-34s %14d %14d\n", "errors (non-202)", skmRes.errors, refRes.errors)
	fmt.Printf("%-34s %14s\n", "spool drained after load in", drain.Round(time.Millisecond))
	if *onCluster {
		if err := clusterIntake(tmp, bin, *conns, drive, skmRes, drain); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	if *baseline != "" {
		fmt.Println()
		fmt.Printf("%-34s %14s %14s %8s\n", "same run, before/after", "baseline skm", "this skm", "ratio")
		fmt.Printf("%-34s %14.0f %14.0f %7.0f%%\n", "accepted responses/s", baseRes.rate(), skmRes.rate(), 100*skmRes.rate()/baseRes.rate())
		fmt.Printf("%-34s %14s %14s\n", "p99 latency", benchdata.MS(baseRes.pct(99)), benchdata.MS(skmRes.pct(99)))
		fmt.Printf("%-34s %11d MB %11d MB\n", "server peak RSS", baseRes.rssMB, skmRes.rssMB)
		fmt.Printf("%-34s %14.0f %14s %7.0f%%   (baseline against the bare handler)\n", "baseline / reference", baseRes.rate(), "", 100*baseRes.rate()/refRes.rate())
	}
	return nil
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err) // loopback must be available for a loopback benchmark
	}
	defer l.Close()
	return l.Addr().String()
}

func stop(c *exec.Cmd) {
	if c.Process == nil || c.ProcessState != nil {
		return
	}
	_ = c.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = c.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = c.Process.Kill()
		<-done
	}
}

func waitUp(url string) error {
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("did not come up")
}

var depthRe = regexp.MustCompile(`(?m)^skm_spool_depth (\d+)`)

func waitDrained(url string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if m := depthRe.FindSubmatch(b); m != nil && string(m[1]) == "0" {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("spool not drained in time")
}

type result struct {
	ok      int
	errors  int
	elapsed time.Duration
	lat     []time.Duration
	rssMB   int
	// From wrk: its own rate and percentiles.
	wrkRate float64
	wrkPct  map[int]time.Duration
}

func (r result) rate() float64 {
	if r.wrkPct != nil {
		return r.wrkRate
	}
	return float64(r.ok) / r.elapsed.Seconds()
}

func (r result) pct(p int) time.Duration {
	if r.wrkPct != nil {
		return r.wrkPct[p]
	}
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, len(r.lat)*p/100)]
}

//go:embed post.lua
var postLua []byte

var (
	wrkRateRe = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkPctRe  = regexp.MustCompile(`(?m)^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	wrkBadRe  = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkErrRe  = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// loadWrk drives url with wrk (one thread, as the reference figures were taken) and reads
// its rate and latency percentiles.
func loadWrk(url string, conns int, d time.Duration, pid int) (result, error) {
	script, err := os.CreateTemp("", "skm-post-*.lua")
	if err != nil {
		return result{}, err
	}
	defer os.Remove(script.Name())
	_, _ = script.Write(postLua)
	script.Close()
	out, err := exec.Command("wrk", "-t1", "-c"+strconv.Itoa(conns), "-d"+strconv.Itoa(int(d.Seconds()))+"s",
		"--timeout", "10s", "--latency", "-s", script.Name(), url).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	res := result{wrkPct: map[int]time.Duration{}, elapsed: d, rssMB: int(benchdata.PeakRSS(pid) / 1024)}
	m := wrkRateRe.FindSubmatch(out)
	if m == nil {
		return result{}, fmt.Errorf("wrk printed no rate:\n%s", out)
	}
	res.wrkRate, _ = strconv.ParseFloat(string(m[1]), 64)
	for _, p := range wrkPctRe.FindAllSubmatch(out, -1) {
		pct, _ := strconv.Atoi(string(p[1]))
		v, _ := strconv.ParseFloat(string(p[2]), 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[string(p[3])]
		res.wrkPct[pct] = time.Duration(v * float64(unit))
	}
	if b := wrkBadRe.FindSubmatch(out); b != nil {
		res.errors, _ = strconv.Atoi(string(b[1]))
	}
	if e := wrkErrRe.FindSubmatch(out); e != nil {
		for _, g := range e[1:] {
			n, _ := strconv.Atoi(string(g))
			res.errors += n
		}
	}
	return res, nil
}

var body = `{"id":%q,"agency":"bppd-kalbar","service":"konsultasi","channel":"kiosk",
"answers":{"U1":4,"U2":3,"U3":3,"U4":4,"U5":3,"U6":4,"U7":4,"U8":2,"U9":3},
"respondent":{"umur":34,"jenis_kelamin":"P","pendidikan":"S1","pekerjaan":"PNS"},"saran":"Pelayanan cepat dan ramah."}`

// load drives url with conns connections for d and samples the server's peak RSS.
func load(url string, conns int, d time.Duration, pid int) result {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var res result
	var wg sync.WaitGroup
	start := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 1<<16)
			ok, bad := 0, 0
			for ctx.Err() == nil {
				t0 := time.Now()
				resp, err := client.Post(url, "application/json", bytes.NewBufferString(fmt.Sprintf(body, uuid.NewString())))
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusAccepted {
					ok++
					lat = append(lat, time.Since(t0))
				} else {
					bad++
				}
			}
			mu.Lock()
			res.ok += ok
			res.errors += bad
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.lat)
	res.rssMB = int(benchdata.PeakRSS(pid) / 1024)
	tr.CloseIdleConnections()
	return res
}

// serveReference is the reference: gin binding the same JSON and validating it with the
// same rules, answering 202 without storing anything.
func serveReference(addr string) error {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/ping", func(c *gin.Context) { c.String(200, "ok") })
	type in struct {
		ID         string         `json:"id"`
		Agency     string         `json:"agency"`
		Service    string         `json:"service"`
		Channel    string         `json:"channel"`
		Answers    map[string]int `json:"answers"`
		Respondent struct {
			Umur         int    `json:"umur"`
			JenisKelamin string `json:"jenis_kelamin"`
			Pendidikan   string `json:"pendidikan"`
			Pekerjaan    string `json:"pekerjaan"`
		} `json:"respondent"`
		Saran string `json:"saran"`
	}
	r.POST("/api/v1/responses", func(c *gin.Context) {
		var v in
		if err := c.ShouldBindJSON(&v); err != nil {
			c.JSON(400, gin.H{"error": err.Error()})
			return
		}
		resp := survey.Response{ID: v.ID, Agency: v.Agency, Service: v.Service, Channel: v.Channel, Umur: v.Respondent.Umur,
			JenisKelamin: v.Respondent.JenisKelamin, Pendidikan: survey.NormalizeEducation(v.Respondent.Pendidikan),
			Pekerjaan: survey.NormalizeOccupation(v.Respondent.Pekerjaan), Saran: v.Saran}
		for code, val := range v.Answers {
			if e, ok := survey.ElementByCode(code); ok {
				resp.Answers[e.Index()] = uint8(val)
			}
		}
		if errs := resp.Validate(survey.Rules{}); errs != nil {
			c.JSON(422, gin.H{"errors": errs})
			return
		}
		c.JSON(202, gin.H{"id": v.ID, "period": "2026-S2"})
	})
	return http.ListenAndServe(addr, r)
}
