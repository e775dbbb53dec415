package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"skm/standard"
	"skm/survey"
)

// The kiosk (/k/{agency}) asks one question per screen, answered by one tap. Without
// JavaScript each screen is a page of its own: a GET form carrying the answers so far in
// hidden fields (they are not secret), the last screen a POST that stores the response.
// With JavaScript (kiosk.js) the same screens, rendered here once into <template>s of the
// start page, run in the browser without a reload, and completed responses wait on the
// device (IndexedDB) until the machine API takes them — also after the link was down.

// kioskStep is one screen after the service is chosen: a question answered with one tap on
// one of Options, or a keypad (Keys) that fills Field one key at a time.
type kioskStep struct {
	// Field is the form field it fills, as the form and the machine API name it: U1..U9,
	// x_<key> for an agency's own question, kode, umur, jenis_kelamin, pendidikan, pekerjaan.
	Field string
	// Heading is the question; Hint a line under it.
	Heading, Hint string
	// Options are the answers of a one-tap question, in the official order; Scale marks the
	// four answers of the official questions (coloured 1..4).
	Options []kioskChoice
	Scale   bool
	// Keys are the keys of a keypad, Label what it fills ("Umur"), MaxLen the most it takes.
	Keys   []string
	Label  string
	MaxLen int
	// Optional steps have "Lewati": the official nine are required, the rest are not.
	Optional bool
	// Progress says where the visitor is ("Pertanyaan 3 dari 9"); Percent is the bar.
	Progress string
	Percent  int
	// Min and Max bound a number a keypad fills (the age); Invalid is what a value out of
	// bounds, or a visit code that fails its check, says. The browser checks the bounds and
	// a code's length; the server checks everything.
	Min, Max int
	Invalid  string
}

type kioskChoice struct{ Value, Label string }

// Keypad returns whether the step is a keypad.
func (s *kioskStep) Keypad() bool { return len(s.Keys) > 0 }

var (
	digitKeys = strings.Split("1234567890", "")
	// codeKeys are the characters of a per-visit code (Crockford's base 32), digits first.
	codeKeys = strings.Split(survey.VisitCodeAlphabet, "")
)

// kioskSteps lists the screens of agency a in lang: the nine official questions in their
// order, the agency's own questions that are a choice (free text needs typing, which the
// kiosk avoids), the visit code when the agency uses them, then the respondent profile.
func (h *Handler) kioskSteps(a *standard.Agency, lang survey.Lang) []kioskStep {
	var steps []kioskStep
	qs := survey.Questionnaire(lang)
	for _, q := range qs {
		st := kioskStep{Field: q.Element.Code(), Heading: q.Text, Scale: true,
			Progress: textf(lang, "kiosk.question", q.Number, len(qs))}
		for i, l := range q.Labels {
			st.Options = append(st.Options, kioskChoice{Value: strconv.Itoa(i + 1), Label: l})
		}
		steps = append(steps, st)
	}
	var extra []standard.ExtraQuestion
	for _, q := range a.ExtraQuestions {
		if len(q.Options) > 0 {
			extra = append(extra, q)
		}
	}
	for i, q := range extra {
		heading, labels := q.Wording(lang == survey.EN)
		st := kioskStep{Field: "x_" + q.Key, Heading: heading, Optional: true,
			Progress: textf(lang, "kiosk.extra", i+1, len(extra))}
		for j, l := range labels {
			st.Options = append(st.Options, kioskChoice{Value: strconv.Itoa(j + 1), Label: l})
		}
		steps = append(steps, st)
	}
	if h.visitCodes(a.Code) {
		steps = append(steps, kioskStep{Field: "kode", Heading: text(lang, "form.kode"), Hint: text(lang, "kiosk.code.hint"),
			Keys: codeKeys, Label: text(lang, "kiosk.code"), MaxLen: survey.VisitCodeLength, Optional: true,
			Progress: text(lang, "kiosk.code"), Invalid: text(lang, "kiosk.code.bad")})
	}
	profile := []kioskStep{
		{Field: "umur", Heading: text(lang, "kiosk.umur"), Hint: text(lang, "kiosk.umur.hint"), Keys: digitKeys,
			Label: text(lang, "form.umur"), MaxLen: 3, Min: survey.MinAge, Max: survey.MaxAge, Invalid: survey.Message(ageRefusal, lang)},
		{Field: "jenis_kelamin", Heading: text(lang, "form.gender"),
			Options: []kioskChoice{{"L", text(lang, "form.L")}, {"P", text(lang, "form.P")}}},
		{Field: "pendidikan", Heading: text(lang, "form.education"), Options: choices(survey.Educations)},
		{Field: "pekerjaan", Heading: text(lang, "form.occupation"), Options: choices(survey.Occupations)},
	}
	for i := range profile {
		profile[i].Optional = true
		profile[i].Progress = textf(lang, "kiosk.profile", i+1, len(profile))
	}
	steps = append(steps, profile...)
	for i := range steps {
		steps[i].Percent = (i + 1) * 100 / len(steps)
	}
	return steps
}

