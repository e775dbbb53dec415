package dashboards

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/cases"
	"skm/reports"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

const testPassword = "kata-sandi-uji-123"

var testHash = func() string {
	h, err := HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
}()

type fakeAccounts struct {
	mu    sync.Mutex
	users map[string]reports.User
}

func (f *fakeAccounts) User(_ context.Context, name string) (reports.User, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.users[name]
	return u, ok, nil
}

func (f *fakeAccounts) set(u reports.User) {
	f.mu.Lock()
	f.users[u.Username] = u
	f.mu.Unlock()
}

type fakeAuditor struct {
	mu      sync.Mutex
	entries []reports.AuditEntry
}

func (f *fakeAuditor) Audit(_ context.Context, e reports.AuditEntry) error {
	f.mu.Lock()
	f.entries = append(f.entries, e)
	f.mu.Unlock()
	return nil
}

func (f *fakeAuditor) AuditLog(_ context.Context, agency, action string, limit int) ([]reports.AuditEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []reports.AuditEntry
	for i := len(f.entries) - 1; i >= 0 && len(out) < limit; i-- {
		if (agency == "" || f.entries[i].Agency == agency) && (action == "" || f.entries[i].Action == action) {
			out = append(out, f.entries[i])
		}
	}
	return out, nil
}

func (f *fakeAuditor) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, e := range f.entries {
		out = append(out, e.Action+":"+e.Username)
	}
	return out
}

// fakeData answers the dashboard's questions with fixed figures; fail names the methods
// that fail.
type fakeData struct {
	hostile string
	fail    map[string]bool
	// targets are the targets set per agency and year (agency/year); the others are the
	// agency file's.
	targets map[string]standard.Targets
}

func (f *fakeData) Targets(_ context.Context, a *standard.Agency, year int) (standard.Targets, error) {
	if t, ok := f.targets[fmt.Sprintf("%s/%d", a.Code, year)]; ok {
		return t, f.err("Targets")
	}
	return a.Targets, f.err("Targets")
}

func (f *fakeData) err(method string) error {
	if f.fail[method] {
		return errors.New("clickhouse: connection refused")
	}
	return nil
}

func (f *fakeData) EachResponse(_ context.Context, s survey.Scope, fn func(*reports.ResponseRow) error) error {
	if err := f.err("EachResponse"); err != nil {
		return err
	}
	first, _ := s.Period.Bounds()
	r := reports.ResponseRow{ID: "r-1", SubmittedAt: first.Add(2 * time.Hour), Date: first, Service: "konsultasi", Channel: "web",
		Answers: [9]uint8{3, 3, 4, 3, 3, 3, 3, 3, 2}, Saran: f.hostile}
	return fn(&r)
}

func (f *fakeData) EachCase(_ context.Context, _ string, first, _ time.Time, fn func(*cases.Record) error) error {
	c := cases.Record{ID: "REG-7", Kind: "layanan", Service: "konsultasi", Channel: "tatap-muka", Status: "diterima",
		ReceivedAt: first.Add(3 * time.Hour), Officer: f.hostile}
	return fn(&c)
}

func tally(n uint64, values [9]uint64) survey.Tally {
	t := survey.Tally{Respondents: n}
	for i, v := range values {
		t.Sum[i], t.Answers[i] = v*n/100, n
	}
	return t
}

func (f *fakeData) IKM(_ context.Context, s survey.Scope) (survey.Tally, error) {
	return tally(100, [9]uint64{340, 350, 310, 380, 342, 341, 341, 318, 300}), f.err("IKM")
}

// IKMMonths: 10 respondents answering all 3 in each month of July–December 2025, and 20 in
// each month of July–November 2026, none else.
func (f *fakeData) IKMMonths(_ context.Context, _, _ string, first, last survey.Period) ([]reports.MonthTally, error) {
	out := []reports.MonthTally{}
	for m := (survey.Period{Kind: survey.Month, Year: 2025, N: 7}); m.Year == 2025; m = m.Next() {
		out = append(out, reports.MonthTally{Month: m, Tally: tally(10, [9]uint64{300, 300, 300, 300, 300, 300, 300, 300, 300})})
	}
	for m := (survey.Period{Kind: survey.Month, Year: 2026, N: 7}); m.N <= 11; m = m.Next() {
		out = append(out, reports.MonthTally{Month: m, Tally: tally(20, [9]uint64{340, 350, 310, 380, 342, 341, 341, 318, 300})})
	}
	return out, f.err("IKMMonths")
}

// Semester: the semester report's figures, with the period's tally as IKM gives it.
func (f *fakeData) Semester(ctx context.Context, a *standard.Agency, p survey.Period, now time.Time) (*reports.SemesterFigures, error) {
	t, err := f.IKM(ctx, survey.Scope{Agency: a.Code, Period: p})
	if err != nil {
		return nil, err
	}
	return &reports.SemesterFigures{Agency: a, Period: p, Previous: p.Previous(), YearAgo: p.YearEarlier(), Tally: t, Now: now,
		Provisional: !p.Ended(now, a.Location)}, f.err("Semester")
}

func (f *fakeData) IKMByService(_ context.Context, s survey.Scope) ([]reports.ServiceTally, error) {
	return []reports.ServiceTally{{Service: "konsultasi", Tally: tally(60, [9]uint64{340, 350, 310, 380, 342, 341, 341, 318, 300})}}, f.err("IKMByService")
}

func (f *fakeData) Population(context.Context, survey.Scope) (uint64, error) {
	return 1000, f.err("Population")
}

func (f *fakeData) Profile(context.Context, survey.Scope) ([]reports.ProfileCount, error) {
	return []reports.ProfileCount{{Dimension: "jenis_kelamin", Value: "L", Count: 50}, {Dimension: "pekerjaan", Value: f.hostile, Count: 3}}, f.err("Profile")
}

