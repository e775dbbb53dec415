package web

import (
	"net/http"
	"strings"
	"testing"

	"skm/standard/standardtest"
)

// Issue 21, item 4: after a low score the thanks page offers the agency's complaint
// channels from its standard (SP4N-LAPOR!, WhatsApp, telephone, email, address) and the
// results; after a good one it does not. Only a flag travels in the address, never answers.
func TestThanksOffersComplaintChannelsAfterALowScore(t *testing.T) {
	rec := &fakeRecorder{}
	srv := newServer(t, Options{Recorder: rec})
	post := func(agency string, vals ...string) string {
		w := do(srv, http.MethodPost, "/s/"+agency, answers(vals...))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", agency, w.Code)
		}
		return w.Header().Get("Location")
	}
	low := post("bppd-kalbar/narasumber", "4", "4", "4", "4", "4", "4", "4", "4", "1")
	if low != "/s/bppd-kalbar/narasumber/terima-kasih?aduan=1" {
		t.Fatalf("after an answer of 1: %q", low)
	}
	page := do(srv, http.MethodGet, low, nil).Body.String()
	for _, want := range []string{
		`<h2 id="aduan">Kurang puas dengan pelayanan kami?</h2>`,
		`SP4N-LAPOR! (layanan pengaduan nasional): <a href="https://www.lapor.go.id">www.lapor.go.id</a>`,
		`WhatsApp: <a href="https://wa.me/6282254427687">082254427687</a>`,
		`Telepon: <a href="tel:&#43;62561738408">(0561) 738408</a>`,
		`Email: <a href="mailto:bppd.provkalbar@yahoo.com">bppd.provkalbar@yahoo.com</a>`,
		`Datang langsung atau kirim surat ke: Pontianak, Kalimantan Barat`,
		`<a href="/hasil/bppd-kalbar">Lihat hasil survei</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the thanks page after a low score lacks %q", want)
		}
	}
	// NTT: no WhatsApp in its standard, a telephone and an address.
	nttLow := do(srv, http.MethodGet, post("bppd-ntt/pengaduan", "1", "4", "4", "4", "4", "4", "4", "4", "4"), nil).Body.String()
	for _, want := range []string{`href="https://www.lapor.go.id"`, `<a href="tel:&#43;623808585012">0380 8585012</a>`, "Jl. Bundaran PU No. 4"} {
		if !strings.Contains(nttLow, want) {
			t.Errorf("NTT's thanks page after a low score lacks %q", want)
		}
	}
	if strings.Contains(nttLow, "wa.me") {
		t.Error("NTT's standard has no WhatsApp, yet the page links one")
	}
	for _, vals := range [][]string{{"4", "4", "4", "4", "4", "4", "4", "4", "4"}, {"2", "2", "2", "2", "2", "2", "2", "2", "2"}} {
		loc := post("bppd-kalbar/narasumber", vals...)
		if strings.Contains(loc, "aduan") {
			t.Errorf("answers %v: %q, want no complaint prompt", vals, loc)
		}
		if page := do(srv, http.MethodGet, loc, nil).Body.String(); strings.Contains(page, "lapor.go.id") || !strings.Contains(page, `href="/hasil/bppd-kalbar"`) {
			t.Errorf("answers %v: the thanks page offers complaint channels or lacks the results", vals)
		}
	}
	// The kiosk: the channels to read for 30 s before the start comes back.
	kiosk := do(srv, http.MethodPost, "/s/bppd-kalbar/narasumber?k=1", answers("1", "4", "4", "4", "4", "4", "4", "4", "4"))
	th := do(srv, http.MethodGet, kiosk.Header().Get("Location"), nil).Body.String()
	if !strings.Contains(th, "www.lapor.go.id") || !strings.Contains(th, `content="30;url=/k/bppd-kalbar"`) {
		t.Errorf("kiosk thanks after a low score (%s):\n%.300s", kiosk.Header().Get("Location"), th)
	}
}

// The threshold is the agency's complaint_prompt_up_to: 2 offers the channels after any
// answer of 2 as well, 0 never.
func TestComplaintPromptFollowsTheAgencysThreshold(t *testing.T) {
	set := standardtest.Examples(t)
	ntt, _ := set.Agency("bppd-ntt")
	kb, _ := set.Agency("bppd-kalbar")
	ntt.ComplaintPromptUpTo, kb.ComplaintPromptUpTo = 2, 0
	srv := newServer(t, Options{Set: set, Recorder: &fakeRecorder{}})
	for _, c := range []struct {
		path  string
		vals  []string
		offer bool
	}{
		{"bppd-ntt/pengaduan", []string{"4", "4", "2", "4", "4", "4", "4", "4", "4"}, true},
		{"bppd-ntt/pengaduan", []string{"3", "3", "3", "3", "3", "3", "3", "3", "3"}, false},
		{"bppd-kalbar/narasumber", []string{"1", "1", "1", "1", "1", "1", "1", "1", "1"}, false},
	} {
		loc := do(srv, http.MethodPost, "/s/"+c.path, answers(c.vals...)).Header().Get("Location")
		if got := strings.Contains(loc, "aduan=1"); got != c.offer {
			t.Errorf("%s %v: %q, want the complaint prompt %v", c.path, c.vals, loc, c.offer)
		}
	}
}

func TestInternationalNumber(t *testing.T) {
	for in, want := range map[string]string{
		"(0561) 738408": "62561738408", "082254427687": "6282254427687", "0822-5442-7687": "6282254427687",
		"+62 380 8585012": "623808585012", "0380 8585012": "623808585012",
		"738408": "", "": "", "0812": "", "+1 555 0100 200": "",
	} {
		if got := internationalNumber(in); got != want {
			t.Errorf("internationalNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
