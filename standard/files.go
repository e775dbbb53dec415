package standard

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
)

// The file formats. Field names are the keys of the YAML files; README and the example
// files document them.
type agencyFile struct {
	Code      string `yaml:"code"`
	Name      string `yaml:"name"`
	ShortName string `yaml:"short_name"`
	Parent    string `yaml:"parent"`
	Address   string `yaml:"address"`
	City      string `yaml:"city"`
	Contact   struct {
		Phone    string `yaml:"phone"`
		Fax      string `yaml:"fax"`
		WhatsApp string `yaml:"whatsapp"`
		Email    string `yaml:"email"`
		Website  string `yaml:"website"`
	} `yaml:"contact"`
	TimeZone string `yaml:"time_zone"`
	Head     struct {
		Name  string `yaml:"name"`
		Title string `yaml:"title"`
		Rank  string `yaml:"rank"`
		NIP   string `yaml:"nip"`
	} `yaml:"head"`
	Channels         []string `yaml:"channels"`
	ComplaintClasses []struct {
		Code string `yaml:"code"`
		Name string `yaml:"name"`
	} `yaml:"complaint_classes"`
	Services      []serviceFile `yaml:"services"`
	SurveyPeriods string        `yaml:"survey_periods"`
	// SurveyGraceDays is a pointer so that an explicit 0 differs from "not set" (30).
	SurveyGraceDays *int `yaml:"survey_grace_days"`
	WorkSchedule    *struct {
		Default map[string][]string `yaml:"default"`
		Ramadan map[string][]string `yaml:"ramadan"`
	} `yaml:"work_schedule"`
	CutiBersamaWorking bool `yaml:"cuti_bersama_working"`
	VisitCodes         bool `yaml:"visit_codes"`
	// ComplaintPromptUpTo is a pointer so that an explicit 0 (never) differs from "not set" (1).
	ComplaintPromptUpTo *int `yaml:"complaint_prompt_up_to"`
	// KioskIdleSeconds and KioskThanksSeconds are pointers so that "not set" takes the default.
	KioskIdleSeconds   *int `yaml:"kiosk_idle_seconds"`
	KioskThanksSeconds *int `yaml:"kiosk_thanks_seconds"`
	ExtraQuestions     []struct {
		Key       string   `yaml:"key"`
		Text      string   `yaml:"text"`
		TextEN    string   `yaml:"text_en"`
		Options   []string `yaml:"options"`
		OptionsEN []string `yaml:"options_en"`
	} `yaml:"extra_questions"`
	Holidays []holidayFile `yaml:"holidays"`
	Targets  *struct {
		IKM           *float64 `yaml:"ikm"`
		OnTimePercent *float64 `yaml:"on_time_percent"`
		OverdueCap    *uint64  `yaml:"overdue_cap"`
	} `yaml:"targets"`
	SaranThemes []struct {
		Code     string   `yaml:"code"`
		Label    string   `yaml:"label"`
		Element  string   `yaml:"element"`
		Keywords []string `yaml:"keywords"`
	} `yaml:"saran_themes"`
}

type serviceFile struct {
	Code         string            `yaml:"code"`
	Name         string            `yaml:"name"`
	Kind         string            `yaml:"kind"`
	TimeLimit    string            `yaml:"time_limit"`
	ByChannel    map[string]string `yaml:"by_channel"`
	ByClass      map[string]string `yaml:"by_class"`
	Fee          string            `yaml:"fee"`
	Product      string            `yaml:"product"`
	Requirements []string          `yaml:"requirements"`
}

type holidayFile struct {
	Date string `yaml:"date"`
	Kind string `yaml:"kind"`
	Name string `yaml:"name"`
}

