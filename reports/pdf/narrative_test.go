package pdf

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"skm/reports"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

var s1 = survey.Period{Kind: survey.Semester, Year: 2026, N: 1}

// closedAt and runningAt are the example's report dates: after the period and within it.
func closedAt(a *standard.Agency) time.Time  { return time.Date(2026, 7, 10, 9, 0, 0, 0, a.Location) }
func runningAt(a *standard.Agency) time.Time { return time.Date(2026, 5, 1, 9, 0, 0, 0, a.Location) }

// read fills in what the Querier would: the periods, the date and whether it is provisional.
func read(f *reports.SemesterFigures, a *standard.Agency, now time.Time) *reports.SemesterFigures {
	f.Agency, f.Period, f.Previous, f.YearAgo = a, s1, s1.Previous(), s1.YearEarlier()
	f.Now, f.Provisional = now.In(a.Location), !s1.Ended(now, a.Location)
	return f
}

func example(t *testing.T) *reports.SemesterFigures {
	a := standardtest.Agency(t, "bppd-kalbar")
	f, _ := exampleFigures(a)
	return read(f, a, closedAt(a))
}

func empty(t *testing.T) *reports.SemesterFigures {
	a := standardtest.Agency(t, "bppd-kalbar")
	return read(&reports.SemesterFigures{}, a, runningAt(a))
}

const kalbar = "Badan Pengelola Perbatasan Daerah Provinsi Kalimantan Barat"

