package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"skm/standard"
	"skm/survey"
)

// Intake accepts survey responses: it stamps them, writes them durably to the spool and only
// then acknowledges. The Batcher moves them on to ClickHouse.
type Intake struct {
	spool   *Spool
	set     *standard.Set
	metrics *Metrics
	now     func() time.Time
}

// NewIntake returns an Intake writing to spool, for the agencies of set. now may be nil.
func NewIntake(spool *Spool, set *standard.Set, metrics *Metrics, now func() time.Time) *Intake {
	if now == nil {
		now = time.Now
	}
	return &Intake{spool: spool, set: set, metrics: metrics, now: now}
}

// ErrUnknownScope is returned for a response whose agency or service is not in the standards.
var ErrUnknownScope = errors.New("ingest: unknown agency or service")

// Record stores a validated response durably, and returns its survey period once it is on
// disk. A response without id gets one (r.ID is set); without a submission time, now.
func (in *Intake) Record(ctx context.Context, r *survey.Response) (period string, err error) {
	row, err := in.row(r)
	if err != nil {
		in.metrics.Rejected.WithLabelValues("scope").Inc()
		return "", err
	}
	data, err := encodeResponse(row)
	if err != nil {
		return "", err
	}
	if _, err := in.spool.Append(ctx, data); err != nil {
		in.metrics.Errors.WithLabelValues("spool").Inc()
		return "", err
	}
	in.metrics.Accepted.WithLabelValues(row.Channel).Inc()
	r.ID = row.ID.String()
	a, _ := in.set.Agency(r.Agency)
	return survey.PeriodOf(row.SubmittedAt.In(a.Location), a.SurveyPeriods).Code(), nil
}

// RecordMany stores validated responses durably with one fsync (file imports); it sets
// each response's ID when empty. Nothing is stored if any is refused.
func (in *Intake) RecordMany(ctx context.Context, rs []survey.Response) error {
	data := make([][]byte, len(rs))
	for i := range rs {
		row, err := in.row(&rs[i])
		if err != nil {
			return err
		}
		if data[i], err = encodeResponse(row); err != nil {
			return err
		}
		rs[i].ID = row.ID.String()
	}
	if _, err := in.spool.AppendMany(ctx, data); err != nil {
		in.metrics.Errors.WithLabelValues("spool").Inc()
		return err
	}
	for i := range rs {
		in.metrics.Accepted.WithLabelValues(rs[i].Channel).Inc()
	}
	return nil
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
		LocalDate: LocalDate(at, a.Location), Channel: r.Channel, Answers: r.Answers, Umur: uint8(r.Umur),
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
