package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Channels by which a response arrives.
const (
	ChannelWeb   = "web"
	ChannelKiosk = "kiosk"
	ChannelPaper = "paper"
)

// ResponseChannelName words a response channel for reports: "formulir daring", "kios/tablet
// di loket", "kuesioner kertas"; an unknown code is returned as it is.
func ResponseChannelName(code string) string {
	switch code {
	case ChannelWeb:
		return "formulir daring"
	case ChannelKiosk:
		return "kios/tablet di loket"
	case ChannelPaper:
		return "kuesioner kertas"
	}
	return code
}

// Respondent-profile choices, as on the official form. Every profile field is optional.
var (
	// Genders are the codes of jenis kelamin: L (laki-laki), P (perempuan).
	Genders = []string{"L", "P"}
	// Educations are the levels of pendidikan terakhir.
	Educations = []string{"SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3", "Lainnya"}
	// Occupations are the choices of pekerjaan utama.
	Occupations = []string{"PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya"}
)

// educationAliases accepts the spellings machines and paper forms commonly use.
var educationAliases = map[string]string{
	"S1": "D4/S1", "D4": "D4/S1", "D4-S1": "D4/S1", "D1": "D1-D3", "D2": "D1-D3", "D3": "D1-D3",
	"D1/D3": "D1-D3", "SLTA": "SMA", "SMK": "SMA", "SLTP": "SMP", "MA": "SMA", "MTS": "SMP",
}

// NormalizeEducation maps an accepted spelling to its official level; "" stays "".
func NormalizeEducation(s string) string {
	s = strings.TrimSpace(s)
	for _, e := range Educations {
		if strings.EqualFold(s, e) {
			return e
		}
	}
	if v, ok := educationAliases[strings.ToUpper(s)]; ok {
		return v
	}
	return s
}

// genderNames are the genders as people read them, in the order of Genders.
var genderNames = [2]string{"Laki-laki", "Perempuan"}

// GenderName returns a jenis kelamin code as people read it ("Laki-laki"), or the code
// itself if unknown.
func GenderName(code string) string {
	if i := slices.Index(Genders, code); i >= 0 {
		return genderNames[i]
	}
	return code
}

// NormalizeGender maps L, P, "laki-laki" or "perempuan" (any case, spaces trimmed) to its
// code; anything else is returned trimmed.
func NormalizeGender(s string) string {
	s = strings.TrimSpace(s)
	for i, g := range Genders {
		if strings.EqualFold(s, g) || strings.EqualFold(s, genderNames[i]) {
			return g
		}
	}
	return s
}

// NormalizeOccupation maps a case-insensitive spelling to its official choice.
func NormalizeOccupation(s string) string {
	s = strings.TrimSpace(s)
	for _, o := range Occupations {
		if strings.EqualFold(s, o) {
			return o
		}
	}
	if strings.EqualFold(s, "pelajar") || strings.EqualFold(s, "mahasiswa") {
		return "Pelajar/Mahasiswa"
	}
	return s
}

// MinAge and MaxAge bound a respondent's age in years (Umur, 10–120).
const (
	MinAge = 10
	MaxAge = 120
)

// Limits on free text, in characters.
const (
	MaxSaran      = 2000
	MaxExtraValue = 500
)

// Response is one respondent's answers.
type Response struct {
	// ID identifies the response; a response sent twice with the same ID counts once.
	ID string
	// Agency and Service are codes from the agency's standard.
	Agency  string
	Service string
	// Channel is web, kiosk or paper.
	Channel string
	// Answers holds the value 1..4 per element in code order (Answers[0] is U1); 0 means
	// not answered, allowed only where blanks are (paper questionnaires).
	Answers [9]uint8
	// Umur is the age in years; 0 when not given.
	Umur int
	// JenisKelamin is L, P or "".
	JenisKelamin string
	// Pendidikan and Pekerjaan are profile choices or "".
	Pendidikan string
	Pekerjaan  string
	// Saran is the free-text suggestion.
	Saran string
	// Extra holds answers to the agency's own questions; never part of the IKM.
	Extra []ExtraAnswer
	// SubmittedAt is when the respondent submitted.
	SubmittedAt time.Time
}

// ExtraAnswer is the answer to one agency-defined question.
type ExtraAnswer struct {
	Key   string
	Value string
}

// Answer returns the value given for element e, 0 if none.
func (r *Response) Answer(e Element) uint8 { return r.Answers[e.Index()] }

// Errors maps a field name (U1..U9, umur, jenis_kelamin, pendidikan, pekerjaan, saran,
// extra.KEY, id, submitted_at) to a message. Messages are Indonesian; Message translates.
type Errors map[string]string

