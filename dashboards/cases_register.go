package dashboards

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// CaseRegister reads the case register: its lists, one case, a case's history (every
// version, oldest first, and the notes) and the officers' backlog.
type CaseRegister interface {
	CaseList(ctx context.Context, agency string, f reports.CaseFilter) ([]cases.Record, error)
	Case(ctx context.Context, agency, id string) (cases.Record, bool, error)
	CaseHistory(ctx context.Context, agency, id string) ([]cases.Record, []reports.CaseNote, error)
	CaseBacklog(ctx context.Context, agency string, first, last, now time.Time) ([]reports.OfficerBacklog, error)
}

// registerLimit is how many cases one register page lists.
const registerLimit = 500

// caseKinds and caseStatuses are the choices of the case forms, in Indonesian.
var (
	caseKinds    = kindOptions()
	caseStatuses = statusOptions()
)

func kindOptions() []option {
	out := make([]option, len(standard.Kinds))
	for i, k := range standard.Kinds {
		out[i] = option{k, standard.KindName(k)}
	}
	return out
}

func statusOptions() []option {
	out := make([]option, len(cases.Statuses))
	for i, st := range cases.Statuses {
		out[i] = option{st, cases.StatusName(st)}
	}
	return out
}

// openStatus is the register's status filter for the cases not yet completed.
const openStatus = "terbuka"

// allMonths is the register's month choice for cases received in any month.
const allMonths = "semua"

// registerFilterStatuses are the register's status choices: each status, and still open.
var registerFilterStatuses = append([]option{{openStatus, "Belum selesai (Diterima atau Diproses)"}}, caseStatuses...)

type option struct{ Value, Label string }

type registerView struct {
	pageBase
	MonthLabel string
	Month      string
	Months     []monthOption
	Status     string
	Officer    string
	Officers   []string
	Overdue    bool
	Text       string
	Statuses   []option
	Cases      []cases.Record
	Full       bool // the list was cut at registerLimit
	CanEdit    bool
	Error      string
	Now        time.Time
	// The drill-down's filters (see registerDrill): one service and kind, the month read as
	// the month of completion, on time or late, overdue at the month's end (AtEnd; Now is
	// then that instant, so that the days overdue are counted to it).
	Service  string
	Kind     string
	ByDone   bool
	OnTime   string
	AtEnd    bool
	Services []*standard.Service
	Kinds    []option
	OnTimes  []option
	// Summary says in words what the drill-down's filters select.
	Summary string
}

// The register's on-time choices (?tepat=): on time, or late, among the cases with a time limit.
var registerOnTimes = []option{{"ya", "Tepat waktu"}, {"tidak", "Terlambat (melewati standar waktu)"}}

// Values of the register's ?tanggal= (which date the month selects) and ?terlambat= (overdue
// now, or at the chosen month's end).
const (
	byCompletion  = "selesai"
	overdueAtEnd  = "akhir"
	overdueNowArg = "1"
)

