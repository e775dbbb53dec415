package main

import (
	"bytes"
	"context"
	"io"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"skm/reports/pdf"
	"skm/standard"
	"skm/survey"
)

// publicReportTTL is how long a built public report is served before it is built again (the
// /hasil page's own cache time): figures of an ended period change only by a revision, a
// follow-up update or an edited chapter text, and those may show five minutes late.
const publicReportTTL = 5 * time.Minute

// maxPublicReports bounds the reports kept built (agencies × ended periods asked for).
const maxPublicReports = 64

// publicReports writes the public copy of a period's Laporan SKM for /hasil: anonymous
// callers can ask for it, so one report is built at most once at a time (callers asking for
// it meanwhile wait for that build) and then served from memory for publicReportTTL.
type publicReports struct {
	src   pdf.Source
	now   func() time.Time
	group singleflight.Group
	// max bounds the reports kept: maxPublicReports.
	max   int
	mu    sync.Mutex
	built map[string]builtReport
}

type builtReport struct {
	pdf []byte
	at  time.Time
}

func newPublicReports(src pdf.Source, now func() time.Time) *publicReports {
	return &publicReports{src: src, now: now, max: maxPublicReports, built: map[string]builtReport{}}
}

// Write writes agency a's public report of period p to w (web.Options.Report).
func (r *publicReports) Write(ctx context.Context, w io.Writer, a *standard.Agency, p survey.Period) error {
	key := a.Code + "/" + p.Code()
	now := r.now()
	r.mu.Lock()
	b, ok := r.built[key]
	r.mu.Unlock()
	if !ok || now.Sub(b.at) >= publicReportTTL {
		// The build does not stop when the first caller goes away: the others wait for it.
		v, err, _ := r.group.Do(key, func() (any, error) {
			var buf bytes.Buffer
			if err := pdf.Laporan(context.WithoutCancel(ctx), r.src, a, p, now, &buf, pdf.Options{Public: true}); err != nil {
				return nil, err
			}
			r.keep(key, builtReport{pdf: buf.Bytes(), at: now})
			return buf.Bytes(), nil
		})
		if err != nil {
			return err
		}
		b = builtReport{pdf: v.([]byte)}
	}
	_, err := w.Write(b.pdf)
	return err
}

func (r *publicReports) keep(key string, b builtReport) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.built) >= r.max {
		for k, old := range r.built {
			if b.at.Sub(old.at) >= publicReportTTL {
				delete(r.built, k)
			}
		}
		if len(r.built) >= r.max {
			clear(r.built)
		}
	}
	r.built[key] = b
}
