package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"skm/standard"
	"skm/survey"
)

// maxFormBytes bounds a form submission; nine answers, a profile and a saran fit well within.
const maxFormBytes = 32 << 10

// formView is the form page's data.
type formView struct {
	// VisitCode is shown when the agency prints per-visit codes on its receipts.
	VisitCode     bool
	VisitCodeText string
	Action        string
	Token         string
	Questions     []questionView
	Extra         []extraView
	Profile       profileView
	Saran         string
	Errors        []fieldError
	ErrorHead     string
	LangURL       string
	PrivacyURL    string
	Ages          []int
}

type questionView struct {
	survey.Question
	Code    string
	Options []optionView
	Error   string
}

// extraView is one of the agency's own questions on the form, numbered after the nine.
type extraView struct {
	Field   string
	Number  int
	Text    string
	Options []optionView
	Value   string
	Error   string
}

type optionView struct {
	Value   int
	Label   string
	Checked bool
}

type profileView struct {
	Umur         string
	JenisKelamin string
	Pendidikan   string
	Pekerjaan    string
	Educations   []string
	Occupations  []string
	Errors       map[string]string
}

// fieldError is one line of the error summary: Msg names the field ("1. Persyaratan:
// belum dijawab") and links to its id, Field.
type fieldError struct {
	Field string
	Msg   string
}

// fieldOrder lists fields in page order, for the error summary. The visit code comes after
// the questions: a form that opens with a code field reads like a login gate.
var fieldOrder = []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8", "extra", "umur", "jenis_kelamin", "pendidikan", "pekerjaan", "saran", "kode"}

// fieldLabels name the fields other than the questions in the error summary.
var fieldLabels = map[string]string{"umur": "form.umur", "jenis_kelamin": "form.gender", "pendidikan": "form.education",
	"pekerjaan": "form.occupation", "saran": "form.saran.short", "kode": "form.kode.short"}

// summaryLine words an error for the summary: the field's name, then the problem ("1.
// Persyaratan: belum dijawab", "10. Dari mana …: pilih salah satu jawaban yang tersedia"),
// or the problem alone where it names the field already ("Umur harus antara 10 dan 120
// tahun").
func summaryLine(lang survey.Lang, name, msg string) string {
	if msg == survey.MsgUnanswered {
		return name + ": " + text(lang, "form.unanswered")
	}
	m := strings.TrimSuffix(survey.Message(msg, lang), ".")
	short, _, _ := strings.Cut(name, " (")
	if strings.HasPrefix(strings.ToLower(m), strings.ToLower(short)) {
		return m
	}
	if r, size := utf8.DecodeRuneInString(m); size > 0 {
		m = string(unicode.ToLower(r)) + m[size:]
	}
	return name + ": " + m
}

func (h *Handler) formShow(c *gin.Context) {
	if n, ok := standard.ParseServiceNumber(c.Param("service")); ok {
		h.shortLink(c, n)
		return
	}
	a, s, ok := h.scope(c)
	if !ok {
		return
	}
	h.deviceCookie(c)
	lang := survey.ParseLang(c.Query("lang"))
	kiosk := c.Query("k") == "1"
	r := &survey.Response{}
	h.renderForm(c, http.StatusOK, lang, kiosk, pageView{Agency: a, Service: s}, r, uuid.NewString(), nil)
}

