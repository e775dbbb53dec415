package pdf

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// The sentences of the report, written from the figures: pure functions of
// reports.SemesterFigures, each handling the period without responses, an element without
// answers, a period without a predecessor's or a year-ago's data, a single service, no
// follow-up plan and no saran in words, never with an empty slot.

// label is a period's name in the report ("Semester I 2026").
func label(p survey.Period) string { return p.Label(survey.ID) }

// elementLabel names an element with its code: "U3 Waktu Penyelesaian".
func elementLabel(e survey.Element) string { return e.Code() + " " + e.Name() }

// mutuWords is a mutu with its kinerja: "B (Baik)".
func mutuWords(m survey.Mutu) string { return m.Letter + " (" + m.Kinerja + ")" }

// count writes an integer the Indonesian way: 1.853.
func count[T ~int | ~uint64](n T) string { return survey.FormatInt(int64(n)) }

// percent writes part of whole as a percentage with one decimal: "45,2 %".
func percent[T ~int | ~uint64](part, whole T) string {
	if whole == 0 {
		return "–"
	}
	return survey.FormatPercent(100*float64(part)/float64(whole), 1)
}

// nrrText writes an NRR with three decimals, rounded half up exactly: "3,250"; "–" without
// answers.
func nrrText(nrr *big.Rat) string {
	if nrr == nil {
		return "–"
	}
	return survey.FormatDecimal(survey.RoundHalfUp(nrr, 3), 3)
}

// weightedText writes an NRR × 1/9 (NRR tertimbang) with four decimals: "0,3611".
func weightedText(nrr *big.Rat) string {
	if nrr == nil {
		return "–"
	}
	return survey.FormatDecimal(survey.RoundHalfUp(new(big.Rat).Quo(nrr, big.NewRat(9, 1)), 4), 4)
}

// ikmText writes the IKM of k as shown and classified ("81,25"), or "–" when it cannot be
// computed.
func ikmText(k survey.IKM) string {
	if !k.Complete {
		return "–"
	}
	return survey.Format100(k.Rounded100)
}

// elementIKMText writes an element's IKM (NRR × 25), or "–" without answers.
func elementIKMText(e survey.ElementScore) string {
	if e.NRR == nil {
		return "–"
	}
	return survey.Format100(e.IKM100)
}

// joinWords joins items the Indonesian way: "a", "a dan b", "a, b dan c"; with semicolons
// when an item has a comma of its own ("Pelayanan Data, Laporan, dan Informasi; …"; a
// decimal comma does not count).
func joinWords(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	sep, last := ", ", " dan "
	if slices.ContainsFunc(items, func(s string) bool { return strings.Contains(s, ", ") }) {
		sep, last = "; ", "; dan "
	}
	return strings.Join(items[:len(items)-1], sep) + last + items[len(items)-1]
}

// changeWords words a change of a figure shown in hundredths: "naik 6,25 poin", "turun
// 0,40 poin", "tidak berubah".
func changeWords(d int64) string {
	switch {
	case d > 0:
		return "naik " + survey.Format100(d) + " poin"
	case d < 0:
		return "turun " + survey.Format100(-d) + " poin"
	}
	return "tidak berubah"
}

// unanswered lists the elements of k that no respondent answered.
func unanswered(k survey.IKM) []survey.Element {
	var out []survey.Element
	for _, e := range k.Elements {
		if e.Answers == 0 {
			out = append(out, e.Element)
		}
	}
	return out
}

func elementLabels(list []survey.Element) string {
	var out []string
	for _, e := range list {
		out = append(out, elementLabel(e))
	}
	return joinWords(out)
}

