package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// The stuffing attempt of issue 15 against the real server: anonymous batches and earlier
// dates are refused with a clear message, an agency token cannot write into a closed period,
// and the closed period's IKM does not move; only a reopening (audited) lets late forms in.
func TestStuffingAClosedPeriodIsRefusedAndItsIKMUnchanged(t *testing.T) {
	p, db, token := startWithToken(t, "bppd-ntt", "kertas")
	url := db.DSN
	client := &http.Client{Timeout: 10 * time.Second}
	post := func(auth, body string) (int, string) {
		t.Helper()
		code, b := postJSON(t, client, p.url+"/api/v1/responses", auth, body)
		return code, string(b)
	}
	item := func(answer int, at string) string {
		return fmt.Sprintf(`{"id":%q,"agency":"bppd-ntt","service":"pengaduan","channel":"paper","submitted_at":%q,
			"answers":{"U1":%d,"U2":%d,"U3":%d,"U4":%d,"U5":%d,"U6":%d,"U7":%d,"U8":%d,"U9":%d}}`,
			uuid.NewString(), at, answer, answer, answer, answer, answer, answer, answer, answer, answer)
	}
	batch := func(n, answer int, at string) string {
		items := make([]string, n)
		for i := range items {
			items[i] = item(answer, at)
		}
		return `{"responses":[` + strings.Join(items, ",") + `]}`
	}
	ikm := func() string {
		t.Helper()
		waitDrained(t, p.url, 30*time.Second)
		_, body := get(t, p.url+"/api/v1/agencies/bppd-ntt/ikm?period=2026-S1")
		var out struct {
			IKM         any `json:"ikm_rounded"`
			Respondents int `json:"respondents"`
		}
		_ = json.Unmarshal([]byte(body), &out)
		return fmt.Sprintf("%v (%d)", out.IKM, out.Respondents)
	}
	const inS1 = "2026-05-14T10:00:00+08:00"
	// 2026-S1 ended on 30 June and its 30 days for paper forms on 30 July: it is closed.
	// The head reopens it to type in the last forms, then closes it.
	if code, out, errs := runCmd(t, nil, "period", "reopen", "--agency", "bppd-ntt", "--period", "2026-S1",
		"--reason", "kuesioner kertas loket Kupang", "--days", "1", "--clickhouse", url); code != 0 {
		t.Fatalf("reopen: %d %s %s", code, out, errs)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, _ := post(token, batch(20, 4, inS1))
		if c == http.StatusAccepted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the reopened period still refuses: %d", c)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if code, _, errs := runCmd(t, nil, "period", "close", "--agency", "bppd-ntt", "--period", "2026-S1", "--clickhouse", url); code != 0 {
		t.Fatalf("close: %d %s", code, errs)
	}
	time.Sleep(11 * time.Second) // the server's gate trusts what it read for 10 s
	before := ikm()
	if before != "100 (20)" {
		t.Fatalf("2026-S1 before the attack: %s, want 100 (20)", before)
	}
	// The attack: anonymous batches and backdated singles, and the token on the closed period.
	for name, try := range map[string]func() (int, string){
		"anonymous batch":     func() (int, string) { return post("", batch(1000, 1, inS1)) },
		"anonymous backdated": func() (int, string) { return post("", item(1, inS1)) },
		"forged token":        func() (int, string) { return post("skm_abc_def", batch(10, 1, inS1)) },
		"token, closed":       func() (int, string) { return post(token, batch(1000, 1, inS1)) },
	} {
		want := http.StatusUnauthorized
		if name == "token, closed" {
			want = http.StatusUnprocessableEntity
		}
		for range 5 {
			if c, body := try(); c != want || !strings.Contains(body, map[bool]string{true: "sudah ditutup", false: "token"}[want == http.StatusUnprocessableEntity]) {
				t.Errorf("%s: %d %.300s, want %d with a clear message", name, c, body, want)
			}
		}
	}
	if after := ikm(); after != before {
		t.Errorf("2026-S1 moved from %s to %s", before, after)
	}
	// A resident's response today is taken and lands in the running period.
	now := time.Now().Format(time.RFC3339)
	if c, _ := post("", item(3, now)); c != http.StatusAccepted {
		t.Errorf("a resident's response now: %d", c)
	}
	var audited uint64
	if err := db.Conn.QueryRow(t.Context(), "SELECT count() FROM "+db.Name+".audit_log WHERE action IN ('responses.submit', 'period.reopen', 'period.close')").Scan(&audited); err != nil {
		t.Fatal(err)
	}
	if audited < 3 {
		t.Errorf("%d audit lines for the reopening, the typed-in forms and the closing, want 3", audited)
	}
}
