package dashboards

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
)

// HolidayEditor reads and makes administrators' corrections of the working calendar; a
// change also recomputes the deadlines of open cases and returns how many moved.
type HolidayEditor interface {
	HolidayChanges(ctx context.Context) ([]standard.HolidayChange, error)
	ChangeHolidays(ctx context.Context, changes []standard.HolidayChange, by string) (recomputed int, err error)
}

type holidaysView struct {
	pageBase
	Changes  []standard.HolidayChange
	Agencies []*standard.Agency
	Form     map[string]string
	Errors   map[string]string
	Done     string
	Error    string
}

// holidays: GET /admin/holidays — the corrections made so far, and the form for a new one.
func (s *Staff) holidays(c *gin.Context) {
	v := s.holidaysView(c)
	if n := c.Query("dihitung"); n != "" {
		v.Done = "Perubahan disimpan. Tenggat " + n + " kasus terbuka dihitung ulang; kasus selesai tidak diubah."
	}
	s.render(c, http.StatusOK, "holidays", v)
}

func (s *Staff) holidaysView(c *gin.Context) *holidaysView {
	v := &holidaysView{pageBase: s.base(c, "Hari libur"), Agencies: s.opts.Set.Agencies, Form: map[string]string{}, Errors: map[string]string{}}
	list, err := s.opts.Holidays.HolidayChanges(c.Request.Context())
	if err != nil {
		s.opts.Logger.Error("holiday changes", "err", err)
		v.Error = "Daftar perubahan sementara tidak dapat dimuat."
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Date.String() > list[j].Date.String() })
	v.Changes = list
	return v
}

// holidaySave: POST /admin/holidays — add, remove or move a holiday, nationally or for one
// agency.
func (s *Staff) holidaySave(c *gin.Context) {
	v := s.holidaysView(c)
	for _, k := range []string{"action", "agency", "date", "to", "name", "kind"} {
		v.Form[k] = strings.TrimSpace(c.PostForm(k))
	}
	agency := v.Form["agency"]
	if _, ok := s.opts.Set.Agency(agency); agency != "" && !ok {
		v.Errors["agency"] = "Instansi tidak dikenal."
	}
	changes, err := standard.PlanHolidayEdit(v.Form["action"], agency, v.Form["date"], v.Form["to"], v.Form["name"], v.Form["kind"])
	var he *standard.HolidayEditError
	if errors.As(err, &he) {
		v.Errors[he.Field] = strings.ToUpper(he.Message[:1]) + he.Message[1:] + "."
	}
	if len(v.Errors) > 0 {
		s.render(c, http.StatusUnprocessableEntity, "holidays", v)
		return
	}
	n, err := s.opts.Holidays.ChangeHolidays(c.Request.Context(), changes, principal(c).Username)
	if err != nil {
		s.opts.Logger.Error("holiday change", "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Perubahan belum tersimpan atau tenggat belum dihitung ulang. Ulangi perubahan yang sama sebentar lagi.")
		return
	}
	s.audit(c, reports.AuditEntry{Agency: agency, Action: "holiday." + v.Form["action"], Target: v.Form["date"],
		Detail: strings.TrimSpace(v.Form["to"] + " " + v.Form["name"])})
	c.Redirect(http.StatusSeeOther, "/admin/holidays?dihitung="+strconv.Itoa(n))
}
