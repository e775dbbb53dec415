package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// hasilView is the public results page.
type hasilView struct {
	banner
	// Agency is the agency's code, for the links.
	Agency string
	// AsOf is the day the figures are counted to (today: forms of a reopened period may
	// still come, and a revision says so).
	AsOf string
	// Sample says whether the respondents make the minimal sample.
	Sample string
	// Revised says when and how the published figures changed (empty: they did not).
	Revised  string
	Services []resultRow
	Trend    []resultRow
	// FollowUps is the follow-up plan (RTL) of the period and Share its part done;
	// FollowUpsFailed says the plan could not be read.
	FollowUps       []followUpRow
	Share           string
	FollowUpsFailed bool
	// Publications says where and when the results were published; PublicationsFailed that
	// they could not be read.
	Publications       []publicationRow
	PublicationsFailed bool
	// Report is the address of the period's report (PDF); empty: none offered.
	Report string
	TV     bool
}

// followUpRow is one item of the follow-up plan as the public reads it.
type followUpRow struct {
	Element        string
	Action         string
	Target         string
	PersonInCharge string
	Status         string
	Progress       int
}

// publicationRow is one place the results were published; Link is set only for a web
// address people may follow.
type publicationRow struct {
	Date, Medium, Location, Link string
}

// hasil serves /hasil/{agency}: the published results of the last ended survey period with
// respondents (IKM and mutu overall, per element and per service, the sample), the trend of
// the last four periods, the period's follow-up plan (RTL) with its progress, where and when
// the results were published, and links to the printable board, its image and the report;
// ?tv=1 is a large-type variant for a screen in the waiting room. No JavaScript.
func (h *Handler) hasil(c *gin.Context) {
	a, ok := h.resultsAgency(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	now := h.opts.Now().In(a.Location)
	ended, err := h.endedPeriods(ctx, a, now)
	if err != nil {
		h.resultsUnavailable(c, "hasil", a, err)
		return
	}
	v := hasilView{banner: bannerOf(a, ended, now), Agency: a.Code, AsOf: survey.DateLabel(now, survey.ID), TV: c.Query("tv") == "1"}
	for _, e := range ended {
		v.Trend = append(v.Trend, rowOf(e.Period.Label(survey.ID), e.IKM))
	}
	if v.Found {
		h.periodDetails(ctx, a, &v)
	}
	pv := pageView{Lang: survey.ID, Title: "Hasil Survei Kepuasan Masyarakat — " + a.ShortName, Agency: a, Kiosk: v.TV, Data: v}
	if v.TV {
		pv.Refresh = "300"
	}
	c.Header("Cache-Control", "public, max-age=60")
	h.render(c, http.StatusOK, "hasil.html", pv)
}

// periodDetails adds to v what the page shows of its banner's period besides the IKM: the
// services, the sample, a revision, the follow-up plan, the publications and the report.
// A part that cannot be read is left out (and logged); the page still shows the rest.
func (h *Handler) periodDetails(ctx context.Context, a *standard.Agency, v *hasilView) {
	p, log := v.Period, h.opts.Logger.With("agency", a.Code, "period", v.Period.Code())
	for _, s := range a.Services {
		t, err := h.opts.Results.IKM(ctx, survey.Scope{Agency: a.Code, Period: p, Service: s.Code})
		if err != nil {
			log.Error("hasil service", "service", s.Code, "err", err)
			continue
		}
		v.Services = append(v.Services, rowOf(s.Name, survey.Compute(t)))
	}
	if pop, err := h.opts.Results.Population(ctx, survey.Scope{Agency: a.Code, Period: p}); err != nil {
		log.Error("hasil population", "err", err)
	} else {
		v.Sample = sampleLine(v.Overall.Respondents, pop)
	}
	if rev, err := h.opts.Results.Revision(ctx, a.Code, p); err != nil {
		log.Error("hasil revision", "err", err)
	} else if rev.Responses > 0 {
		v.Revised = "Hasil periode ini " + rev.Clause(a.Location) + ", setelah periode dibuka kembali oleh pimpinan."
	}
	if items, err := h.opts.Results.FollowUps(ctx, a.Code, p); err != nil {
		log.Error("hasil follow-ups", "err", err)
		v.FollowUpsFailed = true
	} else {
		v.FollowUps, v.Share = followUpRows(items), shareLine(survey.ShareDone(items))
	}
	if pubs, err := h.opts.Results.Publications(ctx, a.Code, p); err != nil {
		log.Error("hasil publications", "err", err)
		v.PublicationsFailed = true
	} else {
		v.Publications = publicationRows(pubs)
	}
	if h.opts.Report != nil {
		v.Report = reportPath(a, p)
	}
}

func followUpRows(items []survey.FollowUp) []followUpRow {
	out := make([]followUpRow, 0, len(items))
	for _, f := range items {
		r := followUpRow{Element: "Umum", Action: f.Action, Target: f.TargetQuarter, PersonInCharge: f.PersonInCharge,
			Status: survey.FollowUpStatusLabel(f.Status), Progress: min(100, max(0, f.Progress))}
		if e, ok := survey.ElementByCode(f.Element); ok {
			r.Element = e.Code() + " " + e.Name()
		}
		if q, err := survey.ParsePeriod(f.TargetQuarter); err == nil {
			r.Target = q.Label(survey.ID)
		}
		out = append(out, r)
	}
	return out
}

// shareLine words the part of a follow-up plan carried out.
func shareLine(s survey.FollowUpShare) string {
	if s.Total == 0 {
		return ""
	}
	return fmt.Sprintf("%s dari %s butir tindak lanjut selesai; rata-rata kemajuan %s %%.",
		survey.FormatInt(int64(s.Done)), survey.FormatInt(int64(s.Total)), survey.FormatDecimal(s.MeanProgress, 0))
}

func publicationRows(pubs []survey.Publication) []publicationRow {
	out := make([]publicationRow, 0, len(pubs))
	for _, p := range pubs {
		r := publicationRow{Date: survey.DateLabel(p.PublishedOn, survey.ID), Medium: capitalize(p.Medium), Location: strings.TrimSpace(p.Location)}
		r.Link, _ = p.WebAddress()
		out = append(out, r)
	}
	return out
}

// capitalize writes s with a capital first letter: "Situs web".
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
