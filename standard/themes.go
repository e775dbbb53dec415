package standard

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Theme codes the matcher gives besides an agency's own themes.
const (
	// ThemeOther is a saran that names something but none of the themes ("lainnya").
	ThemeOther = "lainnya"
	// ThemeNone is a non-suggestion: empty, "-", "tidak ada saran", "sudah baik", praise.
	ThemeNone = "tanpa-saran"
)

// Labels of the two themes every agency has.
const (
	ThemeOtherLabel = "Lainnya"
	ThemeNoneLabel  = "Tanpa saran / sudah puas"
)

// SaranTheme is one theme the residents' saran are grouped into, with the keyword rules that
// find it. A keyword is a word ("lama"), a word prefix ending in * ("antri*": antri, antrian,
// antriannya) or a phrase of such words ("kamar mandi", "tidak ramah"); matching ignores case
// and punctuation.
type SaranTheme struct {
	// Code is the stable identifier used in links (?tema=waktu).
	Code string
	// Label is the theme's name as staff read it.
	Label string
	// Element is the SKM element the theme speaks of (U1..U9), or "" for none.
	Element string
	// Keywords are the rules as written in the standards file.
	Keywords []string
}

// SaranThemes is an agency's themes in display order, compiled for matching.
type SaranThemes struct {
	// List holds the themes in display order (without lainnya and tanpa-saran).
	List []SaranTheme
	// words maps a single exact word to the indexes of the themes it belongs to.
	words map[string][]int
	// rules are the prefix and phrase rules, each with its theme's index, found by the first
	// one or two bytes of their first word.
	rules map[string][]themeRule
	// key identifies the themes' content (see Key).
	key string
}

// Key identifies the themes by their content — codes, labels, elements and keywords in
// order — so that a cache of grouped saran never serves groupings made by other rules: two
// compilations of the same themes share a key, a changed standards file gets another.
func (ts *SaranThemes) Key() string { return ts.key }

// themesKey is the hash of a theme list that Key returns, each field length-prefixed so
// that no two lists write the same bytes.
func themesKey(list []SaranTheme) string {
	h := sha256.New()
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	for _, t := range list {
		field(t.Code)
		field(t.Label)
		field(t.Element)
		field(strconv.Itoa(len(t.Keywords)))
		for _, kw := range t.Keywords {
			field(kw)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ruleKey is what a rule is filed under: the first two bytes of its first word (one for a
// one-letter word).
func ruleKey(w string) string { return w[:min(2, len(w))] }

type themeRule struct {
	theme int
	parts []wordRule
}

type wordRule struct {
	word   string
	prefix bool
}

func (w wordRule) matches(tok string) bool {
	if w.prefix {
		return strings.HasPrefix(tok, w.word)
	}
	return tok == w.word
}

// Theme returns the theme with the given code, including lainnya and tanpa-saran.
func (ts *SaranThemes) Theme(code string) (SaranTheme, bool) {
	switch code {
	case ThemeOther:
		return SaranTheme{Code: ThemeOther, Label: ThemeOtherLabel}, true
	case ThemeNone:
		return SaranTheme{Code: ThemeNone, Label: ThemeNoneLabel}, true
	}
	for _, t := range ts.List {
		if t.Code == code {
			return t, true
		}
	}
	return SaranTheme{}, false
}

// Codes lists the theme codes in display order, then lainnya and tanpa-saran.
func (ts *SaranThemes) Codes() []string {
	out := make([]string, 0, len(ts.List)+2)
	for _, t := range ts.List {
		out = append(out, t.Code)
	}
	return append(out, ThemeOther, ThemeNone)
}

// ForElement lists the codes of the themes that speak of an element (U3).
func (ts *SaranThemes) ForElement(element string) []string {
	var out []string
	for _, t := range ts.List {
		if t.Element == element {
			out = append(out, t.Code)
		}
	}
	return out
}

// Match returns the codes of the themes a saran falls in, in display order: one or more of
// the agency's themes, else [lainnya], or [tanpa-saran] for a non-suggestion.
func (ts *SaranThemes) Match(text string) []string {
	toks := SaranWords(text)
	hit := make([]bool, len(ts.List))
	any := false
	for i, tok := range toks {
		for _, t := range ts.words[tok] {
			hit[t], any = true, true
		}
		for _, r := range ts.candidates(tok) {
			if hit[r.theme] || i+len(r.parts) > len(toks) {
				continue
			}
			ok := true
			for j, p := range r.parts {
				if !p.matches(toks[i+j]) {
					ok = false
					break
				}
			}
			if ok {
				hit[r.theme], any = true, true
			}
		}
	}
	if !any {
		if noSuggestion(toks) {
			return []string{ThemeNone}
		}
		return []string{ThemeOther}
	}
	var out []string
	for i, h := range hit {
		if h {
			out = append(out, ts.List[i].Code)
		}
	}
	return out
}

// candidates are the prefix and phrase rules whose first word may match tok: a rule's first
// word equals tok or, as a prefix (3 letters or more), starts it, so both share ruleKey.
func (ts *SaranThemes) candidates(tok string) []themeRule { return ts.rules[ruleKey(tok)] }

// SaranWords splits a saran into its words for matching: lower case, letters and digits
// only, and a reduplication written with a 2 ("antri2", "lama2") read as the word itself.
func SaranWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		if len(w) > 2 && strings.HasSuffix(w, "2") && unicode.IsLetter(rune(w[len(w)-2])) {
			words[i] = w[:len(w)-1]
		}
	}
	return words
}

// nothingPhrases say "no suggestion"; they are dropped before the remaining words are
// weighed.
var nothingPhrases = [][]string{
	{"tidak", "ada"}, {"tdk", "ada"}, {"tak", "ada"}, {"gak", "ada"}, {"ga", "ada"}, {"nggak", "ada"},
	{"enggak", "ada"}, {"belum", "ada"}, {"blm", "ada"},
}

// contentFree are the words of praise, thanks and "nothing to add": a saran made of them
// alone is no suggestion. Words of complaint (tidak, kurang, belum) are deliberately absent:
// "pelayanan kurang baik" is a saran.
var contentFree = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`saran masukan komentar kritik sudah udah sdh sangat sngt amat sekali sangatlah
		baik bagus puas memuaskan mantap mantab mantul oke ok oce sip good nice top terima kasih makasih
		terimakasih trims thanks thank you pertahankan dipertahankan pertahankanlah lanjutkan sukses selalu
		semoga lebih lagi maju terus cukup semua secara keseluruhan pelayanan layanan pelayanannya
		layanannya nya untuk saat ini sejauh luar biasa yang dan jaya tetap nihil no none`) {
		contentFree[w] = true
	}
}

