package pdf

import (
	"fmt"

	"skm/survey"
)

// staffHeading is the sub-heading of the staff's own text in a chapter.
const staffHeading = "Catatan dan Analisis Unit Pelayanan"

// chapterOf starts one of survey.ReportChapters by its code, numbered n.
func (d *doc) chapterOf(code string, n int) {
	c, _ := survey.ReportChapterByCode(code)
	d.chapter("BAB "+c.Numeral, c.Title, n)
}

// periodicity words how often the agency surveys.
func periodicity(p survey.Period) string {
	switch p.Kind {
	case survey.Quarter:
		return "setiap triwulan"
	case survey.Year:
		return "setiap tahun"
	case survey.Month:
		return "setiap bulan"
	}
	return "setiap semester"
}

// introduction sets BAB I Pendahuluan: background, legal basis, purpose and scope.
func (d *doc) introduction() {
	d.chapterOf("pendahuluan", 1)
	d.section("Latar Belakang", 0)
	d.para("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan penyelenggara pelayanan publik " +
		"mengikutsertakan masyarakat dalam penyelenggaraan pelayanan, antara lain dengan menilai kinerja pelayanan secara " +
		"berkala. Survei Kepuasan Masyarakat (SKM) adalah cara yang ditetapkan untuk itu: pengguna layanan menilai sembilan " +
		"unsur pelayanan, dan hasilnya dinyatakan sebagai Indeks Kepuasan Masyarakat (IKM).")
	d.para(fmt.Sprintf("%s melaksanakan SKM %s sesuai Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "+
		"Nomor 14 Tahun 2017. Laporan ini menyajikan hasil survei %s, analisis unsur yang perlu diperbaiki dan rencana tindak "+
		"lanjutnya.", d.a.Name, periodicity(d.f.Period), label(d.f.Period)))
	d.section("Dasar Hukum", 0)
	d.list([]string{
		"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
		"Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
		"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman " +
			"Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.",
	}, true)
	d.section("Maksud dan Tujuan", 0)
	d.para("Survei ini dimaksudkan untuk mengukur tingkat kepuasan masyarakat sebagai pengguna layanan terhadap pelayanan yang " +
		"diberikan. Tujuannya adalah:")
	d.list([]string{
		"mengetahui kekuatan dan kelemahan setiap unsur pelayanan;",
		"mengukur kinerja unit pelayanan secara berkala dan membandingkannya dengan periode sebelumnya;",
		"menjadi dasar penyusunan rencana tindak lanjut perbaikan pelayanan;",
		"memberi kesempatan kepada masyarakat untuk menilai pelayanan dan mengetahui hasilnya.",
	}, true)
	d.section("Ruang Lingkup", 0)
	d.para(scopeSentence(d.f))
	d.staffText("pendahuluan", staffHeading)
}

// methodology sets BAB II Metodologi: population and sample, collection, dates, elements and
// scale, and the computation with the mutu table.
func (d *doc) methodology() {
	f := d.f
	d.chapterOf("metodologi", 2)
	d.section("Populasi dan Sampel", 0)
	d.para(sampleSentence(f))
	d.note("Rumus Krejcie dan Morgan: S = λ²·N·P·Q / (d²·(N − 1) + λ²·P·Q), dengan λ² = 3,841, P = Q = 0,5 dan d = 0,05; " +
		"S dibulatkan ke bilangan bulat terdekat.")
	d.section("Teknik Pengumpulan Data", 0)
	d.para(channelSentence(f))
	if len(f.Channels) > 0 {
		var total uint64
		for _, c := range f.Channels {
			total += c.Respondents
		}
		t := d.newTable(9, col{"Saluran", 95, "L"}, col{"Responden", 35, "R"}, col{"Persentase", 35, "R"})
		t.start(3 * lineH)
		for _, c := range f.Channels {
			t.row(plain(survey.ResponseChannelName(c.Channel), count(c.Respondents), percent(c.Respondents, total))...)
		}
		t.row(bolded("Jumlah", count(total), percent(total, total))...)
		t.end()
	}
	d.section("Waktu Pelaksanaan", 0)
	d.para(datesSentence(f))
	d.section("Unsur dan Skala Penilaian", 0)
	d.para("Kuesioner menanyakan sembilan unsur pelayanan menurut PermenPANRB Nomor 14 Tahun 2017. Setiap pertanyaan dijawab " +
		"dengan nilai 1 sampai 4 dengan kata-kata resmi berikut; pada kuesioner, pertanyaan nomor 8 menanyakan U9 (sarana dan " +
		"prasarana) dan nomor 9 menanyakan U8 (penanganan pengaduan).")
	t := d.newTable(8, col{"Kode", 11, "C"}, col{"Unsur", 46, "L"}, col{"1", 27, "L"}, col{"2", 27, "L"}, col{"3", 27, "L"},
		col{"4", 27, "L"})
	t.start(4 * lineH)
	for _, e := range survey.Elements {
		l := answerLabels(e)
		t.row(plain(e.Code(), e.Name(), l[0], l[1], l[2], l[3])...)
	}
	t.end()
	d.section("Metode Pengolahan Data", 0)
	d.para("Nilai rata-rata (NRR) setiap unsur adalah jumlah nilai jawaban unsur itu dibagi jumlah jawaban yang diberikan untuk " +
		"unsur itu; kuesioner kertas yang mengosongkan suatu unsur tidak dihitung pada unsur tersebut. Setiap unsur berbobot " +
		"sama, yaitu 1/9. NRR tertimbang adalah NRR × 1/9, nilai indeks adalah jumlah NRR tertimbang kesembilan unsur, dan IKM " +
		"adalah nilai indeks × 25:")
	d.font("I", bodySize)
	d.ensure(2 * lineH)
	d.pdf.CellFormat(contentW, lineH, "IKM = Σ (NRR unsur × 1/9) × 25", "", 1, "C", false, 0, "")
	d.font("", bodySize)
	d.down(2)
	d.para("IKM dihitung dengan ketelitian penuh, lalu dibulatkan ke dua desimal; nilai yang dibulatkan itulah yang ditampilkan " +
		"dan digolongkan menurut tabel konversi berikut.")
	t = d.newTable(9, col{"Nilai persepsi", 28, "C"}, col{"Nilai interval (1–4)", 40, "C"}, col{"Nilai interval konversi (IKM)", 45, "C"},
		col{"Mutu pelayanan", 22, "C"}, col{"Kinerja unit pelayanan", 30, "L"})
	t.start(4 * lineH)
	for i := len(survey.MutuBands) - 1; i >= 0; i-- {
		b := survey.MutuBands[i]
		t.row(plain(count(b.NilaiPersepsi), b.Interval, survey.Format100(b.From100)+" – "+survey.Format100(b.To100), b.Mutu.Letter,
			b.Mutu.Kinerja)...)
	}
	t.end()
	d.staffText("metodologi", staffHeading)
}
