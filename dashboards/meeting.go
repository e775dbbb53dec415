package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// MeetingBook keeps the monthly evaluation meetings: their records and decisions are read
// from the read side (reports.Querier) and written to the write side, joined in cmd/skm.
type MeetingBook interface {
	// Meeting returns a month's meeting with its decisions as they stood at the month's end.
	Meeting(ctx context.Context, a *standard.Agency, month survey.Period) (survey.Meeting, error)
	// OpenDecisions returns the decisions recorded before asOf and not closed as of asOf.
	OpenDecisions(ctx context.Context, agency string, asOf time.Time) ([]survey.Decision, error)
	// SaveMeeting stores a new version of a meeting's record.
	SaveMeeting(ctx context.Context, m *survey.Meeting) error
	// SaveDecision stores a new version of a decision (a new one when its ID is empty).
	SaveDecision(ctx context.Context, d *survey.Decision) error
}

// decisionRow is a decision as the meeting page lists it, with its links.
type decisionRow struct {
	survey.Decision
	// From names the meeting of a decision carried over ("rapat September 2026").
	From    string
	DueDay  string
	Overdue bool // open past its due date at the page's date
	// Links to what it is about ("" for none).
	FollowUpLink, FollowUpLabel, CaseLink, ServiceLink, ServiceName, OfficerLink string
}

// meetingForm is the meeting's record as typed.
type meetingForm struct{ HeldOn, Attendees, Note string }

// decisionForm is a decision as typed.
type decisionForm struct{ ID, What, Responsible, Officer, Due, FollowUpID, CaseID, Service string }

// closeForm is the head's closing of a decision as typed.
type closeForm struct{ ID, Status, Note string }

type meetingView struct {
	pageBase
	Month      survey.Period
	MonthLabel string
	Months     []monthOption
	// AsOfLabel is the day the page reads the decisions at: the month's last day, or today
	// for the running month.
	AsOfLabel string
	Meeting   survey.Meeting
	HeldLabel string // the meeting's date in words
	Own       []decisionRow
	Carried   []decisionRow
	// Options of the decision form: the agency's services and the RTL items of the month's
	// survey period.
	Services  []option
	FollowUps []option
	Closings  []survey.DecisionStatus
	CanRecord bool // staff and admins record meetings and decisions
	CanClose  bool // heads and admins close decisions
	Future    bool // a month not yet begun: nothing can be recorded
	Current   bool // the running month: its page changes with every change
	MForm     meetingForm
	DForm     decisionForm
	CForm     closeForm
	// Errors are the field messages of the form named by ErrorsOf (rapat, keputusan, tutup).
	Errors   survey.Errors
	ErrorsOf string
	Saved    string
	Error    string
}

// meetingPage: GET /rapat/{agency}?month=2026-10[&ubah=ID][&tutup=ID] — the evaluation
// meeting of a month: its date, attendees and decisions, and the decisions of earlier
// meetings still open at the month's end (carried over), each read as it stood then; staff
// record the meeting and its decisions, heads close decisions.
func (s *Staff) meetingPage(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.meetingView(c, a)
	if !ok {
		return
	}
	if id := c.Query("ubah"); id != "" && v.CanRecord {
		if d, ok := v.decision(id); ok && d.Open() {
			v.DForm = decisionForm{ID: d.ID, What: d.What, Responsible: d.Responsible, Officer: d.Officer,
				Due: d.Due.Format(time.DateOnly), FollowUpID: d.FollowUpID, CaseID: d.CaseID, Service: d.Service}
		}
	}
	if id := c.Query("tutup"); id != "" {
		v.CForm.ID = id
	}
	switch c.Query("disimpan") {
	case "rapat":
		v.Saved = "Catatan rapat disimpan."
	case "keputusan":
		v.Saved = "Keputusan disimpan."
	case "tutup":
		v.Saved = "Keputusan ditutup."
		if !v.Current {
			v.Saved += " Halaman bulan yang sudah berakhir tetap menampilkan keadaan di akhir bulan itu."
		}
	}
	s.render(c, http.StatusOK, "rapat", v)
}

