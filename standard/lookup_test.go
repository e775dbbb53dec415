package standard_test

import (
	"testing"

	"skm/standard"
)

// TestLookupsTakeNamesAndCodes: import files and spreadsheet dropdowns name services,
// channels, classes and kinds as people know them; any case and extra spaces are fine, and
// nothing else matches.
func TestLookupsTakeNamesAndCodes(t *testing.T) {
	set := loadExamples(t)
	kb, _ := set.Agency("bppd-kalbar")
	for v, want := range map[string]string{
		"konsultasi":                               "konsultasi",
		" KONSULTASI ":                             "konsultasi",
		"Pelayanan Konsultasi":                     "konsultasi",
		"  pelayanan\t konsultasi ":                "konsultasi",
		"penanganan pengaduan, saran, dan masukan": "pengaduan",
		"Pelayanan":                                "",
		"":                                         "",
		"Pelayanan Konsultasi x":                   "",
	} {
		got := ""
		if s, ok := kb.LookupService(v); ok {
			got = s.Code
		}
		if got != want {
			t.Errorf("LookupService(%q) = %q, want %q", v, got, want)
		}
	}
	for v, want := range map[string]string{"WhatsApp": "whatsapp", "tatap muka": "tatap-muka", "SP4N-LAPOR!": "sp4n-lapor",
		"sp4n-lapor": "sp4n-lapor", "Situs web": "web", "merpati": ""} {
		if got, ok := kb.LookupChannel(v); got != want || ok != (want != "") {
			t.Errorf("LookupChannel(%q) = %q %v, want %q", v, got, ok, want)
		}
	}
	for v, want := range map[string]string{"Pengaduan bersifat normatif": "normatif", "RINGAN": "ringan", "berat": ""} {
		if got, ok := kb.LookupComplaintClass(v); got != want || ok != (want != "") {
			t.Errorf("LookupComplaintClass(%q) = %q %v, want %q", v, got, ok, want)
		}
	}
	for v, want := range map[string]string{"Permintaan informasi": "informasi", "pengaduan": "pengaduan", "Permohonan layanan": "layanan", "keluhan": ""} {
		if got, ok := standard.LookupKind(v); got != want || ok != (want != "") {
			t.Errorf("LookupKind(%q) = %q %v, want %q", v, got, ok, want)
		}
	}
}
