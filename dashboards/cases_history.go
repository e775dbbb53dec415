package dashboards

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// CaseNotes stores the notes staff add to a case, and the reasons a case was reopened.
type CaseNotes interface {
	SaveCaseNote(ctx context.Context, agency, id, username string, reopen bool, text string, at time.Time) error
}

// maxNoteRunes bounds a note and a reason for reopening.
const maxNoteRunes = 2000

// historyLine is one line of a case's history: a version (who changed what) or a note.
type historyLine struct {
	At      time.Time
	Who     string
	Changes []string
	Note    string
	Reopen  bool
}

// recorderLabel names who recorded a version for staff.
func recorderLabel(by string) string {
	switch {
	case by == "":
		return "sistem (atau sebelum pencatat disimpan)"
	case strings.HasPrefix(by, "token:"):
		return "aplikasi lain lewat API (token " + strings.TrimPrefix(by, "token:") + ")"
	case strings.HasPrefix(by, "impor:"):
		return "impor berkas " + strings.TrimPrefix(by, "impor:")
	}
	return by
}

// caseHistory words the versions of a case as "who changed what, when", in labels, with the
// notes between them, oldest first.
func caseHistory(a *standard.Agency, versions []cases.Record, notes []reports.CaseNote) []historyLine {
	var out []historyLine
	orDash := func(s string) string {
		if s == "" {
			return "–"
		}
		return s
	}
	when := func(t *time.Time) string {
		if t == nil {
			return "–"
		}
		return localTime(*t, a.Location)
	}
	class := func(code string) string {
		if code == "" {
			return "–"
		}
		return a.ClassName(code)
	}
	for i, v := range versions {
		l := historyLine{At: v.UpdatedAt, Who: recorderLabel(v.RecordedBy)}
		if i == 0 {
			l.Changes = append(l.Changes, "Kasus dicatat: "+standard.KindName(v.Kind)+", "+serviceName(a, v.Service)+", kanal "+
				channelName(v.Channel)+", status "+cases.StatusName(v.Status)+", standar waktu "+v.LimitLabel()+", tenggat "+when(v.DeadlineAt))
			if v.Class != "" {
				l.Changes = append(l.Changes, "Kelas pengaduan: "+class(v.Class))
			}
			if v.Officer != "" {
				l.Changes = append(l.Changes, "Petugas: "+v.Officer)
			}
			if v.CompletedAt != nil {
				l.Changes = append(l.Changes, "Selesai: "+when(v.CompletedAt))
			}
			out = append(out, l)
			continue
		}
		p := versions[i-1]
		change := func(label, from, to string) {
			if from != to {
				l.Changes = append(l.Changes, label+": "+from+" → "+to)
			}
		}
		change("Status", cases.StatusName(p.Status), cases.StatusName(v.Status))
		change("Jenis", standard.KindName(p.Kind), standard.KindName(v.Kind))
		change("Layanan", serviceName(a, p.Service), serviceName(a, v.Service))
		change("Kanal", channelName(p.Channel), channelName(v.Channel))
		change("Kelas pengaduan", class(p.Class), class(v.Class))
		change("Diterima", localTime(p.ReceivedAt, a.Location), localTime(v.ReceivedAt, a.Location))
		change("Standar waktu", p.LimitLabel(), v.LimitLabel())
		change("Tenggat", when(p.DeadlineAt), when(v.DeadlineAt))
		change("Selesai", when(p.CompletedAt), when(v.CompletedAt))
		change("Petugas", orDash(p.Officer), orDash(v.Officer))
		change("Rujukan", orDash(p.ExternalRef), orDash(v.ExternalRef))
		if len(l.Changes) == 0 {
			l.Changes = []string{"Disimpan ulang tanpa perubahan"}
		}
		out = append(out, l)
	}
	for _, n := range notes {
		out = append(out, historyLine{At: n.At, Who: n.Username, Note: n.Text, Reopen: n.Reopen})
	}
	slices.SortStableFunc(out, func(x, y historyLine) int { return x.At.Compare(y.At) })
	return out
}

