package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// Results answers the questions of the public results: the tally of a scope and its
// population (reports.Querier).
type Results interface {
	IKM(ctx context.Context, s survey.Scope) (survey.Tally, error)
	Population(ctx context.Context, s survey.Scope) (uint64, error)
	// Revision tells whether a period's published figures changed after publication.
	Revision(ctx context.Context, agency string, p survey.Period) (survey.Revision, error)
}

type ikmElementJSON struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Answers uint64   `json:"answers"`
	NRR     *float64 `json:"nrr"`
	IKM     *float64 `json:"ikm"`
	Mutu    *string  `json:"mutu"`
}

type ikmJSON struct {
	Agency      string           `json:"agency"`
	Period      string           `json:"period"`
	Service     *string          `json:"service"`
	Respondents uint64           `json:"respondents"`
	IKM         *float64         `json:"ikm"`
	IKMRounded  *float64         `json:"ikm_rounded"`
	Mutu        *string          `json:"mutu"`
	Kinerja     *string          `json:"kinerja"`
	Elements    []ikmElementJSON `json:"elements"`
	Sample      struct {
		Population uint64 `json:"population"`
		Required   uint64 `json:"required"`
		Collected  uint64 `json:"collected"`
	} `json:"sample"`
}

// APIIKM serves GET /api/v1/agencies/{agency}/ikm?period=…[&service=…] (public; the machine
// API registers it with every other /api/v1 route): the IKM
// exactly per PermenPANRB 14/2017; values are null while an element has no answer.
func (h *Handler) APIIKM(c *gin.Context) {
	a, ok := h.opts.Set.Agency(c.Param("agency"))
	if !ok || h.opts.Results == nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "instansi tidak dikenal"})
		return
	}
	period := survey.PeriodOf(h.opts.Now().In(a.Location), a.SurveyPeriods)
	if p := c.Query("period"); p != "" {
		var err error
		if period, err = survey.ParsePeriod(p); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
	}
	service := strings.TrimSpace(c.Query("service"))
	if service != "" {
		if _, ok := a.Service(service); !ok {
			c.JSON(http.StatusNotFound, gin.H{"error": "layanan tidak dikenal pada instansi ini"})
			return
		}
	}
	out, err := h.ikmResult(c.Request.Context(), a, period, service)
	if err != nil {
		h.opts.Logger.Error("api ikm", "agency", a.Code, "period", period.Code(), "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "data sementara tidak tersedia; coba lagi"})
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, out)
}

func (h *Handler) ikmResult(ctx context.Context, a *standard.Agency, period survey.Period, service string) (ikmJSON, error) {
	scope := survey.Scope{Agency: a.Code, Period: period, Service: service}
	tally, err := h.opts.Results.IKM(ctx, scope)
	if err != nil {
		return ikmJSON{}, err
	}
	pop, err := h.opts.Results.Population(ctx, scope)
	if err != nil {
		return ikmJSON{}, err
	}
	k := survey.Compute(tally)
	out := ikmJSON{Agency: a.Code, Period: period.Code(), Respondents: k.Respondents, Elements: []ikmElementJSON{}}
	if service != "" {
		out.Service = &service
	}
	if k.Complete {
		exact, rounded := k.Float(), k.RoundedFloat()
		out.IKM, out.IKMRounded, out.Mutu, out.Kinerja = &exact, &rounded, &k.Mutu.Letter, &k.Mutu.Kinerja
	}
	for _, e := range k.Elements {
		ej := ikmElementJSON{Code: e.Element.Code(), Name: e.Element.Name(), Answers: e.Answers}
		if e.NRR != nil {
			nrr := survey.RoundHalfUp(e.NRR, 2)
			ikm := float64(e.IKM100) / 100
			letter := e.Mutu.Letter
			ej.NRR, ej.IKM, ej.Mutu = &nrr, &ikm, &letter
		}
		out.Elements = append(out.Elements, ej)
	}
	out.Sample.Population, out.Sample.Required, out.Sample.Collected = pop, survey.SampleSize(pop), k.Respondents
	return out, nil
}

// resultRow is one line of the public results: a service or a period.
type resultRow struct {
	Label       string
	Respondents uint64
	IKM         string // "88,61", or "—" without a complete index
	Mutu        string
	Kinerja     string
	Bar         int // width in percent of the 25–100 scale
}

