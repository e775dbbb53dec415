// Package web serves the resident-facing pages: the public list of agencies and their
// service standards, the SKM form per service, the kiosk, QR codes and posters, the public
// results, and the handlers of the residents' part of the machine API (APIResponses, APIIKM),
// whose routes are registered with every other /api/v1 route by the machine API
// (dashboards.API). It never imports the write side: responses go to a Recorder.
package web

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"t": func(lang survey.Lang, key string) string { return text(lang, key) },
}).ParseFS(templateFS, "templates/*.html"))

// Recorder stores accepted responses durably, all or none. It sets each r.ID when empty and
// returns the responses' survey periods in order; an error means none was stored.
type Recorder interface {
	Record(ctx context.Context, rs ...*survey.Response) (periods []string, err error)
}

// Options configure the resident pages. Zero values take the defaults noted on each field.
type Options struct {
	// Set holds the agencies and services. Required.
	Set *standard.Set
	// Recorder stores responses. Required for the form and the API.
	Recorder Recorder
	// Logger receives errors (default: discard).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// PublicURL is the address residents reach skm at, for QR codes and posters, e.g.
	// https://skm.example.go.id; empty: no QR codes and posters (the request's Host header
	// is never trusted for them).
	PublicURL string
	// Limits are the abuse limits (default DefaultLimits).
	Limits *Limits
	// SecureCookies marks cookies Secure (behind TLS).
	SecureCookies bool
	// OnReject is told why a submission was refused (honeypot, rate, size, invalid); may be nil.
	OnReject func(reason string)
	// VisitCodes checks the per-visit codes of agencies that use them; nil turns them off.
	VisitCodes *survey.VisitCodes
	// Results answers the public results (IKM API and page); nil: they answer 404.
	Results Results
	// Report writes the report (PDF) of agency a's ended survey period p, offered on the
	// public results as /hasil/{agency}/laporan-skm-{period}.pdf; nil: no report offered.
	Report func(ctx context.Context, w io.Writer, a *standard.Agency, p survey.Period) error
	// Template writes a blank import template of agency a: name is TemplateQuestionnaire
	// or TemplateCases, format "csv" or "xlsx"; nil: no download.
	Template func(w io.Writer, name, format string, a *standard.Agency) error
	// Caller identifies a machine API caller entitled to send batches and earlier-dated
	// responses: an agency token or a staff login (ok false: an anonymous resident). A
	// *CallerRefused error refuses the request (a bad token); nil: every caller is anonymous.
	Caller func(c *gin.Context) (caller Caller, ok bool, err error)
	// Audit records what an entitled caller submitted; may be nil.
	Audit func(ctx context.Context, caller Caller, agency, action, detail string) error
}

// Caller is an entitled sender of responses: an agency's token or a staff account.
type Caller struct {
	// Agency is the only agency the caller may send for; empty: any (an admin).
	Agency string
	// Actor names the caller in the audit log.
	Actor string
	// Role is "token", "kiosk" (a kiosk device) or the account's role.
	Role string
	// Channel is the only channel the caller may send through ("" for any): a kiosk
	// device's token sends channel kiosk only.
	Channel string
}

// CallerRefused is the error of a caller whose credentials are refused (Status 401 or 403).
type CallerRefused struct {
	Status  int
	Message string
}

func (e *CallerRefused) Error() string { return e.Message }

// Handler serves the resident pages of all agencies in a standards set.
type Handler struct {
	opts    Options
	limiter *limiter
}

// New returns a Handler.
func New(opts Options) *Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Limits == nil {
		l := DefaultLimits()
		opts.Limits = &l
	}
	if opts.OnReject == nil {
		opts.OnReject = func(string) {}
	}
	opts.PublicURL = strings.TrimSuffix(opts.PublicURL, "/")
	return &Handler{opts: opts, limiter: newLimiter(*opts.Limits, opts.Now)}
}

// Register adds the resident pages' routes to r (the /api/v1 routes are the machine API's).
func (h *Handler) Register(r gin.IRouter) {
	r.GET("/", h.home)
	r.GET("/s/:agency/:service", h.formShow)
	r.POST("/s/:agency/:service", h.formSubmit)
	r.GET("/s/:agency/:service/terima-kasih", h.thanks)
	r.GET("/s/:agency/:service/qr.svg", h.qrSVG)
	r.GET("/s/:agency/:service/qr.png", h.qrPNG)
	r.GET("/s/:agency/:service/poster", h.poster)
	r.GET("/k/:agency", h.kiosk)
	r.POST("/k/:agency", h.kioskSubmit)
	r.GET("/k/:agency/terima-kasih", h.kioskThanks)
	r.GET("/k/kiosk.js", h.kioskAsset)
	r.GET("/k/sw.js", h.kioskAsset)
	r.GET("/templat/:agency/:file", h.template)
	r.GET("/hasil/:agency", h.hasil)
	r.GET("/hasil/:agency/papan", h.board)
	r.GET("/hasil/:agency/papan.png", h.boardPNG)
	r.GET("/hasil/:agency/:file", h.hasilReport)
	r.GET("/privasi", h.privacy)
}