// noteProblem checks a note or a reason: empty, too long, or with control characters.
func noteProblem(text, what string) string {
	switch {
	case text == "":
		return "Tulis " + what + "."
	case utf8.RuneCountInString(text) > maxNoteRunes:
		return "Catatan paling panjang 2.000 karakter; persingkat " + what + "."
	case !standard.ReadableText(text):
		return "Teks berisi karakter yang tidak sah."
	}
	return ""
}

// storedCase reads the case named by the form's id; it answers 404 or 503 itself.
func (s *Staff) storedCase(c *gin.Context, a *standard.Agency) (cases.Record, bool) {
	stored, found, err := s.opts.Register.Case(c.Request.Context(), a.Code, strings.TrimSpace(c.PostForm("id")))
	switch {
	case err != nil:
		s.opts.Logger.Error("case", "agency", a.Code, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Data kasus sementara tidak dapat dimuat; tidak ada yang berubah. Coba lagi sebentar lagi.")
	case !found:
		s.errorPage(c, http.StatusNotFound, "Kasus tidak ditemukan.")
	}
	return stored, err == nil && found
}

// caseNote: POST /cases/{agency}/kasus/catatan — a note on a case; then its page again.
func (s *Staff) caseNote(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	stored, ok := s.storedCase(c, a)
	if !ok {
		return
	}
	text := strings.TrimSpace(c.PostForm("note"))
	if msg := noteProblem(text, "catatan"); msg != "" {
		s.showCase(c, a, stored, http.StatusUnprocessableEntity, map[string]string{"note": msg}, text)
		return
	}
	if s.opts.Notes == nil {
		s.errorPage(c, http.StatusServiceUnavailable, "Catatan kasus belum dapat disimpan di server ini.")
		return
	}
	if err := s.opts.Notes.SaveCaseNote(c.Request.Context(), a.Code, stored.ID, principal(c).Username, false, text, s.opts.Now()); err != nil {
		s.opts.Logger.Error("case note", "agency", a.Code, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Catatan belum dapat disimpan; tidak ada yang berubah. Coba lagi sebentar lagi.")
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "case.note", Target: stored.ID, Detail: survey.Clip(text, 200)})
	c.Redirect(http.StatusSeeOther, caseLink(a.Code, stored.ID)+"#riwayat")
}

// caseReclassify: POST /cases/{agency}/kasus/klasifikasi — a new service, kind or complaint
// class; the time limit and deadline are resolved again as for the API.
func (s *Staff) caseReclassify(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	stored, ok := s.storedCase(c, a)
	if !ok {
		return
	}
	v := s.caseFormView(c, a, "Kasus "+stored.ID)
	v.Stored = &stored
	f := func(k string) string { return strings.TrimSpace(c.PostForm(k)) }
	v.Case = caseForm{ID: stored.ID, Kind: f("kind"), Service: f("service"), Class: f("class")}
	if orKept(v.Case.Kind, stored.Kind) == stored.Kind && orKept(v.Case.Service, stored.Service) == stored.Service &&
		orKept(v.Case.Class, stored.Class) == stored.Class {
		s.showCase(c, a, stored, http.StatusUnprocessableEntity, map[string]string{"reclassify": "Pilih layanan, jenis atau kelas yang berbeda dari yang tersimpan."}, "")
		return
	}
	in := cases.Case{ID: stored.ID, Agency: a.Code, Kind: v.Case.Kind, Service: v.Case.Service, Class: v.Case.Class, By: principal(c).Username}
	detail := serviceName(a, stored.Service) + " → " + serviceName(a, orKept(in.Service, stored.Service))
	s.recordChange(c, a, v, in, "case.reclassify", detail)
}

// caseReopen: POST /cases/{agency}/kasus/buka — a completed case opened again, with a reason.
func (s *Staff) caseReopen(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	stored, ok := s.storedCase(c, a)
	if !ok {
		return
	}
	reason := strings.TrimSpace(c.PostForm("reason"))
	errs := map[string]string{}
	if msg := noteProblem(reason, "alasan membuka kembali kasus ini"); msg != "" {
		errs["reason"] = msg
	}
	if stored.Status != cases.StatusSelesai {
		errs["reason"] = "Hanya kasus yang sudah selesai yang dapat dibuka kembali."
	}
	if len(errs) > 0 {
		s.showCase(c, a, stored, http.StatusUnprocessableEntity, errs, reason)
		return
	}
	v := s.caseFormView(c, a, "Kasus "+stored.ID)
	v.Stored = &stored
	v.Reason = reason
	in := cases.Case{ID: stored.ID, Agency: a.Code, Reopen: true, By: principal(c).Username}
	s.recordChange(c, a, v, in, "case.reopen", survey.Clip(reason, 200))
}

// recordChange records one new version of a stored case, audits it, and shows what was
// stored (the new time limit and deadline); a refusal shows the case page with its messages.
func (s *Staff) recordChange(c *gin.Context, a *standard.Agency, v *caseFormView, in cases.Case, action, detail string) {
	res, err := s.opts.Cases.Record(c.Request.Context(), []cases.Case{in})
	var refused *cases.Refusal
	switch {
	case errors.As(err, &refused):
		errs := map[string]string{}
		for k, msg := range refused.Fields {
			errs[k] = msg
		}
		s.showCase(c, a, *v.Stored, http.StatusUnprocessableEntity, errs, "")
		return
	case err != nil:
		s.opts.Logger.Error("case record", "agency", a.Code, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Kasus tidak dapat disimpan saat ini; tidak ada yang berubah. Coba lagi sebentar lagi.")
		return
	}
	if in.Reopen && s.opts.Notes != nil {
		// The reason is in the audit line too, should the note not be stored.
		if err := s.opts.Notes.SaveCaseNote(c.Request.Context(), a.Code, in.ID, principal(c).Username, true, v.Reason, s.opts.Now()); err != nil {
			s.opts.Logger.Error("case reopen reason", "agency", a.Code, "err", err)
		}
	}
	v.Saved = &res[0]
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: action, Target: res[0].ID, Detail: detail})
	s.render(c, http.StatusOK, "case_saved", v)
}