type hasilView struct {
	Period string
	// Span is the period's dates; AsOf the day the figures are counted to (today: forms of
	// a reopened period may still come, and a revision says so).
	Span, AsOf string
	// Revised says when and how the published figures changed (empty: they did not).
	Revised  string
	Overall  resultRow
	Services []resultRow
	Elements []resultRow
	Trend    []resultRow
	TV       bool
}

func rowOf(label string, k survey.IKM) resultRow {
	r := resultRow{Label: label, Respondents: k.Respondents, IKM: "—"}
	if k.Complete {
		r.IKM, r.Mutu, r.Kinerja = survey.Format100(k.Rounded100), k.Mutu.Letter, k.Mutu.Kinerja
		r.Bar = int((k.Rounded100 - 2500) * 100 / 7500)
	}
	return r
}

// hasil serves /hasil/{agency}: the published results of the latest closed survey period
// (IKM and mutu overall, per service and per element) and the trend of the last four
// periods; ?tv=1 is a large-type variant for a screen in the waiting room. No JavaScript.
func (h *Handler) hasil(c *gin.Context) {
	a, _, ok := h.scope(c)
	if !ok {
		return
	}
	if h.opts.Results == nil {
		h.notFound(c)
		return
	}
	ctx := c.Request.Context()
	now := h.opts.Now().In(a.Location)
	latest := survey.PeriodOf(now, a.SurveyPeriods).Previous()
	first, last := latest.Bounds()
	v := hasilView{Period: latest.Label(survey.ID), TV: c.Query("tv") == "1", AsOf: survey.DateLabel(now, survey.ID),
		Span: survey.DateLabel(first, survey.ID) + " – " + survey.DateLabel(last, survey.ID)}
	compute := func(p survey.Period, service string) (survey.IKM, error) {
		t, err := h.opts.Results.IKM(ctx, survey.Scope{Agency: a.Code, Period: p, Service: service})
		return survey.Compute(t), err
	}
	overall, err := compute(latest, "")
	if err != nil {
		h.opts.Logger.Error("hasil", "agency", a.Code, "err", err)
		h.message(c, http.StatusServiceUnavailable, survey.ID, "busy.title", "results.unavailable")
		return
	}
	v.Overall = rowOf(a.Name, overall)
	if rev, err := h.opts.Results.Revision(ctx, a.Code, latest); err != nil {
		h.opts.Logger.Error("hasil revision", "agency", a.Code, "err", err)
	} else if rev.Responses > 0 {
		v.Revised = fmt.Sprintf("Direvisi %s: %d respons masuk setelah hasil dipublikasikan %s, setelah periode dibuka kembali oleh pimpinan.",
			survey.DateLabel(rev.At.In(a.Location), survey.ID), rev.Responses, survey.DateLabel(rev.PublishedAt.In(a.Location), survey.ID))
	}
	for _, e := range overall.Elements {
		r := resultRow{Label: e.Element.Code() + " " + e.Element.Name(), Respondents: e.Answers, IKM: "—"}
		if e.NRR != nil {
			r.IKM, r.Mutu, r.Kinerja = survey.Format100(e.IKM100), e.Mutu.Letter, e.Mutu.Kinerja
			r.Bar = int((e.IKM100 - 2500) * 100 / 7500)
		}
		v.Elements = append(v.Elements, r)
	}
	for _, s := range a.Services {
		k, err := compute(latest, s.Code)
		if err != nil {
			h.opts.Logger.Error("hasil", "agency", a.Code, "err", err)
			continue
		}
		v.Services = append(v.Services, rowOf(s.Name, k))
	}
	// The trend: the latest period (computed above) and the three before it.
	v.Trend = []resultRow{rowOf(latest.Label(survey.ID), overall)}
	p := latest
	for range 3 {
		p = p.Previous()
		if k, err := compute(p, ""); err == nil {
			v.Trend = append([]resultRow{rowOf(p.Label(survey.ID), k)}, v.Trend...)
		}
	}
	pv := pageView{Lang: survey.ID, Title: "Hasil Survei Kepuasan Masyarakat — " + a.ShortName, Agency: a, Kiosk: v.TV, Data: v}
	if v.TV {
		pv.Refresh = "300"
	}
	c.Header("Cache-Control", "public, max-age=60")
	h.render(c, http.StatusOK, "hasil.html", pv)
}