func (h *Handler) renderForm(c *gin.Context, status int, lang survey.Lang, kiosk bool, pv pageView, r *survey.Response, token string, errs survey.Errors) {
	v := formView{Token: token, Saran: r.Saran, VisitCode: h.visitCodes(pv.Agency.Code), VisitCodeText: c.PostForm("kode")}
	path := "/s/" + pv.Agency.Code + "/" + pv.Service.Code
	other := survey.EN
	if lang == survey.EN {
		other = survey.ID
	}
	v.Action = path + queryString(pageQuery(lang, kiosk))
	v.LangURL = path + queryString(pageQuery(other, kiosk))
	v.PrivacyURL = privacyURL(lang, kiosk, pv.Agency.Code)
	names := map[string]string{}
	for f, key := range fieldLabels {
		names[f] = text(lang, key)
	}
	for _, qu := range survey.Questionnaire(lang) {
		names[qu.Element.Code()] = fmt.Sprintf("%d. %s", qu.Number, qu.Element.NameIn(lang))
		qv := questionView{Question: qu, Code: qu.Element.Code(), Error: survey.Message(errs[qu.Element.Code()], lang)}
		for i, l := range qu.Labels {
			qv.Options = append(qv.Options, optionView{Value: i + 1, Label: l, Checked: r.Answer(qu.Element) == uint8(i+1)})
		}
		v.Questions = append(v.Questions, qv)
	}
	answered := map[string]string{}
	for _, x := range r.Extra {
		answered[x.Key] = x.Value
	}
	for n, q := range pv.Agency.ExtraQuestions {
		text, labels := q.Wording(lang == survey.EN)
		ev := extraView{Field: "x_" + q.Key, Number: len(survey.Elements) + 1 + n, Text: text, Value: answered[q.Key], Error: survey.Message(errs["extra."+q.Key], lang)}
		names[ev.Field] = fmt.Sprintf("%d. %s", ev.Number, strings.TrimRight(ev.Text, "?:. "))
		for i, o := range q.Options {
			ev.Options = append(ev.Options, optionView{Value: i + 1, Label: labels[i], Checked: answered[q.Key] == o})
		}
		v.Extra = append(v.Extra, ev)
	}
	v.Profile = profileView{JenisKelamin: r.JenisKelamin, Pendidikan: r.Pendidikan, Pekerjaan: r.Pekerjaan,
		Educations: survey.Educations, Occupations: survey.Occupations, Errors: map[string]string{}}
	if r.Umur != 0 {
		v.Profile.Umur = strconv.Itoa(r.Umur)
	} else if raw := c.PostForm("umur"); raw != "" {
		v.Profile.Umur = raw // keep what was typed, even when it is not a number
	}
	for _, f := range fieldOrder {
		if f == "extra" {
			for _, q := range pv.Agency.ExtraQuestions {
				if msg, ok := errs["extra."+q.Key]; ok {
					v.Errors = append(v.Errors, fieldError{Field: "x_" + q.Key, Msg: summaryLine(lang, names["x_"+q.Key], msg)})
				}
			}
			continue
		}
		if msg, ok := errs[f]; ok {
			v.Errors = append(v.Errors, fieldError{Field: f, Msg: summaryLine(lang, names[f], msg)})
			v.Profile.Errors[f] = survey.Message(msg, lang)
		}
	}
	if n := len(v.Errors); n == 1 {
		v.ErrorHead = text(lang, "form.errors.one")
	} else if n > 1 {
		v.ErrorHead = fmt.Sprintf(text(lang, "form.errors.many"), n)
	}
	if kiosk {
		for age := 15; age <= 80; age++ {
			v.Ages = append(v.Ages, age)
		}
	}
	title := text(lang, "form.title") + " — " + pv.Service.Name
	if len(v.Errors) > 0 {
		title = text(lang, "form.error") + ": " + title
	}
	pv.Lang, pv.Title, pv.Kiosk, pv.Data = lang, title, kiosk, v
	h.render(c, status, "form.html", pv)
}

func queryString(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

func (h *Handler) formSubmit(c *gin.Context) {
	a, s, ok := h.scope(c)
	if !ok {
		return
	}
	lang := survey.ParseLang(c.Query("lang"))
	kiosk := c.Query("k") == "1"
	if !h.readForm(c, lang) {
		return
	}
	thanks := "/s/" + a.Code + "/" + s.Code + "/terima-kasih" + queryString(pageQuery(lang, kiosk))
	if h.turnedAway(c, lang, thanks) {
		return
	}
	r := &survey.Response{Agency: a.Code, Service: s.Code, Channel: survey.ChannelWeb}
	if kiosk {
		r.Channel = survey.ChannelKiosk
	}
	token := c.PostForm("id")
	if _, err := uuid.Parse(token); err != nil {
		token = uuid.NewString()
	}
	// The token was issued with the form: a double submission of one filled-in form
	// carries the same id and is stored once.
	r.ID = token
	errs := survey.Errors{}
	for _, e := range survey.Elements {
		if !r.SetAnswer(e, c.PostForm(e.Code())) {
			errs[e.Code()] = "Jawaban harus bernilai 1 sampai 4."
		}
	}
	if raw := strings.TrimSpace(c.PostForm("umur")); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil {
			errs["umur"] = "Umur harus antara 10 dan 120 tahun."
		} else {
			r.Umur = n
		}
	}
	r.JenisKelamin = c.PostForm("jenis_kelamin")
	r.Pendidikan = c.PostForm("pendidikan")
	r.Pekerjaan = c.PostForm("pekerjaan")
	r.Saran = strings.TrimSpace(c.PostForm("saran"))
	r.SubmittedAt = h.opts.Now()
	for _, q := range a.ExtraQuestions {
		raw := strings.TrimSpace(c.PostForm("x_" + q.Key))
		if raw == "" {
			continue
		}
		val, ok := extraAnswer(q, raw)
		if !ok {
			errs["extra."+q.Key] = "Pilih salah satu jawaban yang tersedia."
			continue
		}
		r.Extra = append(r.Extra, survey.ExtraAnswer{Key: q.Key, Value: val})
	}
	if code := strings.TrimSpace(c.PostForm("kode")); code != "" && h.visitCodes(a.Code) {
		serial, ok := h.opts.VisitCodes.Check(a.Code, code)
		if !ok {
			errs["kode"] = "Kode kunjungan tidak dikenal; periksa kembali tanda terima Saudara, atau kosongkan."
		} else {
			// One response per code: every response with this code has the same id, and
			// the intake stores an id once.
			r.ID = visitResponseID(a.Code, serial)
		}
	}
	for k, v := range r.Validate(survey.Rules{}) {
		if _, set := errs[k]; !set {
			errs[k] = v
		}
	}
	if len(errs) > 0 {
		h.opts.OnReject("invalid")
		h.renderForm(c, http.StatusUnprocessableEntity, lang, kiosk, pageView{Agency: a, Service: s}, r, token, errs)
		return
	}
	if _, err := h.opts.Recorder.Record(c.Request.Context(), r); err != nil {
		h.opts.Logger.Error("survey: response not stored", "agency", a.Code, "service", s.Code, "err", err)
		h.message(c, http.StatusServiceUnavailable, lang, "busy.title", "busy.body")
		return
	}
	if offersComplaint(a, r) {
		q := pageQuery(lang, kiosk)
		q.Set(complaintQuery, "1")
		thanks = "/s/" + a.Code + "/" + s.Code + "/terima-kasih" + queryString(q)
	}
	c.Redirect(http.StatusSeeOther, thanks)
}