func (f *fakeData) Sarans(context.Context, survey.Scope, int, int) ([]reports.Saran, error) {
	return []reports.Saran{{At: time.Date(2026, 10, 5, 3, 0, 0, 0, time.UTC), Service: "konsultasi", Text: "Saran " + f.hostile}}, f.err("Sarans")
}

func (f *fakeData) SaranThemes(_ context.Context, _ survey.Scope, ts *standard.SaranThemes) (reports.SaranThemeSummary, error) {
	sum := reports.SaranThemeSummary{Total: 4}
	for _, code := range ts.Codes() {
		th, _ := ts.Theme(code)
		t := reports.SaranTheme{Code: code, Label: th.Label, Element: th.Element}
		if code == "waktu" {
			t.Count, t.Share = 3, 75
			t.Examples = []reports.Saran{{At: time.Date(2026, 10, 5, 3, 0, 0, 0, time.UTC), Service: "konsultasi", Text: "Lama " + f.hostile}}
		}
		sum.Themes = append(sum.Themes, t)
	}
	return sum, f.err("SaranThemes")
}

func (f *fakeData) SaransInThemes(_ context.Context, _ survey.Scope, _ *standard.SaranThemes, codes []string, limit, offset int) ([]reports.ThemedSaran, uint64, error) {
	if !slices.Contains(codes, "waktu") || offset >= 3 {
		return nil, 0, f.err("SaransInThemes")
	}
	var out []reports.ThemedSaran
	for i := offset; i < 3 && len(out) < limit; i++ {
		out = append(out, reports.ThemedSaran{Saran: reports.Saran{At: time.Date(2026, 10, 5-i, 3, 0, 0, 0, time.UTC), Service: "konsultasi",
			Text: fmt.Sprintf("Lama %d %s", i, f.hostile)}, Themes: []string{"waktu"}})
	}
	return out, 3, f.err("SaransInThemes")
}

func (f *fakeData) ResponsesByDay(_ context.Context, s survey.Scope) ([]reports.DayCount, error) {
	first, _ := s.Period.Bounds()
	return []reports.DayCount{{Day: first, Respondents: 7}}, f.err("ResponsesByDay")
}

func (f *fakeData) Meeting(_ context.Context, a *standard.Agency, month survey.Period) (survey.Meeting, error) {
	return survey.Meeting{Agency: a.Code, Month: month.Code()}, f.err("Meeting")
}

func (f *fakeData) OpenDecisions(context.Context, string, time.Time) ([]survey.Decision, error) {
	return nil, f.err("OpenDecisions")
}

func (f *fakeData) Revision(_ context.Context, _ string, p survey.Period) (survey.Revision, error) {
	if p.Code() == "2026-S1" {
		return survey.Revision{Responses: 35, PublishedAt: time.Date(2026, 7, 10, 3, 0, 0, 0, time.UTC), At: time.Date(2026, 8, 12, 3, 0, 0, 0, time.UTC)}, f.err("Revision")
	}
	return survey.Revision{}, f.err("Revision")
}

func (f *fakeData) Alerts(context.Context, string, time.Time) ([]reports.AuditEntry, error) {
	return []reports.AuditEntry{{At: time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC), Action: survey.BurstAction,
		Detail: "IKM Semester II 2026 berubah dari 86,10 ke 71,02 dalam 10 menit oleh 240 respons " + f.hostile}}, f.err("Alerts")
}

func (f *fakeData) FollowUps(context.Context, string, survey.Period) ([]survey.FollowUp, error) {
	return []survey.FollowUp{{Element: "U9", Action: "Perbaiki ruang tunggu " + f.hostile, Status: "berjalan", Progress: 40}}, f.err("FollowUps")
}

// CaseSummary: the same figures in every month from November 2025; October 2025 has fewer
// cases, all on time, and no complaints; no cases before it.
func (f *fakeData) CaseSummary(_ context.Context, _ string, month survey.Period, _ string, _ *time.Location) (reports.CaseSummary, error) {
	switch oct25 := (survey.Period{Kind: survey.Month, Year: 2025, N: 10}); {
	case month == oct25:
		return reports.CaseSummary{CaseStats: reports.CaseStats{Received: 32, Completed: 20, WithLimit: 20, OnTime: 20, MedianMinutes: 240,
			OpenAtEnd: 5}}, f.err("CaseSummary")
	case month.Start().Before(oct25.Start()):
		return reports.CaseSummary{}, f.err("CaseSummary")
	}
	s := reports.CaseSummary{CaseStats: reports.CaseStats{Received: 40, Completed: 30, WithLimit: 28, OnTime: 25, MedianMinutes: 300,
		OpenAtEnd: 10, OverdueAtEnd: 2, ByDuration: []uint64{1, 2, 3, 4, 5, 15}}}
	s.Complaints = reports.CaseStats{Received: 17, Completed: 17, WithLimit: 17, OnTime: 16, OpenAtEnd: 16, OverdueAtEnd: 15}
	s.ByChannel = []reports.CaseGroup{{Key: "email", CaseStats: reports.CaseStats{Received: 40}}}
	return s, f.err("CaseSummary")
}

func (f *fakeData) OverdueCases(context.Context, string, survey.Period, string, *time.Location, int) ([]reports.OverdueCase, error) {
	return []reports.OverdueCase{{ID: "REG-1", Service: "konsultasi", Channel: "email", Status: "diproses", Officer: f.hostile,
		ReceivedAt: time.Date(2026, 10, 1, 2, 0, 0, 0, time.UTC), DeadlineAt: time.Date(2026, 10, 8, 9, 0, 0, 0, time.UTC)}}, f.err("OverdueCases")
}

// BacklogAtMonthEnd: the 2 overdue cases of the case summary, both of one officer.
func (f *fakeData) BacklogAtMonthEnd(context.Context, string, survey.Period, *time.Location, time.Time) ([]reports.OfficerBacklog, error) {
	return []reports.OfficerBacklog{{Officer: f.hostile, Open: 3, Overdue: 2, OldestLate: 12}, {Open: 7}}, f.err("BacklogAtMonthEnd")
}