// ikmSentence states the period's IKM, its mutu and its change from the previous period:
// "Nilai IKM Badan … pada Semester I 2026 adalah 81,25 dengan mutu pelayanan B (Baik), naik
// 6,25 poin dari Semester II 2025 (75,00)."
func ikmSentence(f *reports.SemesterFigures) string {
	name, period := f.Agency.Name, label(f.Period)
	k := survey.Compute(f.Tally)
	switch {
	case f.Tally.Respondents == 0:
		return fmt.Sprintf("Belum ada responden pada %s, sehingga nilai IKM %s belum dapat dihitung.", period, name)
	case !k.Complete:
		missing := unanswered(k)
		return fmt.Sprintf("Nilai IKM %s pada %s belum dapat dihitung karena unsur %s belum mendapat jawaban.", name, period,
			elementLabels(missing))
	}
	s := fmt.Sprintf("Nilai IKM %s pada %s adalah %s dengan mutu pelayanan %s", name, period, ikmText(k), mutuWords(k.Mutu))
	prev := survey.Compute(f.PreviousTally)
	switch {
	case prev.Complete:
		return fmt.Sprintf("%s, %s dari %s (%s).", s, changeWords(k.Rounded100-prev.Rounded100), label(f.Previous), ikmText(prev))
	case f.PreviousTally.Respondents == 0:
		return fmt.Sprintf("%s. Belum ada data survei %s sebagai pembanding.", s, label(f.Previous))
	}
	return fmt.Sprintf("%s. IKM %s tidak dapat dihitung karena ada unsur tanpa jawaban, sehingga tidak dibandingkan.", s,
		label(f.Previous))
}

// yearAgoSentence compares the IKM with the same period a year earlier.
func yearAgoSentence(f *reports.SemesterFigures) string {
	return compareSentence(f, f.YearAgo, f.YearAgoTally, "periode yang sama tahun sebelumnya")
}

// previousSentence compares the IKM with the previous period.
func previousSentence(f *reports.SemesterFigures) string {
	return compareSentence(f, f.Previous, f.PreviousTally, "periode sebelumnya")
}

// compareSentence compares the period's IKM with that of another period, which relation
// names.
func compareSentence(f *reports.SemesterFigures, other survey.Period, tally survey.Tally, relation string) string {
	then := label(other)
	y := survey.Compute(tally)
	switch {
	case tally.Respondents == 0:
		return fmt.Sprintf("Belum ada data survei %s, sehingga IKM belum dapat dibandingkan dengan %s.", then, relation)
	case !y.Complete:
		return fmt.Sprintf("IKM %s, %s, tidak dapat dihitung karena ada unsur tanpa jawaban.", then, relation)
	}
	k := survey.Compute(f.Tally)
	if !k.Complete {
		return fmt.Sprintf("IKM %s, %s, adalah %s dengan mutu %s.", then, relation, ikmText(y), mutuWords(y.Mutu))
	}
	return fmt.Sprintf("Dibandingkan dengan %s, %s (IKM %s), nilai IKM %s.", then, relation, ikmText(y),
		changeWords(k.Rounded100-y.Rounded100))
}

// elementChangeSentence names the elements that rose and fell most since the previous
// period ("" when either period has no element to compare).
func elementChangeSentence(f *reports.SemesterFigures) string {
	cur, prev := survey.Compute(f.Tally), survey.Compute(f.PreviousTally)
	type change struct {
		e survey.Element
		d int64
	}
	var list []change
	for i, e := range cur.Elements {
		if e.NRR != nil && prev.Elements[i].NRR != nil {
			list = append(list, change{e.Element, e.IKM100 - prev.Elements[i].IKM100})
		}
	}
	if len(list) == 0 {
		return ""
	}
	up, down := list[0].d, list[0].d
	for _, c := range list {
		up, down = max(up, c.d), min(down, c.d)
	}
	// named words the elements that changed by d, with the change.
	named := func(d int64) string {
		var out []survey.Element
		for _, c := range list {
			if c.d == d {
				out = append(out, c.e)
			}
		}
		return fmt.Sprintf("%s (%s poin)", elementLabels(out), signedText(d))
	}
	then := label(f.Previous)
	switch {
	case up == 0 && down == 0:
		return fmt.Sprintf("Nilai setiap unsur tidak berubah dibanding %s.", then)
	case up <= 0:
		return fmt.Sprintf("Dibanding %s tidak ada unsur yang naik; penurunan terbesar terjadi pada %s.", then, named(down))
	case down >= 0:
		return fmt.Sprintf("Dibanding %s tidak ada unsur yang turun; kenaikan terbesar terjadi pada %s.", then, named(up))
	}
	return fmt.Sprintf("Dibanding %s, kenaikan terbesar terjadi pada %s dan penurunan terbesar pada %s.", then, named(up), named(down))
}

