package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard"
	"skm/standard/standardtest"
)

// TestTargetsNewestWinsPerYearWithTheFileAsFallback stores targets for 2026 three times and
// for another agency once: 2026 takes the newest (a later setting without a cap drops the
// cap), 2025 and 2027 take the agency file's, the other agency is not touched, and the
// history lists every setting newest first.
func TestTargetsNewestWinsPerYearWithTheFileAsFallback(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	q := reports.New(db.Conn, db.Name)
	store := ingest.NewStore(db.Conn, db.Name)
	set := standardtest.Examples(t)
	kalbar, _ := set.Agency("bppd-kalbar")
	ntt, _ := set.Agency("bppd-ntt")
	file := kalbar.Targets
	if got, err := q.Targets(ctx, kalbar, 2026); err != nil || got.IKM != file.IKM || got.OnTimePercent != file.OnTimePercent || got.OverdueCap != nil {
		t.Fatalf("nothing stored: %+v %v, want the file's %+v", got, err, file)
	}
	three := uint64(3)
	at := time.Date(2026, 2, 3, 4, 0, 0, 0, time.UTC)
	for i, s := range []standard.TargetSetting{
		{Agency: "bppd-kalbar", Year: 2026, Targets: standard.Targets{IKM: 85, OnTimePercent: 80, OverdueCap: &three}, Note: "rapat Januari", SetBy: "kepala-kalbar"},
		{Agency: "bppd-kalbar", Year: 2026, Targets: standard.Targets{IKM: 90.5, OnTimePercent: 92.5, OverdueCap: &three}, Note: "revisi Februari", SetBy: "admin"},
		{Agency: "bppd-ntt", Year: 2026, Targets: standard.Targets{IKM: 70, OnTimePercent: 60}, Note: "target NTT", SetBy: "kepala-ntt"},
		{Agency: "bppd-kalbar", Year: 2026, Targets: standard.Targets{IKM: 91, OnTimePercent: 93}, Note: "tanpa batas terlambat", SetBy: "kepala-kalbar"},
	} {
		s.SetAt = at.Add(time.Duration(i) * time.Hour)
		if err := store.SaveTargets(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	got, err := q.Targets(ctx, kalbar, 2026)
	if err != nil || got.IKM != 91 || got.OnTimePercent != 93 || got.OverdueCap != nil {
		t.Errorf("2026: %+v %v; want the newest setting 91 / 93 / no cap", got, err)
	}
	for _, y := range []int{2025, 2027} {
		if got, err := q.Targets(ctx, kalbar, y); err != nil || got.IKM != file.IKM || got.OnTimePercent != file.OnTimePercent {
			t.Errorf("%d: %+v %v; want the file's %+v", y, got, err, file)
		}
	}
	if got, err := q.Targets(ctx, ntt, 2026); err != nil || got.IKM != 70 || got.OnTimePercent != 60 {
		t.Errorf("NTT 2026: %+v %v", got, err)
	}
	hist, err := q.TargetHistory(ctx, "bppd-kalbar")
	if err != nil || len(hist) != 3 {
		t.Fatalf("history: %d %v", len(hist), err)
	}
	if h := hist[0]; h.Year != 2026 || h.Targets.IKM != 91 || h.Note != "tanpa batas terlambat" || h.SetBy != "kepala-kalbar" || !h.SetAt.Equal(at.Add(3*time.Hour)) {
		t.Errorf("newest in the history: %+v", h)
	}
	if h := hist[2]; h.Targets.OverdueCap == nil || *h.Targets.OverdueCap != 3 || h.Note != "rapat Januari" {
		t.Errorf("oldest in the history: %+v", h)
	}
	// A setting out of range is refused by the store itself, and nothing changes.
	err = store.SaveTargets(ctx, standard.TargetSetting{Agency: "bppd-kalbar", Year: 2026, Targets: standard.Targets{IKM: 101, OnTimePercent: 90},
		Note: "salah ketik", SetBy: "admin", SetAt: at.Add(5 * time.Hour)})
	if err == nil || !strings.Contains(err.Error(), "25 sampai 100") {
		t.Errorf("IKM target 101 stored: %v", err)
	}
	if got, _ := q.Targets(ctx, kalbar, 2026); got.IKM != 91 {
		t.Errorf("a refused setting changed the targets: %+v", got)
	}
}
