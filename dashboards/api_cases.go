package dashboards

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/reports"
	"skm/survey"
)

// CaseRecorder stores cases durably, all or none, and returns the versions stored (with the
// time limit resolved at intake, the deadline and, once completed, the on-time flag); a
// submission with a bad case is refused with a *cases.Refusal.
type CaseRecorder interface {
	Record(ctx context.Context, batch []cases.Case) ([]cases.Record, error)
}

// CaseReader answers the monthly questions about cases.
type CaseReader interface {
	CaseSummary(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (reports.CaseSummary, error)
	OverdueCases(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location, limit int) ([]reports.OverdueCase, error)
}

type caseJSON struct {
	ID          string  `json:"id"`
	Agency      string  `json:"agency"`
	Kind        string  `json:"kind"`
	Service     string  `json:"service"`
	Channel     string  `json:"channel"`
	Class       string  `json:"class"`
	Status      string  `json:"status"`
	ReceivedAt  string  `json:"received_at"`
	CompletedAt *string `json:"completed_at"`
	Officer     string  `json:"officer"`
	ExternalRef string  `json:"external_ref"`
}

// maxCaseBatch bounds a batch of cases, and maxCaseBytes a request.
const (
	maxCaseBatch = 1000
	maxCaseBytes = 4 << 20
)

const rfc3339Hint = "waktu harus berformat RFC 3339 dengan zona, misalnya 2026-03-13T15:00:00+07:00"

// casesPost: POST /api/v1/cases — one case or {"cases":[…]}, all or none; the token's agency
// is the only agency a case may name.
func (a *API) casesPost(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxCaseBytes)
	var env struct {
		caseJSON
		Cases []caseJSON `json:"cases"`
	}
	d := json.NewDecoder(c.Request.Body)
	d.DisallowUnknownFields()
	if err := d.Decode(&env); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			c.JSON(http.StatusRequestEntityTooLarge, gin.H{"error": "isi permintaan melebihi 4 MiB; kirim dalam beberapa batch"})
			return
		}
		c.JSON(http.StatusBadRequest, gin.H{"error": jsonRefusal(err)})
		return
	}
	isBatch := env.Cases != nil
	batch := env.Cases
	if !isBatch {
		batch = []caseJSON{env.caseJSON}
	} else if env.ID != "" || env.Agency != "" {
		c.JSON(http.StatusBadRequest, gin.H{"error": "kirim satu kasus, atau {\"cases\":[…]} saja, tidak keduanya"})
		return
	}
	if len(batch) == 0 || len(batch) > maxCaseBatch {
		c.JSON(http.StatusBadRequest, gin.H{"error": fmt.Sprintf("kirim 1 sampai %d kasus", maxCaseBatch)})
		return
	}
	agency := c.GetString(tokenAgencyKey)
	by := tokenActor(c)
	in := make([]cases.Case, len(batch))
	errs := map[string]string{}
	prefix := func(i int) string {
		if isBatch {
			return fmt.Sprintf("cases[%d].", i)
		}
		return ""
	}
	var err error
	for i, j := range batch {
		if j.Agency == "" {
			j.Agency = agency
		}
		if j.Agency != agency {
			c.JSON(http.StatusForbidden, gin.H{"error": "token ini hanya berlaku untuk instansinya sendiri"})
			return
		}
		ci := cases.Case{ID: j.ID, Agency: j.Agency, Kind: j.Kind, Service: j.Service, Channel: j.Channel, Class: j.Class,
			Status: j.Status, Officer: j.Officer, ExternalRef: j.ExternalRef, By: by}
		if j.ReceivedAt != "" {
			if ci.ReceivedAt, err = time.Parse(time.RFC3339, j.ReceivedAt); err != nil {
				errs[prefix(i)+"received_at"] = rfc3339Hint
			}
		}
		if j.CompletedAt != nil && *j.CompletedAt != "" {
			t, err := time.Parse(time.RFC3339, *j.CompletedAt)
			if err != nil {
				errs[prefix(i)+"completed_at"] = rfc3339Hint
			}
			ci.CompletedAt = &t
		}
		in[i] = ci
	}
	if len(errs) > 0 {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": errs})
		return
	}
	out, err := a.opts.Cases.Record(c.Request.Context(), in)
	var refused *cases.Refusal
	if errors.As(err, &refused) {
		for f, msg := range refused.Fields {
			errs[prefix(refused.Index)+f] = msg
		}
		c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": errs})
		return
	}
	if err != nil {
		a.opts.Logger.Error("case intake", "err", err)
		c.Header("Retry-After", "30")
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "kasus belum dapat disimpan; tidak ada yang tersimpan, kirim ulang sebentar lagi"})
		return
	}
	set := a.opts.Set
	res := make([]gin.H, len(out))
	for i, r := range out {
		ag, _ := set.Agency(in[i].Agency)
		res[i] = caseResultJSON(r, ag.Location)
	}
	if isBatch {
		c.JSON(http.StatusAccepted, gin.H{"cases": res})
		return
	}
	c.JSON(http.StatusAccepted, res[0])
}

