package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"skm/ingest/spool"
	"skm/standard"
	"skm/survey"
)

// Intake accepts survey responses: it stamps them, writes them durably to the spool and only
// then acknowledges. The Batcher moves them on to ClickHouse.
type Intake struct {
	gate    *PeriodGate
	spool   *spool.Spool
	set     *standard.Set
	metrics *Metrics
	now     func() time.Time
}

// NewIntake returns an Intake writing to spool, for the agencies of set. now may be nil.
func NewIntake(sp *spool.Spool, set *standard.Set, metrics *Metrics, now func() time.Time) *Intake {
	if now == nil {
		now = time.Now
	}
	return &Intake{spool: sp, set: set, metrics: metrics, now: now}
}

// WithGate makes Record refuse responses for closed survey periods; it returns in.
func (in *Intake) WithGate(g *PeriodGate) *Intake {
	in.gate = g
	return in
}

// ErrUnknownScope is returned for a response whose agency or service is not in the standards.
var ErrUnknownScope = errors.New("ingest: unknown agency or service")

// Record stores validated responses durably, all or none, with one fsync, and returns their
// survey periods (in order) once they are on disk. With a gate, a response for a closed
// period refuses the whole submission with a *survey.ClosedPeriodError. A response without id gets one (r.ID is
// set); without a submission time, now. An error means none was stored.
func (in *Intake) Record(ctx context.Context, rs ...*survey.Response) (periods []string, err error) {
	data := make([][]byte, len(rs))
	periods = make([]string, len(rs))
	ids := make([]string, len(rs))
	for i, r := range rs {
		row, err := in.row(r)
		if err != nil {
			in.metrics.Rejected.WithLabelValues("scope").Inc()
			return nil, err
		}
		if data[i], err = encodeResponse(row); err != nil {
			return nil, err
		}
		ids[i] = row.ID.String()
		a, _ := in.set.Agency(r.Agency)
		p := survey.PeriodOf(row.SubmittedAt.In(a.Location), a.SurveyPeriods)
		if in.gate != nil {
			if err := in.gate.Check(ctx, a, p); err != nil {
				var closed *survey.ClosedPeriodError
				if errors.As(err, &closed) {
					closed.Index = i
					in.metrics.Rejected.WithLabelValues("closed").Inc()
				}
				return nil, err
			}
		}
		periods[i] = p.Code()
	}
	if _, err := in.spool.AppendMany(ctx, data); err != nil {
		in.metrics.Errors.WithLabelValues("spool").Inc()
		return nil, err
	}
	for i, r := range rs {
		r.ID = ids[i]
		in.metrics.Accepted.WithLabelValues(r.Channel).Inc()
	}
	return periods, nil
}

func (in *Intake) row(r *survey.Response) (ResponseRow, error) {
	a, ok := in.set.Agency(r.Agency)
	if !ok {
		return ResponseRow{}, fmt.Errorf("%w: agency %q", ErrUnknownScope, r.Agency)
	}
	if _, ok := a.Service(r.Service); !ok {
		return ResponseRow{}, fmt.Errorf("%w: service %q of %s", ErrUnknownScope, r.Service, r.Agency)
	}
	now := in.now().UTC()
	id := uuid.New()
	if r.ID != "" {
		var err error
		if id, err = uuid.Parse(r.ID); err != nil {
			return ResponseRow{}, fmt.Errorf("ingest: response id %q: %w", r.ID, err)
		}
	}
	at := r.SubmittedAt
	if at.IsZero() {
		at = now
	}
	row := ResponseRow{Agency: r.Agency, Service: r.Service, ID: id, SubmittedAt: at.UTC().Truncate(time.Second),
		LocalDate: standard.LocalDate(at, a.Location), Channel: r.Channel, Answers: r.Answers, Umur: uint8(r.Umur),
		JenisKelamin: r.JenisKelamin, Pendidikan: r.Pendidikan, Pekerjaan: r.Pekerjaan, Saran: r.Saran, IngestedAt: now}
	if row.Channel == "" {
		row.Channel = survey.ChannelWeb
	}
	for _, x := range r.Extra {
		row.ExtraKeys = append(row.ExtraKeys, x.Key)
		row.ExtraValues = append(row.ExtraValues, x.Value)
	}
	return row, nil
}