func (f *fakeData) OnTimeByMonth(_ context.Context, _ string, first, _ survey.Period, _ string) ([]reports.MonthServiceCases, error) {
	return []reports.MonthServiceCases{{Month: first, Service: "konsultasi", Completed: 10, WithLimit: 10, OnTime: 9}}, f.err("OnTimeByMonth")
}

// OverdueByOfficer: the two overdue cases of the summary, one of an officer with a hostile
// name, one without an officer.
func (f *fakeData) OverdueByOfficer(context.Context, string, survey.Period, string, *time.Location) ([]reports.OfficerCount, error) {
	return []reports.OfficerCount{{Officer: f.hostile, Cases: 1}, {Officer: "", Cases: 1}}, f.err("OverdueByOfficer")
}

// AnswerCounts: konsultasi's 60 respondents of IKMByService, split over the answers.
func (f *fakeData) AnswerCounts(context.Context, survey.Scope, survey.Element) ([]reports.ServiceAnswers, error) {
	return []reports.ServiceAnswers{{Service: "konsultasi", Counts: [4]uint64{2, 8, 30, 20}}}, f.err("AnswerCounts")
}

// fakeRegister is a case register of one stored case, REG-7 of Kalbar.
type fakeRegister struct{}

func (fakeRegister) CaseList(_ context.Context, agency string, f reports.CaseFilter) ([]cases.Record, error) {
	c, _, _ := fakeRegister{}.Case(context.Background(), agency, "REG-7")
	return []cases.Record{c}, nil
}

func (fakeRegister) Case(_ context.Context, agency, id string) (cases.Record, bool, error) {
	if agency != "bppd-kalbar" || id != "REG-7" {
		return cases.Record{}, false, nil
	}
	d := time.Date(2026, 10, 9, 9, 0, 0, 0, time.UTC)
	return cases.Record{ID: "REG-7", Kind: "layanan", Service: "konsultasi", Channel: "email", Class: "normatif", Status: "diproses",
		ReceivedAt: time.Date(2026, 10, 6, 2, 0, 0, 0, time.UTC), SLAAmount: 3, SLAUnit: "hari_kerja", DeadlineAt: &d, Officer: hostile}, true, nil
}

// CaseHistory is REG-7's two versions, and a note between them.
func (fakeRegister) CaseHistory(_ context.Context, agency, id string) ([]cases.Record, []reports.CaseNote, error) {
	now, _, _ := fakeRegister{}.Case(context.Background(), agency, id)
	first := now
	first.Status, first.Officer, first.RecordedBy = cases.StatusDiterima, "", "token:ab12"
	first.UpdatedAt = time.Date(2026, 10, 6, 2, 0, 0, 0, time.UTC)
	now.RecordedBy, now.UpdatedAt = "staf-kalbar", time.Date(2026, 10, 7, 2, 0, 0, 0, time.UTC)
	note := reports.CaseNote{At: time.Date(2026, 10, 6, 5, 0, 0, 0, time.UTC), Username: "staf-kalbar", Text: "Pemohon ditelepon " + hostile}
	return []cases.Record{first, now}, []reports.CaseNote{note}, nil
}

func (fakeRegister) CaseBacklog(context.Context, string, time.Time, time.Time, time.Time) ([]reports.OfficerBacklog, error) {
	return []reports.OfficerBacklog{{Officer: hostile, Open: 3, Overdue: 2, OldestLate: 12}, {Open: 1}}, nil
}

// fakeNotes keeps the notes saved.
type fakeNotes struct{ saved []string }

func (f *fakeNotes) SaveCaseNote(_ context.Context, agency, id, username string, reopen bool, text string, _ time.Time) error {
	f.saved = append(f.saved, fmt.Sprintf("%s %s %s %v %s", agency, id, username, reopen, text))
	return nil
}

type fakeHolidays struct {
	changes []standard.HolidayChange
	by      string
}

func (f *fakeHolidays) HolidayChanges(context.Context) ([]standard.HolidayChange, error) {
	return f.changes, nil
}

func (f *fakeHolidays) ChangeHolidays(_ context.Context, ch []standard.HolidayChange, by string) (int, error) {
	f.changes, f.by = append(f.changes, ch...), by
	return 4, nil
}

type staffFixture struct {
	h        http.Handler
	holidays *fakeHolidays
	periods  *fakePeriods
	targets  *fakeTargets
	meetings *fakeMeetings
	texts    *fakeReportTexts
	recorder *fakeRecords
	importer *fakeImporter
	notes    *fakeNotes
	accounts *fakeAccounts
	store    *fakeAccountStore
	audit    *fakeAuditor
	data     *fakeData
	kiosks   *KioskSightings
	set      *standard.Set
	now      time.Time
}

const hostile = `</script><script>alert(1)</script>`

func newStaffFixture(t *testing.T) *staffFixture {
	t.Helper()
	return newStaffFixtureWith(t, nil)
}

// newStaffFixtureWith is newStaffFixture with a store of revoked sessions.
func newStaffFixtureWith(t *testing.T, rev Revocations) *staffFixture {
	t.Helper()
	return newStaffFixtureOpts(t, func(o *StaffOptions) { o.Revocations = rev })
}

