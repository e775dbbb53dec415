// Command dashboard is the dashboard benchmark (make bench-dashboard). It loads the example
// agencies with 10M survey responses and 2M cases (imported through `skm import cases`) into
// a private ClickHouse, and measures the server time of the agency head's dashboard page —
// all panels, through the real handler and Querier — for random agencies, months and service
// filters; beside it, in the same run, the same page with every panel computed from the
// raw tables instead of the rollups and the case figures computed ahead. The tiles of both
// pages must be equal. Beside them, in the same run, the one-page ringkasan of the same
// agency and month, whose IKM must be the dashboard's. With -cluster, the same data set is
// also loaded into a loopback cluster (2 shards × 2 replicas, sharded layout, over three
// agencies so that both shards hold some) and the same pages are timed on it in the same
// run, beside the one server: their tiles must be equal.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/bench/benchdata"
	"skm/dashboards"
	"skm/ingest/schema"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

func main() { benchdata.Main("bench-dashboard", run) }

func run() error {
	responses, cases := benchdata.EvaluationFlags()
	pages := flag.Int("pages", 60, "dashboard pages per measurement")
	cpuProfile := flag.String("cpuprofile", "", "after measuring, load the same pages again under Go's CPU profiler and write it here")
	onCluster := flag.Bool("cluster", false, "also load the data set into a loopback cluster (2 shards × 2 replicas) and time the same pages on it")
	clusterMode := flag.String("cluster-mode", "sharded", "with -cluster: the layout, sharded or replicated")
	keep := flag.String("keep", "", "keep the loaded data set in this directory, and measure again from it without loading when it holds one of the same size (not with -cluster)")
	flag.Parse()
	ctx := context.Background()
	const db = "skm_bench"
	if *keep != "" && *onCluster {
		return fmt.Errorf("-keep: not with -cluster")
	}
	scratch, err := benchdata.OpenScratch(ctx, "dashboard", *keep, db)
	if err != nil {
		return err
	}
	defer scratch.Close()
	conn := scratch.Conn
	var set *standard.Set
	var cluster *clusterSide
	if *onCluster {
		standards := filepath.Join(scratch.Dir, "standards")
		if set, err = benchdata.SpreadSet(standards); err != nil {
			return err
		}
		if _, err := scratch.EvaluationOf(ctx, db, set, *responses, *cases, "--standards", standards); err != nil {
			return err
		}
		mode, err := schema.ParseMode(*clusterMode)
		if err != nil || mode == schema.Single {
			return fmt.Errorf("-cluster-mode %q: sharded or replicated", *clusterMode)
		}
		if cluster, err = loadCluster(ctx, scratch, set, db, mode, *responses, *cases, "--standards", standards); err != nil {
			return err
		}
		defer cluster.scratch.Close()
	} else if scratch.Loaded(*responses, *cases) {
		fmt.Printf("measuring the data set loaded earlier into %s\n", scratch.Dir)
		if set, err = standard.Load(standard.Examples(), "examples"); err != nil {
			return err
		}
	} else if set, _, err = scratch.Evaluation(ctx, db, *responses, *cases); err != nil {
		return err
	} else if err := scratch.MarkLoaded(*responses, *cases); err != nil {
		return err
	}

	q := reports.New(conn, db)
	panels := &panelTimes{m: map[string][]time.Duration{}}
	ours, err := page(set, q, panels)
	if err != nil {
		return err
	}
	ringPanels := &panelTimes{m: map[string][]time.Duration{}}
	ring, err := page(set, q, ringPanels)
	if err != nil {
		return err
	}
	ref, err := page(set, rawData{q, set}, &panelTimes{m: map[string][]time.Duration{}})
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var targets []string
	for range *pages {
		a := set.Agencies[rng.IntN(len(set.Agencies))]
		month := survey.Period{Kind: survey.Month, Year: 2025, N: 11}
		for range rng.IntN(12) {
			month = month.Next()
		}
		target := "/dashboard/" + a.Code + "?month=" + month.Code()
		if rng.IntN(3) == 0 {
			target += "&service=" + a.Services[rng.IntN(len(a.Services))].Code
		}
		targets = append(targets, target)
	}
	// The first view of each page, as after a restart: the saran themes group each day's
	// saran once and keep it (every other figure is read from rollups and figures computed
	// ahead either way). The measurement below is of a server that has run a while.
	coldPanels := &panelTimes{m: map[string][]time.Duration{}}
	cold, err := page(set, q, coldPanels)
	if err != nil {
		return err
	}
	var tCold []time.Duration
	for _, target := range targets {
		d, _, err := cold.get(target)
		if err != nil {
			return err
		}
		tCold = append(tCold, d)
	}
	slices.Sort(tCold)

	measured := time.Now()
	fmt.Printf("\nDashboard page, all panels, server time: %d responses, %d cases, %d pages each, %d cores, %s\n",
		*responses, *cases*len(set.Agencies), *pages, runtime.NumCPU(), runtime.Version())
	var tOurs, tRef, tRing []time.Duration
	tiles := regexp.MustCompile(`(?s)<div class="tiles">.*?</div>\n</div>`)
	ikmTile := regexp.MustCompile(`(?s)<div class="label">` + reports.KPIPeriodIKM + `</div>\n<div class="value">([\d.,]+) `)
	ikmHeadline := regexp.MustCompile(`<p class="headline" id="headline">[^:]+: IKM ([\d.,]+) `)
	for _, target := range targets {
		a, _ := set.Agency(strings.TrimPrefix(strings.SplitN(target, "?", 2)[0], "/dashboard/"))
		month, _ := survey.ParsePeriod(strings.SplitN(strings.SplitN(target, "month=", 2)[1], "&", 2)[0])
		d1, body1, err := ours.get(target)
		if err != nil {
			return err
		}
		d2, body2, err := ref.get(target)
		if err != nil {
			return err
		}
		if !slices.Equal(tiles.FindAllString(body1, -1), tiles.FindAllString(body2, -1)) {
			return fmt.Errorf("%s: the tiles differ between the rollups and the raw tables", target)
		}
		if strings.Contains(body1, "tidak dapat dimuat") {
			return fmt.Errorf("%s: a panel failed", target)
		}
		// The ringkasan of the same agency and month (it has no service filter), whose IKM must
		// be the agency-wide dashboard's.
		summary := "/dashboard/" + a.Code + "/ringkasan?month=" + month.Code()
		d3, body3, err := ring.get(summary)
		if err != nil {
			return err
		}
		if strings.Contains(body3, "tidak dapat dimuat") {
			return fmt.Errorf("%s: a part of the ringkasan failed", summary)
		}
		if !strings.Contains(target, "&service=") {
			tile := ikmTile.FindStringSubmatch(body1)
			head := ikmHeadline.FindStringSubmatch(body3)
			if (tile == nil) != (head == nil) || (tile != nil && tile[1] != head[1]) {
				return fmt.Errorf("%s: the ringkasan's IKM %v is not the dashboard's %v", summary, head, tile)
			}
		}
		tOurs, tRef, tRing = append(tOurs, d1), append(tRef, d2), append(tRing, d3)
		if cluster != nil {
			if err := cluster.measure(target, body1, tiles); err != nil {
				return err
			}
		}
	}
	slices.Sort(tOurs)
	slices.Sort(tRef)
	slices.Sort(tRing)
	pct, ms := benchdata.Pct, benchdata.MS
	fmt.Printf("  %-5s %14s %26s %8s\n", "", "dashboard", "all panels from raw tables", "ratio")
	for _, p := range []int{50, 95} {
		fmt.Printf("  p%-4d %14s %26s %7.2f×%s\n", p, ms(pct(tOurs, p)), ms(pct(tRef, p)), float64(pct(tRef, p))/float64(pct(tOurs, p)),
			map[int]string{95: "   target p95 ≤ 100 ms"}[p])
	}
	fmt.Printf("  first views (the same pages once before, as after a restart): p50 %s, p95 %s; their saran themes p50 %s, p95 %s\n",
		ms(pct(tCold, 50)), ms(pct(tCold, 95)), ms(pct(sorted(coldPanels.m["saran-tema"]), 50)), ms(pct(sorted(coldPanels.m["saran-tema"]), 95)))
	if cluster != nil {
		cluster.print(tOurs)
	}
	fmt.Printf("\n  ringkasan (one-page summary of the same agencies and months, beside the dashboard):\n")
	for _, p := range []int{50, 95} {
		fmt.Printf("  p%-4d %14s %26s%s\n", p, ms(pct(tRing, p)), "", map[int]string{95: "   target p95 ≤ 100 ms"}[p])
	}
	for _, pt := range []struct {
		name  string
		times *panelTimes
	}{{"dashboard", panels}, {"ringkasan", ringPanels}} {
		fmt.Printf("\n  panels of the %s (p50 / p95; they run at once):\n", pt.name)
		for _, name := range slices.Sorted(maps.Keys(pt.times.m)) {
			ds := pt.times.m[name]
			slices.Sort(ds)
			fmt.Printf("    %-16s %10s %10s\n", name, ms(pct(ds, 50)), ms(pct(ds, 95)))
		}
	}
	if err := benchdata.QueryCosts(ctx, conn, measured, 16); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		for _, target := range targets {
			if _, _, err := ours.get(target); err != nil {
				pprof.StopCPUProfile()
				return err
			}
		}
		pprof.StopCPUProfile()
	}
	return nil
}