// meetingView reads the month's meeting and the decisions carried into it; false when it
// has answered (a month that cannot be read, or the meetings cannot be read).
func (s *Staff) meetingView(c *gin.Context, a *standard.Agency) (*meetingView, bool) {
	month, months, ok := s.monthParam(c, a)
	if !ok {
		return nil, false
	}
	role := principal(c).Role
	now := s.opts.Now().In(a.Location)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	_, last := month.Bounds()
	asOf := last
	if today.Before(last) {
		asOf = today
	}
	v := &meetingView{pageBase: s.base(c, "Rapat evaluasi "+month.Label(survey.ID)), Month: month, MonthLabel: month.Label(survey.ID),
		Months: months, AsOfLabel: survey.DateLabel(asOf, survey.ID), CanRecord: can(role, record), CanClose: can(role, decide),
		Future: month.Start().After(today), Current: !month.Ended(now, a.Location), Closings: survey.DecisionStatuses[1:], Errors: survey.Errors{}}
	for _, sv := range a.Services {
		v.Services = append(v.Services, option{sv.Code, sv.Name})
	}
	if s.opts.Meetings == nil {
		s.errorPage(c, http.StatusServiceUnavailable, "Catatan rapat tidak tersedia di server ini.")
		return nil, false
	}
	ctx := c.Request.Context()
	m, err := s.opts.Meetings.Meeting(ctx, a, month)
	var open []survey.Decision
	if err == nil {
		open, err = s.opts.Meetings.OpenDecisions(ctx, a.Code, reports.MonthEnd(month, a.Location))
	}
	var items []survey.FollowUp
	if err == nil && s.opts.Data != nil {
		items, err = s.opts.Data.FollowUps(ctx, a.Code, survey.PeriodOf(month.Start(), a.SurveyPeriods))
	}
	if err != nil {
		s.opts.Logger.Error("meeting", "agency", a.Code, "month", month.Code(), "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Catatan rapat sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi.")
		return nil, false
	}
	v.Meeting = m
	if m.Recorded() {
		v.HeldLabel = survey.DateLabel(m.HeldOn, survey.ID)
	}
	for _, f := range items {
		v.FollowUps = append(v.FollowUps, option{f.ID, strings.TrimSpace(f.Element + " " + f.Action)})
	}
	for _, d := range m.Decisions {
		v.Own = append(v.Own, s.decisionRow(a, d, month, asOf, items))
	}
	for _, d := range open {
		if d.Month < month.Code() {
			v.Carried = append(v.Carried, s.decisionRow(a, d, month, asOf, items))
		}
	}
	if m.Recorded() {
		v.MForm = meetingForm{HeldOn: m.HeldOn.Format(time.DateOnly), Attendees: strings.Join(m.Attendees, "\n"), Note: m.Note}
	}
	return v, true
}

// decisionRow words a decision for the page of month, dated asOf.
func (s *Staff) decisionRow(a *standard.Agency, d survey.Decision, month survey.Period, asOf time.Time, items []survey.FollowUp) decisionRow {
	r := decisionRow{Decision: d, DueDay: survey.DateLabel(d.Due, survey.ID), Overdue: d.Open() && d.Due.Before(asOf)}
	if p, err := survey.ParsePeriod(d.Month); err == nil && d.Month != month.Code() {
		r.From = "rapat " + p.Label(survey.ID)
	}
	if d.FollowUpID != "" {
		period := survey.PeriodOf(month.Start(), a.SurveyPeriods)
		if p, err := survey.ParsePeriod(d.Month); err == nil {
			period = survey.PeriodOf(p.Start(), a.SurveyPeriods)
		}
		r.FollowUpLink = "/rtl/" + a.Code + "?" + url.Values{"period": {period.Code()}, "edit": {d.FollowUpID}}.Encode() + "#form"
		r.FollowUpLabel = "butir RTL " + period.Label(survey.ID)
		for _, f := range items {
			if f.ID == d.FollowUpID {
				r.FollowUpLabel = "RTL: " + strings.TrimSpace(f.Element+" "+f.Action)
			}
		}
	}
	if d.CaseID != "" {
		r.CaseLink = caseLink(a.Code, d.CaseID)
	}
	if sv, ok := a.Service(d.Service); ok {
		r.ServiceName = sv.Name
		r.ServiceLink = "/dashboard/" + a.Code + "?" + url.Values{"month": {month.Code()}, "service": {sv.Code}}.Encode()
	}
	if d.Officer != "" {
		r.OfficerLink = "/cases/" + a.Code + "?" + url.Values{"month": {month.Code()}, "petugas": {d.Officer}}.Encode()
	}
	return r
}

// decision finds a decision the page lists (its meeting's or carried over).
func (v *meetingView) decision(id string) (survey.Decision, bool) {
	for _, rows := range [][]decisionRow{v.Own, v.Carried} {
		for _, r := range rows {
			if r.ID == id {
				return r.Decision, true
			}
		}
	}
	return survey.Decision{}, false
}

// meetingRedirect goes back to the month's meeting page, saying what was saved.
func meetingRedirect(c *gin.Context, a *standard.Agency, month survey.Period, saved string) {
	c.Redirect(http.StatusSeeOther, "/rapat/"+a.Code+"?month="+month.Code()+"&disimpan="+saved)
}

