//go:build cluster

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"skm/ingest/chtest"
	"skm/ingest/schema"
)

// `skm demo --clickhouse URL,URL,… --cluster NAME` runs on the loopback cluster: it seeds
// its history through the Distributed tables, serves, and a head signed in with a real
// browser sees the dashboard with every panel and chart (none failed) and the IKM tile.
func TestClusterDemoServesTheDashboard(t *testing.T) {
	db := chtest.NewClusterDB(t, schema.Sharded)
	start := time.Now()
	p := startSkm(t, "demo", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--clickhouse", db.DSN, "--cluster", db.Cluster.Name)
	t.Logf("demo on the cluster serving after %.1f s", time.Since(start).Seconds())
	if !strings.Contains(p.stderr.String(), `"layout":"sharded"`) {
		t.Errorf("the demo did not connect in the sharded layout:\n%.2000s", p.stderr)
	}
	ctx := browserWithin(t, 3*time.Minute)
	errs := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), loginAs(p.url+"/dashboard/bppd-kalbar", "kepala-kalbar")); err != nil {
		t.Fatal(err)
	}
	waitChartsDrawn(t, ctx, time.Minute)
	failed, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.failed').length`))
	tiles, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.tiles').innerText`))
	if failed != 0 || !strings.Contains(tiles, "IKM") {
		t.Errorf("%d panels failed; tiles %q", failed, tiles)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors on the dashboard:\n%s", strings.Join(e, "\n"))
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), "dashboard-cluster.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}