type calendarFile struct {
	Year    int    `yaml:"year"`
	Source  string `yaml:"source"`
	Ramadan struct {
		From string `yaml:"from"`
		To   string `yaml:"to"`
	} `yaml:"ramadan"`
	Holidays []holidayFile `yaml:"holidays"`
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// agency decodes and validates one agency file; nil when it has problems.
func (c *checker) agency(fsys fs.FS, name string) *Agency {
	var f agencyFile
	if !c.parse(fsys, name, &f) {
		return nil
	}
	a := &Agency{
		Code: f.Code, Name: f.Name, ShortName: f.ShortName, Parent: f.Parent, Address: f.Address, City: f.City,
		Contact:  Contact{Phone: f.Contact.Phone, Fax: f.Contact.Fax, WhatsApp: f.Contact.WhatsApp, Email: f.Contact.Email, Website: f.Contact.Website},
		TimeZone: f.TimeZone, Head: Official{Name: f.Head.Name, Title: f.Head.Title, Rank: f.Head.Rank, NIP: f.Head.NIP},
		SurveyPeriods: f.SurveyPeriods, CutiBersamaWorking: f.CutiBersamaWorking, VisitCodes: f.VisitCodes,
		Targets: Targets{IKM: 88.31, OnTimePercent: 90}, File: c.file,
	}
	c.code([]any{"code"}, "code", f.Code)
	if want := strings.TrimSuffix(path.Base(name), path.Ext(name)); f.Code != "" && f.Code != want {
		c.at([]any{"code"}, "code %q does not match the file name %s; name the file %s.yaml", f.Code, path.Base(name), f.Code)
	}
	c.required([]any{"name"}, "name", f.Name)
	if a.ShortName == "" {
		a.ShortName = a.Name
	}
	c.required([]any{"head", "title"}, "head.title (the head's official title, for signatures)", f.Head.Title)
	if loc, err := loadLocation(f.TimeZone); err != nil {
		c.at([]any{"time_zone"}, "%v", err)
	} else {
		a.Location = loc
	}
	a.SurveyGraceDays = DefaultSurveyGraceDays
	if f.SurveyGraceDays != nil {
		a.SurveyGraceDays = *f.SurveyGraceDays
		if a.SurveyGraceDays < 0 || a.SurveyGraceDays > 366 {
			c.at([]any{"survey_grace_days"}, "survey_grace_days must be 0 to 366 days (the time after a period's end for paper forms typed in late)")
		}
	}
	a.ComplaintPromptUpTo = DefaultComplaintPromptUpTo
	if f.ComplaintPromptUpTo != nil {
		a.ComplaintPromptUpTo = *f.ComplaintPromptUpTo
		if a.ComplaintPromptUpTo < 0 || a.ComplaintPromptUpTo > 4 {
			c.at([]any{"complaint_prompt_up_to"}, "complaint_prompt_up_to must be 0 to 4: the thanks page offers the complaint channels after any answer at or below it (1, the default: after any answer of 1; 0: never)")
		}
	}
	a.KioskIdleSeconds = c.seconds([]any{"kiosk_idle_seconds"}, "kiosk_idle_seconds", f.KioskIdleSeconds, DefaultKioskIdleSeconds, 15, 600)
	a.KioskThanksSeconds = c.seconds([]any{"kiosk_thanks_seconds"}, "kiosk_thanks_seconds", f.KioskThanksSeconds, DefaultKioskThanksSeconds, 3, 120)
	switch f.SurveyPeriods {
	case "":
		a.SurveyPeriods = PeriodsSemester
	case PeriodsSemester, PeriodsQuarter, PeriodsYear:
	default:
		c.at([]any{"survey_periods"}, "unknown survey_periods %q (semester, quarter or year)", f.SurveyPeriods)
	}
	if len(f.Channels) == 0 {
		c.at([]any{"channels"}, "list at least one intake channel")
	}
	for i, ch := range f.Channels {
		if !knownChannel(ch) {
			c.at([]any{"channels", i}, "unknown channel %q (known: %s)", ch, channelCodes())
		} else if slices.Contains(a.Channels, ch) {
			c.at([]any{"channels", i}, "channel %q is listed twice", ch)
		}
		a.Channels = append(a.Channels, ch)
	}
	for i, cc := range f.ComplaintClasses {
		p := []any{"complaint_classes", i}
		c.code(append(p, "code"), "complaint class code", cc.Code)
		c.required(p, "complaint class name", cc.Name)
		if _, dup := a.ComplaintClass(cc.Code); dup {
			c.at(append(p, "code"), "complaint class %q is listed twice", cc.Code)
		}
		a.ComplaintClasses = append(a.ComplaintClasses, ComplaintClass{Code: cc.Code, Name: cc.Name})
	}
	if len(f.Services) == 0 {
		c.at([]any{"services"}, "list at least one service")
	}
	for i, sf := range f.Services {
		if s := c.service([]any{"services", i}, sf, a); s != nil {
			a.Services = append(a.Services, s)
		}
	}
	a.Schedule = DefaultSchedule()
	if ws := f.WorkSchedule; ws != nil {
		if ws.Default != nil {
			if w, ok := c.week([]any{"work_schedule", "default"}, ws.Default); ok {
				a.Schedule.Default = w
			}
		}
		if ws.Ramadan != nil {
			if w, ok := c.week([]any{"work_schedule", "ramadan"}, ws.Ramadan); ok {
				a.Schedule.Ramadan = w
			}
		}
	}
	a.Holidays = c.holidays([]any{"holidays"}, f.Holidays)
	for i, q := range f.ExtraQuestions {
		p := []any{"extra_questions", i}
		c.code(append(slices.Clone(p), "key"), "extra question key", q.Key)
		c.required(p, "extra question text", q.Text)
		for _, prev := range a.ExtraQuestions {
			if prev.Key == q.Key {
				c.at(append(slices.Clone(p), "key"), "extra question %q is listed twice", q.Key)
			}
		}
		if len(q.Options) > 10 {
			c.at(append(slices.Clone(p), "options"), "at most 10 options")
		}
		if len(q.OptionsEN) > 0 && len(q.OptionsEN) != len(q.Options) {
			c.at(append(slices.Clone(p), "options_en"), "options_en must translate each of the %d options", len(q.Options))
		}
		a.ExtraQuestions = append(a.ExtraQuestions, ExtraQuestion{Key: q.Key, Text: q.Text, TextEN: q.TextEN, Options: q.Options, OptionsEN: q.OptionsEN})
	}
	if t := f.Targets; t != nil {
		if t.IKM != nil {
			if *t.IKM < MinIKMTarget || *t.IKM > MaxIKMTarget {
				c.at([]any{"targets", "ikm"}, "the IKM target %v must lie between 25 and 100", *t.IKM)
			}
			a.Targets.IKM = *t.IKM
		}
		if t.OnTimePercent != nil {
			if *t.OnTimePercent < 0 || *t.OnTimePercent > 100 {
				c.at([]any{"targets", "on_time_percent"}, "the on-time target %v must lie between 0 and 100", *t.OnTimePercent)
			}
			a.Targets.OnTimePercent = *t.OnTimePercent
		}
		if t.OverdueCap != nil {
			if *t.OverdueCap > MaxOverdueCap {
				c.at([]any{"targets", "overdue_cap"}, "the overdue cap %v must lie between 0 and %d", *t.OverdueCap, MaxOverdueCap)
			}
			a.Targets.OverdueCap = t.OverdueCap
		}
	}
	var own []SaranTheme
	for i, t := range f.SaranThemes {
		p := []any{"saran_themes", i}
		c.code(append(slices.Clone(p), "code"), "saran theme code", t.Code)
		switch {
		case t.Code == ThemeOther || t.Code == ThemeNone:
			c.at(append(slices.Clone(p), "code"), "kode tema %q sudah dipakai sistem (lainnya, tanpa-saran); pilih kode lain", t.Code)
		case slices.ContainsFunc(own, func(o SaranTheme) bool { return o.Code == t.Code }):
			c.at(append(slices.Clone(p), "code"), "tema saran %q tertulis dua kali", t.Code)
		}
		if strings.TrimSpace(t.Label) == "" {
			c.at(p, "tema saran %s perlu label (nama tema yang dibaca staf)", t.Code)
		}
		if t.Element != "" && !validElementCode(t.Element) {
			c.at(append(slices.Clone(p), "element"), "unsur %q tidak dikenal; tulis U1 sampai U9, atau kosongkan", t.Element)
		}
		if len(t.Keywords) == 0 {
			c.at(append(slices.Clone(p), "keywords"), "tema saran %s belum punya kata kunci (keywords)", t.Code)
		}
		for k, kw := range t.Keywords {
			if _, msg := parseKeyword(kw); msg != "" {
				c.at(append(slices.Clone(p), "keywords", k), "%s", msg)
			}
		}
		own = append(own, SaranTheme{Code: t.Code, Label: t.Label, Element: t.Element, Keywords: t.Keywords})
	}
	a.SaranThemes = compileThemes(mergeThemes(DefaultSaranThemes(), own))
	if len(c.probs) > 0 {
		return nil
	}
	return a
}

func (c *checker) service(p []any, sf serviceFile, a *Agency) *Service {
	s := &Service{Code: sf.Code, Name: sf.Name, Kind: sf.Kind, Fee: sf.Fee, Product: sf.Product,
		Requirements: sf.Requirements, ByChannel: map[string]TimeLimit{}, ByClass: map[string]TimeLimit{}}
	c.code(append(slices.Clone(p), "code"), "service code", sf.Code)
	if sf.Code != "" && strings.Trim(sf.Code, "0123456789") == "" {
		c.at(append(slices.Clone(p), "code"), "service code %q must hold a letter: numbers are the services' short links (/s/{agency}/1 is the first service)", sf.Code)
	}
	c.required(p, "service name", sf.Name)
	if _, dup := a.Service(sf.Code); dup {
		c.at(append(slices.Clone(p), "code"), "service %q is listed twice", sf.Code)
	}
	switch {
	case sf.Kind == "":
		s.Kind = KindLayanan
	case !slices.Contains(Kinds, sf.Kind):
		c.at(append(slices.Clone(p), "kind"), "unknown kind %q (%s)", sf.Kind, strings.Join(Kinds, ", "))
	}
	s.TimeLimit = c.timeLimit(append(slices.Clone(p), "time_limit"), sf.TimeLimit)
	for _, ch := range sortedKeys(sf.ByChannel) {
		kp := append(slices.Clone(p), "by_channel", ch)
		if !a.AcceptsChannel(ch) {
			c.at(kp, "channel %q is not among the agency's channels (%s)", ch, strings.Join(a.Channels, ", "))
		}
		if l := c.timeLimit(kp, sf.ByChannel[ch]); !l.IsZero() {
			s.ByChannel[ch] = l
		}
	}
	for _, cl := range sortedKeys(sf.ByClass) {
		kp := append(slices.Clone(p), "by_class", cl)
		if _, ok := a.ComplaintClass(cl); !ok {
			c.at(kp, "complaint class %q is not among the agency's complaint_classes", cl)
		}
		if l := c.timeLimit(kp, sf.ByClass[cl]); !l.IsZero() {
			s.ByClass[cl] = l
		}
	}
	return s
}

// calendar decodes and validates one national calendar file; nil when it has problems.
func (c *checker) calendar(fsys fs.FS, name string) *Calendar {
	var f calendarFile
	if !c.parse(fsys, name, &f) {
		return nil
	}
	cal := &Calendar{Year: f.Year, Source: f.Source, File: c.file}
	if f.Year < 2000 || f.Year > 2200 {
		c.at([]any{"year"}, "year %d is not a plausible calendar year", f.Year)
	}
	c.required([]any{"source"}, "source (the decree the dates come from)", f.Source)
	from, err1 := ParseDate(f.Ramadan.From)
	to, err2 := ParseDate(f.Ramadan.To)
	switch {
	case err1 != nil:
		c.at([]any{"ramadan", "from"}, "ramadan.from: %v", err1)
	case err2 != nil:
		c.at([]any{"ramadan", "to"}, "ramadan.to: %v", err2)
	case to.Before(from):
		c.at([]any{"ramadan", "to"}, "ramadan ends (%s) before it starts (%s)", to, from)
	case from.Year != f.Year:
		c.at([]any{"ramadan", "from"}, "ramadan starts in %d, not in the calendar's year %d", from.Year, f.Year)
	default:
		cal.Ramadan = DateRange{From: from, To: to}
	}
	cal.Holidays = c.holidays([]any{"holidays"}, f.Holidays)
	for i, h := range cal.Holidays {
		if h.Date.Year != f.Year {
			c.at([]any{"holidays", i, "date"}, "%s is not in the calendar's year %d", h.Date, f.Year)
		}
		if h.Kind == HolidayDaerah {
			c.at([]any{"holidays", i, "kind"}, "a national calendar holds libur_nasional and cuti_bersama; put regional holidays in the agency's file")
		}
	}
	if len(c.probs) > 0 {
		return nil
	}
	return cal
}

func channelCodes() string {
	codes := make([]string, len(Channels))
	for i, ch := range Channels {
		codes[i] = ch.Code
	}
	return strings.Join(codes, ", ")
}

// periodSchemeName words a survey period scheme in Indonesian ("semester" → "per semester").
func periodSchemeName(scheme string) string {
	switch scheme {
	case PeriodsQuarter:
		return "per triwulan"
	case PeriodsYear:
		return "per tahun"
	}
	return "per semester"
}

// Describe returns a one-line summary of the agency for logs and the check command.
func (a *Agency) Describe() string {
	return fmt.Sprintf("%s (%s, %s): %d layanan, %d kanal, %d kelas pengaduan, periode survei %s",
		a.Code, a.ShortName, a.TimeZone, len(a.Services), len(a.Channels), len(a.ComplaintClasses), periodSchemeName(a.SurveyPeriods))
}

// seconds checks an optional number of seconds between lo and hi; not set: def.
func (c *checker) seconds(path []any, name string, v *int, def, lo, hi int) int {
	if v == nil {
		return def
	}
	if *v < lo || *v > hi {
		c.at(path, "%s must be %d to %d seconds", name, lo, hi)
	}
	return *v
}