// newStaffFixtureOpts is newStaffFixture with options changed by change.
func newStaffFixtureOpts(t *testing.T, change func(*StaffOptions)) *staffFixture {
	t.Helper()
	set := standardtest.Examples(t)
	kalbar, _ := set.Agency("bppd-kalbar")
	kalbar.Services[0].Name = hostile // a hostile service name must never run as script
	f := &staffFixture{set: set, accounts: &fakeAccounts{users: map[string]reports.User{}}, audit: &fakeAuditor{},
		data: &fakeData{hostile: hostile, fail: map[string]bool{}, targets: map[string]standard.Targets{}}, now: time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)}
	for _, u := range []reports.User{
		{Username: "admin", Role: RoleAdmin},
		{Username: "kepala-kalbar", Role: RoleHead, Agency: "bppd-kalbar"},
		{Username: "staf-kalbar", Role: RoleStaff, Agency: "bppd-kalbar"},
		{Username: "kepala-ntt", Role: RoleHead, Agency: "bppd-ntt"},
		{Username: "staf-ntt", Role: RoleStaff, Agency: "bppd-ntt"},
		{Username: "mantan", Role: RoleStaff, Agency: "bppd-kalbar", Disabled: true},
	} {
		u.PasswordHash, u.Version = testHash, 1
		f.accounts.set(u)
	}
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i)
	}
	f.recorder, f.holidays, f.periods, f.importer = &fakeRecords{}, &fakeHolidays{}, &fakePeriods{}, &fakeImporter{}
	f.notes = &fakeNotes{}
	f.store = newFakeAccountStore(f.accounts)
	f.targets = &fakeTargets{data: f.data}
	f.meetings = &fakeMeetings{}
	f.texts = &fakeReportTexts{}
	f.kiosks = NewKioskSightings(func() time.Time { return f.now })
	opts := StaffOptions{Kiosks: f.kiosks, Set: set, Accounts: f.accounts, Auditor: f.audit, Data: f.data, SessionKey: key,
		Cases: f.recorder, Register: fakeRegister{}, Records: f.recorder, Holidays: f.holidays, AuditLog: f.audit,
		Reports: f.data, Periods: f.periods, Now: func() time.Time { return f.now },
		Importer: f.importer, ImportDir: t.TempDir(), AccountStore: f.store, HashCode: fakeHash, Targets: f.targets, Notes: f.notes,
		Meetings: f.meetings, ReportTexts: f.texts}
	change(&opts)
	staff, err := NewStaff(opts)
	if err != nil {
		t.Fatal(err)
	}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(CrossOriginProtection())
	staff.Register(r)
	f.h = r
	return f
}

// do sends a request with the cookies given and returns the response.
func (f *staffFixture) do(method, target string, cookies []*http.Cookie, form url.Values) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	return w
}

// login signs username in and returns the session cookie.
func (f *staffFixture) login(t *testing.T, username string) []*http.Cookie {
	t.Helper()
	w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {username}, "password": {testPassword}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("login %s: %d %s", username, w.Code, w.Body)
	}
	return w.Result().Cookies()
}

