package ingest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/survey"
)

// A case's history keeps every version with who recorded it, after ClickHouse merged the
// versions away from cases; a reclassification resolves the time limit and deadline again;
// a reopened case is open and overdue again in its month's figures, the register's filters
// and the officers' backlog.
func TestCaseHistoryReclassifyAndReopen(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	r := newCaseRig(t, db, t.TempDir())
	store := ingest.NewStore(db.Conn, db.Name)
	q := reports.New(db.Conn, db.Name)
	recv := tm(wib, 10, 14, 10, 0) // a Wednesday
	step := func(by string, c cases.Case) cases.Record {
		t.Helper()
		c.ID, c.Agency, c.By = "A-1", "bppd-kalbar", by
		out, err := r.intake.Record(ctx, []cases.Case{c})
		if err != nil {
			t.Fatalf("%s: %v", by, err)
		}
		r.flush(t)
		return out[0]
	}
	first := step("staf-kalbar", cases.Case{Service: "pengaduan", Channel: "email", Class: "normatif", ReceivedAt: recv})
	if !first.DeadlineAt.Equal(tm(wib, 10, 21, 16, 0)) {
		t.Fatalf("deadline of a normatif complaint: %v", first.DeadlineAt)
	}
	step("staf-dua", cases.Case{Status: cases.StatusDiproses, Officer: "Yohanes"})
	// Reclassified as ringan (3 working hours): 10.00–12.00 and 13.00–14.00.
	re := step("staf-kalbar", cases.Case{Class: "ringan"})
	if re.Limit().Label() != "3 jam kerja" || !re.DeadlineAt.Equal(tm(wib, 10, 14, 14, 0)) {
		t.Errorf("reclassified: %s, deadline %v; want 3 jam kerja, 14.00", re.LimitLabel(), re.DeadlineAt)
	}
	done := tm(wib, 10, 14, 15, 0)
	closed := step("staf-dua", cases.Case{Status: cases.StatusSelesai, CompletedAt: &done})
	if closed.OnTime == nil || *closed.OnTime {
		t.Errorf("completed after the deadline: on time %v", closed.OnTime)
	}
	month := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	months := ingest.NewCaseMonths(store, r.set, nil)
	summary := func() reports.CaseStats {
		t.Helper()
		if _, err := months.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		s, err := reports.New(db.Conn, db.Name).CaseSummary(ctx, "bppd-kalbar", month, "", wib)
		if err != nil {
			t.Fatal(err)
		}
		return s.CaseStats
	}
	if s := summary(); s.Completed != 1 || s.OpenAtEnd != 0 || s.OverdueAtEnd != 0 {
		t.Errorf("October with the case completed: %+v", s)
	}

	// Only a completed case reopens, and only with Reopen may the status move back.
	var refused *cases.Refusal
	if _, err := r.intake.Record(ctx, []cases.Case{{ID: "A-1", Agency: "bppd-kalbar", Status: cases.StatusDiproses}}); !errors.As(err, &refused) {
		t.Errorf("status moved back without reopening: %v", err)
	}
	reopened := step("staf-kalbar", cases.Case{Reopen: true})
	if reopened.Status != cases.StatusDiproses || reopened.CompletedAt != nil || reopened.OnTime != nil ||
		reopened.WorkingMinutes != nil || !reopened.DeadlineAt.Equal(*re.DeadlineAt) {
		t.Errorf("reopened: %+v", reopened)
	}
	if _, err := r.intake.Record(ctx, []cases.Case{{ID: "A-1", Agency: "bppd-kalbar", Reopen: true}}); !errors.As(err, &refused) ||
		refused.Fields["status"] != "Hanya kasus yang sudah selesai yang dapat dibuka kembali." {
		t.Errorf("an open case reopened: %v", err)
	}
	if s := summary(); s.Completed != 0 || s.OpenAtEnd != 1 || s.OverdueAtEnd != 1 {
		t.Errorf("October with the case reopened: %+v", s)
	}
	if err := store.SaveCaseNote(ctx, "bppd-kalbar", "A-1", "staf-kalbar", true, "Pelapor belum menerima jawaban.", caseNow); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveCaseNote(ctx, "bppd-kalbar", "A-1", "staf-dua", false, "Pelapor dihubungi.", caseNow.Add(time.Second)); err != nil {
		t.Fatal(err)
	}

	// ClickHouse merges the versions of cases into the newest; the history keeps them all.
	if err := db.Conn.Exec(ctx, "OPTIMIZE TABLE "+db.Name+".cases FINAL"); err != nil {
		t.Fatal(err)
	}
	var left uint64
	if err := db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Name+".cases WHERE id = 'A-1'").Scan(&left); err != nil || left != 1 {
		t.Fatalf("versions left in cases after the merge: %d %v", left, err)
	}
	versions, notes, err := q.CaseHistory(ctx, "bppd-kalbar", "A-1")
	if err != nil {
		t.Fatal(err)
	}
	wantBy := []string{"staf-kalbar", "staf-dua", "staf-kalbar", "staf-dua", "staf-kalbar"}
	wantStatus := []string{"diterima", "diproses", "diproses", "selesai", "diproses"}
	if len(versions) != len(wantBy) {
		t.Fatalf("%d versions, want %d: %+v", len(versions), len(wantBy), versions)
	}
	for i, v := range versions {
		if v.RecordedBy != wantBy[i] || v.Status != wantStatus[i] {
			t.Errorf("version %d: by %q status %q, want %q %q", i+1, v.RecordedBy, v.Status, wantBy[i], wantStatus[i])
		}
	}
	if versions[1].Class != "normatif" || versions[2].Class != "ringan" || !versions[2].DeadlineAt.Equal(*re.DeadlineAt) {
		t.Errorf("reclassification in the history: %+v", versions[2])
	}
	if len(notes) != 2 || !notes[0].Reopen || notes[0].Username != "staf-kalbar" || notes[1].Reopen || notes[1].Text != "Pelapor dihubungi." {
		t.Errorf("notes: %+v", notes)
	}

	// The register's filters and the backlog: one more open case of another officer, with no
	// time limit, is open but never overdue.
	if _, err := r.intake.Record(ctx, []cases.Case{{ID: "A-2", Agency: "bppd-kalbar", Service: "konsultasi", Channel: "tatap-muka",
		ReceivedAt: recv, Officer: "Rina", By: "staf-kalbar"}}); err != nil {
		t.Fatal(err)
	}
	r.flush(t)
	f0, l0 := month.Bounds()
	list := func(f reports.CaseFilter) []string {
		t.Helper()
		f.First, f.Last, f.Now, f.Limit = f0, l0, caseNow, 100
		rows, err := q.CaseList(ctx, "bppd-kalbar", f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range rows {
			ids = append(ids, c.ID)
		}
		return ids
	}
	for name, c := range map[string]struct {
		f    reports.CaseFilter
		want int
	}{
		"all":          {reports.CaseFilter{}, 2},
		"open":         {reports.CaseFilter{Open: true}, 2},
		"overdue":      {reports.CaseFilter{Overdue: true}, 1},
		"Yohanes":      {reports.CaseFilter{ByOfficer: true, Officer: "Yohanes"}, 1},
		"Rina overdue": {reports.CaseFilter{ByOfficer: true, Officer: "Rina", Overdue: true}, 0},
		"no officer":   {reports.CaseFilter{ByOfficer: true}, 0},
	} {
		if got := list(c.f); len(got) != c.want {
			t.Errorf("register %s: %v, want %d cases", name, got, c.want)
		}
	}
	backlog, err := q.CaseBacklog(ctx, "bppd-kalbar", f0, l0, caseNow)
	if err != nil {
		t.Fatal(err)
	}
	late := uint32(caseNow.Sub(*re.DeadlineAt) / (24 * time.Hour))
	want := []reports.OfficerBacklog{{Officer: "Yohanes", Open: 1, Overdue: 1, OldestLate: late}, {Officer: "Rina", Open: 1}}
	if len(backlog) != 2 || backlog[0] != want[0] || backlog[1] != want[1] {
		t.Errorf("backlog %+v, want %+v", backlog, want)
	}
}
