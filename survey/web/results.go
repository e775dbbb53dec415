package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// Results answers the questions of the public results: the tally of a scope and its
// population, the follow-up plan (RTL) of a survey period and where its results were
// published (reports.Querier).
type Results interface {
	IKM(ctx context.Context, s survey.Scope) (survey.Tally, error)
	Population(ctx context.Context, s survey.Scope) (uint64, error)
	// Revision tells whether a period's published figures changed after publication.
	Revision(ctx context.Context, agency string, p survey.Period) (survey.Revision, error)
	// FollowUps is the follow-up plan of an agency's survey period.
	FollowUps(ctx context.Context, agency string, p survey.Period) ([]survey.FollowUp, error)
	// Publications says where and when the results of an agency's period were published.
	Publications(ctx context.Context, agency string, p survey.Period) ([]survey.Publication, error)
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
