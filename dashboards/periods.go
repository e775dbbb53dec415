package dashboards

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// PeriodKeeper says where survey periods stand for new responses, and records the head's or
// an admin's decision to reopen a closed one (or to close a reopened one early: a reopening
// until now).
type PeriodKeeper interface {
	PeriodStatus(ctx context.Context, a *standard.Agency, p survey.Period) (survey.PeriodStatus, error)
	ReopenPeriod(ctx context.Context, a *standard.Agency, p survey.Period, reason, by string, until time.Time) error
}

// maxReopenDays bounds a reopening: long enough to type in a box of late paper forms, short
// enough that a published figure is not left open by oversight.
const maxReopenDays = 30

type periodRow struct {
	survey.PeriodStatus
	Label     string
	Code      string
	Reopened  string // "12 Januari 2027 oleh kepala-kalbar: …" while reopened
	CanReopen bool
	CanClose  bool
}

type periodsView struct {
	pageBase
	Rows      []periodRow
	CanDecide bool
	MaxDays   int
	Form      struct{ Period, Reason, Days string }
	Errors    survey.Errors
	Saved     string
	Error     string
}

// periods: GET /periode/{agency} — where the last survey periods stand for new responses
// (running, late paper forms until, closed because published or late, reopened until); the
// head and admins reopen a closed period with a reason, or close it again.
func (s *Staff) periods(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.periodsView(c, a)
	v.Saved = c.Query("disimpan")
	s.render(c, http.StatusOK, "periods", v)
}

func (s *Staff) periodsView(c *gin.Context, a *standard.Agency) *periodsView {
	v := &periodsView{pageBase: s.base(c, "Periode survei"), CanDecide: can(principal(c).Role, decide), MaxDays: maxReopenDays}
	v.Form.Days = "7"
	if s.opts.Periods == nil {
		v.Error = "Status periode tidak tersedia."
		return v
	}
	now := s.opts.Now()
	for i, p := 0, survey.PeriodOf(now.In(a.Location), a.SurveyPeriods); i < 6; i, p = i+1, p.Previous() {
		st, err := s.opts.Periods.PeriodStatus(c.Request.Context(), a, p)
		if err != nil {
			s.opts.Logger.Error("periods", "agency", a.Code, "err", err)
			v.Error = "Status periode sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
			return v
		}
		row := periodRow{PeriodStatus: st, Label: p.Label(survey.ID), Code: p.Code()}
		reopened := now.Before(st.ReopenedUntil)
		row.CanReopen = v.CanDecide && !st.Open
		row.CanClose = v.CanDecide && reopened
		if reopened {
			row.Reopened = st.ReopenReason
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// periodSave: POST /periode/{agency} — reopens a closed period (period, alasan, hari) or
// closes a reopened one (tutup=1), audited; then back to the list.
func (s *Staff) periodSave(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.periodsView(c, a)
	if v.Error != "" {
		s.errorPage(c, http.StatusServiceUnavailable, v.Error)
		return
	}
	code := c.PostForm("period")
	var row *periodRow
	for i := range v.Rows {
		if v.Rows[i].Code == code {
			row = &v.Rows[i]
		}
	}
	if row == nil {
		s.errorPage(c, http.StatusBadRequest, "Pilih salah satu periode yang tercantum.")
		return
	}
	now := s.opts.Now()
	by := principal(c).Username
	if c.PostForm("tutup") == "1" {
		if !row.CanClose {
			s.errorPage(c, http.StatusConflict, "Periode ini tidak sedang dibuka kembali.")
			return
		}
		if err := s.opts.Periods.ReopenPeriod(c.Request.Context(), a, row.Period, "ditutup kembali", by, now); err != nil {
			s.opts.Logger.Error("period close", "agency", a.Code, "err", err)
			s.errorPage(c, http.StatusServiceUnavailable, "Belum tersimpan; tidak ada yang berubah. Coba lagi sebentar lagi.")
			return
		}
		s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "period.close", Target: code, Detail: "ditutup kembali"})
		c.Redirect(http.StatusSeeOther, "/periode/"+a.Code+"?disimpan=1")
		return
	}
	v.Form.Period, v.Form.Reason, v.Form.Days = code, strings.TrimSpace(c.PostForm("alasan")), strings.TrimSpace(c.PostForm("hari"))
	errs := survey.Errors{}
	if !row.CanReopen {
		errs["period"] = "Periode ini masih menerima respons; tidak perlu dibuka kembali."
	}
	if n := utf8.RuneCountInString(v.Form.Reason); n < 10 || n > 500 {
		errs["alasan"] = "Tuliskan alasan membuka kembali (10–500 karakter), misalnya kuesioner kertas mana yang terlambat."
	}
	days, err := strconv.Atoi(v.Form.Days)
	if err != nil || days < 1 || days > maxReopenDays {
		errs["hari"] = "Isi lama dibuka kembali: 1 sampai " + strconv.Itoa(maxReopenDays) + " hari."
	}
	if len(errs) > 0 {
		v.Errors = errs
		s.render(c, http.StatusUnprocessableEntity, "periods", v)
		return
	}
	until := now.AddDate(0, 0, days)
	if err := s.opts.Periods.ReopenPeriod(c.Request.Context(), a, row.Period, v.Form.Reason, by, until); err != nil {
		s.opts.Logger.Error("period reopen", "agency", a.Code, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Belum tersimpan; tidak ada yang berubah. Coba lagi sebentar lagi.")
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "period.reopen", Target: code,
		Detail: "sampai " + survey.DateLabel(until.In(a.Location), survey.ID) + ": " + v.Form.Reason})
	c.Redirect(http.StatusSeeOther, "/periode/"+a.Code+"?disimpan=1")
}
