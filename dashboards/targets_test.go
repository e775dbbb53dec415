package dashboards

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/standard"
)

// fakeTargets keeps the settings in memory; a setting becomes the fake data's targets of
// its year, as the store and Querier.Targets make it.
type fakeTargets struct {
	data *fakeData
	mu   sync.Mutex
	hist []standard.TargetSetting
}

func (f *fakeTargets) TargetHistory(_ context.Context, agency string) ([]standard.TargetSetting, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []standard.TargetSetting
	for _, h := range f.hist {
		if h.Agency == agency {
			out = append(out, h)
		}
	}
	return out, f.data.err("TargetHistory")
}

func (f *fakeTargets) SetTargets(_ context.Context, t standard.TargetSetting) error {
	if err := f.data.err("SetTargets"); err != nil {
		return err
	}
	if err := t.Check(t.SetAt.Year()); err != nil { // as ingest.Store.SaveTargets refuses
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hist = append([]standard.TargetSetting{t}, f.hist...)
	f.data.targets[fmt.Sprintf("%s/%d", t.Agency, t.Year)] = t.Targets
	return nil
}

// tileLight returns the light of the dashboard tile labelled label.
func tileLight(t *testing.T, body, label string) string {
	t.Helper()
	m := regexp.MustCompile(`<div class="tile (\w*)">\s*<div class="label">` + regexp.QuoteMeta(label)).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no tile %q", label)
	}
	return m[1]
}

// TestTargetsScreen: staff read the targets, the head sets them (a refused form keeps its
// values and stores nothing), the setting is audited with old → new, shown in the history,
// and lights October 2026's tiles — while December 2025 keeps the file's targets.
func TestTargetsScreen(t *testing.T) {
	f := newStaffFixture(t)
	staff := f.login(t, "staf-kalbar")
	w := f.do(http.MethodGet, "/target/bppd-kalbar", staff, nil)
	body := w.Body.String()
	if w.Code != http.StatusOK || strings.Contains(body, `id="form"`) || !strings.Contains(body, "<td>88,31</td>") ||
		!strings.Contains(body, "bawaan standar pelayanan") || !strings.Contains(body, "Belum ada penetapan") {
		t.Fatalf("staff's view: %d %s", w.Code, body)
	}
	head := f.login(t, "kepala-kalbar")
	before := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", head, nil).Body.String()
	// The fake's October: 2 of 10 open cases overdue (red without a cap: more than a tenth),
	// on time 89,3 % (amber against 90).
	if l := tileLight(t, before, "Kasus terlambat di akhir bulan"); l != "merah" {
		t.Fatalf("overdue tile before: %s", l)
	}
	if l := tileLight(t, before, "Selesai tepat waktu"); l != "kuning" {
		t.Fatalf("on-time tile before: %s", l)
	}

	bad := url.Values{"tahun": {"2026"}, "ikm": {"101"}, "tepat_waktu": {"sembilan puluh"}, "batas_terlambat": {"-1"}, "catatan": {"ok"}}
	w = f.do(http.MethodPost, "/target/bppd-kalbar", head, bad)
	body = w.Body.String()
	if w.Code != http.StatusUnprocessableEntity || len(f.targets.hist) != 0 {
		t.Fatalf("a bad setting: %d, %d stored", w.Code, len(f.targets.hist))
	}
	for _, want := range []string{"Target IKM berupa angka dari 25 sampai 100", "Target tepat waktu berupa persen", "Batas kasus terlambat berupa bilangan bulat",
		"Tuliskan dasar penetapan target", `value="101"`, `value="sembilan puluh"`, `value="-1"`} {
		if !strings.Contains(body, want) {
			t.Errorf("refused form lacks %q", want)
		}
	}
	if w := f.do(http.MethodPost, "/target/bppd-kalbar", head, url.Values{"tahun": {"2040"}, "ikm": {"90"}, "tepat_waktu": {"90"}, "catatan": {"terlalu jauh"}}); w.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(w.Body.String(), "Pilih tahun 2021 sampai 2031.") {
		t.Errorf("year 2040: %d", w.Code)
	}

	good := url.Values{"tahun": {"2026"}, "ikm": {"90"}, "tepat_waktu": {"85,5"}, "batas_terlambat": {"3"}, "catatan": {"Rapat evaluasi November"}}
	w = f.do(http.MethodPost, "/target/bppd-kalbar", head, good)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/target/bppd-kalbar?disimpan=2026" {
		t.Fatalf("good setting: %d %s", w.Code, w.Body)
	}
	got := f.targets.hist[0]
	if got.Agency != "bppd-kalbar" || got.Year != 2026 || got.Targets.IKM != 90 || got.Targets.OnTimePercent != 85.5 ||
		got.Targets.OverdueCap == nil || *got.Targets.OverdueCap != 3 || got.SetBy != "kepala-kalbar" || got.Note != "Rapat evaluasi November" {
		t.Errorf("stored %+v", got)
	}
	f.audit.mu.Lock()
	last := f.audit.entries[len(f.audit.entries)-1]
	f.audit.mu.Unlock()
	if last.Action != "target.set" || last.Username != "kepala-kalbar" || last.Agency != "bppd-kalbar" || last.Target != "2026" ||
		last.Detail != "IKM 88,31 → 90,00; tepat waktu 90 % → 85,5 %; batas kasus terlambat tanpa batas → 3 kasus: Rapat evaluasi November" {
		t.Errorf("audit line %+v", last)
	}
	body = f.do(http.MethodGet, "/target/bppd-kalbar?disimpan=2026", staff, nil).Body.String()
	for _, want := range []string{"Target tahun 2026 disimpan", "<td>88,31 → 90,00</td>", "<td>tanpa batas → 3 kasus</td>", "ditetapkan kepala-kalbar"} {
		if !strings.Contains(body, want) {
			t.Errorf("targets page after saving lacks %q", want)
		}
	}

	after := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", head, nil).Body.String()
	if l := tileLight(t, after, "Kasus terlambat di akhir bulan"); l != "hijau" || !strings.Contains(after, "dalam batas 3") {
		t.Errorf("overdue tile with a cap of 3: %s", l)
	}
	if l := tileLight(t, after, "Selesai tepat waktu"); l != "hijau" || !strings.Contains(after, "sesuai target · target 86 %") {
		t.Errorf("on-time tile against 85,5 %%: %s", l)
	}
	if !strings.Contains(after, "target 90,00") {
		t.Error("the IKM tiles do not name the new target")
	}
	// The edge: December 2025 keeps the file's targets.
	dec := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2025-12", head, nil).Body.String()
	if l := tileLight(t, dec, "Kasus terlambat di akhir bulan"); l != "merah" || strings.Contains(dec, "batas 3") {
		t.Errorf("December 2025's overdue tile took 2026's cap: %s", l)
	}
	if !strings.Contains(dec, "target IKM 88,31") || strings.Contains(dec, "target IKM 90,00") || !strings.Contains(dec, "Garis putus-putus: target 90 %") {
		t.Error("December 2025's IKM trend or on-time chart took 2026's target")
	}
	if !strings.Contains(after, "target IKM 90,00") || !strings.Contains(after, "Garis putus-putus: target 86 %") {
		t.Error("October 2026's IKM trend or on-time chart lacks 2026's target")
	}
	// The admins' ranking lights this month's on time against the year's target.
	admin := f.login(t, "admin")
	rank := f.do(http.MethodGet, "/dashboard", admin, nil).Body.String()
	kalbar := regexp.MustCompile(`Kalimantan Barat(?s:.*?)<span class="dot (\w*)"></span>89,3 %(?s:.*?)<span class="dot (\w*)"></span>89,3 %`).FindStringSubmatch(rank)
	if kalbar == nil || kalbar[1] != "hijau" || kalbar[2] != "kuning" {
		t.Errorf("ranking: Kalbar's on time 89,3 %% should be green against 85,5 %%, NTT's amber against the file's 90 %%: %v", kalbar)
	}
}