// mutuSentence places the IKM in the conversion table and says how far mutu A is.
func mutuSentence(f *reports.SemesterFigures) string {
	k := survey.Compute(f.Tally)
	if !k.Complete {
		return "Mutu pelayanan belum dapat ditentukan karena nilai IKM belum dapat dihitung."
	}
	var band survey.MutuBand
	for _, b := range survey.MutuBands {
		if b.Mutu == k.Mutu {
			band = b
		}
	}
	s := fmt.Sprintf("IKM %s berada pada rentang %s – %s, sehingga mutu pelayanan %s dengan kinerja unit pelayanan %s.",
		ikmText(k), survey.Format100(band.From100), survey.Format100(band.To100), k.Mutu.Letter, k.Mutu.Kinerja)
	if a := survey.MutuBands[0]; k.Mutu != a.Mutu {
		s += fmt.Sprintf(" Untuk mencapai mutu %s diperlukan kenaikan %s poin.", mutuWords(a.Mutu), survey.Format100(a.From100-k.Rounded100))
	}
	return s
}

// sampleStatus is the population, the Krejcie-Morgan minimum and the respondents collected.
type sampleStatus struct {
	population, required, collected uint64
}

func sampleOf(f *reports.SemesterFigures) sampleStatus {
	return sampleStatus{f.Population, survey.SampleSize(f.Population), f.Tally.Respondents}
}

// known reports whether the population, and so the minimum sample, is known.
func (s sampleStatus) known() bool { return s.population > 0 }

// met reports whether the minimum sample is reached (false when it is unknown).
func (s sampleStatus) met() bool { return s.known() && s.collected >= s.required }

// sampleSentence states the population, the minimum sample and whether it is met.
func sampleSentence(f *reports.SemesterFigures) string {
	s, period := sampleOf(f), label(f.Period)
	got := fmt.Sprintf("Survei ini memperoleh %s responden.", count(s.collected))
	if s.collected == 0 {
		got = "Survei ini belum memperoleh responden."
	}
	if !s.known() {
		return fmt.Sprintf("Jumlah pengguna layanan pada %s belum tercatat dalam catatan kasus, sehingga sampel minimum menurut "+
			"Krejcie dan Morgan belum dapat dihitung. %s", period, got)
	}
	head := fmt.Sprintf("Populasi survei adalah pengguna layanan pada %s menurut catatan kasus, yaitu %s orang. Dengan rumus "+
		"Krejcie dan Morgan (tingkat kepercayaan 95 %%, tingkat kesalahan 5 %%), sampel minimumnya %s responden.", period,
		count(s.population), count(s.required))
	switch {
	case s.met():
		return fmt.Sprintf("%s Survei ini memperoleh %s responden, sehingga sampel minimum terpenuhi.", head, count(s.collected))
	case s.collected == 0:
		return head + " " + got
	}
	return fmt.Sprintf("%s Survei ini memperoleh %s responden, kurang %s dari sampel minimum; hasilnya tetap disajikan karena "+
		"pengisian survei bersifat sukarela, tetapi perlu dibaca dengan hati-hati.", head, count(s.collected),
		count(s.required-s.collected))
}

// sampleConclusion states the sample in one sentence for the conclusions.
func sampleConclusion(f *reports.SemesterFigures) string {
	s := sampleOf(f)
	switch {
	case !s.known() && s.collected == 0:
		return "Sampel minimum belum dapat dihitung karena jumlah pengguna layanan belum tercatat, dan survei belum memperoleh responden."
	case !s.known():
		return fmt.Sprintf("Sampel minimum belum dapat dihitung karena jumlah pengguna layanan belum tercatat; survei memperoleh %s responden.",
			count(s.collected))
	case s.collected == 0:
		return fmt.Sprintf("Survei belum memperoleh responden, sedangkan sampel minimum Krejcie dan Morgan adalah %s responden.",
			count(s.required))
	case s.met():
		return fmt.Sprintf("Jumlah responden (%s) telah memenuhi sampel minimum Krejcie dan Morgan (%s responden).",
			count(s.collected), count(s.required))
	}
	return fmt.Sprintf("Jumlah responden (%s) belum memenuhi sampel minimum Krejcie dan Morgan (%s responden).",
		count(s.collected), count(s.required))
}

// channelSentence states through which channels the questionnaires came in.
func channelSentence(f *reports.SemesterFigures) string {
	var total uint64
	for _, c := range f.Channels {
		total += c.Respondents
	}
	if total == 0 {
		return fmt.Sprintf("Belum ada kuesioner yang terisi pada %s.", label(f.Period))
	}
	var parts []string
	for _, c := range f.Channels {
		if c.Respondents > 0 {
			parts = append(parts, fmt.Sprintf("%s oleh %s responden (%s)", survey.ResponseChannelName(c.Channel),
				count(c.Respondents), percent(c.Respondents, total)))
		}
	}
	return "Kuesioner diisi melalui " + joinWords(parts) + ". Respons yang dikirim aplikasi lain melalui API tercatat pada " +
		"salah satu saluran tersebut."
}

