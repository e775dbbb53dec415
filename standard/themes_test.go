package standard_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"skm/standard"
)

func TestDefaultThemesPlaceRealisticSaran(t *testing.T) {
	var a *standard.Agency // the defaults
	ts := a.Themes()
	for _, tc := range []struct {
		saran string
		want  []string
	}{
		{"Persyaratannya terlalu banyak, fotokopi KTP 3 lembar", []string{"persyaratan"}},
		{"Syarat2 kurang jelas", []string{"persyaratan"}},
		{"Alurnya berbelit-belit dan birokrasi ribet", []string{"prosedur"}},
		{"Prosesnya LAMA sekali!!", []string{"waktu"}},
		{"pelayanan lambat, mohon dipercepat", []string{"waktu"}},
		{"lama2 nunggunya", []string{"waktu"}},
		{"Biayanya mahal, ada pungli di loket", []string{"biaya"}},
		{"hasil surat ada yang salah ketik", []string{"produk"}},
		{"petugas kurang paham aturan", []string{"kompetensi"}},
		{"Petugasnya judes & jutek, tidak ramah", []string{"perilaku"}},
		{"petugas kurang senyum", []string{"perilaku"}},
		{"pengaduan saya tidak ditanggapi", []string{"pengaduan"}},
		{"Komplain lewat SP4N belum ada respon", []string{"pengaduan"}},
		{"AC mati, toilet kotor, WC bau", []string{"sarana"}},
		{"tempat parkirnya sempit", []string{"sarana"}},
		{"Kamar mandi perlu diperbaiki", []string{"sarana"}},
		{"Antriannya panjang sekali", []string{"antrean"}},
		{"harus ngantri dari pagi", []string{"antrean"}},
		{"antre-nya lama, ruang tunggu panas", []string{"waktu", "sarana", "antrean"}},
		{"Informasi di website tidak update", []string{"informasi"}},
		{"jaringan internet sering error", []string{"daring"}},
		{"wi-fi lemot", []string{"daring"}},
		{"Petugas ramah tetapi biaya mahal dan menunggu lama", []string{"waktu", "biaya", "perilaku"}},
		{"perbanyak kegiatan sosial di perbatasan", []string{standard.ThemeOther}},
		{"pelayanan kurang baik", []string{standard.ThemeOther}},
		{"", []string{standard.ThemeNone}},
		{"-", []string{standard.ThemeNone}},
		{" . ", []string{standard.ThemeNone}},
		{"Tidak ada", []string{standard.ThemeNone}},
		{"tidak ada saran", []string{standard.ThemeNone}},
		{"Tdk ada.", []string{standard.ThemeNone}},
		{"tidak", []string{standard.ThemeNone}},
		{"Sudah baik", []string{standard.ThemeNone}},
		{"Pelayanan sudah sangat baik, terima kasih. Pertahankan!", []string{standard.ThemeNone}},
		{"mantap, sukses selalu", []string{standard.ThemeNone}},
		{"sudah baik, tapi parkir sempit", []string{"sarana"}},
	} {
		if got := ts.Match(tc.saran); !slices.Equal(got, tc.want) {
			t.Errorf("Match(%q) = %v, want %v", tc.saran, got, tc.want)
		}
	}
}

func TestEveryDefaultThemeParsesAndIsHit(t *testing.T) {
	var a *standard.Agency
	ts := a.Themes()
	if len(ts.List) < 12 {
		t.Fatalf("%d default themes, want the nine elements and the extras", len(ts.List))
	}
	elements := map[string]bool{}
	for _, th := range ts.List {
		elements[th.Element] = true
		for _, kw := range th.Keywords {
			// Each keyword, written as a resident would (a prefix with an ending), finds its theme.
			s := strings.ReplaceAll(kw, "*", "nya")
			if got := ts.Match("saya ingin " + s); !slices.Contains(got, th.Code) {
				t.Errorf("keyword %q of %s: Match(%q) = %v", kw, th.Code, s, got)
			}
		}
	}
	for _, e := range []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"} {
		if !elements[e] {
			t.Errorf("no default theme for element %s", e)
		}
	}
}