// registerDrill reads the drill-down's filters of the register into v and f: ?layanan= (a
// service of the agency), ?jenis= (a kind), ?tanggal=selesai (the month is the month of
// completion), ?tepat=ya|tidak (on time or late, among the cases with a time limit) and
// ?terlambat=akhir (open at the month's end with the deadline passed by then: the dashboard's
// overdue tile, whatever month the cases were received). A bad value answers 400.
func (s *Staff) registerDrill(c *gin.Context, a *standard.Agency, v *registerView, sel registerMonth, f *reports.CaseFilter) bool {
	sv, ok := s.queryService(c, a, "layanan")
	if !ok {
		return false
	}
	if sv != nil {
		v.Service, f.Service = sv.Code, sv.Code
	}
	if k := c.Query("jenis"); k != "" {
		if !validOption(caseKinds, k) {
			s.errorPage(c, http.StatusBadRequest, "Jenis kasus tidak dikenal. Pilih jenis dari daftar.")
			return false
		}
		v.Kind, f.Kind = k, k
	}
	switch c.Query("tanggal") {
	case "", "diterima":
	case byCompletion:
		if sel.code == allMonths {
			break // every month of completion is every month
		}
		v.ByDone, f.ByDone, f.DoneFirst, f.DoneLast = true, true, sel.first, sel.last
		f.First = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		s.errorPage(c, http.StatusBadRequest, "Pilihan tanggal tidak dikenal: pilih tanggal diterima atau tanggal selesai.")
		return false
	}
	switch t := c.Query("tepat"); t {
	case "":
	case "ya", "tidak":
		v.OnTime, f.OnTime = t, reports.OnTimeOnly
		if t == "tidak" {
			f.OnTime = reports.LateOnly
		}
	default:
		s.errorPage(c, http.StatusBadRequest, "Pilihan tepat waktu tidak dikenal.")
		return false
	}
	if c.Query("terlambat") == overdueAtEnd {
		if sel.code == allMonths {
			s.errorPage(c, http.StatusBadRequest, "Kasus terlambat di akhir bulan: pilih satu bulan.")
			return false
		}
		end := cases.DayEnd(sel.last, a.Location)
		v.AtEnd, v.Now = true, end
		f.ByEnd, f.End, f.First = true, end, time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var words []string
	if v.ByDone {
		words = append(words, "selesai pada "+sel.label)
	}
	if v.AtEnd {
		words = append(words, "belum selesai dan melewati tenggat di akhir "+sel.label+", dari bulan penerimaan mana pun")
	}
	if v.OnTime != "" {
		words = append(words, strings.ToLower(optionLabel(registerOnTimes, v.OnTime)))
	}
	if v.Kind != "" {
		words = append(words, "jenis "+standard.KindName(v.Kind))
	}
	if v.Service != "" {
		words = append(words, "layanan "+a.ServiceName(v.Service))
	}
	if len(words) > 0 {
		v.Summary = "Kasus " + strings.Join(words, ", ") + "."
	}
	return true
}

// registerMonth is the register's month choice: a month, or every month (allMonths).
type registerMonth struct {
	code, label string
	first, last time.Time
	options     []monthOption
}

// registerMonths reads the month m chosen for the register or the backlog: a month (default:
// the current one) or "semua"; a bad value answers 400.
func (s *Staff) registerMonths(c *gin.Context, a *standard.Agency, m string) (registerMonth, bool) {
	if m == allMonths {
		_, opts, _ := s.monthParamOf(c, a, "")
		sel := registerMonth{code: allMonths, label: "semua bulan", first: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
			last: time.Date(2105, 12, 31, 0, 0, 0, 0, time.UTC)}
		sel.options = append([]monthOption{{Code: allMonths, Label: "Semua bulan", Selected: true}}, opts...)
		for i := 1; i < len(sel.options); i++ {
			sel.options[i].Selected = false
		}
		return sel, true
	}
	month, opts, ok := s.monthParamOf(c, a, m)
	if !ok {
		return registerMonth{}, false
	}
	first, last := month.Bounds()
	return registerMonth{code: month.Code(), label: month.Label(survey.ID), first: first, last: last,
		options: append([]monthOption{{Code: allMonths, Label: "Semua bulan"}}, opts...)}, true
}

// caseList: GET /cases/{agency}?month=2026-10&status=…&petugas=…&terlambat=1&q=… — the cases
// received in a month (or every month), of a status or still open, of an officer ("-": none),
// overdue now; and the dashboard's drill-down filters (registerDrill): &layanan=…&jenis=…,
// &tanggal=selesai (completed in the month), &tepat=ya|tidak, &terlambat=akhir (overdue at
// the month's end).
func (s *Staff) caseList(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := &registerView{pageBase: s.base(c, "Register kasus"), Statuses: registerFilterStatuses, Status: c.Query("status"),
		Officer: strings.TrimSpace(c.Query("petugas")), Overdue: c.Query("terlambat") == "1",
		Text: strings.TrimSpace(c.Query("q")), CanEdit: can(principal(c).Role, record), Now: s.opts.Now(),
		Services: a.Services, Kinds: caseKinds, OnTimes: registerOnTimes}
	sel, ok := s.registerMonths(c, a, c.Query("month"))
	if !ok {
		return
	}
	v.Month, v.Months, v.MonthLabel = sel.code, sel.options, sel.label
	if v.Status != "" && !validOption(registerFilterStatuses, v.Status) {
		s.errorPage(c, http.StatusBadRequest, "Status tidak dikenal. Pilih status dari daftar.")
		return
	}
	if t := c.Query("terlambat"); t != "" && t != overdueNowArg && t != overdueAtEnd {
		s.errorPage(c, http.StatusBadRequest, "Pilihan terlambat tidak dikenal.")
		return
	}
	if len(v.Officer) > 100 {
		s.errorPage(c, http.StatusBadRequest, "Nama petugas paling panjang 100 karakter.")
		return
	}
	f := reports.CaseFilter{First: sel.first, Last: sel.last, Text: v.Text, Overdue: v.Overdue, Now: v.Now, Limit: registerLimit + 1}
	if !s.registerDrill(c, a, v, sel, &f) {
		return
	}
	if v.Status == openStatus {
		f.Open = true
	} else {
		f.Status = v.Status
	}
	if v.Officer != "" {
		f.ByOfficer, f.Officer = true, v.Officer
		if v.Officer == noOfficer {
			f.Officer = ""
		}
	}
	ctx := c.Request.Context()
	if backlog, err := s.opts.Register.CaseBacklog(ctx, a.Code, sel.first, sel.last, v.Now); err == nil {
		for _, b := range backlog {
			v.Officers = append(v.Officers, officerParam(b.Officer))
		}
	}
	list, err := s.opts.Register.CaseList(ctx, a.Code, f)
	if err != nil {
		s.opts.Logger.Error("case register", "agency", a.Code, "err", err)
		v.Error = "Register kasus sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi."
	}
	if len(list) > registerLimit {
		list, v.Full = list[:registerLimit], true
	}
	v.Cases = list
	s.render(c, http.StatusOK, "cases", v)
}

// monthParam reads ?month= (default: the current month in the agency's zone) and the list of
// months offered; a bad value answers 400.
func (s *Staff) monthParam(c *gin.Context, a *standard.Agency) (survey.Period, []monthOption, bool) {
	return s.monthParamOf(c, a, c.Query("month"))
}

// monthParamOf is monthParam for the month value m.
func (s *Staff) monthParamOf(c *gin.Context, a *standard.Agency, m string) (survey.Period, []monthOption, bool) {
	now := s.opts.Now().In(a.Location)
	current := survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}
	month, ok := monthQuery(m, now)
	if !ok {
		s.errorPage(c, http.StatusBadRequest, badMonth(now))
		return month, nil, false
	}
	var opts []monthOption
	for i, m := 0, current; i < 24; i, m = i+1, m.Previous() {
		opts = append(opts, monthOption{Code: m.Code(), Label: m.Label(survey.ID), Selected: m == month})
	}
	return month, opts, true
}