// TestEveryStaffRouteByRoleAndAgency walks every registered route as anonymous, admin, and
// head and staff of the agency in the URL and of another agency. A route added without an
// entry here makes the test fail.
func TestEveryStaffRouteByRoleAndAgency(t *testing.T) {
	f := newStaffFixture(t)
	who := []string{"", "admin", "kepala-kalbar", "staf-kalbar", "kepala-ntt", "staf-ntt"}
	// Expected status per principal, in the order of who; the URL's agency is bppd-kalbar.
	// 303L: redirected to the login page; 303: redirected elsewhere.
	want := map[string][6]string{
		"GET /login":                            {"200", "303", "303", "303", "303", "303"},
		"POST /login":                           {"422", "422", "422", "422", "422", "422"},      // no credentials sent
		"POST /logout":                          {"401", "303L", "303L", "303L", "303L", "303L"}, // last: it ends the sessions
		"GET /static/*file":                     {"200", "200", "200", "200", "200", "200"},
		"GET /dashboard":                        {"303L", "200", "303", "303", "303", "303"},
		"GET /dashboard/:agency":                {"303L", "200", "200", "200", "403", "403"},
		"GET /dashboard/:agency/ringkasan":      {"303L", "200", "200", "200", "403", "403"},
		"GET /dashboard/:agency/unsur/:kode":    {"303L", "200", "200", "200", "403", "403"},
		"GET /cases/:agency":                    {"303L", "200", "200", "200", "403", "403"},
		"GET /cases/:agency/baru":               {"303L", "200", "403", "200", "403", "403"}, // heads view, staff record
		"POST /cases/:agency/baru":              {"401", "422", "403", "422", "403", "403"},  // an empty form
		"GET /cases/:agency/kasus":              {"303L", "200", "200", "200", "403", "403"},
		"POST /cases/:agency/kasus":             {"401", "200", "403", "200", "403", "403"}, // id REG-7, nothing changed
		"POST /cases/:agency/kasus/catatan":     {"401", "422", "403", "422", "403", "403"}, // an empty note
		"POST /cases/:agency/kasus/klasifikasi": {"401", "422", "403", "422", "403", "403"}, // nothing changed
		"POST /cases/:agency/kasus/buka":        {"401", "422", "403", "422", "403", "403"}, // REG-7 is open; no reason
		"GET /cases/:agency/petugas":            {"303L", "200", "200", "200", "403", "403"},
		"GET /saran/:agency":                    {"303L", "200", "200", "200", "403", "403"},
		"GET /rtl/:agency":                      {"303L", "200", "200", "200", "403", "403"},
		"POST /rtl/:agency":                     {"401", "422", "403", "422", "403", "403"}, // an empty item
		"GET /periode/:agency":                  {"303L", "200", "200", "200", "403", "403"},
		"POST /periode/:agency":                 {"401", "400", "400", "403", "403", "403"}, // no period chosen; heads and admins decide
		"GET /target/:agency":                   {"303L", "200", "200", "200", "403", "403"},
		"POST /target/:agency":                  {"401", "422", "422", "403", "403", "403"}, // an empty setting; heads and admins set targets
		"GET /rapat/:agency":                    {"303L", "200", "200", "200", "403", "403"},
		"POST /rapat/:agency":                   {"401", "422", "403", "422", "403", "403"}, // an empty meeting; staff record, heads read
		"POST /rapat/:agency/keputusan":         {"401", "422", "403", "422", "403", "403"}, // an empty decision
		"POST /rapat/:agency/tutup":             {"401", "422", "422", "403", "403", "403"}, // no decision chosen; heads and admins close
		"GET /laporan/:agency":                  {"303L", "200", "200", "200", "403", "403"},
		"POST /laporan/:agency":                 {"401", "303", "303", "303", "403", "403"}, // no text sent: nothing changed; staff, heads and admins write
		"GET /impor/:agency":                    {"303L", "200", "200", "200", "403", "403"},
		"POST /impor/:agency":                   {"401", "422", "403", "422", "403", "403"}, // no file; heads read only
		"POST /impor/:agency/simpan":            {"401", "410", "403", "410", "403", "403"}, // no staged file
		"GET /admin/holidays":                   {"303L", "200", "403", "403", "403", "403"},
		"POST /admin/holidays":                  {"401", "422", "403", "403", "403", "403"}, // an empty change
		"GET /admin/audit":                      {"303L", "200", "403", "403", "403", "403"},
		"GET /admin/akun":                       {"303L", "200", "200", "403", "200", "403"}, // heads: their own agency's
		"POST /admin/akun":                      {"401", "422", "422", "403", "422", "403"},  // an empty form
		"POST /admin/akun/ubah":                 {"401", "422", "422", "403", "422", "403"},  // no change chosen
		"GET /admin/token":                      {"303L", "200", "200", "403", "200", "403"},
		"POST /admin/token":                     {"401", "422", "422", "403", "422", "403"},  // no name
		"POST /admin/token/cabut":               {"401", "422", "422", "403", "422", "403"},  // no token chosen
		"GET /kios/:agency":                     {"303L", "200", "200", "200", "403", "403"}, // staff set up the tablets
		"POST /kios/:agency":                    {"401", "422", "422", "422", "403", "403"},  // no name
		"POST /kios/:agency/cabut":              {"401", "422", "422", "422", "403", "403"},  // no device chosen
		"GET /akun/setel-sandi":                 {"200", "200", "200", "200", "200", "200"},  // no code: the form to type it
		"POST /akun/setel-sandi":                {"410", "410", "410", "410", "410", "410"},  // no valid code
		"GET /reports/:agency/:file":            {"303L", "200", "200", "200", "403", "403"}, // monthly.xlsx
	}
	cookies := map[string][]*http.Cookie{}
	for _, u := range who[1:] {
		cookies[u] = f.login(t, u)
	}
	routes := f.h.(*gin.Engine).Routes()
	sort.SliceStable(routes, func(i, j int) bool { return routes[j].Path == "/logout" && routes[i].Path != "/logout" })
	if len(routes) != len(want) {
		t.Errorf("%d routes registered, %d in this test: add the new route here", len(routes), len(want))
	}
	for _, rt := range routes {
		exp, ok := want[rt.Method+" "+rt.Path]
		if !ok {
			t.Errorf("route %s %s has no entry in this test", rt.Method, rt.Path)
			continue
		}
		path := strings.NewReplacer(":agency", "bppd-kalbar", "*file", "staff.css", ":file", "monthly.xlsx", ":kode", "U3").Replace(rt.Path) + "?month=2026-10&id=REG-7&period=2026-S2"
		for i, u := range who {
			form := url.Values{}
			if strings.HasPrefix(rt.Path, "/cases/:agency/kasus") {
				form.Set("id", "REG-7")
			}
			if rt.Path == "/rtl/:agency" {
				form.Set("status", "selesai")
			}
			w := f.do(rt.Method, path, cookies[u], form)
			got := strconv.Itoa(w.Code)
			if w.Code == http.StatusSeeOther && strings.HasPrefix(w.Header().Get("Location"), "/login") {
				got = "303L"
			}
			if got != exp[i] {
				t.Errorf("%s %s as %q: %s, want %s", rt.Method, path, u, got, exp[i])
			}
		}
	}
	// Routes whose queries change what they do: the audit filter, the login redirect (signed
	// in again: the walk ended with logout).
	for _, u := range who[1:] {
		cookies[u] = f.login(t, u)
	}
	for target, exp := range map[string][6]string{
		"/admin/audit?kind=login.throttled&agency=bppd-kalbar": {"303L", "200", "403", "403", "403", "403"},
		"/admin/audit?kind=tidak.ada":                          {"303L", "400", "403", "403", "403", "403"},
		"/login?next=/../%5Cevil.example":                      {"200", "303D", "303D", "303D", "303D", "303D"},
		"/login?next=/cases/bppd-kalbar":                       {"200", "303C", "303C", "303C", "303C", "303C"},
	} {
		for i, u := range who {
			{
				w := f.do(http.MethodGet, target, cookies[u], nil)
				got, loc := strconv.Itoa(w.Code), w.Header().Get("Location")
				switch {
				case w.Code == http.StatusSeeOther && strings.HasPrefix(loc, "/login"):
					got = "303L"
				case w.Code == http.StatusSeeOther && loc == "/dashboard":
					got = "303D"
				case w.Code == http.StatusSeeOther && loc == "/cases/bppd-kalbar":
					got = "303C"
				}
				if got != exp[i] {
					t.Errorf("GET %s as %q: %s (%s), want %s", target, u, got, loc, exp[i])
				}
			}
		}
	}
	// An unknown agency is not found, for admins too; a path trick does not change the agency.
	cookies["admin"], cookies["kepala-ntt"] = f.login(t, "admin"), f.login(t, "kepala-ntt")
	if w := f.do(http.MethodGet, "/dashboard/bppd-zzz", cookies["admin"], nil); w.Code != http.StatusNotFound {
		t.Errorf("unknown agency: %d", w.Code)
	}
	if w := f.do(http.MethodGet, "/dashboard/bppd-ntt%2F..%2Fbppd-kalbar", cookies["kepala-ntt"], nil); w.Code == http.StatusOK {
		t.Errorf("encoded path trick reached a dashboard: %d", w.Code)
	}
}

