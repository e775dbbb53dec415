package ingest

import (
	"github.com/prometheus/client_golang/prometheus"

	"skm/ingest/spool"
)

// Metrics are the intake's Prometheus metrics.
type Metrics struct {
	Accepted   *prometheus.CounterVec
	Rejected   *prometheus.CounterVec
	Stored     prometheus.Counter
	Duplicates prometheus.Counter
	// CasesAccepted counts case versions acknowledged, CasesRejected those refused, and
	// CasesStored those written to ClickHouse.
	CasesAccepted prometheus.Counter
	CasesRejected prometheus.Counter
	CasesStored   prometheus.Counter
	BatchRows     prometheus.Histogram
	BatchTime     prometheus.Histogram
	Errors        *prometheus.CounterVec
}

// NewMetrics creates the intake metrics and registers them, with the spool's depth and size,
// on reg.
func NewMetrics(reg prometheus.Registerer, sp *spool.Spool) *Metrics {
	m := &Metrics{
		Accepted: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "skm_responses_accepted_total",
			Help: "Survey responses acknowledged (durable in the spool), by channel."}, []string{"channel"}),
		Rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "skm_responses_rejected_total",
			Help: "Survey responses refused, by reason."}, []string{"reason"}),
		Stored: prometheus.NewCounter(prometheus.CounterOpts{Name: "skm_responses_stored_total",
			Help: "Survey responses written to ClickHouse."}),
		Duplicates: prometheus.NewCounter(prometheus.CounterOpts{Name: "skm_responses_duplicate_total",
			Help: "Responses not written because their id was stored already (re-sent or replayed)."}),
		CasesAccepted: prometheus.NewCounter(prometheus.CounterOpts{Name: "skm_cases_accepted_total",
			Help: "Case versions acknowledged (durable in the spool)."}),
		CasesRejected: prometheus.NewCounter(prometheus.CounterOpts{Name: "skm_cases_rejected_total",
			Help: "Case submissions refused as invalid."}),
		CasesStored: prometheus.NewCounter(prometheus.CounterOpts{Name: "skm_cases_stored_total",
			Help: "Case versions written to ClickHouse."}),
		BatchRows: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "skm_batch_rows",
			Help: "Rows per batch sent to ClickHouse.", Buckets: prometheus.ExponentialBuckets(1, 4, 9)}),
		BatchTime: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "skm_batch_seconds",
			Help: "Time to check and send one batch to ClickHouse.", Buckets: prometheus.DefBuckets}),
		Errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "skm_intake_errors_total",
			Help: "Intake errors, by stage (spool, send, decode)."}, []string{"stage"}),
	}
	reg.MustRegister(m.Accepted, m.Rejected, m.Stored, m.Duplicates, m.CasesAccepted, m.CasesRejected, m.CasesStored, m.BatchRows, m.BatchTime, m.Errors)
	if sp != nil {
		reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "skm_spool_depth", Help: "Entries in the spool not yet in ClickHouse."},
				func() float64 { return float64(sp.Depth()) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "skm_spool_bytes", Help: "Bytes in the spool not yet in ClickHouse."},
				func() float64 { return float64(sp.Bytes()) }))
	}
	return m
}