// monthQuery reads a ?month= value (2026-10), by default the month of now; a month that is no month,
// or before 2000 or after next year, is refused.
func monthQuery(m string, now time.Time) (survey.Period, bool) {
	current := survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}
	if m == "" {
		return current, true
	}
	p, err := survey.ParsePeriod(m)
	if err != nil || p.Kind != survey.Month || p.Year < 2000 || p.Year > now.Year()+1 {
		return current, false
	}
	return p, true
}

// badMonth answers a month that could not be read, in the words of the month choosers.
func badMonth(now time.Time) string {
	return "Bulan tidak dikenal. Pilih bulan, misalnya " + survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())}.Label(survey.ID) + "."
}

type caseFormView struct {
	pageBase
	New      bool
	Case     caseForm
	Stored   *cases.Record
	Errors   map[string]string
	Kinds    []option
	Statuses []option
	Services []*standard.Service
	Channels []option
	Classes  []option
	Saved    *cases.Record
	CanEdit  bool
	// History is the case's versions and notes, oldest first; Note and Reason hold a
	// refused note or reason for reopening, as typed.
	History   []historyLine
	HistoryOK bool
	Note      string
	Reason    string
	CanReopen bool
}

// caseForm holds the form's values as typed.
type caseForm struct {
	ID, Kind, Service, Channel, Class, Status, ReceivedAt, CompletedAt, Officer, ExternalRef string
}

