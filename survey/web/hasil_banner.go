package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// resultsAgency resolves the agency of a results address, or answers 404 (also when the
// server has no results to show).
func (h *Handler) resultsAgency(c *gin.Context) (*standard.Agency, bool) {
	a, _, ok := h.scope(c)
	if ok && h.opts.Results == nil {
		h.notFound(c)
		return nil, false
	}
	return a, ok
}

// resultsUnavailable logs why the results of agency a could not be read and answers 503.
func (h *Handler) resultsUnavailable(c *gin.Context, what string, a *standard.Agency, err error) {
	h.opts.Logger.Error(what, "agency", a.Code, "err", err)
	h.message(c, http.StatusServiceUnavailable, survey.ID, "busy.title", "results.unavailable")
}

// trendLength is how many ended survey periods the public results show, and how far back
// they look for one with respondents.
const trendLength = 4

// endedResult is an ended survey period with its IKM.
type endedResult struct {
	Period survey.Period
	IKM    survey.IKM
}

// resultRow is one line of the public results: a service, an element or a period.
type resultRow struct {
	Label string
	// Respondents is the number of respondents (of answers, for an element), as shown: "1.853".
	Respondents string
	// IKM is "88,61", or "—" without a complete index.
	IKM     string
	Mutu    string
	Kinerja string
	// Bar is the width in percent of the 25–100 scale.
	Bar int
	// Empty says the row has no respondent at all.
	Empty bool
}

// scaleBar is the width in percent of an IKM in hundredths on the 25–100 scale.
func scaleBar(ikm100 int64) int { return int((ikm100 - 2500) * 100 / 7500) }

func rowOf(label string, k survey.IKM) resultRow {
	r := resultRow{Label: label, Respondents: survey.FormatInt(int64(k.Respondents)), IKM: "—", Empty: k.Respondents == 0}
	if k.Complete {
		r.IKM, r.Mutu, r.Kinerja = survey.Format100(k.Rounded100), k.Mutu.Letter, k.Mutu.Kinerja
		r.Bar = scaleBar(k.Rounded100)
	}
	return r
}

// elementRows are the nine elements of k, with their answers, IKM and mutu.
func elementRows(k survey.IKM) []resultRow {
	out := make([]resultRow, 0, len(k.Elements))
	for _, e := range k.Elements {
		r := resultRow{Label: e.Element.Code() + " " + e.Element.Name(), Respondents: survey.FormatInt(int64(e.Answers)), IKM: "—",
			Empty: e.Answers == 0}
		if e.NRR != nil {
			r.IKM, r.Mutu, r.Kinerja = survey.Format100(e.IKM100), e.Mutu.Letter, e.Mutu.Kinerja
			r.Bar = scaleBar(e.IKM100)
		}
		out = append(out, r)
	}
	return out
}

// banner is the headline of the published results: the last ended survey period with
// respondents and its IKM. The page, the printed board and the image all show it.
type banner struct {
	// Found is false when no ended period has respondents yet; Empty then says so.
	Found bool
	Empty string
	// Period is the period shown; Label and Span name it ("Semester I 2026",
	// "1 Januari 2026 – 30 Juni 2026").
	Period      survey.Period
	Label, Span string
	// Complete is false when an element has no answer: IKM then says so in words.
	Complete      bool
	IKM           string
	Mutu, Kinerja string
	Respondents   string
	Elements      []resultRow
	// Overall is the period's IKM as computed.
	Overall survey.IKM
}

// endedPeriods returns the IKM of agency a's last trendLength survey periods that ended
// before now, oldest first.
func (h *Handler) endedPeriods(ctx context.Context, a *standard.Agency, now time.Time) ([]endedResult, error) {
	out := make([]endedResult, trendLength)
	p := survey.PeriodOf(now, a.SurveyPeriods)
	for i := trendLength - 1; i >= 0; i-- {
		p = p.Previous()
		t, err := h.opts.Results.IKM(ctx, survey.Scope{Agency: a.Code, Period: p})
		if err != nil {
			return nil, fmt.Errorf("results of %s %s: %w", a.Code, p, err)
		}
		out[i] = endedResult{Period: p, IKM: survey.Compute(t)}
	}
	return out, nil
}

// bannerOf is the banner of the newest of ended (oldest first) with respondents; now names
// the running period when there is none.
func bannerOf(a *standard.Agency, ended []endedResult, now time.Time) banner {
	for i := len(ended) - 1; i >= 0; i-- {
		e := ended[i]
		if e.IKM.Respondents == 0 {
			continue
		}
		first, last := e.Period.Bounds()
		b := banner{Found: true, Period: e.Period, Label: e.Period.Label(survey.ID), Overall: e.IKM,
			Span:     survey.DateLabel(first, survey.ID) + " – " + survey.DateLabel(last, survey.ID),
			Complete: e.IKM.Complete, Respondents: survey.FormatInt(int64(e.IKM.Respondents)), Elements: elementRows(e.IKM)}
		if e.IKM.Complete {
			b.IKM, b.Mutu, b.Kinerja = survey.Format100(e.IKM.Rounded100), e.IKM.Mutu.Letter, e.IKM.Mutu.Kinerja
		} else {
			b.IKM = "IKM belum dapat dihitung karena ada unsur yang belum dijawab."
		}
		return b
	}
	running := survey.PeriodOf(now, a.SurveyPeriods)
	return banner{Empty: fmt.Sprintf("Belum ada hasil survei yang dapat diumumkan: belum ada periode survei yang sudah berakhir dengan responden. "+
		"Survei %s sedang berjalan; hasilnya diumumkan setelah periode itu berakhir.", running.Label(survey.ID))}
}

// sampleLine says whether the banner's respondents make the Krejcie-Morgan sample of the
// period's service users (population; 0 when unknown).
func sampleLine(respondents, population uint64) string {
	if population == 0 {
		return "Jumlah pengguna layanan periode ini tidak tercatat, sehingga ukuran sampel minimal tidak dihitung."
	}
	need := survey.SampleSize(population)
	verdict := "Sampel memenuhi"
	if respondents < need {
		verdict = "Sampel belum memenuhi"
	}
	return fmt.Sprintf("%s ukuran minimal %s responden (tabel Krejcie-Morgan untuk %s pengguna layanan).",
		verdict, survey.FormatInt(int64(need)), survey.FormatInt(int64(population)))
}
