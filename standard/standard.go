// Package standard holds each agency's Standar Pelayanan as data: the agency, its services
// with their time limits (overridable per channel and per complaint class), channels,
// complaint classes, survey periods, work schedules and holidays. It loads the standards
// directory and validates it, reporting every problem with file and line.
package standard

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kinds of case, per cases-and-sla.md.
const (
	KindLayanan   = "layanan"
	KindPengaduan = "pengaduan"
	KindAspirasi  = "aspirasi"
	KindInformasi = "informasi"
)

// Kinds lists the case kinds in display order.
var Kinds = []string{KindLayanan, KindPengaduan, KindAspirasi, KindInformasi}

// kindNames are the kinds' names as the staff screens show them.
var kindNames = map[string]string{KindLayanan: "Permohonan layanan", KindPengaduan: "Pengaduan",
	KindAspirasi: "Aspirasi", KindInformasi: "Permintaan informasi"}

// KindName returns the display name of a case kind, or the code itself if unknown.
func KindName(code string) string {
	if n, ok := kindNames[code]; ok {
		return n
	}
	return code
}

// Channels are the known intake channels with their Indonesian names, in display order.
var Channels = []Channel{
	{"tatap-muka", "Tatap muka"},
	{"kotak-saran", "Kotak saran/pengaduan"},
	{"surat", "Surat"},
	{"sp4n-lapor", "SP4N-LAPOR!"},
	{"whatsapp", "WhatsApp"},
	{"telepon", "Telepon"},
	{"faksimile", "Faksimile"},
	{"email", "Email"},
	{"web", "Situs web"},
	{"kiosk", "Kios layanan"},
}

// Channel is an intake channel: a stable code and its display name.
type Channel struct {
	Code string
	Name string
}

// ChannelName returns the display name of a channel code, or the code itself if unknown.
func ChannelName(code string) string {
	for _, c := range Channels {
		if c.Code == code {
			return c.Name
		}
	}
	return code
}

// IsChannel reports whether code is a known channel code.
func IsChannel(code string) bool { return knownChannel(code) }

func knownChannel(code string) bool {
	return slices.ContainsFunc(Channels, func(c Channel) bool { return c.Code == code })
}

// Period schemes: how an agency divides the year into survey periods.
const (
	PeriodsSemester = "semester"
	PeriodsQuarter  = "quarter"
	PeriodsYear     = "year"
)

// Set is a loaded, valid standards directory: the agencies and the national calendars.
type Set struct {
	// Agencies are sorted by code.
	Agencies []*Agency
	// Calendars are sorted by year.
	Calendars []*Calendar
}

// Agency returns the agency with the given code.
func (s *Set) Agency(code string) (*Agency, bool) {
	for _, a := range s.Agencies {
		if a.Code == code {
			return a, true
		}
	}
	return nil, false
}