func choices(values []string) []kioskChoice {
	out := make([]kioskChoice, len(values))
	for i, v := range values {
		out[i] = kioskChoice{Value: v, Label: v}
	}
	return out
}

// ageRefusal is survey.Validate's word on an age out of range: the keypad checks the same
// bounds with the same message.
var ageRefusal = (&survey.Response{Umur: 1}).Validate(survey.Rules{AllowBlankAnswers: true})["umur"]

// accepts reports whether v is an answer step s takes.
func (s *kioskStep) accepts(v string) bool {
	if s.Keypad() {
		return len(v) <= s.MaxLen && strings.Trim(v, strings.Join(s.Keys, "")) == ""
	}
	for _, o := range s.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

// kioskState is where a visitor stands: the service, the response's id (issued on the
// start screen, so a form sent twice is stored once), the screen shown (N) and the answers.
type kioskState struct {
	Service *standard.Service
	ID      string
	N       int
	Values  map[string]string
	Error   string
}

// kioskForm reads the state a screen sent (the answers so far, by field) and applies the
// button pressed: v (an answer), tombol (a keypad's key or hapus) or aksi (kembali, lewati,
// lanjut). done is true when
// the last screen was answered; start is true for the start screen.
func (h *Handler) kioskForm(a *standard.Agency, lang survey.Lang, steps []kioskStep, f url.Values) (st kioskState, start, done bool) {
	s, ok := a.Service(f.Get("layanan"))
	if !ok && len(a.Services) == 1 && f.Get("layanan") != "" {
		s, ok = a.Services[0], true
	}
	if !ok {
		return kioskState{}, true, false
	}
	st = kioskState{Service: s, ID: f.Get("id"), Values: map[string]string{}}
	if _, err := uuid.Parse(st.ID); err != nil {
		st.ID = uuid.NewString()
	}
	for i := range steps {
		if v := f.Get(steps[i].Field); v != "" && steps[i].accepts(v) {
			st.Values[steps[i].Field] = v
		}
	}
	n, err := strconv.Atoi(f.Get("n"))
	if err != nil || n < 0 || n >= len(steps) {
		return st, false, false // the service was just chosen: the first question
	}
	st.N = n
	step := &steps[n]
	switch key, action := f.Get("tombol"), f.Get("aksi"); {
	case action == "kembali":
		st.N--
		return st, st.N < 0, false
	case action == "lewati" && step.Optional:
		delete(st.Values, step.Field)
		st.N++
	case step.Keypad() && key == "hapus":
		v := st.Values[step.Field]
		st.Values[step.Field] = v[:max(len(v)-1, 0)]
	case step.Keypad() && key != "":
		if v := st.Values[step.Field] + key; step.accepts(v) {
			st.Values[step.Field] = v
		}
	case step.Keypad() && action == "lanjut":
		if msg := h.kioskKeypadRefusal(a, step, st.Values[step.Field]); msg != "" {
			st.Error = survey.Message(msg, lang)
			return st, false, false
		}
		st.N++
	case !step.Keypad() && step.accepts(f.Get("v")):
		st.Values[step.Field] = f.Get("v")
		st.N++
	}
	if st.N >= len(steps) {
		st.N = len(steps) - 1
		return st, false, true
	}
	return st, false, false
}

// kioskKeypadRefusal checks what a keypad filled in (empty is skipping it): the age's
// bounds, a visit code's check.
func (h *Handler) kioskKeypadRefusal(a *standard.Agency, step *kioskStep, v string) string {
	if v == "" {
		return ""
	}
	switch step.Field {
	case "umur":
		if n, _ := strconv.Atoi(v); n < step.Min || n > step.Max {
			return ageRefusal
		}
	case "kode":
		if _, ok := h.opts.VisitCodes.Check(a.Code, v); !ok {
			return step.Invalid
		}
	}
	return ""
}

// kioskResponse is the visitor's answers as the machine API takes them: the browser sends
// the same from its queue, so both paths are checked by apiToResponse.
func kioskResponse(a *standard.Agency, st kioskState) apiResponse {
	it := apiResponse{ID: st.ID, Agency: a.Code, Service: st.Service.Code, Channel: survey.ChannelKiosk,
		Answers: map[string]int{}, Extra: map[string]string{}}
	for f, v := range st.Values {
		switch {
		case f == "umur":
			it.Respondent.Umur, _ = strconv.Atoi(v)
		case f == "jenis_kelamin":
			it.Respondent.JenisKelamin = v
		case f == "pendidikan":
			it.Respondent.Pendidikan = v
		case f == "pekerjaan":
			it.Respondent.Pekerjaan = v
		case f == "kode":
			it.VisitCode = v
		case strings.HasPrefix(f, "x_"):
			it.Extra[strings.TrimPrefix(f, "x_")] = v
		default:
			it.Answers[f], _ = strconv.Atoi(v)
		}
	}
	return it
}

// kioskView is the kiosk page's data: the start screen, one step, or the thanks screen.
type kioskView struct {
	Base, LangQuery string
	Lang            survey.Lang
	// Start screen: the services to choose from (one: a "Mulai" button) and a fresh id.
	Services []*standard.Service
	ID       string
	// Screen is the step shown (nil: the start screen); Steps are every step, as the
	// browser's templates (only on the start screen).
	Screen *stepView
	Steps  []stepView
	Thanks bool
	// Idle and ThanksSeconds are the agency's waits.
	Idle, ThanksSeconds int
	// Complaint are the agency's complaint channels: on the thanks screen after a low score
	// (and, hidden, in the browser's thanks template, which kiosk.js shows after one);
	// ComplaintUpTo is the agency's threshold (survey answers at or below it).
	Complaint     []contactLink
	ComplaintUpTo int
	// PrivacyURL is the privacy note, returning to the kiosk by itself.
	PrivacyURL string
}

// complaintSeconds is how long the kiosk's thanks screen stays when it shows the complaint
// channels: time to read or photograph them.
const complaintSeconds = 30

// stepView is one step as a page shows it: its number, the answers so far as hidden fields
// (none in the browser's templates) and its current value.
type stepView struct {
	*kioskStep
	N      int
	Base   string
	Lang   survey.Lang
	Hidden [][2]string
	Value  string
	Error  string
	// Last is the last step: its form posts and stores.
	Last bool
}

// Shown is the keypad's value as people read it: a visit code as XXXXX-XXXXX.
func (v stepView) Shown() string {
	if v.Field == "kode" && len(v.Value) > 5 {
		return v.Value[:5] + "-" + v.Value[5:]
	}
	return v.Value
}

func (h *Handler) kioskPage(c *gin.Context, status int, a *standard.Agency, lang survey.Lang, v kioskView) {
	v.Base, v.Lang, v.Idle, v.ThanksSeconds = "/k/"+a.Code, lang, a.KioskIdleSeconds, a.KioskThanksSeconds
	if lang == survey.EN {
		v.LangQuery = "?lang=en"
	}
	v.ComplaintUpTo, v.PrivacyURL = a.ComplaintPromptUpTo, privacyURL(lang, true, a.Code)
	if v.Screen == nil && !v.Thanks {
		v.Complaint = complaintChannels(lang, a) // the browser's thanks template, hidden
	}
	wait := v.Idle
	if v.Thanks {
		wait = v.ThanksSeconds
		if len(v.Complaint) > 0 {
			wait = max(wait, complaintSeconds)
		}
	}
	pv := pageView{Lang: lang, Title: text(lang, "form.title") + " — " + a.ShortName, Agency: a, Kiosk: true,
		Refresh: strconv.Itoa(wait) + ";url=" + v.Base + v.LangQuery, Script: v.Screen == nil && !v.Thanks, Data: v}
	if v.Screen != nil && v.Screen.Error != "" {
		pv.Title = text(lang, "form.error") + ": " + pv.Title
	}
	c.Header("Cache-Control", "no-store")
	h.render(c, status, "kiosk.html", pv)
}

// kiosk: GET /k/{agency} — the start screen, or (with the state a screen sent) the next
// screen. Nothing is stored on a GET.
func (h *Handler) kiosk(c *gin.Context) {
	a, _, ok := h.scope(c)
	if !ok {
		return
	}
	h.deviceCookie(c)
	h.kioskStep(c, a, c.Request.URL.Query(), false)
}

// kioskSubmit: POST /k/{agency} — the last screen: the answer completes the response,
// which is checked as the machine API checks it and stored with channel kiosk; 303 to the
// thanks screen. A POST of another screen (Kembali from the last) just shows that screen.
func (h *Handler) kioskSubmit(c *gin.Context) {
	a, _, ok := h.scope(c)
	if !ok {
		return
	}
	if !h.readForm(c, survey.ParseLang(c.Query("lang"))) {
		return
	}
	h.kioskStep(c, a, c.Request.PostForm, true)
}

func (h *Handler) kioskStep(c *gin.Context, a *standard.Agency, f url.Values, store bool) {
	lang := survey.ParseLang(f.Get("lang"))
	steps := h.kioskSteps(a, lang)
	st, start, done := h.kioskForm(a, lang, steps, f)
	if start {
		v := kioskView{Services: a.Services, ID: uuid.NewString()}
		for i := range steps {
			v.Steps = append(v.Steps, stepView{kioskStep: &steps[i], N: i, Base: "/k/" + a.Code, Lang: lang, Last: i == len(steps)-1})
		}
		h.kioskPage(c, http.StatusOK, a, lang, v)
		return
	}
	if done && store {
		if h.kioskStore(c, a, lang, steps, &st) {
			return
		}
	}
	h.kioskPage(c, http.StatusOK, a, lang, kioskView{Screen: h.kioskScreen(a, lang, steps, st)})
}

// kioskStore checks and stores a completed response and answers 303 to the thanks screen;
// false (with st.N and st.Error set) sends the visitor back to the step at fault.
func (h *Handler) kioskStore(c *gin.Context, a *standard.Agency, lang survey.Lang, steps []kioskStep, st *kioskState) bool {
	thanks := "/k/" + a.Code + "/terima-kasih" + queryString(pageQuery(lang, false))
	if h.turnedAway(c, lang, thanks) {
		return true
	}
	r, errs := h.apiToResponse(kioskResponse(a, *st))
	r.SubmittedAt = h.opts.Now()
	if len(errs) > 0 {
		h.opts.OnReject("invalid")
		for i := range steps {
			for k, msg := range errs {
				if kioskField(k) == steps[i].Field {
					st.N, st.Error = i, survey.Message(msg, lang)
					return false
				}
			}
		}
		h.message(c, http.StatusUnprocessableEntity, lang, "form.error", "kiosk.incomplete")
		return true
	}
	if _, err := h.opts.Recorder.Record(c.Request.Context(), r); err != nil {
		h.opts.Logger.Error("kiosk: response not stored", "agency", a.Code, "service", r.Service, "err", err)
		h.message(c, http.StatusServiceUnavailable, lang, "busy.title", "busy.body")
		return true
	}
	if offersComplaint(a, r) {
		q := pageQuery(lang, false)
		q.Set(complaintQuery, "1")
		thanks = "/k/" + a.Code + "/terima-kasih" + queryString(q)
	}
	c.Redirect(http.StatusSeeOther, thanks)
	return true
}

// kioskField is the kiosk field an error of apiToResponse names ("answers.U3" → "U3").
func kioskField(key string) string {
	switch key {
	case "visit_code":
		return "kode"
	}
	for _, p := range []string{"answers.", "respondent.", "extra."} {
		if f, ok := strings.CutPrefix(key, p); ok {
			if p == "extra." {
				return "x_" + f
			}
			return f
		}
	}
	return key
}

// kioskScreen is step st.N with the answers so far carried in hidden fields.
func (h *Handler) kioskScreen(a *standard.Agency, lang survey.Lang, steps []kioskStep, st kioskState) *stepView {
	step := &steps[st.N]
	v := &stepView{kioskStep: step, N: st.N, Base: "/k/" + a.Code, Lang: lang, Value: st.Values[step.Field],
		Error: st.Error, Last: st.N == len(steps)-1}
	v.Hidden = append(v.Hidden, [2]string{"layanan", st.Service.Code}, [2]string{"id", st.ID})
	if lang == survey.EN {
		v.Hidden = append(v.Hidden, [2]string{"lang", "en"})
	}
	for i := range steps {
		if val, ok := st.Values[steps[i].Field]; ok {
			v.Hidden = append(v.Hidden, [2]string{steps[i].Field, val})
		}
	}
	return v
}

// kioskThanks: GET /k/{agency}/terima-kasih — thanks, and back to the start by itself.
func (h *Handler) kioskThanks(c *gin.Context) {
	a, _, ok := h.scope(c)
	if !ok {
		return
	}
	lang := survey.ParseLang(c.Query("lang"))
	v := kioskView{Thanks: true}
	if c.Query(complaintQuery) == "1" {
		v.Complaint = complaintChannels(lang, a)
	}
	h.kioskPage(c, http.StatusOK, a, lang, v)
}
