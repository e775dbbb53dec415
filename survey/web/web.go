// Package web serves the resident-facing pages: the public list of agencies and their
// service standards, and (with the survey) the per-service form, kiosk and QR posters.
// It never imports the write side; it receives what it needs through small interfaces.
package web

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"skm/standard"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))

// Handler serves the public pages of all agencies in a standards set.
type Handler struct {
	set *standard.Set
}

// New returns a Handler for the agencies of set.
func New(set *standard.Set) *Handler { return &Handler{set: set} }

// Register adds the handler's routes to r.
func (h *Handler) Register(r gin.IRouter) {
	r.GET("/", h.home)
}

// home lists every agency with its services and their time limits: the published
// Standar Pelayanan, in Indonesian.
func (h *Handler) home(c *gin.Context) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(http.StatusOK)
	if err := templates.ExecuteTemplate(c.Writer, "home.html", homeView(h.set)); err != nil {
		_ = c.Error(err)
	}
}

type agencyView struct {
	*standard.Agency
	Rows []serviceRow
}

type serviceRow struct {
	Name   string
	Fee    string
	Limits []string
}

// homeView words each service's time limits: per class and per channel where the standard
// distinguishes them, else the service's own.
func homeView(set *standard.Set) []agencyView {
	out := make([]agencyView, 0, len(set.Agencies))
	for _, a := range set.Agencies {
		v := agencyView{Agency: a}
		for _, s := range a.Services {
			row := serviceRow{Name: s.Name, Fee: s.Fee}
			for _, cl := range a.ComplaintClasses {
				if l, ok := s.ByClass[cl.Code]; ok {
					row.Limits = append(row.Limits, cl.Name+": "+l.Label())
				}
			}
			for _, ch := range a.Channels {
				if l, ok := s.ByChannel[ch]; ok {
					row.Limits = append(row.Limits, standard.ChannelName(ch)+": "+l.Label())
				}
			}
			if len(row.Limits) == 0 {
				row.Limits = []string{s.TimeLimit.Label()}
			}
			v.Rows = append(v.Rows, row)
		}
		out = append(out, v)
	}
	return out
}