// periodDates words a period's first and last day: "1 Januari 2026 s.d. 30 Juni 2026".
func periodDates(p survey.Period) string {
	first, last := p.Bounds()
	return survey.DateLabel(first, survey.ID) + " s.d. " + survey.DateLabel(last, survey.ID)
}

// datesSentence states when the survey ran and when responses came in.
func datesSentence(f *reports.SemesterFigures) string {
	s := fmt.Sprintf("Survei %s mencakup %s.", label(f.Period), periodDates(f.Period))
	switch {
	case f.FirstDay.IsZero():
		s += " Belum ada respons yang diterima."
	case f.FirstDay.Equal(f.LastDay):
		s += " Seluruh respons diterima pada " + survey.DateLabel(f.FirstDay, survey.ID) + "."
	default:
		s += fmt.Sprintf(" Respons pertama diterima pada %s dan respons terakhir pada %s.", survey.DateLabel(f.FirstDay, survey.ID),
			survey.DateLabel(f.LastDay, survey.ID))
	}
	if f.Provisional {
		s += fmt.Sprintf(" Periode ini belum berakhir pada %s, sehingga angka dalam laporan ini bersifat sementara.",
			survey.DateLabel(f.Now, survey.ID))
	}
	if r := f.Revision; r.Responses > 0 {
		s += " Hasil periode ini " + r.Clause(f.Agency.Location) + "."
	}
	return s
}

// serviceNames lists the names of the agency's services.
func serviceNames(f *reports.SemesterFigures) []string {
	var out []string
	for _, s := range f.Agency.Services {
		out = append(out, s.Name)
	}
	return out
}

// scopeSentence states the period and the services the survey covers, and the services
// without respondents.
func scopeSentence(f *reports.SemesterFigures) string {
	names := serviceNames(f)
	s := fmt.Sprintf("Survei ini mencakup periode %s (%s) dan ", label(f.Period), periodDates(f.Period))
	switch len(names) {
	case 0:
		s += fmt.Sprintf("seluruh layanan %s.", f.Agency.Name)
	case 1:
		s += fmt.Sprintf("satu layanan %s, yaitu %s.", f.Agency.Name, names[0])
	default:
		s += fmt.Sprintf("%s layanan %s, yaitu %s.", count(len(names)), f.Agency.Name, joinWords(names))
	}
	s += " Penilaian meliputi sembilan unsur pelayanan sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017."
	if len(f.ByService) == 0 {
		return s
	}
	var without []string
	for _, sv := range f.Agency.Services {
		if !slices.ContainsFunc(f.ByService, func(st reports.ServiceTally) bool { return st.Service == sv.Code && st.Tally.Respondents > 0 }) {
			without = append(without, sv.Name)
		}
	}
	if len(without) > 0 {
		s += " Layanan yang belum memperoleh responden pada periode ini: " + joinWords(without) + "."
	}
	return s
}

// answered returns the elements with answers, the lowest first (ties in code order).
func answered(k survey.IKM) []survey.ElementScore { return reports.LowestElements(k, len(k.Elements)) }

// tied returns the labels of the elements of list scoring exactly as e.
func tied(list []survey.ElementScore, e survey.ElementScore) string {
	var out []string
	for _, x := range list {
		if x.NRR.Cmp(e.NRR) == 0 {
			out = append(out, elementLabel(x.Element))
		}
	}
	return joinWords(out)
}

// strongWeakSentence names the highest and the lowest element ("" without answers).
func strongWeakSentence(f *reports.SemesterFigures) string {
	list := answered(survey.Compute(f.Tally))
	if len(list) == 0 {
		return ""
	}
	lo, hi := list[0], list[len(list)-1]
	score := func(e survey.ElementScore) string {
		return fmt.Sprintf("IKM unsur %s, mutu %s", survey.Format100(e.IKM100), e.Mutu.Letter)
	}
	switch {
	case len(list) == 1:
		return fmt.Sprintf("Hanya unsur %s yang mendapat jawaban (%s).", elementLabel(lo.Element), score(lo))
	case lo.NRR.Cmp(hi.NRR) == 0:
		return fmt.Sprintf("Semua unsur yang dinilai memperoleh nilai yang sama (%s).", score(lo))
	}
	return fmt.Sprintf("Unsur dengan nilai tertinggi adalah %s (%s), sedangkan unsur dengan nilai terendah adalah %s (%s).",
		tied(list, hi), score(hi), tied(list, lo), score(lo))
}

