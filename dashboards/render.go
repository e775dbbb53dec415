package dashboards

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// pageBase is what every staff page's layout needs.
type pageBase struct {
	Title     string
	User      *reports.User
	Agency    string // the agency of the page, if any
	AgencyNm  string
	RequestID string
}

func (s *Staff) base(c *gin.Context, title string) pageBase {
	b := pageBase{Title: title, User: principal(c), Agency: c.Param("agency"), RequestID: c.GetString(RequestIDKey)}
	if a, ok := s.opts.Set.Agency(b.Agency); ok {
		b.AgencyNm = a.Name
	}
	return b
}

// parseTemplates parses each page with the layout into its own template set.
func (s *Staff) parseTemplates() (map[string]*template.Template, error) {
	fm := template.FuncMap{
		"dec":  formatDecimal,
		"num":  formatInt,
		"role": roleLabel,
		"inc":  func(i int) int { return i + 1 },
		"dict": dict,
		"list": func(v ...string) []string { return v },
		"service": func(agency, code string) string {
			if a, ok := s.opts.Set.Agency(agency); ok {
				return serviceName(a, code)
			}
			return code
		},
		// agencyName names an agency by its code.
		"agencyName": func(code string) string {
			if a, ok := s.opts.Set.Agency(code); ok {
				return a.Name
			}
			return code
		},
		"channel":     channelName,
		"kind":        standard.KindName,
		"holidayKind": standard.HolidayKindName,
		// periodLabel names a period code as people say it: "Triwulan IV 2026".
		"periodLabel": func(code string) string {
			if p, err := survey.ParsePeriod(code); err == nil {
				return p.Label(survey.ID)
			}
			return code
		},
		"class": func(agency, code string) string {
			if a, ok := s.opts.Set.Agency(agency); ok {
				return a.ClassName(code)
			}
			return code
		},
		"caseStatus": func(code string) string { return optionLabel(caseStatuses, code) },
		"caseLink":   caseLink,
		// late tells a case open at now past its deadline; daysLate counts the whole days since.
		"late":     lateAt,
		"daysLate": daysLateAt,
		"inList":   func(v string, list []string) bool { return slices.Contains(list, v) },
		"deref":    func(b *bool) bool { return b != nil && *b },
		// known tells the case form's own fields from others a refusal may name.
		"known": func(k string) bool {
			switch k {
			case "id", "kind", "service", "channel", "class", "received_at", "status", "completed_at", "officer", "external_ref",
				"note", "reason", "reclassify":
				return true
			}
			return false
		},
		"hours": func(m *uint32) string {
			if m == nil {
				return "–"
			}
			return formatDecimal(float64(*m)/60, 1) + " jam kerja"
		},
		// date writes an instant as a date and time in the agency's zone: 14/10/2026 10.30.
		"date": func(tv any, agency string) string {
			var t time.Time
			switch x := tv.(type) {
			case time.Time:
				t = x
			case *time.Time:
				if x == nil {
					return "–"
				}
				t = *x
			}
			loc := time.UTC
			if a, ok := s.opts.Set.Agency(agency); ok {
				loc = a.Location
			}
			return localTime(t, loc)
		},
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New(name).Funcs(fm).ParseFS(templateFS, "templates/layout.html", p)
		if err != nil {
			return nil, fmt.Errorf("dashboards: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// localTime writes an instant as a date and time in zone loc, as the staff screens do:
// 14/10/2026 10.30.
func localTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("02/01/2006 15.04")
}

// dayAndTime writes an instant in words as the staff screens date changes: 23 November 2026 10.15.
func dayAndTime(t time.Time) string {
	return survey.DateLabel(t, survey.ID) + " " + t.Format("15.04")
}

// dict makes a map of key-value pairs, to pass several values to a sub-template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// RequestIDKey is where the product's router keeps a request's id in the gin context, and the
// name of the id on every log line.
const RequestIDKey = "request_id"

// ServerFault is what a person reads after an unexpected server error: that it is not their
// fault, and the request id to quote (as the pages' footer words it).
func ServerFault(requestID string) string {
	return "Terjadi kesalahan pada server; coba lagi sebentar lagi. Kode untuk laporan gangguan: " + requestID
}

// render writes page name with data; a template error becomes a logged 500.
func (s *Staff) render(c *gin.Context, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl[name].ExecuteTemplate(&buf, "page", data); err != nil {
		s.opts.Logger.Error("render", "page", name, "err", err)
		c.String(http.StatusInternalServerError, ServerFault(c.GetString(RequestIDKey))+"\n")
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

type errorData struct {
	pageBase
	Status  int
	Message string
}

// errorPage answers status with a page saying msg, and stops the request.
func (s *Staff) errorPage(c *gin.Context, status int, msg string) {
	s.render(c, status, "error", &errorData{pageBase: s.base(c, statusTitle(status)), Status: status, Message: msg})
	c.Abort()
}

// formatInt writes an integer of any width the Indonesian way: 1.234.567.
func formatInt(n any) string {
	switch x := n.(type) {
	case int:
		return survey.FormatInt(int64(x))
	case int64:
		return survey.FormatInt(x)
	case uint64:
		return survey.FormatInt(int64(x))
	case uint32:
		return survey.FormatInt(int64(x))
	}
	return fmt.Sprint(n)
}

// formatDecimal writes v with places decimals the Indonesian way: 1.234,56.
var formatDecimal = survey.FormatDecimal

func roleLabel(role string) string {
	switch role {
	case RoleAdmin:
		return "Admin provinsi"
	case RoleHead:
		return "Kepala"
	case RoleStaff:
		return "Staf"
	}
	return role
}

// statusTitle names an error page's status in Indonesian, as the head reads it.
func statusTitle(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Permintaan tidak valid"
	case http.StatusUnauthorized:
		return "Perlu masuk"
	case http.StatusForbidden:
		return "Tidak diizinkan"
	case http.StatusNotFound:
		return "Tidak ditemukan"
	case http.StatusConflict:
		return "Tidak dapat dilakukan"
	case http.StatusUnprocessableEntity:
		return "Isian belum benar"
	case http.StatusTooManyRequests:
		return "Terlalu banyak percobaan"
	case http.StatusServiceUnavailable:
		return "Sementara tidak tersedia"
	}
	return "Terjadi kesalahan"
}

// lateAt tells whether a case was open at the instant at (not completed by then) with its
// deadline passed: overdue now, or at a month's end.
func lateAt(r cases.Record, at time.Time) bool {
	open := r.Status != cases.StatusSelesai || (r.CompletedAt != nil && !r.CompletedAt.Before(at))
	return open && r.DeadlineAt != nil && r.DeadlineAt.Before(at)
}

// daysLateAt is the whole days from a late case's deadline to at (0 when not late), as the
// officers' backlog counts them.
func daysLateAt(r cases.Record, at time.Time) int {
	if !lateAt(r, at) {
		return 0
	}
	return int(at.Sub(*r.DeadlineAt) / (24 * time.Hour))
}