// noSuggestion reports whether words say nothing beyond praise or "nothing to add". A lone
// "tidak" is an answer to "any suggestion?"; elsewhere it negates and makes a saran.
func noSuggestion(words []string) bool {
	rest := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		skip := false
		for _, p := range nothingPhrases {
			if i+len(p) <= len(words) && slices.Equal(words[i:i+len(p)], p) {
				i += len(p) - 1
				skip = true
				break
			}
		}
		if !skip {
			rest = append(rest, words[i])
		}
	}
	if len(rest) == 1 && rest[0] == "tidak" {
		return true
	}
	for _, w := range rest {
		if !contentFree[w] {
			return false
		}
	}
	return true
}

// CompileSaranThemes compiles themes (in display order) for matching, as an agency's file
// has them compiled; keywords that do not parse are left out.
func CompileSaranThemes(list []SaranTheme) *SaranThemes { return compileThemes(list) }

// compileThemes compiles themes for matching; keywords that do not parse (the agency file's
// check reports them) are left out.
func compileThemes(list []SaranTheme) *SaranThemes {
	ts := &SaranThemes{List: list, words: map[string][]int{}, rules: map[string][]themeRule{}, key: themesKey(list)}
	for i, t := range list {
		for _, kw := range t.Keywords {
			parts, msg := parseKeyword(kw)
			if msg != "" {
				continue
			}
			if len(parts) == 1 && !parts[0].prefix {
				if !slices.Contains(ts.words[parts[0].word], i) {
					ts.words[parts[0].word] = append(ts.words[parts[0].word], i)
				}
				continue
			}
			key := ruleKey(parts[0].word)
			ts.rules[key] = append(ts.rules[key], themeRule{theme: i, parts: parts})
		}
	}
	return ts
}

// minPrefix is the shortest prefix a rule may use: shorter ones match nearly everything.
const minPrefix = 3

// parseKeyword reads one keyword rule; the message says in Indonesian what is wrong.
func parseKeyword(kw string) ([]wordRule, string) {
	fields := strings.Fields(kw)
	if len(fields) == 0 {
		return nil, "kata kunci kosong"
	}
	var parts []wordRule
	for _, f := range fields {
		prefix := strings.HasSuffix(f, "*")
		f = strings.TrimSuffix(f, "*")
		words := SaranWords(f)
		switch {
		case strings.Contains(f, "*"):
			return nil, "kata kunci \"" + kw + "\": tanda * hanya boleh di akhir kata (misalnya antri*)"
		case len(words) != 1 || words[0] != strings.ToLower(f):
			return nil, "kata kunci \"" + kw + "\" hanya boleh berisi huruf dan angka; pisahkan kata dengan spasi"
		case prefix && len([]rune(words[0])) < minPrefix:
			return nil, "kata kunci \"" + kw + "\": awalan dengan * paling sedikit 3 huruf"
		}
		parts = append(parts, wordRule{word: words[0], prefix: prefix})
	}
	return parts, ""
}

// validElementCode reports whether code is U1..U9 (the survey package owns the elements;
// standard imports nothing of the product).
func validElementCode(code string) bool {
	return len(code) == 2 && code[0] == 'U' && code[1] >= '1' && code[1] <= '9'
}