// unansweredSentence names the elements without answers ("" when every element has some or
// there is no respondent).
func unansweredSentence(f *reports.SemesterFigures) string {
	k := survey.Compute(f.Tally)
	missing := unanswered(k)
	if f.Tally.Respondents == 0 || len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("Unsur %s belum mendapat jawaban, sehingga NRR unsur tersebut dan nilai IKM belum dapat dihitung.",
		elementLabels(missing))
}

// serviceScore is one service's computed IKM.
type serviceScore struct {
	name string
	k    survey.IKM
}

func serviceScores(f *reports.SemesterFigures) []serviceScore {
	var out []serviceScore
	for _, st := range f.ByService {
		out = append(out, serviceScore{f.Agency.ServiceName(st.Service), survey.Compute(st.Tally)})
	}
	return out
}

// servicesSentence compares the IKM of the services ("" without respondents).
func servicesSentence(f *reports.SemesterFigures) string {
	all := serviceScores(f)
	switch len(all) {
	case 0:
		return ""
	case 1:
		s := fmt.Sprintf("Seluruh responden menilai satu layanan, yaitu %s", all[0].name)
		if all[0].k.Complete {
			return fmt.Sprintf("%s, dengan IKM %s dan mutu %s.", s, ikmText(all[0].k), mutuWords(all[0].k.Mutu))
		}
		return s + "."
	}
	var done []serviceScore
	for _, s := range all {
		if s.k.Complete {
			done = append(done, s)
		}
	}
	switch len(done) {
	case 0:
		return "IKM per layanan belum dapat dihitung karena setiap layanan masih memiliki unsur tanpa jawaban."
	case 1:
		return fmt.Sprintf("Di antara %s layanan yang dinilai, hanya IKM %s yang dapat dihitung, yaitu %s dengan mutu %s.",
			count(len(all)), done[0].name, ikmText(done[0].k), mutuWords(done[0].k.Mutu))
	}
	slices.SortStableFunc(done, func(a, b serviceScore) int { return int(a.k.Rounded100 - b.k.Rounded100) })
	lo, hi := done[0], done[len(done)-1]
	if lo.k.Rounded100 == hi.k.Rounded100 {
		return fmt.Sprintf("Semua layanan yang dinilai memperoleh IKM yang sama, yaitu %s dengan mutu %s.", ikmText(lo.k), mutuWords(lo.k.Mutu))
	}
	s := fmt.Sprintf("IKM tertinggi diperoleh %s (%s, mutu %s) dan terendah %s (%s, mutu %s).", hi.name, ikmText(hi.k),
		hi.k.Mutu.Letter, lo.name, ikmText(lo.k), lo.k.Mutu.Letter)
	if n := len(all) - len(done); n > 0 {
		s += fmt.Sprintf(" IKM %s layanan lain belum dapat dihitung karena ada unsur tanpa jawaban.", count(n))
	}
	return s
}

// profileSentence names the largest group of a profile dimension ("" without data).
func profileSentence(f *reports.SemesterFigures, dim reports.ProfileDimension) string {
	counts := reports.ProfileOf(f.Profile, dim.Key)
	var total uint64
	var top reports.ProfileCount
	for _, p := range counts {
		total += p.Count
		if p.Value != "" && p.Count > top.Count {
			top = p
		}
	}
	if total == 0 {
		return fmt.Sprintf("Belum ada data %s responden.", strings.ToLower(dim.Title))
	}
	if top.Count == 0 {
		return fmt.Sprintf("Tidak ada responden yang mengisi %s.", strings.ToLower(dim.Title))
	}
	return fmt.Sprintf("Menurut %s, responden terbanyak adalah %s: %s orang (%s).", strings.ToLower(dim.Title),
		reports.ProfileLabel(dim.Key, top.Value), count(top.Count), percent(top.Count, total))
}