// notYet refuses to record a meeting of a month not yet begun; true when it has answered.
func (s *Staff) notYet(c *gin.Context, v *meetingView) bool {
	if v.Future {
		s.errorPage(c, http.StatusUnprocessableEntity, "Rapat "+v.MonthLabel+" belum dapat dicatat: bulannya belum mulai.")
		return true
	}
	return false
}

// meetingSave: POST /rapat/{agency}?month=… — records the meeting of the month (tanggal,
// peserta one a line, catatan), a new version of it; audited as meeting.save.
func (s *Staff) meetingSave(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.meetingView(c, a)
	if !ok || s.notYet(c, v) {
		return
	}
	v.MForm = meetingForm{HeldOn: strings.TrimSpace(c.PostForm("tanggal")), Attendees: c.PostForm("peserta"), Note: strings.TrimSpace(c.PostForm("catatan"))}
	now := s.opts.Now()
	m := survey.Meeting{Agency: a.Code, Month: v.Month.Code(), HeldOn: formDate(v.MForm.HeldOn), Attendees: survey.Attendees(v.MForm.Attendees),
		Note: v.MForm.Note, ChangedAt: now, ChangedBy: principal(c).Username}
	if errs := m.Validate(now.In(a.Location)); errs != nil {
		if v.MForm.HeldOn != "" && m.HeldOn.IsZero() {
			errs["held_on"] = "Tanggal rapat tidak terbaca; tulis misalnya 28/10/2026."
		}
		s.meetingRefused(c, v, errs, "rapat")
		return
	}
	if err := s.opts.Meetings.SaveMeeting(c.Request.Context(), &m); err != nil {
		s.meetingUnsaved(c, "Catatan rapat belum tersimpan", "save meeting", "agency", a.Code, "month", m.Month, "err", err)
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "meeting.save", Target: m.Month,
		Detail: "rapat " + survey.DateLabel(m.HeldOn, survey.ID) + ", " + strings.Join(m.Attendees, "; ")})
	meetingRedirect(c, a, v.Month, "rapat")
}

// decisionSave: POST /rapat/{agency}/keputusan?month=… — records a decision of the month's
// meeting (keputusan, penanggung_jawab, petugas, tenggat, rtl, kasus, layanan), or with id
// corrects an open one the page lists (keeping its meeting); audited as decision.save.
func (s *Staff) decisionSave(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.meetingView(c, a)
	if !ok || s.notYet(c, v) {
		return
	}
	f := decisionForm{ID: strings.TrimSpace(c.PostForm("id")), What: strings.TrimSpace(c.PostForm("keputusan")),
		Responsible: strings.TrimSpace(c.PostForm("penanggung_jawab")), Officer: strings.TrimSpace(c.PostForm("petugas")),
		Due: strings.TrimSpace(c.PostForm("tenggat")), FollowUpID: strings.TrimSpace(c.PostForm("rtl")),
		CaseID: strings.TrimSpace(c.PostForm("kasus")), Service: strings.TrimSpace(c.PostForm("layanan"))}
	v.DForm = f
	d := survey.Decision{Agency: a.Code, Month: v.Month.Code(), What: f.What, Responsible: f.Responsible, Officer: f.Officer,
		Due: formDate(f.Due), Status: survey.DecisionOpen, FollowUpID: f.FollowUpID, CaseID: f.CaseID, Service: f.Service,
		ChangedAt: s.opts.Now(), ChangedBy: principal(c).Username}
	if f.ID != "" {
		old, ok := s.openDecision(c, a, v, f.ID)
		if !ok {
			return
		}
		d.ID, d.Month = old.ID, old.Month
	} else if !v.Meeting.Recorded() {
		s.meetingRefused(c, v, survey.Errors{"meeting": "Catat dulu tanggal dan peserta rapat " + v.MonthLabel + "."}, "keputusan")
		return
	}
	errs := d.Validate()
	if errs == nil {
		errs = survey.Errors{}
	}
	if f.Due != "" && d.Due.IsZero() {
		errs["due"] = "Tanggal tenggat tidak terbaca; tulis misalnya 30/11/2026."
	}
	if f.Service != "" {
		if _, ok := a.Service(f.Service); !ok {
			errs["service"] = "Pilih layanan dari daftar."
		}
	}
	if f.FollowUpID != "" && !slices.ContainsFunc(v.FollowUps, func(o option) bool { return o.Value == f.FollowUpID }) && d.Month == v.Month.Code() {
		errs["rtl"] = "Pilih butir RTL dari daftar periode survei bulan ini."
	}
	if len(errs) > 0 {
		s.meetingRefused(c, v, errs, "keputusan")
		return
	}
	if err := s.opts.Meetings.SaveDecision(c.Request.Context(), &d); err != nil {
		s.meetingUnsaved(c, "Keputusan belum tersimpan", "save decision", "agency", a.Code, "month", d.Month, "err", err)
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "decision.save", Target: d.ID,
		Detail: "rapat " + d.Month + ": " + d.What + " (" + d.Responsible + ", tenggat " + d.Due.Format(time.DateOnly) + ")"})
	meetingRedirect(c, a, v.Month, "keputusan")
}