// DefaultSaranThemes are the themes every agency starts with: the nine SKM elements in the
// words residents use, and queues, information and online services. An agency's file may
// replace one (same code) or add its own.
func DefaultSaranThemes() []SaranTheme {
	return []SaranTheme{
		{"persyaratan", "Persyaratan", "U1", []string{"syarat*", "persyaratan*", "berkas*", "dokumen*", "formulir*",
			"blangko", "fotokopi*", "fotocopy*", "fc", "ktp", "surat pengantar", "lampiran", "kelengkapan", "legalisir"}},
		{"prosedur", "Sistem, mekanisme, dan prosedur", "U2", []string{"prosedur*", "alur*", "mekanisme", "birokrasi*",
			"ribet", "rumit", "berbelit*", "bertele*", "sop", "tahapan", "tata cara", "persuratan", "disposisi"}},
		{"waktu", "Waktu penyelesaian", "U3", []string{"lama", "lamanya", "kelamaan", "lambat*", "lelet", "cepat*",
			"percepat*", "dipercepat", "waktu*", "nunggu*", "menunggu", "ditunggu", "molor", "terlambat", "telat",
			"tepat waktu", "segera", "berhari", "berminggu", "tertunda", "ditunda"}},
		{"biaya", "Biaya/tarif", "U4", []string{"biaya*", "mahal", "tarif*", "bayar*", "membayar", "dibayar", "pungli",
			"pungutan", "gratis", "uang", "retribusi", "ongkos", "murah", "suap", "sogok*", "imbalan", "amplop"}},
		{"produk", "Produk/hasil layanan", "U5", []string{"hasil*", "produk*", "keliru", "salah", "typo", "revisi",
			"jawaban*", "akurat", "tidak sesuai", "kurang lengkap", "sertifikat", "surat balasan"}},
		{"kompetensi", "Kompetensi petugas", "U6", []string{"kompeten*", "paham", "memahami", "menguasai", "pengetahuan",
			"terampil", "keterampilan", "profesional*", "cekatan", "bingung", "pelatihan", "bimtek", "kemampuan",
			"mengerti", "ngerti", "tidak tahu", "kurang tahu", "ahli"}},
		{"perilaku", "Perilaku petugas", "U7", []string{"ramah*", "keramahan", "judes", "jutek", "sopan*", "kesopanan",
			"senyum*", "tersenyum", "galak", "kasar", "cuek", "sombong", "ketus", "sapa*", "menyapa", "santun",
			"acuh", "marah*", "bentak*", "membentak", "dibentak", "sinis", "3s", "5s", "sikap*"}},
		{"pengaduan", "Penanganan pengaduan, saran, dan masukan", "U8", []string{"pengaduan", "aduan", "mengadu",
			"komplain*", "complain*", "keluhan", "keluh*", "mengeluh", "lapor", "laporan pengaduan", "kotak saran",
			"sp4n", "tindak lanjut", "ditindaklanjuti", "tanggapan", "ditanggapi", "respon*", "direspon*", "hotline"}},
		{"sarana", "Sarana dan prasarana", "U9", []string{"sarana", "prasarana", "sarpras", "fasilitas*", "ruang*",
			"ruangan", "kursi", "ac", "kipas", "parkir*", "toilet", "wc", "kamar mandi", "mushola", "musala",
			"musholla", "air minum", "listrik", "panas", "gerah", "sempit", "kotor", "bersih*", "kebersihan",
			"gedung", "kantin", "lift", "tangga", "disabilitas", "difabel", "kursi roda", "tempat duduk"}},
		{"antrean", "Antrean", "U3", []string{"antri*", "antre*", "mengantri*", "mengantre*", "ngantri*", "ngantre*",
			"nomor urut", "nomor antrian", "berdesak*", "desak desakan"}},
		{"informasi", "Informasi dan publikasi", "", []string{"informasi*", "info", "website", "situs", "web",
			"medsos", "sosmed", "media sosial", "instagram", "ig", "facebook", "fb", "brosur", "spanduk", "baliho",
			"sosialisasi*", "disosialisasikan", "pengumuman", "papan", "publikasi", "kontak", "whatsapp", "wa"}},
		{"daring", "Jaringan dan layanan daring", "", []string{"online", "daring", "jaringan", "sinyal", "internet",
			"wifi", "wi fi", "aplikasi", "error", "eror", "server", "offline", "gangguan", "lemot", "loading",
			"link", "email", "zoom", "digital*", "digitalisasi"}},
	}
}

// mergeThemes lays an agency's themes over the defaults: a theme with a default's code
// replaces it in place, a new code is added at the end.
func mergeThemes(defaults, own []SaranTheme) []SaranTheme {
	out := slices.Clone(defaults)
	for _, t := range own {
		if i := slices.IndexFunc(out, func(d SaranTheme) bool { return d.Code == t.Code }); i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	return out
}

var defaultThemes = compileThemes(DefaultSaranThemes())

// Themes returns the agency's saran themes; an agency built in code rather than loaded from
// a file has the defaults.
func (a *Agency) Themes() *SaranThemes {
	if a == nil || a.SaranThemes == nil {
		return defaultThemes
	}
	return a.SaranThemes
}
