package web

import (
	"net/http"
	"strings"
	"testing"
)

// Issue 21, item 4: the form said "tanpa nama" but asked age, sex, education and job without
// saying why. /privasi says what is kept, what is not (no name, no NIK, no IP address) and
// why the profile is asked; the form links it from its intro and its profile questions, the
// thanks page too; at a kiosk it leads back to the kiosk's start.
func TestPrivacyNoteSaysWhatIsKeptAndIsLinked(t *testing.T) {
	srv := newServer(t, Options{Recorder: &fakeRecorder{}})
	w := do(srv, http.MethodGet, "/privasi", nil)
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	for _, want := range []string{
		"<title>Privasi: apa yang kami simpan dari survei</title>", "<h2>Yang disimpan</h2>", "<h2>Yang tidak disimpan</h2>",
		"Nama, NIK, nomor telepon, alamat email, dan alamat IP Saudara tidak disimpan.",
		"Peraturan Menteri PANRB Nomor 14 Tahun 2017", "menggambarkan responden sebagai kelompok",
		"Saran dibaca oleh petugas. Jangan tulis nama, NIK, nomor telepon",
		// Honest about the rate limit: a keyed hash of the address, in memory only.
		"kode acak berkunci", "hanya disimpan di memori", "skm_perangkat",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/privasi lacks %q", want)
		}
	}
	en := do(srv, http.MethodGet, "/privasi?lang=en", nil).Body.String()
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "your IP address are not kept") {
		t.Error("/privasi?lang=en is not the English note")
	}
	form := do(srv, http.MethodGet, "/s/bppd-ntt/pengaduan", nil).Body.String()
	if n := strings.Count(form, `<a href="/privasi?instansi=bppd-ntt">`); n != 2 {
		t.Errorf("the form links the privacy note %d times, want 2 (intro and profile)", n)
	}
	if i, p := strings.Index(form, "/privasi?"), strings.Index(form, `name="umur"`); i < 0 || strings.LastIndex(form[:p], "/privasi?") < strings.Index(form, `name="U8"`) {
		t.Error("the privacy note is not linked near the profile questions")
	}
	if !strings.Contains(form, "tidak untuk mengenali Saudara") || !strings.Contains(form, `aria-describedby="saran-h"`) {
		t.Error("the form does not say why the profile is asked, or what not to write in saran")
	}
	if en := do(srv, http.MethodGet, "/s/bppd-ntt/pengaduan?lang=en", nil).Body.String(); !strings.Contains(en, `href="/privasi?instansi=bppd-ntt&amp;lang=en"`) {
		t.Error("the English form links the Indonesian privacy note")
	}
	if th := do(srv, http.MethodGet, "/s/bppd-ntt/pengaduan/terima-kasih", nil).Body.String(); !strings.Contains(th, `href="/privasi?instansi=bppd-ntt"`) {
		t.Error("the thanks page does not link the privacy note")
	}
	kiosk := do(srv, http.MethodGet, "/privasi?instansi=bppd-kalbar&k=1", nil).Body.String()
	if !strings.Contains(kiosk, `<a class="btn" href="/k/bppd-kalbar">Kembali ke awal</a>`) || !strings.Contains(kiosk, `content="90;url=/k/bppd-kalbar"`) {
		t.Error("at a kiosk the privacy note does not lead back to the start")
	}
	if other := do(srv, http.MethodGet, "/privasi?instansi=tidak-ada&k=1", nil); other.Code != http.StatusOK || strings.Contains(other.Body.String(), "/k/tidak-ada") {
		t.Errorf("an unknown agency: %d, or a link to its kiosk", other.Code)
	}
}