func orKept(v, stored string) string {
	if v == "" {
		return stored
	}
	return v
}

type backlogView struct {
	pageBase
	Month    string
	Months   []monthOption
	Rows     []backlogRow
	Open     uint64
	Overdue  uint64
	Error    string
	AllMonth bool
}

type backlogRow struct {
	reports.OfficerBacklog
	Name, OpenLink, OverdueLink string
}

// caseBacklog: GET /cases/{agency}/petugas?month=… — per officer, the open and overdue cases
// (received in the month, or in any month by default), linking to the filtered register.
func (s *Staff) caseBacklog(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := &backlogView{pageBase: s.base(c, "Beban kerja petugas")}
	m := c.Query("month")
	if m == "" {
		m = allMonths
	}
	sel, ok := s.registerMonths(c, a, m)
	if !ok {
		return
	}
	v.Month, v.Months, v.AllMonth = sel.code, sel.options, sel.code == allMonths
	now := s.opts.Now()
	list, err := s.opts.Register.CaseBacklog(c.Request.Context(), a.Code, sel.first, sel.last, now)
	if err != nil {
		s.opts.Logger.Error("case backlog", "agency", a.Code, "err", err)
		v.Error = "Beban kerja petugas sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
	}
	for _, b := range list {
		q := url.Values{"month": {sel.code}, "petugas": {officerParam(b.Officer)}}
		open := url.Values{"month": q["month"], "petugas": q["petugas"], "status": {openStatus}}
		late := url.Values{"month": q["month"], "petugas": q["petugas"], "terlambat": {"1"}}
		name := b.Officer
		if name == "" {
			name = "Belum ada petugas"
		}
		v.Rows = append(v.Rows, backlogRow{OfficerBacklog: b, Name: name, OpenLink: "/cases/" + a.Code + "?" + open.Encode(),
			OverdueLink: "/cases/" + a.Code + "?" + late.Encode()})
		v.Open += b.Open
		v.Overdue += b.Overdue
	}
	s.render(c, http.StatusOK, "case_backlog", v)
}

// noOfficer is the register's officer filter for cases without one.
const noOfficer = "-"

func officerParam(name string) string {
	if name == "" {
		return noOfficer
	}
	return name
}
