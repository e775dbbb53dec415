package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"skm/cases"
)

// TestCaseAPIEndToEnd posts cases and updates through the real server with a token made by
// the CLI, then checks that the summary API's figures equal a direct count over the raw rows
// (read with FINAL, counted here).
func TestCaseAPIEndToEnd(t *testing.T) {
	p, db, token := startWithToken(t, "bppd-kalbar", "e2e")
	client := &http.Client{Timeout: 10 * time.Second}
	post := func(body string) (int, map[string]any) {
		t.Helper()
		code, b := postJSON(t, client, p.url+"/api/v1/cases", token, body)
		var out map[string]any
		_ = json.Unmarshal(b, &out)
		return code, out
	}
	// interfaces.md's example: a normatif complaint (5 hari kerja) via SP4N-LAPOR! received
	// Fri 13 Mar 2026 15:00 WIB, in Ramadan (Friday closes 15:30, so Fri 13 is the start day).
	// Working days after it: Mon 16, Tue 17; Wed 18 cuti bersama, Thu 19 Nyepi, Fri 20 cuti,
	// Sat 21 and Sun 22 Idulfitri, Mon 23 and Tue 24 cuti; then Wed 25, Thu 26, Fri 27 → the
	// deadline is Fri 27 Mar at the default Friday close, 16:30 WIB (Ramadan ended on the 20th).
	code, out := post(`{"id":"REG-2026-0012","agency":"bppd-kalbar","kind":"pengaduan","service":"pengaduan","channel":"sp4n-lapor",
		"class":"normatif","received_at":"2026-03-13T15:00:00+07:00","completed_at":null,"status":"diterima","external_ref":"LAPOR-1"}`)
	if code != http.StatusAccepted || out["deadline_at"] != "2026-03-27T16:30:00+07:00" || out["on_time"] != nil {
		t.Errorf("doc example: %d %v", code, out)
	}
	if code, out := post(`{"id":"REG-2026-0012","status":"diterima","completed_at":"2026-03-20T10:00:00+07:00"}`); code != http.StatusUnprocessableEntity {
		t.Errorf("status and completion disagree: %d %v", code, out)
	}

	rng := rand.New(rand.NewPCG(1, 2))
	services := []string{"konsultasi", "data-informasi", "fasilitasi-audiensi", "narasumber", "pengaduan"}
	classes := []string{"", "ringan", "normatif", "tidak-berkadar-pengawasan"}
	var batch []string
	var updates []string
	for i := range 300 {
		recv := time.Date(2026, 9, 1, 7, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(75*24*60)) * time.Minute)
		svc := services[rng.IntN(len(services))]
		class := ""
		if svc == "pengaduan" {
			class = classes[rng.IntN(len(classes))]
		}
		batch = append(batch, fmt.Sprintf(`{"id":"E-%03d","service":%q,"channel":"surat","class":%q,"received_at":%q,"officer":"Petugas %d"}`,
			i, svc, class, recv.Format(time.RFC3339), i%5))
		if rng.IntN(3) > 0 {
			done := recv.Add(time.Duration(rng.IntN(30*24*60)) * time.Minute)
			if done.After(time.Now()) {
				continue
			}
			updates = append(updates, fmt.Sprintf(`{"id":"E-%03d","status":"diproses"}`, i))
			updates = append(updates, fmt.Sprintf(`{"id":"E-%03d","completed_at":%q}`, i, done.Format(time.RFC3339)))
		}
	}
	if code, out := post(`{"cases":[` + strings.Join(batch, ",") + `]}`); code != http.StatusAccepted {
		t.Fatalf("batch: %d %v", code, out)
	}
	for _, u := range updates { // one by one, as a case system would send them
		if code, out := post(u); code != http.StatusAccepted {
			t.Fatalf("update %s: %d %v", u, code, out)
		}
	}
	waitDrained(t, p.url, 30*time.Second)

	type raw struct {
		id, kind, service, unit string
		received                time.Time
		completed, deadline     *time.Time
		onTime                  *uint8
		minutes                 *uint32
	}
	rows, err := db.Conn.Query(context.Background(), "SELECT id, toString(kind), service, toString(sla_unit), received_at, completed_at, deadline_at, on_time, working_minutes FROM "+
		db.Name+".cases FINAL WHERE agency = 'bppd-kalbar'")
	if err != nil {
		t.Fatal(err)
	}
	var all []raw
	for rows.Next() {
		var r raw
		if err := rows.Scan(&r.id, &r.kind, &r.service, &r.unit, &r.received, &r.completed, &r.deadline, &r.onTime, &r.minutes); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	if len(all) != 301 {
		t.Fatalf("%d cases stored, want 301", len(all))
	}
	wib := time.FixedZone("WIB", 7*3600)
	for _, month := range []string{"2026-09", "2026-10", "2026-11"} {
		first, _ := time.ParseInLocation("2006-01", month, wib)
		end := first.AddDate(0, 1, 0)
		in := func(x time.Time) bool { return !x.Before(first) && x.Before(end) }
		var received, completed, withLimit, onTime, open, overdue, complaints int
		var minutes []uint32
		for _, r := range all {
			if in(r.received) {
				received++
				if r.kind == "pengaduan" {
					complaints++
				}
			}
			if r.completed != nil && in(*r.completed) {
				completed++
				minutes = append(minutes, *r.minutes)
				if r.unit != "" {
					withLimit++
					if *r.onTime == 1 {
						onTime++
					}
				}
			}
			if r.received.Before(end) && (r.completed == nil || !r.completed.Before(end)) {
				open++
				if r.deadline != nil && r.deadline.Before(end) {
					overdue++
				}
			}
		}
		slices.Sort(minutes)
		// The figures computed ahead catch up within seconds of the last write; until a month
		// is computed it is counted from the cases.
		var mismatch string
		for deadline := time.Now().Add(20 * time.Second); ; {
			mismatch = ""
			req, _ := http.NewRequest(http.MethodGet, p.url+"/api/v1/agencies/bppd-kalbar/cases/summary?month="+month, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Received, Completed, Open, Overdue int
				WithLimit                          int     `json:"with_limit"`
				OnTime                             int     `json:"on_time"`
				Median                             float64 `json:"median_working_hours"`
				P90                                float64 `json:"p90_working_hours"`
				Complaints                         struct{ Received int }
				OverdueCases                       []map[string]any `json:"overdue_cases"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&got)
			resp.Body.Close()
			r2 := func(m float64) float64 { return float64(int64(m/60*100+0.5)) / 100 }
			if got.Received != received || got.Completed != completed || got.OnTime != onTime || got.Open != open || got.Overdue != overdue ||
				got.Complaints.Received != complaints || got.Median != r2(cases.Percentile(minutes, 0.5)) || got.P90 != r2(cases.Percentile(minutes, 0.9)) ||
				got.WithLimit != withLimit || len(got.OverdueCases) != overdue {
				got.OverdueCases = got.OverdueCases[:min(len(got.OverdueCases), 1)]
				mismatch = fmt.Sprintf("%s: API %+v\nwant received %d completed %d with limit %d on time %d open %d overdue %d complaints %d median %v p90 %v",
					month, got, received, completed, withLimit, onTime, open, overdue, complaints,
					r2(cases.Percentile(minutes, 0.5)), r2(cases.Percentile(minutes, 0.9)))
			}
			if mismatch == "" || time.Now().After(deadline) {
				break
			}
			time.Sleep(250 * time.Millisecond)
		}
		if mismatch != "" {
			t.Error(mismatch)
		}
	}
	// The server computed the months ahead from the posted cases (and still agrees, above).
	var computed uint64
	for deadline := time.Now().Add(20 * time.Second); computed == 0 && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		_ = db.Conn.QueryRow(context.Background(), "SELECT count() FROM "+db.Name+".case_month WHERE dim = 'marker' AND agency = 'bppd-kalbar'").Scan(&computed)
	}
	if computed == 0 {
		t.Error("the server did not compute the case figures ahead")
	}
}