func TestLoginLogoutAndSessions(t *testing.T) {
	f := newStaffFixture(t)
	// Wrong password and unknown account: the same answer.
	for _, u := range []string{"kepala-kalbar", "siapa-ini"} {
		w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {u}, "password": {"salah-sekali-123"}})
		if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "Nama pengguna atau kata sandi salah") {
			t.Errorf("bad login for %s: %d", u, w.Code)
		}
		if len(w.Result().Cookies()) != 0 {
			t.Errorf("a refused login set a cookie")
		}
	}
	if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"mantan"}, "password": {testPassword}}); w.Code != http.StatusUnauthorized {
		t.Errorf("disabled account logged in: %d", w.Code)
	}
	// The cookie is HttpOnly, SameSite=Lax, and opaque (encrypted: no username inside).
	w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {testPassword},
		"next": {"https://evil.example/"}})
	if loc := w.Header().Get("Location"); loc != "/dashboard" {
		t.Errorf("login redirected to %q: only local paths are followed", loc)
	}
	c := w.Result().Cookies()
	if len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode || strings.Contains(c[0].Value, "kepala") {
		t.Fatalf("session cookie %+v", c)
	}
	// A tampered cookie is no session.
	bad := *c[0]
	bad.Value = bad.Value[:len(bad.Value)-4] + "AAAA"
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar", []*http.Cookie{&bad}, nil); w.Code != http.StatusSeeOther {
		t.Errorf("tampered cookie: %d", w.Code)
	}
	// A new password (a new account version) ends the session once the cache expires.
	u, _, _ := f.accounts.User(context.Background(), "kepala-kalbar")
	u.Version = 2
	f.accounts.set(u)
	f.now = f.now.Add(userTTL + time.Second)
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil); w.Code != http.StatusSeeOther {
		t.Errorf("session survived a password change: %d", w.Code)
	}
	// Sessions expire.
	c = f.login(t, "staf-kalbar")
	f.now = f.now.Add(13 * time.Hour)
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil); w.Code != http.StatusSeeOther {
		t.Errorf("session older than 12 h still valid: %d", w.Code)
	}
	// Logout clears the cookie; both are in the audit log.
	c = f.login(t, "staf-kalbar")
	w = f.do(http.MethodPost, "/logout", c, url.Values{})
	if w.Code != http.StatusSeeOther || len(w.Result().Cookies()) != 1 || w.Result().Cookies()[0].MaxAge >= 0 {
		t.Errorf("logout: %d %v", w.Code, w.Result().Cookies())
	}
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar", c, nil); w.Code != http.StatusSeeOther {
		t.Errorf("the cookie of a logged-out session still works: %d", w.Code)
	}
	got := strings.Join(f.audit.actions(), " ")
	for _, want := range []string{"login.refused:kepala-kalbar", "login.refused:siapa-ini", "login:kepala-kalbar", "logout:staf-kalbar"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit log lacks %s: %s", want, got)
		}
	}
}

func TestLoginIsRateLimitedPerAccount(t *testing.T) {
	f := newStaffFixture(t)
	for i := range pairBurst {
		w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {"tebakan-ke-" + string(rune('a'+i))}})
		if w.Code != http.StatusUnauthorized {
			t.Fatalf("try %d: %d", i, w.Code)
		}
	}
	// Now even the right password waits; another account is not affected.
	if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {testPassword}}); w.Code != http.StatusTooManyRequests {
		t.Errorf("after %d wrong passwords: %d", pairBurst, w.Code)
	}
	if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"staf-kalbar"}, "password": {testPassword}}); w.Code != http.StatusSeeOther {
		t.Errorf("another account: %d", w.Code)
	}
	f.now = f.now.Add(4 * time.Minute)
	if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"kepala-kalbar"}, "password": {testPassword}}); w.Code != http.StatusSeeOther {
		t.Errorf("after waiting: %d", w.Code)
	}
}

func TestCrossSitePostIsRefused(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "staf-kalbar")
	req := httptest.NewRequest(http.MethodPost, "/logout", strings.NewReader(""))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	for _, ck := range c {
		req.AddCookie(ck)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	if w.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: %d", w.Code)
	}
	req = httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("username=staf-kalbar&password="+testPassword))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://other.example:8080")
	w = httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	if w.Code != http.StatusForbidden {
		t.Errorf("login posted from another origin: %d", w.Code)
	}
}

// TestDashboardIsSafeWithHostileNames renders the dashboard with a service, an officer, a
// saran and an occupation named </script><script>alert(1)</script>: no script but ours may
// appear, and the page keeps its strict policy.
func TestDashboardIsSafeWithHostileNames(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", c, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("dashboard: %d %s", w.Code, w.Body)
	}
	body := w.Body.String()
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "</script><script>") {
		t.Fatal("the hostile name reached the page unescaped")
	}
	scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1)
	for _, s := range scripts {
		if s != `<script src="/static/vendor/echarts-5.6.0/echarts.min.js" defer>` && s != `<script src="/static/dashboard.js" defer>` &&
			s != `<script src="/static/print.js" defer>` &&
			!strings.HasPrefix(s, `<script type="application/json" data-chart="chart-`) {
			t.Errorf("unexpected script element %s", s)
		}
	}
	if !strings.Contains(body, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("the hostile service name should reach the chart data, escaped")
	}
	if !strings.Contains(body, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile officer name should appear as text")
	}
	// Scripts and style sheets only from our files; the one exception is style attributes
	// (ECharts styles tooltips with them), which cannot run script.
	csp := w.Header().Get("Content-Security-Policy")
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		if strings.Contains(d, "unsafe") && d != "style-src-attr 'unsafe-inline'" {
			t.Errorf("policy %q allows %q", csp, d)
		}
	}
	if !strings.Contains(csp, "script-src 'self';") || !strings.Contains(csp, "style-src 'self';") {
		t.Errorf("policy %q", csp)
	}
}