// decisionClose: POST /rapat/{agency}/tutup?month=… — the head closes an open decision the
// page lists (id) as done or cancelled (status selesai|dibatalkan) with a note (catatan);
// audited as decision.close.
func (s *Staff) decisionClose(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.meetingView(c, a)
	if !ok {
		return
	}
	f := closeForm{ID: strings.TrimSpace(c.PostForm("id")), Status: c.PostForm("status"), Note: strings.TrimSpace(c.PostForm("catatan"))}
	v.CForm = f
	errs := survey.Errors{}
	var d survey.Decision
	if f.ID == "" {
		errs["id"] = "Pilih keputusan yang akan ditutup."
	} else if d, ok = s.openDecision(c, a, v, f.ID); !ok {
		return
	}
	if f.Status != survey.StatusDone && f.Status != survey.StatusCancelled {
		errs["status"] = "Pilih selesai atau dibatalkan."
	}
	if f.Note == "" {
		errs["note"] = "Tuliskan catatan penutupan: apa yang sudah dilakukan, atau mengapa dibatalkan."
	}
	if len(errs) == 0 {
		d.Status, d.Note, d.ChangedAt, d.ChangedBy = f.Status, f.Note, s.opts.Now(), principal(c).Username
		if e := d.Validate(); e != nil {
			errs = e
		}
	}
	if len(errs) > 0 {
		s.meetingRefused(c, v, errs, "tutup")
		return
	}
	if err := s.opts.Meetings.SaveDecision(c.Request.Context(), &d); err != nil {
		s.meetingUnsaved(c, "Keputusan belum ditutup", "close decision", "agency", a.Code, "id", d.ID, "err", err)
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "decision.close", Target: d.ID,
		Detail: survey.DecisionStatusLabel(d.Status) + ": " + d.What + " — " + d.Note})
	meetingRedirect(c, a, v.Month, "tutup")
}

// openDecision finds decision id of the page as it stands now, open: the page of an ended
// month shows it as it stood then, and a later change must start from its newest version.
// It answers (404, 409, 503) and returns false when there is none to change.
func (s *Staff) openDecision(c *gin.Context, a *standard.Agency, v *meetingView, id string) (survey.Decision, bool) {
	listed, ok := v.decision(id)
	if !ok {
		s.errorPage(c, http.StatusNotFound, "Keputusan itu tidak ada di rapat ini atau di keputusan yang dibawa ke bulan ini.")
		return listed, false
	}
	open, err := s.opts.Meetings.OpenDecisions(c.Request.Context(), a.Code, s.opts.Now().Add(time.Second))
	if err != nil {
		s.meetingUnsaved(c, "Keputusan sementara tidak dapat dibaca", "open decisions", "agency", a.Code, "err", err)
		return listed, false
	}
	for _, d := range open {
		if d.ID == id {
			return d, true
		}
	}
	s.errorPage(c, http.StatusConflict, "Keputusan itu sudah ditutup; tidak dapat diubah atau ditutup lagi.")
	return listed, false
}

// meetingRefused answers the meeting page again, 422, with errs shown at form (rapat,
// keputusan, tutup).
func (s *Staff) meetingRefused(c *gin.Context, v *meetingView, errs survey.Errors, form string) {
	v.Errors, v.ErrorsOf = errs, form
	s.render(c, http.StatusUnprocessableEntity, "rapat", v)
}

// meetingUnsaved logs a failed meeting change as logMsg with args and answers 503: what
// failed, that nothing changed, and to try again.
func (s *Staff) meetingUnsaved(c *gin.Context, what, logMsg string, args ...any) {
	s.opts.Logger.Error(logMsg, args...)
	s.errorPage(c, http.StatusServiceUnavailable, what+"; tidak ada yang berubah. Coba lagi sebentar lagi.")
}

// formDate reads a date as a form sends it (2026-10-28) or as people type it (28/10/2026),
// as midnight UTC; zero when it is neither.
func formDate(s string) time.Time {
	for _, layout := range []string{time.DateOnly, "2/1/2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