// Rules say what Validate allows beyond the always-checked ranges.
type Rules struct {
	// AllowBlankAnswers lets elements be 0 (paper questionnaires); the web form requires
	// all nine, as the official form has no "don't know".
	AllowBlankAnswers bool
	// Now bounds SubmittedAt (a response cannot come from the future); zero skips the check.
	Now time.Time
}

var idRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// EarliestSubmission is the earliest submission time a response may carry: the SKM of
// PermenPANRB 14/2017 did not exist before 2017 (and earlier dates would wrap in storage).
var EarliestSubmission = time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)

// disallowedControl reports control characters other than line breaks and tabs (NUL and
// the like, which a saran typed by a person never holds).
func disallowedControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

// Validate checks the response and returns the problems per field; nil when there are none.
func (r *Response) Validate(rules Rules) Errors {
	errs := Errors{}
	if r.ID != "" && !idRe.MatchString(r.ID) {
		errs["id"] = "ID harus berupa UUID, misalnya 3f2b8c1e-5a4d-4c8e-9b1a-2d7e6f0a1c3b."
	}
	for _, e := range Elements {
		v := r.Answers[e.Index()]
		switch {
		case v == 0 && !rules.AllowBlankAnswers:
			errs[e.Code()] = MsgUnanswered
		case v > 4:
			errs[e.Code()] = "Jawaban harus bernilai 1 sampai 4."
		}
	}
	if rules.AllowBlankAnswers && r.answered() == 0 {
		errs["U1"] = "Tidak ada satu pun pertanyaan yang dijawab."
	}
	if r.Umur != 0 && (r.Umur < MinAge || r.Umur > MaxAge) {
		errs["umur"] = "Umur harus antara 10 dan 120 tahun."
	}
	if r.JenisKelamin != "" && !slices.Contains(Genders, r.JenisKelamin) {
		errs["jenis_kelamin"] = "Pilih L (laki-laki) atau P (perempuan)."
	}
	if r.Pendidikan != "" && !slices.Contains(Educations, r.Pendidikan) {
		errs["pendidikan"] = "Pilih salah satu: " + strings.Join(Educations, ", ") + "."
	}
	if r.Pekerjaan != "" && !slices.Contains(Occupations, r.Pekerjaan) {
		errs["pekerjaan"] = "Pilih salah satu: " + strings.Join(Occupations, ", ") + "."
	}
	if !utf8.ValidString(r.Saran) || strings.IndexFunc(r.Saran, disallowedControl) >= 0 {
		errs["saran"] = "Teks saran mengandung karakter yang tidak sah."
	} else if n := utf8.RuneCountInString(r.Saran); n > MaxSaran {
		errs["saran"] = fmt.Sprintf("Saran terlalu panjang (%d karakter); paling banyak %d.", n, MaxSaran)
	}
	for _, x := range r.Extra {
		if !utf8.ValidString(x.Value) || utf8.RuneCountInString(x.Value) > MaxExtraValue {
			errs["extra."+x.Key] = fmt.Sprintf("Jawaban terlalu panjang; paling banyak %d karakter.", MaxExtraValue)
		}
	}
	if !r.SubmittedAt.IsZero() && r.SubmittedAt.Before(EarliestSubmission) {
		errs["submitted_at"] = "Waktu pengisian sebelum 2017 tidak mungkin: SKM menurut PermenPANRB 14/2017 baru berlaku sejak itu."
	}
	if !rules.Now.IsZero() && r.SubmittedAt.After(rules.Now.Add(5*time.Minute)) {
		errs["submitted_at"] = "Waktu pengisian tidak boleh di masa depan."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func (r *Response) answered() int {
	n := 0
	for _, v := range r.Answers {
		if v != 0 {
			n++
		}
	}
	return n
}

// SetAnswer parses a form or file value for element e: "" leaves it unanswered.
func (r *Response) SetAnswer(e Element, s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		r.Answers[e.Index()] = 0
		return true
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 || v > 4 {
		return false
	}
	r.Answers[e.Index()] = uint8(v)
	return true
}

// MsgUnanswered is Validate's message for an official question left unanswered.
const MsgUnanswered = "Pertanyaan ini belum dijawab."

var messagesEN = map[string]string{
	MsgUnanswered:                                    "Please answer this question.",
	"Jawaban harus bernilai 1 sampai 4.":             "The answer must be 1 to 4.",
	"Umur harus antara 10 dan 120 tahun.":            "Age must be between 10 and 120 years.",
	"Pilih L (laki-laki) atau P (perempuan).":        "Choose L (male) or P (female).",
	"Teks saran mengandung karakter yang tidak sah.": "The suggestion contains invalid characters.",
	"Waktu pengisian tidak boleh di masa depan.":     "The submission time cannot be in the future.",
}

// Message returns msg in lang; messages without a translation stay Indonesian.
func Message(msg string, lang Lang) string {
	if lang == EN {
		if en, ok := messagesEN[msg]; ok {
			return en
		}
	}
	return msg
}