// scope resolves the agency and service of the URL, or renders the friendly 404.
func (h *Handler) scope(c *gin.Context) (*standard.Agency, *standard.Service, bool) {
	a, ok := h.opts.Set.Agency(c.Param("agency"))
	if !ok {
		h.notFound(c)
		return nil, nil, false
	}
	if c.Param("service") == "" {
		return a, nil, true
	}
	s, ok := a.Service(c.Param("service"))
	if !ok {
		h.notFound(c)
		return nil, nil, false
	}
	return a, s, true
}

// NotFound answers 404 with the residents' page for an unknown address: the services with
// their survey links. The product's router uses it for every unknown path.
func (h *Handler) NotFound(c *gin.Context) { h.notFound(c) }

func (h *Handler) notFound(c *gin.Context) {
	lang := survey.ParseLang(c.Query("lang"))
	h.render(c, http.StatusNotFound, "notfound.html", pageView{Lang: lang, Title: text(lang, "notfound.title"), Set: h.opts.Set})
}

// pageView is what every page template gets.
type pageView struct {
	Lang    survey.Lang
	Title   string
	Agency  *standard.Agency
	Service *standard.Service
	Set     *standard.Set
	Kiosk   bool
	// Refresh is a meta-refresh value ("8;url=/k/x"): the kiosk returns to its start
	// without JavaScript.
	Refresh string
	// Script marks a page that runs our own script (the kiosk's start screen): its
	// Content-Security-Policy lets it load scripts from us, register the kiosk's service
	// worker and send to the machine API — nothing from elsewhere.
	Script bool
	Data   any
}

func (h *Handler) render(c *gin.Context, status int, name string, v pageView) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	csp := "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	if v.Script {
		csp += "; script-src 'self'; connect-src 'self'; worker-src 'self'"
	}
	c.Header("Content-Security-Policy", csp)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Referrer-Policy", "same-origin")
	c.Status(status)
	if err := templates.ExecuteTemplate(c.Writer, name, v); err != nil {
		h.opts.Logger.Error("render", "template", name, "err", err)
		_ = c.Error(err)
	}
}

// home lists every agency with its services and their time limits: the published
// Standar Pelayanan, in Indonesian.
func (h *Handler) home(c *gin.Context) {
	h.render(c, http.StatusOK, "home.html", pageView{Lang: survey.ID, Title: "Standar Pelayanan", Data: homeView(h.opts.Set)})
}

type agencyView struct {
	*standard.Agency
	Rows []serviceRow
}

type serviceRow struct {
	Code   string
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
			row := serviceRow{Code: s.Code, Name: s.Name, Fee: s.Fee}
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

// The blank import templates: paper questionnaires and cases.
const (
	TemplateQuestionnaire = "kuesioner"
	TemplateCases         = "kasus"
)

// template serves a blank import template: /templat/{agency}/kuesioner.xlsx (or .csv) for
// paper questionnaires, /templat/{agency}/kasus.xlsx (or .csv) for cases. They hold only
// the agency's published standard (its services, channels, complaint classes), so they need
// no login.
func (h *Handler) template(c *gin.Context) {
	a, _, ok := h.scope(c)
	if !ok {
		return
	}
	name, format, _ := strings.Cut(c.Param("file"), ".")
	if h.opts.Template == nil || (name != TemplateQuestionnaire && name != TemplateCases) || (format != "csv" && format != "xlsx") {
		h.notFound(c)
		return
	}
	var buf bytes.Buffer
	if err := h.opts.Template(&buf, name, format, a); err != nil {
		h.opts.Logger.Error("template", "name", name, "err", err)
		c.String(http.StatusInternalServerError, "Templat tidak dapat dibuat; coba lagi nanti.")
		return
	}
	types := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	c.Header("Content-Disposition", `attachment; filename="`+name+`-`+a.Code+`.`+format+`"`)
	c.Data(http.StatusOK, types[format], buf.Bytes())
}