// TestDashboardFigures checks tiles against the fake's figures computed by hand.
func TestDashboardFigures(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "kepala-kalbar")
	body := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", c, nil).Body.String()
	// The period's IKM comes from the monthly tallies of 20 respondents each, whose sums are
	// 68 70 62 76 68 68 68 63 60 (the fake truncates v·20/100): NRR total 603/20 = 30,15;
	// ÷ 9 × 25 = 83,75. Four months up to October: 80 respondents. Population 1.000 needs
	// 278 (Krejcie-Morgan). On time: 25 of 28 = 89,3 %, amber against 90 %; median 300 min =
	// 5,0 working hours; 10 open, 2 overdue. Complaints: 16 of 17 on time (94,1 %, above the
	// target) but 15 of the 16 still open are overdue, so the tile is red and says so.
	for _, want := range []string{">83,75 <", "80 responden", ">80 <span class=\"unit\">dari 278", "populasi 1.000",
		">89,3 <", "perlu perhatian · target 90 %", ">5,0 <", "2 tanpa standar waktu", "dari 10 kasus yang belum selesai",
		"2 dari 10 kasus terbuka melewati tenggat", ">94,1 <", `<span class="badge terlambat">Diproses</span>`, "15 dari 16 pengaduan terbuka melewati tenggat",
		"17 masuk Oktober 2026; 17 selesai Oktober 2026 (termasuk yang masuk sebelumnya); 16 masih terbuka di akhir Oktober 2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	// A past month's tiles never say "bulan ini"; the complaints' tile is red.
	if strings.Contains(body, "bulan ini") {
		t.Error(`October's dashboard (seen in November) says "bulan ini"`)
	}
	complaint := regexp.MustCompile(`<div class="tile (\w*)">\s*<div class="label">Pengaduan selesai tepat waktu`).FindStringSubmatch(body)
	if complaint == nil || complaint[1] != "merah" {
		t.Errorf("complaint tile %v, want merah (15 of 16 open complaints overdue)", complaint)
	}
}

// TestDashboardSurvivesAFailingPanel: one failing query shows an error card, the rest renders.
func TestDashboardSurvivesAFailingPanel(t *testing.T) {
	f := newStaffFixture(t)
	f.data.fail["OnTimeByMonth"] = true
	c := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", c, nil)
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(body, "tidak dapat dimuat") || !strings.Contains(body, `data-chart="chart-ikm-trend"`) ||
		strings.Contains(body, `data-chart="chart-ontime-service"`) {
		t.Errorf("with one failing panel: %d", w.Code)
	}
	if strings.Contains(body, "connection refused") {
		t.Error("an internal error reached the page")
	}
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-13", c, nil); w.Code != http.StatusBadRequest {
		t.Errorf("bad month: %d", w.Code)
	}
	if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar?service=tidak-ada", c, nil); w.Code != http.StatusBadRequest {
		t.Errorf("unknown service: %d", w.Code)
	}
}

// TestCaseRegister records a case through the form, refuses a bad one with messages at its
// fields, updates a status, and writes each change to the audit log.
func TestCaseRegister(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "staf-kalbar")
	w := f.do(http.MethodGet, "/cases/bppd-kalbar?month=2026-10", c, nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "REG-7") || !strings.Contains(w.Body.String(), "3 hari kerja") ||
		strings.Contains(w.Body.String(), "<script>alert") {
		t.Fatalf("register: %d", w.Code)
	}
	form := url.Values{"kind": {"layanan"}, "service": {"konsultasi"}, "channel": {"merpati"}, "status": {"diterima"},
		"received_at": {"2026-10-14T10:30"}, "officer": {"Rina"}}
	w = f.do(http.MethodPost, "/cases/bppd-kalbar/baru", c, form)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Kanal &#34;merpati&#34; tidak dikenal.") || len(f.recorder.cases) != 0 {
		t.Fatalf("bad channel: %d", w.Code)
	}
	if !strings.Contains(w.Body.String(), `value="Rina"`) {
		t.Error("the refused form lost its values")
	}
	form.Set("channel", "email")
	form.Set("received_at", "14/10/2026")
	if w := f.do(http.MethodPost, "/cases/bppd-kalbar/baru", c, form); w.Code != http.StatusUnprocessableEntity || len(f.recorder.cases) != 0 {
		t.Fatalf("bad date: %d", w.Code)
	}
	form.Set("received_at", "2026-10-14T10:30")
	w = f.do(http.MethodPost, "/cases/bppd-kalbar/baru", c, form)
	if w.Code != http.StatusOK || len(f.recorder.cases) != 1 || !strings.Contains(w.Body.String(), "3 hari kerja") {
		t.Fatalf("new case: %d %s", w.Code, w.Body)
	}
	got := f.recorder.cases[0]
	wita := time.FixedZone("WIB", 7*3600) // Pontianak
	if got.ID != "" || !got.NewNumber || !strings.Contains(w.Body.String(), "Kasus REG-2026-00008 disimpan") || got.Agency != "bppd-kalbar" || !got.ReceivedAt.Equal(time.Date(2026, 10, 14, 10, 30, 0, 0, wita)) {
		t.Errorf("recorded %+v", got)
	}
	w = f.do(http.MethodPost, "/cases/bppd-kalbar/kasus", c, url.Values{"id": {"REG-7"}, "status": {"selesai"}, "completed_at": {"2026-10-08T15:00"}})
	if w.Code != http.StatusOK || len(f.recorder.cases) != 2 {
		t.Fatalf("update: %d", w.Code)
	}
	if up := f.recorder.cases[1]; up.ID != "REG-7" || up.Service != "" || up.Status != "selesai" || up.CompletedAt == nil {
		t.Errorf("an update sends only what changes: %+v", up)
	}
	if w := f.do(http.MethodGet, "/cases/bppd-kalbar/kasus?id=REG-404", c, nil); w.Code != http.StatusNotFound {
		t.Errorf("unknown case: %d", w.Code)
	}
	log := strings.Join(f.audit.actions(), " ")
	if !strings.Contains(log, "case.record:staf-kalbar") {
		t.Errorf("audit log: %s", log)
	}
	f.audit.mu.Lock()
	last := f.audit.entries[len(f.audit.entries)-1]
	f.audit.mu.Unlock()
	if last.Target != "REG-7" || last.Detail != "diproses → selesai" || last.Agency != "bppd-kalbar" {
		t.Errorf("audit line %+v", last)
	}
}