// TestTargetsFailingStoreChangesNothing: a store that refuses the write answers 503 with
// nothing audited; a failing resolver fails the dashboard's tiles, never lights them by the
// wrong target.
func TestTargetsFailingStoreChangesNothing(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	f.data.fail["SetTargets"] = true
	w := f.do(http.MethodPost, "/target/bppd-kalbar", head, url.Values{"tahun": {"2026"}, "ikm": {"90"}, "tepat_waktu": {"90"}, "catatan": {"rapat evaluasi"}})
	if w.Code != http.StatusServiceUnavailable || strings.Contains(strings.Join(f.audit.actions(), " "), "target.set") {
		t.Errorf("refused write: %d, audit %v", w.Code, f.audit.actions())
	}
	f.data.fail["Targets"] = true
	body := f.do(http.MethodGet, "/dashboard/bppd-kalbar?month=2026-10", head, nil).Body.String()
	if strings.Contains(body, "target 88,31") || !strings.Contains(body, "tidak dapat dimuat") {
		t.Error("with the targets unreadable the tiles were lit by the file's target")
	}
}

// At half past midnight of New Year in Pontianak it is still the old year in UTC: the screen
// offers the years around the agency's year, and the setting must be stored as offered,
// not refused by the store as a temporary fault.
func TestTargetsAtNewYearUseTheAgencysYear(t *testing.T) {
	f := newStaffFixture(t)
	f.now = time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC) // 1 Januari 2027 00.30 WIB
	head := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodPost, "/target/bppd-kalbar", head, url.Values{"tahun": {"2032"}, "ikm": {"90"}, "tepat_waktu": {"90"}, "catatan": {"Rencana lima tahun"}})
	if w.Code != http.StatusSeeOther || len(f.targets.hist) != 1 || f.targets.hist[0].SetAt.Year() != 2027 {
		t.Fatalf("year 2032 set on 1 January 2027 WIB: %d, %d stored\n%s", w.Code, len(f.targets.hist), w.Body)
	}
}