func TestAgencyThemesOverrideDefaultsAndAreChecked(t *testing.T) {
	good := strings.Replace(minimalAgency, "code: bppd-x", `code: bppd-x
saran_themes:
  - code: waktu
    label: Kecepatan
    element: U3
    keywords: [kilat]
  - code: perbatasan
    label: Wilayah perbatasan
    keywords: [pos lintas batas, plbn*]`, 1)
	set, err := standard.Load(fstest.MapFS{"bppd-x.yaml": {Data: []byte(good)}, "calendar/indonesia-2026.yaml": {Data: []byte(mustRead(t, "examples/calendar/indonesia-2025.yaml"))}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := set.Agency("bppd-x")
	ts := a.Themes()
	if got := ts.Match("Prosesnya lama"); !slices.Equal(got, []string{standard.ThemeOther}) {
		t.Errorf("waktu replaced: %q matched %v", "Prosesnya lama", got)
	}
	if got := ts.Match("layanan kilat di PLBN Entikong"); !slices.Equal(got, []string{"waktu", "perbatasan"}) {
		t.Errorf("own themes: %v", got)
	}
	if th, _ := ts.Theme("waktu"); th.Label != "Kecepatan" {
		t.Errorf("waktu label %q", th.Label)
	}
	if ts.Codes()[len(ts.Codes())-1] != standard.ThemeNone {
		t.Errorf("codes %v", ts.Codes())
	}

	bad := strings.Replace(minimalAgency, "code: bppd-x", `code: bppd-x
saran_themes:
  - code: lainnya
    label: X
    keywords: [x]
  - code: Waktu Baru
    keywords: []
  - code: sarana
    label: Sarana
    element: U10
    keywords: ["a*", "ruang*tunggu", "ac/kipas"]`, 1)
	_, err = standard.Load(fstest.MapFS{"bppd-x.yaml": {Data: []byte(bad)}, "calendar/indonesia-2026.yaml": {Data: []byte(mustRead(t, "examples/calendar/indonesia-2025.yaml"))}}, "test")
	if err == nil {
		t.Fatal("bad themes accepted")
	}
	msg := err.Error()
	for _, want := range []string{"sudah dipakai sistem", "lower-case", "perlu label", "belum punya kata kunci",
		"unsur \"U10\"", "paling sedikit 3 huruf", "hanya boleh di akhir kata", "hanya boleh berisi huruf dan angka"} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems lack %q:\n%s", want, msg)
		}
	}
}

// minimalAgency is the smallest valid agency file; the theme tests add saran_themes to it.
const minimalAgency = `code: bppd-x
name: Badan X
time_zone: Asia/Jakarta
head: {name: Kepala X, title: Kepala Badan X}
channels: [tatap-muka]
services:
  - {code: konsultasi, name: Konsultasi, time_limit: 3 hari}
`

// BenchmarkMatch matches realistic saran of 5 to 15 words against the default themes.
func BenchmarkMatch(b *testing.B) {
	var a *standard.Agency
	ts := a.Themes()
	saran := []string{"Pelayanan sudah baik, pertahankan.", "Mohon waktu tunggu dipersingkat.",
		"Ruang tunggu perlu kipas angin atau AC.", "Informasi persyaratan sebaiknya diumumkan di media sosial.",
		"Petugas ramah dan membantu.", "Tolong sediakan nomor antrean.", "Mohon tindak lanjut pengaduan diberitahukan lewat WhatsApp.",
		"Parkir kendaraan masih sempit.", "perbanyak kegiatan sosial di wilayah perbatasan agar masyarakat merasakan manfaatnya"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ts.Match(saran[i%len(saran)])
	}
}