func TestFollowUpScreen(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "staf-kalbar")
	w := f.do(http.MethodGet, "/rtl/bppd-kalbar?period=2026-S2", c, nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "U9 Sarana dan Prasarana") {
		t.Fatalf("plan: %d", w.Code)
	}
	bad := url.Values{"element": {"U3"}, "action": {""}, "target_quarter": {"Q4"}, "status": {"berjalan"}, "progress": {"150"}}
	w = f.do(http.MethodPost, "/rtl/bppd-kalbar?period=2026-S2", c, bad)
	if w.Code != http.StatusUnprocessableEntity || len(f.recorder.items) != 0 || !strings.Contains(w.Body.String(), `class="msg"`) {
		t.Fatalf("bad item: %d", w.Code)
	}
	good := url.Values{"element": {"U3"}, "action": {"Papan standar waktu di loket"}, "target_quarter": {"2026-Q4"},
		"person_in_charge": {"Kasubbag Umum"}, "status": {"berjalan"}, "progress": {"40"}}
	w = f.do(http.MethodPost, "/rtl/bppd-kalbar?period=2026-S2", c, good)
	if w.Code != http.StatusSeeOther || len(f.recorder.items) != 1 {
		t.Fatalf("good item: %d %s", w.Code, w.Body)
	}
	it := f.recorder.items[0]
	if it.Agency != "bppd-kalbar" || it.Period != "2026-S2" || it.UpdatedBy != "staf-kalbar" || it.Progress != 40 {
		t.Errorf("saved %+v", it)
	}
	if w := f.do(http.MethodGet, "/rtl/bppd-kalbar?period=2026-Q3", c, nil); w.Code != http.StatusBadRequest {
		t.Errorf("a quarter for a semester agency: %d", w.Code)
	}
	// A head sees the plan without the forms.
	h := f.login(t, "kepala-kalbar")
	if body := f.do(http.MethodGet, "/rtl/bppd-kalbar?period=2026-S2", h, nil).Body.String(); strings.Contains(body, `id="form"`) {
		t.Error("a head is offered the edit form")
	}
}

func TestHolidayScreen(t *testing.T) {
	f := newStaffFixture(t)
	c := f.login(t, "admin")
	w := f.do(http.MethodPost, "/admin/holidays", c, url.Values{"action": {"move"}, "date": {"2026-12-25"}, "to": {"2026-12-25"}, "name": {"Natal"}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Tanggal tujuan sama") || len(f.holidays.changes) != 0 {
		t.Fatalf("move onto itself: %d", w.Code)
	}
	w = f.do(http.MethodPost, "/admin/holidays", c, url.Values{"action": {"move"}, "agency": {"bppd-ntt"}, "date": {"2026-03-20"},
		"to": {"2026-03-21"}, "name": {"Idulfitri 1447 H"}, "kind": {"libur_nasional"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/holidays?dihitung=4" {
		t.Fatalf("move: %d %s", w.Code, w.Body)
	}
	want := []standard.HolidayChange{{Agency: "bppd-ntt", Date: mustDate("2026-03-20"), Kind: "libur_nasional", Name: "Idulfitri 1447 H"},
		{Agency: "bppd-ntt", Date: mustDate("2026-03-21"), Off: true, Kind: "libur_nasional", Name: "Idulfitri 1447 H"}}
	if fmt.Sprint(f.holidays.changes) != fmt.Sprint(want) || f.holidays.by != "admin" {
		t.Errorf("changes %+v by %s", f.holidays.changes, f.holidays.by)
	}
	body := f.do(http.MethodGet, "/admin/holidays?dihitung=4", c, nil).Body.String()
	if !strings.Contains(body, "Tenggat 4 kasus terbuka dihitung ulang") || !strings.Contains(body, "2026-03-21") {
		t.Error("the page does not show the change")
	}
	if !strings.Contains(strings.Join(f.audit.actions(), " "), "holiday.move:admin") {
		t.Errorf("audit: %v", f.audit.actions())
	}
	// The admin reads it on the audit page, newest first, filtered by agency.
	body = f.do(http.MethodGet, "/admin/audit?agency=bppd-ntt", c, nil).Body.String()
	if !strings.Contains(body, "holiday.move") || !strings.Contains(body, "2026-03-20") {
		t.Errorf("audit page lacks the holiday move")
	}
	// Filtered by kind: only lines of that kind.
	body = f.do(http.MethodGet, "/admin/audit?kind=holiday.move", c, nil).Body.String()
	if !strings.Contains(body, "<td>holiday.move</td>") || strings.Contains(body, "<td>login</td>") {
		t.Errorf("the kind filter holiday.move shows other kinds or not its own")
	}
	body = f.do(http.MethodGet, "/admin/audit?kind=login&agency=", c, nil).Body.String()
	if strings.Contains(body, "<td>holiday.move</td>") || !strings.Contains(body, "<td>login</td>") {
		t.Errorf("the kind filter login shows other kinds or not its own")
	}
	if w := f.do(http.MethodGet, "/admin/audit?kind=drop+table", c, nil); w.Code != http.StatusBadRequest {
		t.Errorf("unknown kind filter: %d", w.Code)
	}
	if w := f.do(http.MethodGet, "/admin/audit?agency=zzz", c, nil); w.Code != http.StatusBadRequest {
		t.Errorf("unknown agency filter: %d", w.Code)
	}
}

func mustDate(s string) standard.Date {
	d, err := standard.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
