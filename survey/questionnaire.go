// Package survey is the SKM domain of PermenPANRB 14/2017: the nine elements (unsur), the
// official questionnaire and answer labels, the respondent profile, survey periods, a
// response and its validation. Standard library only; pure functions.
package survey

import "fmt"

// Element is one of the nine SKM elements, U1..U9. Answers are stored by element, never by
// question position: the official form asks U9 as question 8 and U8 as question 9.
type Element int

// The nine elements.
const (
	U1 Element = iota + 1 // Persyaratan
	U2                    // Sistem, Mekanisme, dan Prosedur
	U3                    // Waktu Penyelesaian
	U4                    // Biaya/Tarif
	U5                    // Produk Spesifikasi Jenis Pelayanan
	U6                    // Kompetensi Pelaksana
	U7                    // Perilaku Pelaksana
	U8                    // Penanganan Pengaduan, Saran dan Masukan
	U9                    // Sarana dan Prasarana
)

// Elements lists U1..U9 in code order.
var Elements = [9]Element{U1, U2, U3, U4, U5, U6, U7, U8, U9}

// Code is "U1".."U9".
func (e Element) Code() string {
	if e.Valid() {
		return elementCodes[e.Index()]
	}
	return fmt.Sprintf("U%d", int(e))
}

// elementCodes are the codes of U1..U9, written once: Code and ElementByCode run for every
// answer of every response received.
var elementCodes = [9]string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}

// Index is the element's position in code order, 0 for U1.
func (e Element) Index() int { return int(e) - 1 }

// Valid reports whether e is one of U1..U9.
func (e Element) Valid() bool { return e >= U1 && e <= U9 }

var elementNames = [9][2]string{
	{"Persyaratan", "Requirements"},
	{"Sistem, Mekanisme, dan Prosedur", "Systems, mechanisms and procedures"},
	{"Waktu Penyelesaian", "Completion time"},
	{"Biaya/Tarif", "Cost/tariff"},
	{"Produk Spesifikasi Jenis Pelayanan", "Service product specification"},
	{"Kompetensi Pelaksana", "Staff competence"},
	{"Perilaku Pelaksana", "Staff conduct"},
	{"Penanganan Pengaduan, Saran dan Masukan", "Handling of complaints, suggestions and feedback"},
	{"Sarana dan Prasarana", "Facilities and infrastructure"},
}

// Name is the element's official Indonesian name, shown to staff.
func (e Element) Name() string { return e.NameIn(ID) }

// NameIn is the element's name in lang.
func (e Element) NameIn(lang Lang) string {
	if !e.Valid() {
		return e.Code()
	}
	return elementNames[e.Index()][lang.index()]
}

// ElementByCode returns the element for "U1".."U9".
func ElementByCode(code string) (Element, bool) {
	if len(code) == 2 && code[0] == 'U' && code[1] >= '1' && code[1] <= '9' {
		return Element(code[1] - '0'), true
	}
	return 0, false
}

// Lang is a UI language: Indonesian first, English second.
type Lang string

// The UI languages.
const (
	ID Lang = "id"
	EN Lang = "en"
)

func (l Lang) index() int {
	if l == EN {
		return 1
	}
	return 0
}

// ParseLang returns EN for "en" and ID for anything else.
func ParseLang(s string) Lang {
	if s == string(EN) {
		return EN
	}
	return ID
}

// Question is one question of the official questionnaire in one language.
type Question struct {
	// Number is the question's position on the form, 1..9.
	Number int
	// Element is what the answer measures.
	Element Element
	// Text is the question.
	Text string
	// Labels are the answers for values 1..4, in the official words.
	Labels [4]string
}

type questionText struct {
	element Element
	text    [2]string
	labels  [2][4]string
}

// The official model questionnaire of PermenPANRB 14/2017, in its order: question 8 is U9
// (sarana) and question 9 is U8 (pengaduan). The Indonesian text is the official one.
var questionnaire = [9]questionText{
	{U1, [2]string{
		"Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
		"How well do the service requirements match the type of service?"},
		[2][4]string{{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"},
			{"Not appropriate", "Less appropriate", "Appropriate", "Very appropriate"}}},
	{U2, [2]string{
		"Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
		"How easy are the service procedures of this unit to follow?"},
		[2][4]string{{"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"},
			{"Not easy", "Less easy", "Easy", "Very easy"}}},
	{U3, [2]string{
		"Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
		"How fast was the service delivered?"},
		[2][4]string{{"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"},
			{"Not fast", "Less fast", "Fast", "Very fast"}}},
	{U4, [2]string{
		"Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
		"How reasonable is the cost/tariff of the service?"},
		[2][4]string{{"Sangat mahal", "Cukup mahal", "Murah", "Gratis"},
			{"Very expensive", "Quite expensive", "Cheap", "Free"}}},
	{U5, [2]string{
		"Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
		"How well does the service product you received match what the service standard states?"},
		[2][4]string{{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"},
			{"Not appropriate", "Less appropriate", "Appropriate", "Very appropriate"}}},
	{U6, [2]string{
		"Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
		"How competent/capable were the staff who served you?"},
		[2][4]string{{"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"},
			{"Not competent", "Less competent", "Competent", "Very competent"}}},
	{U7, [2]string{
		"Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
		"How polite and friendly were the staff who served you?"},
		[2][4]string{{"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"},
			{"Not polite and friendly", "Less polite and friendly", "Polite and friendly", "Very polite and friendly"}}},
	{U9, [2]string{
		"Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
		"How good is the quality of the facilities and infrastructure?"},
		[2][4]string{{"Buruk", "Cukup", "Baik", "Sangat baik"},
			{"Poor", "Fair", "Good", "Very good"}}},
	{U8, [2]string{
		"Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
		"How are complaints from service users handled?"},
		[2][4]string{{"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"},
			{"There is none", "It exists but does not work", "It works, but not fully", "It is well managed"}}},
}

// Questionnaire returns the nine questions in the official order, in lang.
func Questionnaire(lang Lang) []Question {
	out := make([]Question, len(questionnaire))
	for i, q := range questionnaire {
		out[i] = Question{Number: i + 1, Element: q.element, Text: q.text[lang.index()], Labels: q.labels[lang.index()]}
	}
	return out
}