func (s *Staff) caseFormView(c *gin.Context, a *standard.Agency, title string) *caseFormView {
	v := &caseFormView{pageBase: s.base(c, title), Kinds: caseKinds, Statuses: caseStatuses, Services: a.Services,
		Errors: map[string]string{}, CanEdit: can(principal(c).Role, record)}
	// Every channel a case may have, the agency's own (those of its standard) first.
	for _, ch := range a.Channels {
		v.Channels = append(v.Channels, option{ch, standard.ChannelName(ch)})
	}
	for _, ch := range standard.Channels {
		if !a.AcceptsChannel(ch.Code) {
			v.Channels = append(v.Channels, option{ch.Code, ch.Name})
		}
	}
	for _, cl := range a.ComplaintClasses {
		v.Classes = append(v.Classes, option{cl.Code, cl.Name})
	}
	return v
}

// caseNew: GET /cases/{agency}/baru — the form for a new case, received now.
func (s *Staff) caseNew(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.caseFormView(c, a, "Catat kasus baru")
	v.New = true
	v.Case = caseForm{Kind: standard.KindLayanan, Status: cases.StatusDiterima, ReceivedAt: s.opts.Now().In(a.Location).Format(dateTimeLocal)}
	s.render(c, http.StatusOK, "case", v)
}

// dateTimeLocal is the value format of <input type="datetime-local">.
const dateTimeLocal = "2006-01-02T15:04"