// pageQuery keeps the language and kiosk mode across the pages of one visit.
func pageQuery(lang survey.Lang, kiosk bool) url.Values {
	q := url.Values{}
	if lang == survey.EN {
		q.Set("lang", "en")
	}
	if kiosk {
		q.Set("k", "1")
	}
	return q
}

func (h *Handler) thanks(c *gin.Context) {
	a, s, ok := h.scope(c)
	if !ok {
		return
	}
	lang := survey.ParseLang(c.Query("lang"))
	pv := pageView{Lang: lang, Title: text(lang, "thanks.title"), Agency: a, Service: s, Kiosk: c.Query("k") == "1"}
	v := thanksView{PrivacyURL: privacyURL(lang, pv.Kiosk, a.Code)}
	if c.Query(complaintQuery) == "1" {
		v.Complaint = complaintChannels(lang, a)
	}
	pv.Data = v
	if pv.Kiosk {
		wait := "8"
		if len(v.Complaint) > 0 {
			wait = "30" // time to read or photograph the channels
		}
		pv.Refresh = wait + ";url=/k/" + a.Code + queryString(pageQuery(lang, false))
	}
	h.render(c, http.StatusOK, "thanks.html", pv)
}

// thanksView is the thanks page's data: the complaint channels after a low score.
type thanksView struct {
	Complaint  []contactLink
	PrivacyURL string
}

// message renders a page with a title and a paragraph.
func (h *Handler) message(c *gin.Context, status int, lang survey.Lang, titleKey, bodyKey string) {
	h.render(c, status, "message.html", pageView{Lang: lang, Title: text(lang, titleKey), Data: text(lang, bodyKey)})
}

// visitNamespace derives response ids from per-visit codes.
var visitNamespace = uuid.MustParse("2f7f1f0e-4b7a-4f4e-8f57-6c1c1e9d0a11")

// visitResponseID is the id of the response given with a visit code: every response with
// the same code has the same id, and the intake stores an id once.
func visitResponseID(agency string, serial uint32) string {
	return uuid.NewSHA1(visitNamespace, []byte(agency+"\x00"+strconv.FormatUint(uint64(serial), 10))).String()
}

func (h *Handler) visitCodes(agency string) bool {
	a, ok := h.opts.Set.Agency(agency)
	return ok && a.VisitCodes && h.opts.VisitCodes != nil
}

// extraAnswer checks an answer to an agency's own question: for a choice, the option's
// number (the form) or its wording in either language (the API), stored as the Indonesian
// wording; for free text, the text.
func extraAnswer(q standard.ExtraQuestion, raw string) (string, bool) {
	if len(q.Options) == 0 {
		return raw, true
	}
	if n, err := strconv.Atoi(raw); err == nil && n >= 1 && n <= len(q.Options) {
		return q.Options[n-1], true
	}
	for i, o := range q.Options {
		if strings.EqualFold(raw, o) || (i < len(q.OptionsEN) && strings.EqualFold(raw, q.OptionsEN[i])) {
			return o, true
		}
	}
	return "", false
}