func same(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// The sentences of the hand-computed example (fake_test.go), written out in full.
func TestNarrativeOfTheExample(t *testing.T) {
	f := example(t)
	same(t, "IKM", ikmSentence(f), "Nilai IKM "+kalbar+" pada Semester I 2026 adalah 81,25 dengan mutu pelayanan B (Baik), naik 6,25 "+
		"poin dari Semester II 2025 (75,00).")
	same(t, "previous", previousSentence(f), "Dibandingkan dengan Semester II 2025, periode sebelumnya (IKM 75,00), nilai IKM naik 6,25 poin.")
	same(t, "year ago", yearAgoSentence(f), "Belum ada data survei Semester I 2025, sehingga IKM belum dapat dibandingkan dengan periode "+
		"yang sama tahun sebelumnya.")
	same(t, "sample", sampleSentence(f), "Populasi survei adalah pengguna layanan pada Semester I 2026 menurut catatan kasus, yaitu 10 "+
		"orang. Dengan rumus Krejcie dan Morgan (tingkat kepercayaan 95 %, tingkat kesalahan 5 %), sampel minimumnya 10 responden. "+
		"Survei ini memperoleh 4 responden, kurang 6 dari sampel minimum; hasilnya tetap disajikan karena pengisian survei bersifat "+
		"sukarela, tetapi perlu dibaca dengan hati-hati.")
	same(t, "channels", channelSentence(f), "Kuesioner diisi melalui formulir daring oleh 2 responden (50,0 %), kios/tablet di loket "+
		"oleh 1 responden (25,0 %) dan kuesioner kertas oleh 1 responden (25,0 %). Respons yang dikirim aplikasi lain melalui API "+
		"tercatat pada salah satu saluran tersebut.")
	same(t, "dates", datesSentence(f), "Survei Semester I 2026 mencakup 1 Januari 2026 s.d. 30 Juni 2026. Respons pertama diterima "+
		"pada 5 Januari 2026 dan respons terakhir pada 5 April 2026.")
	same(t, "scope", scopeSentence(f), "Survei ini mencakup periode Semester I 2026 (1 Januari 2026 s.d. 30 Juni 2026) dan 5 layanan "+
		kalbar+", yaitu Pelayanan Konsultasi; Pelayanan Data, Laporan, dan Informasi; Fasilitasi Rapat/Audiensi Instansi Pemerintah, "+
		"Pemerintah Daerah & Lembaga; Pelayanan Penyediaan Narasumber; dan Penanganan Pengaduan, Saran, dan Masukan. Penilaian "+
		"meliputi sembilan unsur pelayanan sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017. Layanan yang belum memperoleh "+
		"responden pada periode ini: Pelayanan Data, Laporan, dan Informasi; Fasilitasi Rapat/Audiensi Instansi Pemerintah, "+
		"Pemerintah Daerah & Lembaga; dan Pelayanan Penyediaan Narasumber.")
	same(t, "strongest and weakest", strongWeakSentence(f), "Unsur dengan nilai tertinggi adalah U4 Biaya/Tarif dan U7 Perilaku "+
		"Pelaksana (IKM unsur 100,00, mutu A), sedangkan unsur dengan nilai terendah adalah U3 Waktu Penyelesaian (IKM unsur 62,50, mutu D).")
	same(t, "unanswered", unansweredSentence(f), "")
	same(t, "services", servicesSentence(f), "IKM tertinggi diperoleh Penanganan Pengaduan, Saran, dan Masukan (81,94, mutu B) dan "+
		"terendah Pelayanan Konsultasi (80,56, mutu B).")
	same(t, "mutu", mutuSentence(f), "IKM 81,25 berada pada rentang 76,61 – 88,30, sehingga mutu pelayanan B dengan kinerja unit "+
		"pelayanan Baik. Untuk mencapai mutu A (Sangat Baik) diperlukan kenaikan 7,06 poin.")
	same(t, "element changes", elementChangeSentence(f), "Dibanding Semester II 2025, kenaikan terbesar terjadi pada U4 Biaya/Tarif "+
		"dan U7 Perilaku Pelaksana (+25,00 poin) dan penurunan terbesar pada U3 Waktu Penyelesaian (-12,50 poin).")
	same(t, "gender", profileSentence(f, reports.ProfileDimensions[0]), "Menurut jenis kelamin, responden terbanyak adalah "+
		"Laki-laki: 3 orang (75,0 %).")
	same(t, "age", profileSentence(f, reports.ProfileDimensions[1]), "Menurut umur, responden terbanyak adalah 30–39 tahun: 2 orang (50,0 %).")
	same(t, "priorities", prioritySentence(f), "Perbaikan diprioritaskan pada tiga unsur dengan nilai terendah serta setiap unsur dengan "+
		"mutu di bawah B (Baik). Pada Semester I 2026 unsur tersebut adalah U3, U2, U9 dan U8, diurutkan dari nilai terendah.")
	same(t, "follow-up", followUpSentence(f), "Rencana tindak lanjut hasil survei Semester I 2026 memuat 2 kegiatan; belum ada yang "+
		"selesai, dengan rata-rata kemajuan 20 %. Unsur prioritas yang belum memiliki kegiatan tindak lanjut: U2 dan U8.")
	same(t, "previous follow-up", previousFollowUpSentence(f), "Dari 2 kegiatan tindak lanjut hasil survei Semester II 2025, 1 telah "+
		"selesai (50,0 %) dengan rata-rata kemajuan 75 %.")
	same(t, "saran", saranSentence(f), "Responden menuliskan 3 saran atau masukan. Tema yang paling sering muncul adalah Waktu "+
		"penyelesaian (1 saran), Antrean (1 saran) dan Sarana dan prasarana (1 saran).")

	k := survey.Compute(f.Tally)
	findings := map[survey.Element][]string{}
	for _, e := range priorities(k) {
		findings[e.Element] = elementFindings(f, e, e.Element != survey.U3) // U3 in the agency's copy, the others public
	}
	want := map[survey.Element][]string{
		survey.U3: {
			"U3 Waktu Penyelesaian memperoleh NRR 2,500 atau IKM unsur 62,50 dengan mutu D (Tidak Baik).",
			"Sebanyak 2 dari 4 jawaban (50,0 %) memilih Tidak cepat atau Kurang cepat.",
			"Saran responden yang berkaitan dengan unsur ini: Waktu penyelesaian (1 saran) dan Antrean (1 saran).",
			"Contoh saran: “Prosesnya lama sekali, mohon dipercepat” dan “Antrian terlalu panjang 😊 hubungi 0812-xxxx”.",
			"Nilai unsur ini sama pada semua layanan yang dinilai (IKM unsur 62,50).",
			"Rencana tindak lanjut memuat 1 kegiatan untuk unsur ini.",
		},
		survey.U2: {
			"U2 Sistem, Mekanisme, dan Prosedur memperoleh NRR 2,750 atau IKM unsur 68,75 dengan mutu C (Kurang Baik).",
			"Sebanyak 1 dari 4 jawaban (25,0 %) memilih Tidak mudah atau Kurang mudah.",
			"Tidak ada saran responden yang berkaitan dengan unsur ini.",
			"Antarlayanan, nilai unsur ini terendah pada Penanganan Pengaduan, Saran, dan Masukan (IKM unsur 62,50) dan tertinggi " +
				"pada Pelayanan Konsultasi (IKM unsur 75,00).",
			"Belum ada kegiatan tindak lanjut untuk unsur ini.",
		},
		survey.U9: {
			"U9 Sarana dan Prasarana memperoleh NRR 2,750 atau IKM unsur 68,75 dengan mutu C (Kurang Baik).",
			"Sebanyak 1 dari 4 jawaban (25,0 %) memilih Buruk atau Cukup.",
			"Saran responden yang berkaitan dengan unsur ini: Sarana dan prasarana (1 saran).",
			"Antarlayanan, nilai unsur ini terendah pada Pelayanan Konsultasi (IKM unsur 62,50) dan tertinggi pada Penanganan " +
				"Pengaduan, Saran, dan Masukan (IKM unsur 75,00).",
			"Rencana tindak lanjut memuat 1 kegiatan untuk unsur ini.",
		},
		survey.U8: {
			"U8 Penanganan Pengaduan, Saran dan Masukan memperoleh NRR 3,000 atau IKM unsur 75,00 dengan mutu C (Kurang Baik).",
			"Tidak ada jawaban yang memilih Tidak ada atau Ada tetapi tidak berfungsi.",
			"Tidak ada saran responden yang berkaitan dengan unsur ini.",
			"Nilai unsur ini sama pada semua layanan yang dinilai (IKM unsur 75,00).",
			"Belum ada kegiatan tindak lanjut untuk unsur ini.",
		},
	}
	if len(findings) != len(want) {
		t.Errorf("findings on %d elements, want %d", len(findings), len(want))
	}
	for e, w := range want {
		sameList(t, e.Code()+" findings", findings[e], w)
	}

	wantConclusions := []string{
		ikmSentence(f),
		strongWeakSentence(f),
		"Jumlah responden (4) belum memenuhi sampel minimum Krejcie dan Morgan (10 responden).",
		"Unsur yang perlu diprioritaskan untuk perbaikan adalah U3, U2, U9 dan U8.",
	}
	sameList(t, "conclusions", conclusions(f), wantConclusions)
	wantRecs := []string{
		"Memperbaiki unsur U3 Waktu Penyelesaian (IKM unsur 62,50, mutu D) melalui kegiatan yang direncanakan: menerapkan antrean " +
			"daring dan memantau waktu layanan setiap minggu.",
		"Memperbaiki unsur U2 Sistem, Mekanisme, dan Prosedur (IKM unsur 68,75, mutu C); rencana tindak lanjutnya perlu segera disusun.",
		"Memperbaiki unsur U9 Sarana dan Prasarana (IKM unsur 68,75, mutu C) melalui kegiatan yang direncanakan: menambah kipas " +
			"angin di ruang tunggu.",
		"Memperbaiki unsur U8 Penanganan Pengaduan, Saran dan Masukan (IKM unsur 75,00, mutu C); rencana tindak lanjutnya perlu " +
			"segera disusun.",
		"Memperluas pengumpulan kuesioner (formulir daring, kios/tablet di loket dan kuesioner kertas) agar sampel minimum " +
			"terpenuhi pada periode berikutnya.",
		"Menuntaskan 1 kegiatan tindak lanjut hasil survei Semester II 2025 yang belum selesai.",
		"Mempublikasikan hasil survei dan rencana tindak lanjutnya kepada masyarakat melalui situs web, papan pengumuman atau media sosial.",
	}
	sameList(t, "recommendations", recommendations(f), wantRecs)
}

// A period without any response, population, channel, saran or plan, while it runs.
func TestNarrativeWithoutResponses(t *testing.T) {
	f := empty(t)
	same(t, "IKM", ikmSentence(f), "Belum ada responden pada Semester I 2026, sehingga nilai IKM "+kalbar+" belum dapat dihitung.")
	same(t, "sample", sampleSentence(f), "Jumlah pengguna layanan pada Semester I 2026 belum tercatat dalam catatan kasus, sehingga "+
		"sampel minimum menurut Krejcie dan Morgan belum dapat dihitung. Survei ini belum memperoleh responden.")
	same(t, "sample conclusion", sampleConclusion(f), "Sampel minimum belum dapat dihitung karena jumlah pengguna layanan belum "+
		"tercatat, dan survei belum memperoleh responden.")
	same(t, "channels", channelSentence(f), "Belum ada kuesioner yang terisi pada Semester I 2026.")
	same(t, "dates", datesSentence(f), "Survei Semester I 2026 mencakup 1 Januari 2026 s.d. 30 Juni 2026. Belum ada respons yang "+
		"diterima. Periode ini belum berakhir pada 1 Mei 2026, sehingga angka dalam laporan ini bersifat sementara.")
	same(t, "previous", previousSentence(f), "Belum ada data survei Semester II 2025, sehingga IKM belum dapat dibandingkan dengan "+
		"periode sebelumnya.")
	same(t, "mutu", mutuSentence(f), "Mutu pelayanan belum dapat ditentukan karena nilai IKM belum dapat dihitung.")
	same(t, "priorities", prioritySentence(f), "Belum ada unsur yang dapat dianalisis karena belum ada jawaban pada Semester I 2026.")
	same(t, "follow-up", followUpSentence(f), "Rencana tindak lanjut hasil survei Semester I 2026 belum disusun.")
	same(t, "previous follow-up", previousFollowUpSentence(f), "Tidak ada rencana tindak lanjut yang tercatat untuk hasil survei "+
		"Semester II 2025.")
	same(t, "saran", saranSentence(f), "Tidak ada responden yang menuliskan saran atau masukan pada Semester I 2026.")
	same(t, "gender", profileSentence(f, reports.ProfileDimensions[0]), "Belum ada data jenis kelamin responden.")
	for what, s := range map[string]string{"strongest": strongWeakSentence(f), "unanswered": unansweredSentence(f),
		"services": servicesSentence(f), "changes": elementChangeSentence(f)} {
		same(t, what, s, "")
	}
	wantRecs := []string{
		"Melaksanakan survei pada seluruh layanan dan mengajak pengguna layanan mengisi kuesioner melalui formulir daring, " +
			"kios/tablet di loket atau kuesioner kertas.",
		"Mencatat jumlah pengguna layanan setiap periode agar sampel minimum survei dapat dihitung.",
		"Mempublikasikan hasil survei dan rencana tindak lanjutnya kepada masyarakat melalui situs web, papan pengumuman atau media sosial.",
	}
	sameList(t, "recommendations", recommendations(f), wantRecs)
}

// An element nobody answered: no IKM, and the sentences say why.
func TestNarrativeOfAnElementWithoutAnswers(t *testing.T) {
	f := example(t)
	f.Tally.Sum[3], f.Tally.Answers[3] = 0, 0 // U4
	f.YearAgoTally = allThree(10)
	same(t, "IKM", ikmSentence(f), "Nilai IKM "+kalbar+" pada Semester I 2026 belum dapat dihitung karena unsur U4 Biaya/Tarif belum "+
		"mendapat jawaban.")
	same(t, "unanswered", unansweredSentence(f), "Unsur U4 Biaya/Tarif belum mendapat jawaban, sehingga NRR unsur tersebut dan nilai "+
		"IKM belum dapat dihitung.")
	same(t, "year ago", yearAgoSentence(f), "IKM Semester I 2025, periode yang sama tahun sebelumnya, adalah 75,00 dengan mutu C "+
		"(Kurang Baik).")
	same(t, "strongest", strongWeakSentence(f), "Unsur dengan nilai tertinggi adalah U7 Perilaku Pelaksana (IKM unsur 100,00, mutu "+
		"A), sedangkan unsur dengan nilai terendah adalah U3 Waktu Penyelesaian (IKM unsur 62,50, mutu D).")
	same(t, "mutu", mutuSentence(f), "Mutu pelayanan belum dapat ditentukan karena nilai IKM belum dapat dihitung.")
}

// A year-ago period, a sample met, a single service, a revision, no plan and no saran.
func TestNarrativeOfOtherCases(t *testing.T) {
	f := example(t)
	f.YearAgoTally = allThree(10)
	same(t, "year ago", yearAgoSentence(f), "Dibandingkan dengan Semester I 2025, periode yang sama tahun sebelumnya (IKM 75,00), "+
		"nilai IKM naik 6,25 poin.")
	f.Population = 4 // Krejcie-Morgan: 4
	same(t, "sample", sampleSentence(f), "Populasi survei adalah pengguna layanan pada Semester I 2026 menurut catatan kasus, yaitu 4 "+
		"orang. Dengan rumus Krejcie dan Morgan (tingkat kepercayaan 95 %, tingkat kesalahan 5 %), sampel minimumnya 4 responden. "+
		"Survei ini memperoleh 4 responden, sehingga sampel minimum terpenuhi.")
	same(t, "sample conclusion", sampleConclusion(f), "Jumlah responden (4) telah memenuhi sampel minimum Krejcie dan Morgan (4 responden).")
	f.ByService = f.ByService[:1]
	same(t, "one service", servicesSentence(f), "Seluruh responden menilai satu layanan, yaitu Pelayanan Konsultasi, dengan IKM 80,56 "+
		"dan mutu B (Baik).")
	f.Revision = survey.Revision{Responses: 35, PublishedAt: time.Date(2026, 7, 10, 3, 0, 0, 0, time.UTC),
		At: time.Date(2026, 8, 12, 3, 0, 0, 0, time.UTC)}
	same(t, "dates", datesSentence(f), "Survei Semester I 2026 mencakup 1 Januari 2026 s.d. 30 Juni 2026. Respons pertama diterima "+
		"pada 5 Januari 2026 dan respons terakhir pada 5 April 2026. Hasil periode ini direvisi 12 Agustus 2026: 35 respons masuk "+
		"setelah hasil dipublikasikan 10 Juli 2026.")
	f.FollowUps, f.Themes, f.Sarans = nil, reports.SaranThemeSummary{}, nil
	same(t, "follow-up", followUpSentence(f), "Rencana tindak lanjut hasil survei Semester I 2026 belum disusun. Unsur prioritas yang "+
		"belum memiliki kegiatan tindak lanjut: U3, U2, U9 dan U8.")
	same(t, "saran", saranSentence(f), "Tidak ada responden yang menuliskan saran atau masukan pada Semester I 2026.")
	same(t, "U3 without saran", strings.Join(elementFindings(f, survey.Compute(f.Tally).Elements[2], false), " "),
		"U3 Waktu Penyelesaian memperoleh NRR 2,500 atau IKM unsur 62,50 dengan mutu D (Tidak Baik). Sebanyak 2 dari 4 jawaban "+
			"(50,0 %) memilih Tidak cepat atau Kurang cepat. Tidak ada saran responden yang berkaitan dengan unsur ini. Belum ada "+
			"kegiatan tindak lanjut untuk unsur ini.")
	f.FollowUps = []survey.FollowUp{{Element: "U3", Action: "a", Status: survey.StatusDone, Progress: 100}}
	same(t, "follow-up done", followUpSentence(f), "Rencana tindak lanjut hasil survei Semester I 2026 memuat 1 kegiatan yang seluruhnya "+
		"telah selesai. Unsur prioritas yang belum memiliki kegiatan tindak lanjut: U2, U9 dan U8.")
	f.PreviousFollowUps = f.FollowUps
	same(t, "previous plan done", previousFollowUpSentence(f), "Seluruh 1 kegiatan tindak lanjut hasil survei Semester II 2025 telah selesai.")
	f.PreviousFollowUps = []survey.FollowUp{{Status: survey.StatusCancelled}, {Status: survey.StatusCancelled}}
	same(t, "previous plan cancelled", previousFollowUpSentence(f), "Seluruh 2 kegiatan tindak lanjut hasil survei Semester II 2025 dibatalkan.")
}

// figureSets are the figure sets whose every sentence is scanned for empty slots.
func figureSets(t *testing.T) map[string]*reports.SemesterFigures {
	sets := map[string]*reports.SemesterFigures{"example": example(t), "empty": empty(t)}
	f := example(t)
	f.Tally.Sum[7], f.Tally.Answers[7] = 0, 0
	f.PreviousTally, f.YearAgoTally = f.Tally, allThree(3)
	f.ByService, f.Population, f.Channels = f.ByService[1:], 0, nil
	f.Themes, f.FollowUps, f.PreviousFollowUps = reports.SaranThemeSummary{Total: 2, Themes: []reports.SaranTheme{{Code: standard.ThemeNone,
		Label: standard.ThemeNoneLabel, Count: 2}}}, nil, nil
	sets["incomplete"] = f
	g := example(t)
	g.PreviousTally, g.YearAgoTally = g.Tally, g.Tally
	g.Population = 100_000
	g.FollowUps = []survey.FollowUp{{Element: "U3", Action: "SOP baru.", Status: survey.StatusDone, Progress: 100},
		{Element: "U2", Action: "x", Status: survey.StatusCancelled}}
	sets["unchanged"] = g
	h := empty(t)
	h.Population, h.PreviousTally = 50, allThree(5)
	h.PreviousFollowUps = []survey.FollowUp{{Status: survey.StatusPlanned}}
	sets["empty with history"] = h
	return sets
}

// every returns every sentence the report writes from f.
func every(f *reports.SemesterFigures, public bool) map[string]string {
	out := map[string]string{
		"ikm": ikmSentence(f), "previous": previousSentence(f), "yearAgo": yearAgoSentence(f), "sample": sampleSentence(f),
		"sampleConclusion": sampleConclusion(f), "channels": channelSentence(f), "dates": datesSentence(f), "scope": scopeSentence(f),
		"strongWeak": strongWeakSentence(f), "unanswered": unansweredSentence(f), "services": servicesSentence(f),
		"mutu": mutuSentence(f), "changes": elementChangeSentence(f), "priorities": prioritySentence(f),
		"followUp": followUpSentence(f), "previousFollowUp": previousFollowUpSentence(f), "saran": saranSentence(f),
	}
	for _, d := range reports.ProfileDimensions {
		out["profile "+d.Key] = profileSentence(f, d)
	}
	for i, s := range conclusions(f) {
		out["conclusion "+count(i+1)] = s
	}
	for i, s := range recommendations(f) {
		out["recommendation "+count(i+1)] = s
	}
	for _, e := range priorities(survey.Compute(f.Tally)) {
		for i, s := range elementFindings(f, e, public) {
			out["finding "+e.Element.Code()+" "+count(i+1)] = s
		}
		out["spread "+e.Element.Code()] = spreadSentence(f, e.Element)
	}
	return out
}

// No sentence of any figure set has an empty slot: a doubled or stray space, a space before
// a comma or full stop, empty brackets, a dangling "dari", a fmt error, a missing value.
func TestNarrativeHasNoEmptySlots(t *testing.T) {
	bad := regexp.MustCompile(`  | ,| \.|\(\)|\( | \)|%!|dari \.|dari ,|, \.|\.\.|,,|;;|; \.|<nil>|\bNaN\b|\bInf\b|\{|\}|^ | $|dan \.|yaitu \.|: \.`)
	optional := map[string]bool{"strongWeak": true, "unanswered": true, "services": true, "changes": true}
	for name, f := range figureSets(t) {
		for _, public := range []bool{false, true} {
			for what, s := range every(f, public) {
				if s == "" {
					if !optional[what] && !strings.HasPrefix(what, "spread ") {
						t.Errorf("%s, %s: empty", name, what)
					}
					continue
				}
				if m := bad.FindString(s); m != "" {
					t.Errorf("%s, %s: %q in %q", name, what, m, s)
				}
				if !strings.HasSuffix(s, ".") {
					t.Errorf("%s, %s: no full stop at the end of %q", name, what, s)
				}
				if first := []rune(s)[0]; first < 'A' || first > 'Z' {
					t.Errorf("%s, %s: %q does not start with a capital", name, what, s)
				}
			}
		}
	}
}

func TestJoinWords(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"U3"}, "U3"},
		{[]string{"U3", "U2"}, "U3 dan U2"},
		{[]string{"U3", "U2", "U9"}, "U3, U2 dan U9"},
		{[]string{"C 65,00", "B 76,61", "A 88,31"}, "C 65,00, B 76,61 dan A 88,31"},
		{[]string{"Pelayanan Data, Laporan, dan Informasi", "Pelayanan Konsultasi"}, "Pelayanan Data, Laporan, dan Informasi; dan Pelayanan Konsultasi"},
	} {
		same(t, strings.Join(c.in, "|"), joinWords(c.in), c.want)
	}
}
