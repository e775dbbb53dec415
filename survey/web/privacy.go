package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"skm/survey"
)

// privacyURL is the address of the privacy note as linked from agency's pages in lang; at
// a kiosk the note leads back to the kiosk's start.
func privacyURL(lang survey.Lang, kiosk bool, agency string) string {
	q := pageQuery(lang, kiosk)
	q.Set("instansi", agency)
	return "/privasi" + queryString(q)
}

// privacy serves /privasi: what the survey keeps and what it does not, in plain words, for
// the form and the kiosk to link. At a kiosk (k=1&instansi=CODE) it returns to the kiosk's
// start by itself, as the thanks page does.
func (h *Handler) privacy(c *gin.Context) {
	lang := survey.ParseLang(c.Query("lang"))
	pv := pageView{Lang: lang, Title: text(lang, "privacy.title"), Set: h.opts.Set}
	if a, ok := h.opts.Set.Agency(c.Query("instansi")); ok {
		pv.Agency = a
		pv.Kiosk = c.Query("k") == "1"
		if pv.Kiosk {
			pv.Data = "/k/" + a.Code + queryString(pageQuery(lang, false))
			pv.Refresh = "90;url=" + pv.Data.(string)
		}
	}
	h.render(c, http.StatusOK, "privacy.html", pv)
}