func caseResultJSON(r cases.Record, loc *time.Location) gin.H {
	h := gin.H{"id": r.ID, "status": r.Status, "sla": nil, "deadline_at": nil, "on_time": nil}
	if l := r.Limit(); !l.IsZero() {
		h["sla"] = gin.H{"amount": l.Amount, "unit": l.Unit}
	}
	if r.DeadlineAt != nil {
		h["deadline_at"] = r.DeadlineAt.In(loc).Format(time.RFC3339)
	}
	if r.OnTime != nil {
		h["on_time"] = *r.OnTime
	}
	return h
}

// caseSummary: GET /api/v1/agencies/{agency}/cases/summary?month=2026-10[&service=…] — the
// month's case figures, per service, channel and class, and the overdue list.
func (a *API) caseSummary(c *gin.Context) {
	month, err := survey.ParsePeriod(c.Query("month"))
	if err != nil || month.Kind != survey.Month {
		c.JSON(http.StatusBadRequest, gin.H{"error": "parameter month wajib, misalnya ?month=2026-10"})
		return
	}
	ag, _ := a.opts.Set.Agency(c.Param("agency"))
	service := c.Query("service")
	if _, ok := ag.Service(service); service != "" && !ok {
		c.JSON(http.StatusBadRequest, gin.H{"error": fmt.Sprintf("layanan %q tidak dikenal", service)})
		return
	}
	ctx := c.Request.Context()
	sum, err := a.opts.CaseReader.CaseSummary(ctx, ag.Code, month, service, ag.Location)
	var overdue []reports.OverdueCase
	if err == nil {
		overdue, err = a.opts.CaseReader.OverdueCases(ctx, ag.Code, month, service, ag.Location, 200)
	}
	if err != nil {
		a.opts.Logger.Error("case summary", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "data sementara tidak tersedia"})
		return
	}
	groups := func(gs []reports.CaseGroup) []gin.H {
		out := make([]gin.H, 0, len(gs))
		for _, g := range gs {
			h := statsJSON(g.CaseStats)
			h["key"] = g.Key
			out = append(out, h)
		}
		return out
	}
	list := make([]gin.H, 0, len(overdue))
	for _, o := range overdue {
		list = append(list, gin.H{"id": o.ID, "service": o.Service, "channel": o.Channel, "class": o.Class, "kind": o.Kind,
			"status": o.Status, "received_at": o.ReceivedAt.In(ag.Location).Format(time.RFC3339),
			"deadline_at": o.DeadlineAt.In(ag.Location).Format(time.RFC3339), "officer": o.Officer, "external_ref": o.ExternalRef})
	}
	out := statsJSON(sum.CaseStats)
	out["agency"], out["month"], out["service"] = ag.Code, month.Code(), service
	out["complaints"] = statsJSON(sum.Complaints)
	out["by_service"], out["by_channel"], out["by_class"] = groups(sum.ByService), groups(sum.ByChannel), groups(sum.ByClass)
	out["overdue_cases"] = list
	c.JSON(http.StatusOK, out)
}

// statsJSON renders case figures; percentages and hours are rounded to two decimals, and
// on_time_percent is null when no completed case had a time limit.
func statsJSON(s reports.CaseStats) gin.H {
	ages := make([]gin.H, len(cases.AgeBuckets))
	for i, b := range cases.AgeBuckets {
		n := uint64(0)
		if i < len(s.OpenByAge) {
			n = s.OpenByAge[i]
		}
		ages[i] = gin.H{"bucket": b.Label, "open": n}
	}
	h := gin.H{"received": s.Received, "completed": s.Completed, "with_limit": s.WithLimit, "without_limit": s.WithoutLimit(),
		"on_time": s.OnTime, "on_time_percent": nil, "median_working_hours": round2(s.MedianMinutes / 60),
		"p90_working_hours": round2(s.P90Minutes / 60), "open": s.OpenAtEnd, "overdue": s.OverdueAtEnd, "open_by_age": ages}
	if pct, ok := s.OnTimePercent(); ok {
		h["on_time_percent"] = round2(pct)
	}
	return h
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