// parseLocalTime reads a date and time field: as a date picker sends it, or as typed in a
// browser without one ("14/10/2026 10.30").
func parseLocalTime(v string, loc *time.Location) (time.Time, bool) {
	for _, layout := range []string{dateTimeLocal, "02/01/2006 15.04", "02/01/2006 15:04", "2/1/2006 15.04", "2/1/2006 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// unreadableTime answers a date and time field the browser sent in another form (typed by
// hand where the browser has no date picker).
const unreadableTime = "Tanggal dan jam tidak terbaca; tulis seperti 14/10/2026 10.30 atau pilih dari kalender."

// caseCreate: POST /cases/{agency}/baru.
func (s *Staff) caseCreate(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.caseFormView(c, a, "Catat kasus baru")
	v.New = true
	v.Case = formCase(c)
	s.saveCase(c, a, v)
}

// caseShow: GET /cases/{agency}/kasus?id=… — one case, its history and, for staff, its
// update, note, reclassification and reopening forms.
func (s *Staff) caseShow(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	stored, found, err := s.opts.Register.Case(c.Request.Context(), a.Code, c.Query("id"))
	if err != nil {
		s.opts.Logger.Error("case", "agency", a.Code, "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Data kasus sementara tidak dapat dimuat. Coba lagi sebentar lagi.")
		return
	}
	if !found {
		s.errorPage(c, http.StatusNotFound, "Kasus tidak ditemukan (kasus yang baru dicatat muncul dalam beberapa detik).")
		return
	}
	s.showCase(c, a, stored, http.StatusOK, nil, "")
}

// showCase renders a stored case's page with its history; errs are the messages of a refused
// note ("note"), reason ("reason") or reclassification, and typed what was typed.
func (s *Staff) showCase(c *gin.Context, a *standard.Agency, stored cases.Record, status int, errs map[string]string, typed string) {
	v := s.caseFormView(c, a, "Kasus "+stored.ID)
	v.Stored = &stored
	v.Case = caseForm{ID: stored.ID, Status: stored.Status, Officer: stored.Officer}
	if stored.CompletedAt != nil {
		v.Case.CompletedAt = stored.CompletedAt.In(a.Location).Format(dateTimeLocal)
	}
	for k, msg := range errs {
		v.Errors[k] = msg
	}
	if _, ok := errs["reason"]; ok {
		v.Reason = typed
	} else {
		v.Note = typed
	}
	v.CanReopen = v.CanEdit && stored.Status == cases.StatusSelesai
	versions, notes, err := s.opts.Register.CaseHistory(c.Request.Context(), a.Code, stored.ID)
	if err != nil {
		s.opts.Logger.Error("case history", "agency", a.Code, "err", err)
	} else {
		v.History, v.HistoryOK = caseHistory(a, versions, notes), true
	}
	s.render(c, status, "case", v)
}

// caseUpdate: POST /cases/{agency}/kasus — a new status, completion time or officer; the
// other fields keep their stored values.
func (s *Staff) caseUpdate(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v := s.caseFormView(c, a, "Kasus "+c.PostForm("id"))
	v.Case = formCase(c)
	v.Case.Kind, v.Case.Service, v.Case.Channel, v.Case.Class, v.Case.ReceivedAt, v.Case.ExternalRef = "", "", "", "", "", ""
	stored, found, err := s.opts.Register.Case(c.Request.Context(), a.Code, v.Case.ID)
	if err == nil && !found {
		s.errorPage(c, http.StatusNotFound, "Kasus tidak ditemukan.")
		return
	}
	if found {
		v.Stored = &stored
	}
	s.saveCase(c, a, v)
}

func formCase(c *gin.Context) caseForm {
	f := func(k string) string { return strings.TrimSpace(c.PostForm(k)) }
	return caseForm{ID: f("id"), Kind: f("kind"), Service: f("service"), Channel: f("channel"), Class: f("class"), Status: f("status"),
		ReceivedAt: f("received_at"), CompletedAt: f("completed_at"), Officer: f("officer"), ExternalRef: f("external_ref")}
}

// saveCase checks the form, records the case through the case intake and shows what was
// stored (the time limit, deadline and on-time flag), or the form again with the messages.
func (s *Staff) saveCase(c *gin.Context, a *standard.Agency, v *caseFormView) {
	in := cases.Case{ID: v.Case.ID, Agency: a.Code, Kind: v.Case.Kind, Service: v.Case.Service, Channel: v.Case.Channel,
		Class: v.Case.Class, Status: v.Case.Status, Officer: v.Case.Officer, ExternalRef: v.Case.ExternalRef, NewNumber: v.New,
		By: principal(c).Username}
	if v.Case.ReceivedAt != "" {
		t, ok := parseLocalTime(v.Case.ReceivedAt, a.Location)
		if !ok {
			v.Errors["received_at"] = unreadableTime
		}
		in.ReceivedAt = t
	}
	if v.Case.CompletedAt != "" {
		t, ok := parseLocalTime(v.Case.CompletedAt, a.Location)
		if !ok {
			v.Errors["completed_at"] = unreadableTime
		}
		in.CompletedAt = &t
	}
	if len(v.Errors) == 0 {
		res, err := s.opts.Cases.Record(c.Request.Context(), []cases.Case{in})
		var refused *cases.Refusal
		switch {
		case errors.As(err, &refused):
			for k, msg := range refused.Fields {
				v.Errors[k] = msg
			}
		case err != nil:
			s.opts.Logger.Error("case record", "agency", a.Code, "err", err)
			s.errorPage(c, http.StatusServiceUnavailable, "Kasus tidak dapat disimpan saat ini; tidak ada yang berubah. Coba lagi sebentar lagi.")
			return
		default:
			v.Saved = &res[0]
			detail := res[0].Status
			if v.Stored != nil && v.Stored.Status != res[0].Status {
				detail = v.Stored.Status + " → " + res[0].Status
			}
			s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "case.record", Target: res[0].ID, Detail: detail})
			s.render(c, http.StatusOK, "case_saved", v)
			return
		}
	}
	s.render(c, http.StatusUnprocessableEntity, "case", v)
}

func validOption(opts []option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// optionLabel is the label of value v among opts, or v itself.
func optionLabel(opts []option, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// caseLink is the register page of a case.
func caseLink(agency, id string) string {
	return "/cases/" + agency + "/kasus?id=" + url.QueryEscape(id)
}