// sorted returns ds sorted.
func sorted(ds []time.Duration) []time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds
}

// panelTimes collects the time of each panel.
type panelTimes struct {
	mu sync.Mutex
	m  map[string][]time.Duration
}

func (p *panelTimes) add(name string, d time.Duration) {
	p.mu.Lock()
	p.m[name] = append(p.m[name], d)
	p.mu.Unlock()
}

// client is a signed-in admin on an in-process staff app.
type client struct {
	h      http.Handler
	cookie []*http.Cookie
}

// get returns the server time and body of a page.
func (c *client) get(target string) (time.Duration, string, error) {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for _, ck := range c.cookie {
		req.AddCookie(ck)
	}
	w := httptest.NewRecorder()
	start := time.Now()
	c.h.ServeHTTP(w, req)
	took := time.Since(start)
	if w.Code != http.StatusOK {
		return 0, "", fmt.Errorf("GET %s: %d", target, w.Code)
	}
	return took, w.Body.String(), nil
}

// page returns a signed-in admin on a staff app reading data.
func page(set *standard.Set, data dashboards.DashboardData, panels *panelTimes) (*client, error) {
	hash, err := dashboards.HashPassword("bench-password-1")
	if err != nil {
		return nil, err
	}
	key := make([]byte, 64)
	staff, err := dashboards.NewStaff(dashboards.StaffOptions{Set: set, Data: data, SessionKey: key,
		Accounts: accounts{reports.User{Username: "admin", Role: dashboards.RoleAdmin, PasswordHash: hash, Version: 1}},
		Auditor:  discard{}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), ObservePanel: panels.add})
	if err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	staff.Register(r)
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"username": {"admin"}, "password": {"bench-password-1"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusSeeOther {
		return nil, fmt.Errorf("login: %d", w.Code)
	}
	return &client{h: r, cookie: w.Result().Cookies()}, nil
}