// Agency is one public-service unit and its Standar Pelayanan.
type Agency struct {
	// Code is the stable identifier used in URLs and data (e.g. "bppd-kalbar").
	Code string
	// Name is the full official name.
	Name string
	// ShortName is used where space is short (tiles, chart labels).
	ShortName string
	// Parent is the government the agency belongs to (e.g. "Pemerintah Provinsi NTT").
	Parent string
	// Address is the postal address for letterheads.
	Address string
	// City is where the agency signs its reports ("Pontianak, 23 November 2026"); optional.
	City string
	// Contact holds the public contact details.
	Contact Contact
	// TimeZone is the IANA zone name; Location is the loaded zone.
	TimeZone string
	// Location is TimeZone loaded.
	Location *time.Location
	// Head is the agency head who signs reports.
	Head Official
	// Channels are the intake channel codes the agency accepts.
	Channels []string
	// ComplaintClasses are the complaint classes the standard defines, if any.
	ComplaintClasses []ComplaintClass
	// Services are the services of the standard.
	Services []*Service
	// SurveyPeriods is the period scheme of the SKM (default semester).
	SurveyPeriods string
	// SurveyGraceDays is how long after a survey period's end responses for it are still
	// taken (paper forms typed in late), unless its results are published first; then the
	// period is closed (default DefaultSurveyGraceDays).
	SurveyGraceDays int
	// Schedule is the agency's working time.
	Schedule Schedule
	// CutiBersamaWorking marks collective leave days as working days for this agency.
	CutiBersamaWorking bool
	// VisitCodes lets residents enter the per-visit code printed on their service receipt;
	// a code allows one response.
	VisitCodes bool
	// ComplaintPromptUpTo is the answer value (1..4) at or below which, for any of the nine
	// elements, the thanks page offers the agency's complaint channels; 0 never offers
	// them (default DefaultComplaintPromptUpTo).
	ComplaintPromptUpTo int
	// KioskIdleSeconds is how long a kiosk screen waits for a tap before it goes back to the
	// start, dropping a half-finished survey (default DefaultKioskIdleSeconds);
	// KioskThanksSeconds is how long the kiosk's thanks screen stays (default
	// DefaultKioskThanksSeconds).
	KioskIdleSeconds   int
	KioskThanksSeconds int
	// ExtraQuestions are the agency's own questions, asked after the official nine; their
	// answers are stored and reported but never enter the IKM.
	ExtraQuestions []ExtraQuestion
	// Holidays are the agency's own extra days off (regional holidays and the like).
	Holidays []Holiday
	// Targets are the dashboard's traffic-light thresholds.
	Targets Targets
	// SaranThemes group the residents' saran: the default themes with the agency file's
	// saran_themes laid over them.
	SaranThemes *SaranThemes
	// File is the file the agency was loaded from.
	File string
}

// DefaultSurveyGraceDays is the time for late paper forms after a survey period's end.
const DefaultSurveyGraceDays = 30

// DefaultComplaintPromptUpTo offers the complaint channels after any answer of 1, the
// lowest ("Tidak sesuai", "Sangat mahal", "Buruk", …).
const DefaultComplaintPromptUpTo = 1

// ServiceAt returns the n-th service of the standard, counted from 1: the short link
// /s/{agency}/{n} printed on posters. It stays the same service as long as the standard
// lists its services in the same order (new ones added at the end).
func (a *Agency) ServiceAt(n int) (*Service, bool) {
	if n < 1 || n > len(a.Services) {
		return nil, false
	}
	return a.Services[n-1], true
}