// priorities are the elements the follow-up plan addresses first: the three lowest and any
// below mutu B, the lowest first.
func priorities(k survey.IKM) []survey.ElementScore {
	var out []survey.ElementScore
	for i, e := range answered(k) {
		if i < 3 || e.Mutu.BelowB() {
			out = append(out, e)
		}
	}
	return out
}

func codes(list []survey.ElementScore) string {
	var out []string
	for _, e := range list {
		out = append(out, e.Element.Code())
	}
	return joinWords(out)
}

// prioritySentence names the priority elements.
func prioritySentence(f *reports.SemesterFigures) string {
	p := priorities(survey.Compute(f.Tally))
	if len(p) == 0 {
		return fmt.Sprintf("Belum ada unsur yang dapat dianalisis karena belum ada jawaban pada %s.", label(f.Period))
	}
	return fmt.Sprintf("Perbaikan diprioritaskan pada tiga unsur dengan nilai terendah serta setiap unsur dengan mutu di bawah B (Baik). "+
		"Pada %s unsur tersebut adalah %s, diurutkan dari nilai terendah.", label(f.Period), codes(p))
}

// elementThemes returns the period's saran themes that speak of element e and have saran.
func elementThemes(f *reports.SemesterFigures, e survey.Element) []reports.SaranTheme {
	var out []reports.SaranTheme
	for _, code := range f.Agency.Themes().ForElement(e.Code()) {
		if t, ok := f.Themes.Theme(code); ok && t.Count > 0 {
			out = append(out, t)
		}
	}
	return out
}

// itemsFor returns the follow-up items of a plan for element e.
func itemsFor(items []survey.FollowUp, e survey.Element) []survey.FollowUp {
	var out []survey.FollowUp
	for _, it := range items {
		if it.Element == e.Code() {
			out = append(out, it)
		}
	}
	return out
}

// lowerFirst lowers the first letter of a phrase continuing a sentence ("Menambah kipas" →
// "menambah kipas"), leaving an acronym ("SOP baru") as it is.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// quote puts a saran in quotation marks on one line.
func quote(s string) string { return "“" + strings.Join(strings.Fields(s), " ") + "”" }

// elementFindings are the sentences of the evidence on one priority element: its score,
// its low answers, the saran themes on it (with examples unless public), its spread across
// services and its follow-up items.
func elementFindings(f *reports.SemesterFigures, e survey.ElementScore, public bool) []string {
	i := e.Element.Index()
	out := []string{fmt.Sprintf("%s memperoleh NRR %s atau IKM unsur %s dengan mutu %s.", elementLabel(e.Element), nrrText(e.NRR),
		survey.Format100(e.IKM100), mutuWords(e.Mutu))}
	var total uint64
	for _, n := range f.Answers[i] {
		total += n
	}
	labels := answerLabels(e.Element)
	if low := f.Answers[i][0] + f.Answers[i][1]; total > 0 && low > 0 {
		out = append(out, fmt.Sprintf("Sebanyak %s dari %s jawaban (%s) memilih %s atau %s.", count(low), count(total),
			percent(low, total), labels[0], labels[1]))
	} else if total > 0 {
		out = append(out, fmt.Sprintf("Tidak ada jawaban yang memilih %s atau %s.", labels[0], labels[1]))
	}
	themes := elementThemes(f, e.Element)
	if len(themes) == 0 {
		out = append(out, "Tidak ada saran responden yang berkaitan dengan unsur ini.")
	} else {
		var parts, examples []string
		for _, t := range themes {
			parts = append(parts, fmt.Sprintf("%s (%s saran)", t.Label, count(t.Count)))
			for _, ex := range t.Examples {
				if q := quote(ex.Text); len(examples) < 2 && !slices.Contains(examples, q) {
					examples = append(examples, q)
				}
			}
		}
		out = append(out, "Saran responden yang berkaitan dengan unsur ini: "+joinWords(parts)+".")
		if !public && len(examples) > 0 {
			out = append(out, "Contoh saran: "+strings.Join(examples, " dan ")+".") // at most two, quoted: their commas are theirs
		}
	}
	if s := spreadSentence(f, e.Element); s != "" {
		out = append(out, s)
	}
	if n := len(itemsFor(f.FollowUps, e.Element)); n > 0 {
		out = append(out, fmt.Sprintf("Rencana tindak lanjut memuat %s kegiatan untuk unsur ini.", count(n)))
	} else {
		out = append(out, "Belum ada kegiatan tindak lanjut untuk unsur ini.")
	}
	return out
}

