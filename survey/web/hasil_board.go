package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// boardView is the IKM board: the banner of the published results as agencies hang it on
// their notice board, printed (papan) or as an image for social media (papan.png).
type boardView struct {
	banner
	AgencyName, Parent string
	// Size is the paper: "A4" or "A3".
	Size string
	// Published is the date line: when the results were first published, or the day the
	// figures are counted to.
	Published string
	// SurveyURL is the survey form's public address and QR its code (empty without a
	// public URL).
	SurveyURL string
	QR        template.HTML
	// ResultsPath is the address of the results page.
	ResultsPath string
}

// boardSizes are the paper sizes of the board.
var boardSizes = []string{"A4", "A3"}

// boardData gathers the board of agency a: its banner, the publication date line and the
// survey's address with its QR code.
func (h *Handler) boardData(ctx context.Context, a *standard.Agency) (boardView, error) {
	now := h.opts.Now().In(a.Location)
	ended, err := h.endedPeriods(ctx, a, now)
	if err != nil {
		return boardView{}, err
	}
	v := boardView{banner: bannerOf(a, ended, now), AgencyName: a.Name, Parent: a.Parent, Size: boardSizes[0],
		ResultsPath: "/hasil/" + a.Code, Published: "Data s.d. " + survey.DateLabel(now, survey.ID)}
	if v.Found {
		pubs, err := h.opts.Results.Publications(ctx, a.Code, v.Period)
		if err != nil {
			return boardView{}, err
		}
		if len(pubs) > 0 {
			first := pubs[0].PublishedOn
			for _, p := range pubs[1:] {
				if p.PublishedOn.Before(first) {
					first = p.PublishedOn
				}
			}
			v.Published = "Diumumkan " + survey.DateLabel(first, survey.ID)
		}
	}
	if u, ok := h.agencySurveyURL(a); ok {
		svg, err := qrSVG(u)
		if err != nil {
			return boardView{}, err
		}
		// The SVG is drawn here from the bits of the code, with nothing of the request in it.
		v.SurveyURL, v.QR = u, template.HTML(svg)
	}
	return v, nil
}

// agencySurveyURL is the public address where a resident answers the survey of agency a:
// the form of its only service, or the agency's list of services; ok is false without a
// public URL.
func (h *Handler) agencySurveyURL(a *standard.Agency) (string, bool) {
	if h.opts.PublicURL == "" {
		return "", false
	}
	if len(a.Services) == 1 {
		return h.opts.PublicURL + "/s/" + a.Code + "/" + a.Services[0].Code, true
	}
	return h.opts.PublicURL + "/#" + a.Code, true
}

// board serves /hasil/{agency}/papan?ukuran=A4|A3 (A4 when not given): the IKM board, one
// printed page in large type with the IKM, its mutu, the respondents, the nine elements as
// bars, the survey's QR code and the publication date. No JavaScript.
func (h *Handler) board(c *gin.Context) {
	a, ok := h.resultsAgency(c)
	if !ok {
		return
	}
	size := strings.ToUpper(strings.TrimSpace(c.DefaultQuery("ukuran", boardSizes[0])))
	if !slices.Contains(boardSizes, size) {
		h.message(c, http.StatusBadRequest, survey.ID, "board.title", "board.size")
		return
	}
	v, err := h.boardData(c.Request.Context(), a)
	if err != nil {
		h.resultsUnavailable(c, "hasil board", a, err)
		return
	}
	v.Size = size
	c.Header("Cache-Control", "public, max-age=60")
	h.render(c, http.StatusOK, "papan.html", pageView{Lang: survey.ID, Title: "Papan IKM " + size + " — " + a.ShortName, Agency: a, Data: v})
}
