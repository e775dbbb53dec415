package dashboards

import (
	"context"
	"math"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// TargetKeeper stores the dashboard targets an agency sets for a year, each setting a new
// version, and reads the versions back; the targets in force come from DashboardData.Targets.
type TargetKeeper interface {
	// TargetHistory returns every setting of an agency, newest first.
	TargetHistory(ctx context.Context, agency string) ([]standard.TargetSetting, error)
	// SetTargets stores a new setting; it refuses one with problems.
	SetTargets(ctx context.Context, t standard.TargetSetting) error
}

// targetYear is the targets in force for one year and where they come from.
type targetYear struct {
	Year               string
	IKM, OnTime, Cap   string
	Source             string
	FromFile, ThisYear bool
}

// targetChange is one setting in the history: each target as "old → new" (or the value
// alone when it did not change).
type targetChange struct {
	Year, At, By     string
	IKM, OnTime, Cap string
	Note             string
}

type targetsView struct {
	pageBase
	Years            []targetYear
	History          []targetChange
	CanSet           bool
	MinYear, MaxYear int
	Form             struct{ Year, IKM, OnTime, Cap, Note string }
	Errors           map[string]string
	Saved            string
	Error            string
}

// targets: GET /target/{agency} — the dashboard targets in force per year (IKM, on time,
// the overdue cap) and where each comes from (set on this screen, or the agency file), the
// form to set a year's targets (the head and admins), and every setting made.
func (s *Staff) targets(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.targetsView(c, a)
	if y := c.Query("disimpan"); y != "" {
		v.Saved = "Target tahun " + y + " disimpan; dasbor, peringkat dan laporan bulanan bulan-bulan tahun itu memakainya."
	}
	s.render(c, http.StatusOK, "targets", v)
}

func (s *Staff) targetsView(c *gin.Context, a *standard.Agency) *targetsView {
	ctx := c.Request.Context()
	thisYear := s.opts.Now().In(a.Location).Year()
	v := &targetsView{pageBase: s.base(c, "Target dasbor"), CanSet: can(principal(c).Role, decide),
		MinYear: thisYear - 5, MaxYear: thisYear + 5, Errors: map[string]string{}}
	if s.opts.Targets == nil {
		v.Error = "Target tersimpan tidak tersedia di server ini."
		return v
	}
	hist, err := s.opts.Targets.TargetHistory(ctx, a.Code)
	if err != nil {
		s.opts.Logger.Error("target history", "agency", a.Code, "err", err)
		v.Error = "Target sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
		return v
	}
	years := map[int]bool{thisYear - 1: true, thisYear: true, thisYear + 1: true}
	newest := map[int]standard.TargetSetting{}
	for _, h := range hist {
		years[h.Year] = true
		if _, ok := newest[h.Year]; !ok {
			newest[h.Year] = h
		}
	}
	order := make([]int, 0, len(years))
	for y := range years {
		order = append(order, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(order)))
	for _, y := range order {
		t, err := s.opts.Data.Targets(ctx, a, y)
		if err != nil {
			s.opts.Logger.Error("targets", "agency", a.Code, "year", y, "err", err)
			v.Error = "Target sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
			return v
		}
		row := targetYear{Year: strconv.Itoa(y), IKM: ikmTarget(t.IKM), OnTime: percentTarget(t.OnTimePercent), Cap: capTarget(t.OverdueCap),
			ThisYear: y == thisYear}
		if h, ok := newest[y]; ok {
			row.Source = "ditetapkan " + h.SetBy + ", " + survey.DateLabel(h.SetAt.In(a.Location), survey.ID)
		} else {
			row.FromFile, row.Source = true, "bawaan standar pelayanan (berkas "+a.File+")"
		}
		v.Years = append(v.Years, row)
		if y == thisYear {
			v.Form.Year, v.Form.IKM, v.Form.OnTime = row.Year, inputDecimal(t.IKM), inputDecimal(t.OnTimePercent)
			if t.OverdueCap != nil {
				v.Form.Cap = strconv.FormatUint(*t.OverdueCap, 10)
			}
		}
	}
	for i, h := range hist {
		before := a.Targets // the file's, for a year's first setting
		for _, o := range hist[i+1:] {
			if o.Year == h.Year {
				before = o.Targets
				break
			}
		}
		v.History = append(v.History, targetChange{Year: strconv.Itoa(h.Year), By: h.SetBy, Note: h.Note,
			At:     dayAndTime(h.SetAt.In(a.Location)),
			IKM:    change(ikmTarget(before.IKM), ikmTarget(h.Targets.IKM)),
			OnTime: change(percentTarget(before.OnTimePercent), percentTarget(h.Targets.OnTimePercent)),
			Cap:    change(capTarget(before.OverdueCap), capTarget(h.Targets.OverdueCap))})
	}
	return v
}

// targetNumber is a target as typed: up to three digits, and up to two decimals after a
// comma (or a point).
var targetNumber = regexp.MustCompile(`^[0-9]{1,3}([.,][0-9]{1,2})?$`)

// targetSave: POST /target/{agency} — sets a year's targets (tahun, ikm, tepat_waktu,
// batas_terlambat — empty for no cap —, catatan), audited as target.set with the old and the
// new targets; a refused form keeps its values (422).
func (s *Staff) targetSave(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.targetsView(c, a)
	if v.Error != "" {
		s.errorPage(c, http.StatusServiceUnavailable, v.Error)
		return
	}
	f := &v.Form
	f.Year, f.IKM, f.OnTime = strings.TrimSpace(c.PostForm("tahun")), strings.TrimSpace(c.PostForm("ikm")), strings.TrimSpace(c.PostForm("tepat_waktu"))
	f.Cap, f.Note = strings.TrimSpace(c.PostForm("batas_terlambat")), strings.TrimSpace(c.PostForm("catatan"))
	now := s.opts.Now()
	set := standard.TargetSetting{Agency: a.Code, Note: f.Note, SetBy: principal(c).Username, SetAt: now.In(a.Location)}
	set.Year, _ = strconv.Atoi(f.Year) // not a number: year 0, out of range
	set.Targets.IKM, set.Targets.OnTimePercent = typedTarget(f.IKM), typedTarget(f.OnTime)
	if f.Cap != "" {
		n, err := strconv.ParseUint(f.Cap, 10, 64)
		if err != nil {
			n = standard.MaxOverdueCap + 1 // refused below with the cap's message
		}
		set.Targets.OverdueCap = &n
	}
	if errs := set.Problems(now.In(a.Location).Year()); len(errs) > 0 {
		v.Errors = errs
		s.render(c, http.StatusUnprocessableEntity, "targets", v)
		return
	}
	ctx := c.Request.Context()
	old, err := s.opts.Data.Targets(ctx, a, set.Year)
	if err == nil {
		err = s.opts.Targets.SetTargets(ctx, set)
	}
	if err != nil {
		s.opts.Logger.Error("set targets", "agency", a.Code, "year", set.Year, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Target belum tersimpan; tidak ada yang berubah. Coba lagi sebentar lagi.")
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "target.set", Target: f.Year,
		Detail: TargetChangeWords(old, set.Targets) + ": " + set.Note})
	c.Redirect(http.StatusSeeOther, "/target/"+a.Code+"?disimpan="+f.Year)
}

// TargetChangeWords words a change of a year's targets as the audit log keeps it (the
// targets screen and skm target set): "IKM 88,31 → 90,00; tepat waktu 90 % → 85,5 %; batas
// kasus terlambat tanpa batas → 3 kasus".
func TargetChangeWords(old, new standard.Targets) string {
	return "IKM " + change(ikmTarget(old.IKM), ikmTarget(new.IKM)) +
		"; tepat waktu " + change(percentTarget(old.OnTimePercent), percentTarget(new.OnTimePercent)) +
		"; batas kasus terlambat " + change(capTarget(old.OverdueCap), capTarget(new.OverdueCap))
}

// TargetWords words targets in force: "IKM 88,31; tepat waktu 90 %; batas kasus terlambat
// tanpa batas".
func TargetWords(t standard.Targets) string { return TargetChangeWords(t, t) }

// typedTarget reads a typed target ("88,31", "90"); NaN when it is not one, which the
// setting's checks refuse with the field's message.
func typedTarget(s string) float64 {
	if !targetNumber.MatchString(s) {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// ikmTarget writes an IKM target as IKMs are written: 88,31.
func ikmTarget(v float64) string { return formatDecimal(v, 2) }

// percentTarget writes an on-time target without trailing zeros: "90 %", "92,5 %".
func percentTarget(v float64) string { return inputDecimal(v) + " %" }

// capTarget writes an overdue cap: "3 kasus", or "tanpa batas".
func capTarget(c *uint64) string {
	if c == nil {
		return "tanpa batas"
	}
	return formatInt(*c) + " kasus"
}

// inputDecimal writes v with a decimal comma and no trailing zeros, as a form field holds it.
func inputDecimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// change words a change of a target: "88,31 → 90,00", or the value alone when it stayed.
func change(old, new string) string {
	if old == new {
		return new
	}
	return old + " → " + new
}