// spreadSentence names the services scoring lowest and highest on element e ("" with fewer
// than two services answering it).
func spreadSentence(f *reports.SemesterFigures, e survey.Element) string {
	type score struct {
		name string
		el   survey.ElementScore
	}
	var list []score
	for _, s := range serviceScores(f) {
		if el := s.k.Elements[e.Index()]; el.NRR != nil {
			list = append(list, score{s.name, el})
		}
	}
	if len(list) < 2 {
		return ""
	}
	slices.SortStableFunc(list, func(a, b score) int { return a.el.NRR.Cmp(b.el.NRR) })
	lo, hi := list[0], list[len(list)-1]
	if lo.el.NRR.Cmp(hi.el.NRR) == 0 {
		return fmt.Sprintf("Nilai unsur ini sama pada semua layanan yang dinilai (IKM unsur %s).", survey.Format100(lo.el.IKM100))
	}
	return fmt.Sprintf("Antarlayanan, nilai unsur ini terendah pada %s (IKM unsur %s) dan tertinggi pada %s (IKM unsur %s).",
		lo.name, survey.Format100(lo.el.IKM100), hi.name, survey.Format100(hi.el.IKM100))
}

// answerLabels are the official answer labels of an element's question, for values 1–4.
func answerLabels(e survey.Element) [4]string {
	for _, q := range survey.Questionnaire(survey.ID) {
		if q.Element == e {
			return q.Labels
		}
	}
	return [4]string{"1", "2", "3", "4"}
}

// followUpSentence states the period's follow-up plan and the priority elements it leaves
// out.
func followUpSentence(f *reports.SemesterFigures) string {
	period := label(f.Period)
	items := f.FollowUps
	sh := survey.ShareDone(items)
	var s string
	switch {
	case len(items) == 0:
		s = fmt.Sprintf("Rencana tindak lanjut hasil survei %s belum disusun.", period)
	case sh.Total == 0:
		s = fmt.Sprintf("Rencana tindak lanjut hasil survei %s memuat %s kegiatan yang seluruhnya dibatalkan.", period, count(len(items)))
	case sh.Done == 0:
		s = fmt.Sprintf("Rencana tindak lanjut hasil survei %s memuat %s kegiatan; belum ada yang selesai, dengan rata-rata kemajuan %s.",
			period, count(sh.Total), survey.FormatPercent(sh.MeanProgress, 0))
	case sh.Done == sh.Total:
		s = fmt.Sprintf("Rencana tindak lanjut hasil survei %s memuat %s kegiatan yang seluruhnya telah selesai.", period, count(sh.Total))
	default:
		s = fmt.Sprintf("Rencana tindak lanjut hasil survei %s memuat %s kegiatan; %s di antaranya telah selesai, dengan rata-rata kemajuan %s.",
			period, count(sh.Total), count(sh.Done), survey.FormatPercent(sh.MeanProgress, 0))
	}
	if n := len(items) - sh.Total; n > 0 && sh.Total > 0 {
		s += fmt.Sprintf(" Sebanyak %s kegiatan dibatalkan dan tidak dihitung.", count(n))
	}
	var missing []survey.ElementScore
	for _, e := range priorities(survey.Compute(f.Tally)) {
		if len(itemsFor(items, e.Element)) == 0 {
			missing = append(missing, e)
		}
	}
	if len(missing) > 0 {
		s += " Unsur prioritas yang belum memiliki kegiatan tindak lanjut: " + codes(missing) + "."
	}
	return s
}

// previousFollowUpSentence states how much of the previous period's plan was carried out.
func previousFollowUpSentence(f *reports.SemesterFigures) string {
	prev := label(f.Previous)
	items := f.PreviousFollowUps
	sh := survey.ShareDone(items)
	switch {
	case len(items) == 0:
		return fmt.Sprintf("Tidak ada rencana tindak lanjut yang tercatat untuk hasil survei %s.", prev)
	case sh.Total == 0:
		return fmt.Sprintf("Seluruh %s kegiatan tindak lanjut hasil survei %s dibatalkan.", count(len(items)), prev)
	case sh.Done == 0:
		return fmt.Sprintf("Dari %s kegiatan tindak lanjut hasil survei %s, belum ada yang selesai; rata-rata kemajuannya %s.",
			count(sh.Total), prev, survey.FormatPercent(sh.MeanProgress, 0))
	case sh.Done == sh.Total:
		return fmt.Sprintf("Seluruh %s kegiatan tindak lanjut hasil survei %s telah selesai.", count(sh.Total), prev)
	}
	return fmt.Sprintf("Dari %s kegiatan tindak lanjut hasil survei %s, %s telah selesai (%s) dengan rata-rata kemajuan %s.",
		count(sh.Total), prev, count(sh.Done), percent(sh.Done, sh.Total), survey.FormatPercent(sh.MeanProgress, 0))
}

