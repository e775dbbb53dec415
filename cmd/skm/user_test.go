package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"skm/dashboards"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard/standardtest"
)

// TestTokenCommand: skm token create, list and revoke go through the screens' code: audited,
// listed without the secret, revoked once.
func TestTokenCommand(t *testing.T) {
	db := chtest.NewDB(t)
	ch := db.DSN
	if code, _, errs := runIn(t, "", "token", "create", "--agency", "bppd-kalbar", "--clickhouse", ch); code != 2 || !strings.Contains(errs, "--name") {
		t.Errorf("create without a name: %d %s", code, errs)
	}
	code, tok, errs := runIn(t, "", "token", "create", "--agency", "bppd-kalbar", "--name", "Sistem kasus", "--clickhouse", ch, "--by", "tes")
	if code != 0 || !strings.HasPrefix(tok, "skm_") {
		t.Fatalf("create: %d %s %s", code, tok, errs)
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(tok), "skm_"), "_")
	_, list, _ := runIn(t, "", "token", "list", "--clickhouse", ch)
	if !strings.Contains(list, id) || !strings.Contains(list, "Sistem kasus") || !strings.Contains(list, "aktif") || strings.Contains(list, strings.TrimSpace(tok)) {
		t.Errorf("list: %s", list)
	}
	if code, _, errs := runIn(t, "", "token", "revoke", "--agency", "bppd-ntt", "--id", id, "--clickhouse", ch); code != 2 || !strings.Contains(errs, "tidak ditemukan") {
		t.Errorf("revoke under another agency: %d %s", code, errs)
	}
	if code, _, errs := runIn(t, "", "token", "revoke", "--agency", "bppd-kalbar", "--id", id, "--clickhouse", ch); code != 0 {
		t.Fatalf("revoke: %s", errs)
	}
	if _, list, _ := runIn(t, "", "token", "list", "--agency", "bppd-kalbar", "--clickhouse", ch); !strings.Contains(list, "dicabut") {
		t.Errorf("list after revoke: %s", list)
	}
	log, _ := reports.New(db.Conn, db.Name).AuditLog(context.Background(), "bppd-kalbar", "", 10)
	if len(log) != 2 || log[0].Action != "token.revoke" || log[1].Action != "token.create" || log[1].Username != "cli:tes" || log[1].Target != "token "+id {
		t.Errorf("audit: %+v", log)
	}
}

// runIn runs skm with stdin.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	return dispatch(context.Background(), e, args), out.String(), errb.String()
}

func TestUserCommand(t *testing.T) {
	db := chtest.NewDB(t)
	ch := db.DSN
	add := func(stdin string, extra ...string) (int, string, string) {
		return runIn(t, stdin, append([]string{"user", "add", "--clickhouse", ch, "--by", "tes"}, extra...)...)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"pendek\n", []string{"--username", "kepala-kalbar", "--role", "head", "--agency", "bppd-kalbar"}, "minimal 10 karakter"},
		{"kepala-kalbar-123\n", []string{"--username", "kepala-kalbar", "--role", "head", "--agency", "bppd-kalbar"}, "nama pengguna"},
		{"rahasia-sekali-9\n", []string{"--username", "kepala kalbar", "--role", "head", "--agency", "bppd-kalbar"}, "hanya boleh memuat huruf"},
		{"rahasia-sekali-9\n", []string{"--username", "kepala-kalbar", "--role", "bos", "--agency", "bppd-kalbar"}, "--role: pilih peran"},
		{"rahasia-sekali-9\n", []string{"--username", "kepala-kalbar", "--role", "head"}, "memerlukan instansi yang dikenal"},
		{"rahasia-sekali-9\n", []string{"--username", "admin", "--role", "admin", "--agency", "bppd-ntt"}, "kosongkan instansi"},
		{"", []string{"--username", "kepala-kalbar", "--role", "head", "--agency", "bppd-kalbar"}, "password on stdin"},
	} {
		code, _, errs := add(tc.stdin, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("user add %v: exit %d, %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
	code, out, errs := add("rahasia-sekali-9\n", "--username", "kepala-kalbar", "--role", "head", "--agency", "bppd-kalbar", "--name", "Ibu Kepala")
	if code != 0 || !strings.Contains(out, "dibuat") {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	if code, _, errs := add("rahasia-sekali-9\n", "--username", "kepala-kalbar", "--role", "head", "--agency", "bppd-kalbar"); code != 2 || !strings.Contains(errs, "sudah ada") {
		t.Errorf("second add: %d %s", code, errs)
	}
	q := reports.New(db.Conn, db.Name)
	u, found, err := q.User(context.Background(), "kepala-kalbar")
	if err != nil || !found || u.Role != "head" || u.Agency != "bppd-kalbar" || u.DisplayName != "Ibu Kepala" ||
		!dashboards.VerifyPassword(u.PasswordHash, "rahasia-sekali-9") || strings.Contains(u.PasswordHash, "rahasia") {
		t.Fatalf("stored account %+v", u)
	}
	if code, _, errs := runIn(t, "kata-sandi-baru-7\n", "user", "passwd", "--username", "kepala-kalbar", "--clickhouse", ch); code != 0 {
		t.Fatalf("passwd: %s", errs)
	}
	if code, _, errs := runIn(t, "", "user", "disable", "--username", "kepala-kalbar", "--clickhouse", ch); code != 0 {
		t.Fatalf("disable: %s", errs)
	}
	u2, _, _ := q.User(context.Background(), "kepala-kalbar")
	if !u2.Disabled || u2.Version <= u.Version || !dashboards.VerifyPassword(u2.PasswordHash, "kata-sandi-baru-7") || u2.Role != "head" {
		t.Errorf("after passwd and disable: %+v", u2)
	}
	if code, _, errs := runIn(t, "", "user", "reset", "--username", "kepala-kalbar", "--clickhouse", ch); code != 2 || !strings.Contains(errs, "nonaktif") {
		t.Errorf("reset of a disabled account: %d %s", code, errs)
	}
	_, list, _ := runIn(t, "", "user", "list", "--clickhouse", ch)
	if !strings.Contains(list, "kepala-kalbar") || !strings.Contains(list, "nonaktif") {
		t.Errorf("list: %s", list)
	}
	if code, out, errs := runIn(t, "", "user", "enable", "--username", "kepala-kalbar", "--clickhouse", ch); code != 0 {
		t.Fatalf("enable: %s %s", out, errs)
	}
	code, out, errs = runIn(t, "", "user", "reset", "--username", "kepala-kalbar", "--clickhouse", ch)
	admin := dashboards.NewAccountAdmin(dashboards.AccountAdminOptions{Set: standardtest.Examples(t),
		Store: &accountStore{store: ingest.NewStore(db.Conn, db.Name), q: q}, Auditor: directAuditor{ingest.NewStore(db.Conn, db.Name)}, HashCode: ingest.TokenHash})
	if u, _, err := admin.CodeAccount(context.Background(), strings.TrimSpace(out)); code != 0 || err != nil || u.Username != "kepala-kalbar" {
		t.Errorf("reset: %d %q %s; code: %v", code, out, errs, err)
	}
	log, _ := q.AuditLog(context.Background(), "bppd-kalbar", "", 10)
	log = log[2:] // enable, reset
	if len(log) != 3 || log[0].Action != "user.disable" || log[1].Action != "user.passwd" || log[2].Action != "user.add" || log[2].Username != "cli:tes" {
		t.Errorf("audit log: %+v", log)
	}
}
