package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// paper is a poster size: the sheet, its margin and the type sizes that fit it.
type paper struct {
	Name            string
	WidthMM, Margin float64
	// URLMaxPt caps the printed address's type size; below it the size shrinks so the whole
	// address fits on one line.
	URLMaxPt float64
}

// papers are the poster sizes, by the ukuran parameter.
var papers = map[string]paper{
	"A4": {Name: "A4", WidthMM: 210, Margin: 15, URLMaxPt: 20},
	"A5": {Name: "A5", WidthMM: 148, Margin: 10, URLMaxPt: 14},
}

// posterView is the poster page's data.
type posterView struct {
	Paper paper
	// URL is the short address printed under the code, for people whose phone cannot scan.
	URL string
	// URLPt is its type size in points: as large as fits one line of the sheet.
	URLPt string
	// QR is the code's image: the SVG (default) or, with ?qr=png, the PNG.
	QR string
	// Sizes link the other paper sizes: name → address.
	Sizes map[string]string
}

// monoAdvance is the width of one character of the monospaced address in em; DejaVu Sans
// Mono and Liberation Mono, the usual fonts behind "monospace" on Debian, take 0.6, and the
// margin covers fonts a little wider.
const monoAdvance = 0.63

// urlPoints is the largest type size (points, one decimal) at which n monospaced characters
// fit on a line of widthMM, capped at maxPt.
func urlPoints(n int, widthMM, maxPt float64) float64 {
	pt := widthMM / (float64(n) * monoAdvance) * 72 / 25.4
	return math.Min(maxPt, math.Floor(pt*10)/10)
}

// poster serves the printable poster of a service: the survey's name, the service, its QR
// code and its short address, on A4 (default) or A5 (?ukuran=A5), the code drawn as SVG or,
// with ?qr=png, as PNG.
func (h *Handler) poster(c *gin.Context) {
	a, s, ok := h.scope(c)
	if !ok {
		return
	}
	if _, ok := h.surveyURL(c); !ok {
		return
	}
	lang := survey.ParseLang(c.Query("lang"))
	size := strings.ToUpper(c.DefaultQuery("ukuran", "A4"))
	p, known := papers[size]
	if !known {
		h.message(c, http.StatusBadRequest, lang, "poster.size.title", "poster.size.body")
		return
	}
	v := posterView{Paper: p, URL: h.shortURL(a, s), QR: "/s/" + a.Code + "/" + s.Code + "/qr.svg"}
	if c.Query("qr") == "png" {
		v.QR = "/s/" + a.Code + "/" + s.Code + "/qr.png"
	}
	// The box around the address: 2 mm of padding and a 2 px border each side.
	inner := p.WidthMM - 2*p.Margin - 2*2 - 2*0.53
	v.URLPt = strconv.FormatFloat(urlPoints(len(v.URL), inner, p.URLMaxPt), 'f', 1, 64)
	v.Sizes = map[string]string{}
	for other := range papers {
		if other != p.Name {
			q := c.Request.URL.Query()
			q.Set("ukuran", other)
			v.Sizes[other] = "?" + q.Encode()
		}
	}
	h.render(c, http.StatusOK, "poster.html", pageView{Lang: lang, Title: text(lang, "form.title") + " — " + s.Name,
		Agency: a, Service: s, Data: v})
}

// shortURL is the service's short address under the public URL, /s/{agency}/{n}: short
// enough to type, and to print on one line of an A5 poster.
func (h *Handler) shortURL(a *standard.Agency, s *standard.Service) string {
	return fmt.Sprintf("%s/s/%s/%d", h.opts.PublicURL, a.Code, a.ServiceNumber(s.Code))
}

// shortLink answers a short address /s/{agency}/{n}: 302 to the n-th service's form
// (temporary, so that a browser does not keep it if the standard's order changes), the
// query kept; the residents' 404 for a number without a service.
func (h *Handler) shortLink(c *gin.Context, n int) {
	a, ok := h.opts.Set.Agency(c.Param("agency"))
	if !ok {
		h.notFound(c)
		return
	}
	s, ok := a.ServiceAt(n)
	if !ok {
		h.notFound(c)
		return
	}
	target := "/s/" + a.Code + "/" + s.Code
	if q := c.Request.URL.RawQuery; q != "" {
		target += "?" + q
	}
	c.Redirect(http.StatusFound, target)
}