// saranSentence states how many saran came in and what they speak of most.
func saranSentence(f *reports.SemesterFigures) string {
	total := f.Themes.Total
	if total == 0 {
		return fmt.Sprintf("Tidak ada responden yang menuliskan saran atau masukan pada %s.", label(f.Period))
	}
	s := fmt.Sprintf("Responden menuliskan %s saran atau masukan.", count(total))
	if top := f.Themes.Top(3); len(top) > 0 {
		var parts []string
		for _, t := range top {
			parts = append(parts, fmt.Sprintf("%s (%s saran)", t.Label, count(t.Count)))
		}
		s += " Tema yang paling sering muncul adalah " + joinWords(parts) + "."
	} else {
		s += " Tidak ada saran yang masuk ke tema tertentu."
	}
	if none, ok := f.Themes.Theme(standard.ThemeNone); ok && none.Count > 0 {
		s += fmt.Sprintf(" Sebanyak %s di antaranya tidak berisi usulan, misalnya menyatakan pelayanan sudah baik.", count(none.Count))
	}
	return s
}

// conclusions are the kesimpulan of the closing chapter, one sentence or two each.
func conclusions(f *reports.SemesterFigures) []string {
	out := []string{ikmSentence(f)}
	if s := strongWeakSentence(f); s != "" {
		out = append(out, s)
	}
	out = append(out, sampleConclusion(f))
	if p := priorities(survey.Compute(f.Tally)); len(p) > 0 {
		out = append(out, fmt.Sprintf("Unsur yang perlu diprioritaskan untuk perbaikan adalah %s.", codes(p)))
	}
	return out
}

// recommendations are the rekomendasi of the closing chapter: the priority elements with
// their follow-up items, the sample, the previous plan and the publication of the results.
func recommendations(f *reports.SemesterFigures) []string {
	var out []string
	if f.Tally.Respondents == 0 {
		out = append(out, "Melaksanakan survei pada seluruh layanan dan mengajak pengguna layanan mengisi kuesioner melalui formulir "+
			"daring, kios/tablet di loket atau kuesioner kertas.")
	}
	for _, e := range priorities(survey.Compute(f.Tally)) {
		s := fmt.Sprintf("Memperbaiki unsur %s (IKM unsur %s, mutu %s)", elementLabel(e.Element), survey.Format100(e.IKM100), e.Mutu.Letter)
		var actions []string
		for _, it := range itemsFor(f.FollowUps, e.Element) {
			if it.Status != survey.StatusCancelled {
				actions = append(actions, lowerFirst(strings.TrimRight(strings.TrimSpace(it.Action), ".")))
			}
		}
		if len(actions) > 0 {
			out = append(out, s+" melalui kegiatan yang direncanakan: "+strings.Join(actions, "; ")+".")
		} else {
			out = append(out, s+"; rencana tindak lanjutnya perlu segera disusun.")
		}
	}
	sample := sampleOf(f)
	switch {
	case !sample.known():
		out = append(out, "Mencatat jumlah pengguna layanan setiap periode agar sampel minimum survei dapat dihitung.")
	case !sample.met() && sample.collected > 0:
		out = append(out, "Memperluas pengumpulan kuesioner (formulir daring, kios/tablet di loket dan kuesioner kertas) agar sampel "+
			"minimum terpenuhi pada periode berikutnya.")
	}
	if sh := survey.ShareDone(f.PreviousFollowUps); sh.Done < sh.Total {
		out = append(out, fmt.Sprintf("Menuntaskan %s kegiatan tindak lanjut hasil survei %s yang belum selesai.", count(sh.Total-sh.Done),
			label(f.Previous)))
	}
	return append(out, "Mempublikasikan hasil survei dan rencana tindak lanjutnya kepada masyarakat melalui situs web, papan "+
		"pengumuman atau media sosial.")
}