type accounts struct{ u reports.User }

func (a accounts) User(_ context.Context, name string) (reports.User, bool, error) {
	return a.u, name == a.u.Username, nil
}

type discard struct{}

func (discard) Audit(context.Context, reports.AuditEntry) error { return nil }

// rawData answers every panel from the raw tables — responses instead of the daily rollups,
// cases instead of the figures computed ahead: the reference the dashboard is measured
// against (the overdue list and the saran read raw tables in both).
type rawData struct {
	*reports.Querier
	set *standard.Set
}

func (r rawData) IKM(ctx context.Context, s survey.Scope) (survey.Tally, error) {
	return r.IKMRaw(ctx, s)
}

func (r rawData) IKMMonths(ctx context.Context, agency, service string, first, last survey.Period) ([]reports.MonthTally, error) {
	f, _ := first.Bounds()
	_, l := last.Bounds()
	var out []reports.MonthTally
	for m := (survey.Period{Kind: survey.Month, Year: f.Year(), N: int(f.Month())}); !m.Start().After(l); m = m.Next() {
		t, err := r.IKMRaw(ctx, survey.Scope{Agency: agency, Period: m, Service: service})
		if err != nil {
			return nil, err
		}
		if t.Respondents > 0 {
			out = append(out, reports.MonthTally{Month: m, Tally: t})
		}
	}
	return out, nil
}

func (r rawData) IKMByService(ctx context.Context, s survey.Scope) ([]reports.ServiceTally, error) {
	a, _ := r.set.Agency(s.Agency)
	var out []reports.ServiceTally
	for _, svc := range a.Services {
		if s.Service != "" && svc.Code != s.Service {
			continue
		}
		t, err := r.IKMRaw(ctx, survey.Scope{Agency: s.Agency, Period: s.Period, Service: svc.Code})
		if err != nil {
			return nil, err
		}
		if t.Respondents > 0 {
			out = append(out, reports.ServiceTally{Service: svc.Code, Tally: t})
		}
	}
	slices.SortFunc(out, func(a, b reports.ServiceTally) int { return strings.Compare(a.Service, b.Service) })
	return out, nil
}