// ParseServiceNumber reads the n of a short link /s/{agency}/{n}: digits only, 1 to 9999.
// A service code is never one (the loader refuses codes of digits alone).
func ParseServiceNumber(s string) (int, bool) {
	if s == "" || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// ServiceNumber is the 1-based position of the service with the given code, the inverse of
// ServiceAt; 0 when the agency has no such service.
func (a *Agency) ServiceNumber(code string) int {
	for i, s := range a.Services {
		if s.Code == code {
			return i + 1
		}
	}
	return 0
}

// The kiosk's default waits: a minute without a tap on a question, ten seconds of thanks.
const (
	DefaultKioskIdleSeconds   = 60
	DefaultKioskThanksSeconds = 10
)

// Service returns the service with the given code.
func (a *Agency) Service(code string) (*Service, bool) {
	for _, s := range a.Services {
		if s.Code == code {
			return s, true
		}
	}
	return nil, false
}

// AcceptsChannel reports whether code is one of the agency's channels.
func (a *Agency) AcceptsChannel(code string) bool { return slices.Contains(a.Channels, code) }

// ComplaintClass returns the complaint class with the given code.
func (a *Agency) ComplaintClass(code string) (ComplaintClass, bool) {
	for _, c := range a.ComplaintClasses {
		if c.Code == code {
			return c, true
		}
	}
	return ComplaintClass{}, false
}

// ClassName returns the display name of one of the agency's complaint classes, or the code
// itself if unknown.
func (a *Agency) ClassName(code string) string {
	if c, ok := a.ComplaintClass(code); ok {
		return c.Name
	}
	return code
}

// ExtraQuestion is one agency-defined question: free text, or a choice among Options.
type ExtraQuestion struct {
	Key       string
	Text      string
	TextEN    string
	Options   []string
	OptionsEN []string
}

// Wording returns the question and its options as residents read them: in English when
// english and the file translates them, else in Indonesian.
func (q ExtraQuestion) Wording(english bool) (text string, options []string) {
	text, options = q.Text, q.Options
	if english && q.TextEN != "" {
		text = q.TextEN
	}
	if english && len(q.OptionsEN) == len(q.Options) {
		options = q.OptionsEN
	}
	return text, options
}

// Contact holds public contact details; empty fields are not shown.
type Contact struct {
	Phone    string
	Fax      string
	WhatsApp string
	Email    string
	Website  string
}

// Official is a named office holder.
type Official struct {
	Name  string
	Title string
	// Rank is the civil-service rank and grade under the name in a signature block
	// ("Pembina Utama Muda (IV/c)"); optional.
	Rank string
	// NIP is the civil-servant number printed under the name ("NIP. 19700101 199503 1 001");
	// optional.
	NIP string
}

// ComplaintClass is a class of complaint with its own time limit in the standard.
type ComplaintClass struct {
	Code string
	Name string
}

// Service is one service of the standard.
type Service struct {
	// Code is the stable identifier used in URLs and data.
	Code string
	// Name is the official service name.
	Name string
	// Kind is the default kind of case for this service.
	Kind string
	// TimeLimit is the service's own limit; zero when the standard states none.
	TimeLimit TimeLimit
	// ByChannel overrides the limit for cases received through a channel.
	ByChannel map[string]TimeLimit
	// ByClass overrides the limit for a complaint class; it wins over ByChannel.
	ByClass map[string]TimeLimit
	// Fee is the tariff as worded in the standard (e.g. "Gratis").
	Fee string
	// Product is the service product as worded in the standard.
	Product string
	// Requirements are the persyaratan as listed in the standard.
	Requirements []string
}

// TimeLimitFor resolves the time limit of a case: the class's limit wins over the
// channel's, which wins over the service's. ok is false when none applies ("tanpa standar
// waktu").
func (s *Service) TimeLimitFor(channel, class string) (limit TimeLimit, ok bool) {
	if l, found := s.ByClass[class]; found && class != "" {
		return l, true
	}
	if l, found := s.ByChannel[channel]; found && channel != "" {
		return l, true
	}
	if !s.TimeLimit.IsZero() {
		return s.TimeLimit, true
	}
	return TimeLimit{}, false
}

// Holiday kinds.
const (
	HolidayNasional    = "libur_nasional"
	HolidayCutiBersama = "cuti_bersama"
	HolidayDaerah      = "libur_daerah"
)

// HolidayKinds lists the holiday kinds in display order.
var HolidayKinds = []string{HolidayNasional, HolidayCutiBersama, HolidayDaerah}

// HolidayKindName returns a holiday kind as people say it ("libur nasional"), or the code
// itself if unknown.
func HolidayKindName(kind string) string {
	if slices.Contains(HolidayKinds, kind) {
		return strings.ReplaceAll(kind, "_", " ")
	}
	return kind
}

// Holiday is a day off: a national holiday, a collective leave day or a regional holiday.
type Holiday struct {
	Date Date
	Kind string
	Name string
}

// Calendar is one year of national days off and the Ramadan dates, with its legal source.
type Calendar struct {
	Year     int
	Source   string
	Ramadan  DateRange
	Holidays []Holiday
	File     string
}

// DateRange is an inclusive range of local dates.
type DateRange struct {
	From Date
	To   Date
}

// Contains reports whether d lies in the range, ends included.
func (r DateRange) Contains(d Date) bool { return !d.Before(r.From) && !r.To.Before(d) }

// Date is a calendar date without time or zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses YYYY-MM-DD, rejecting impossible dates.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.In(time.UTC).AddDate(0, 0, n)) }
