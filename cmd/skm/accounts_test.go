package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/dashboards"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports"
	"skm/standard/standardtest"
	"skm/survey"
)

// TestAccountsAndTokensOnClickHouse runs AccountAdmin on a real ClickHouse through the
// adapter the server and the command line use: a one-time code sets a password once, a code
// expires and dies with any later change of the account, a revoked token ends API access at
// once, and the token list keeps a revoked token's name after ClickHouse merged its versions.
func TestAccountsAndTokensOnClickHouse(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	store, q := ingest.NewStore(db.Conn, db.Name), reports.New(db.Conn, db.Name)
	set := standardtest.Examples(t)
	api := dashboards.NewAPI(dashboards.APIOptions{Set: set, Tokens: q, CaseReader: q, HashSecret: ingest.TokenHash})
	gin.SetMode(gin.TestMode)
	r := gin.New()
	api.Register(r, nil)
	var offset time.Duration
	m := dashboards.NewAccountAdmin(dashboards.AccountAdminOptions{Set: set, Store: &accountStore{store: store, q: q, forget: api.ForgetToken},
		Auditor: directAuditor{store}, HashCode: ingest.TokenHash, Now: func() time.Time { return time.Now().Add(offset) }})
	by := dashboards.Actor{Username: "admin", Role: dashboards.RoleAdmin}
	status := func(err error) int {
		var ae *dashboards.AccountError
		if errors.As(err, &ae) {
			return ae.Status
		}
		return 0
	}

	code, err := m.Add(ctx, by, dashboards.NewAccount{Username: "petugas-ch", DisplayName: "Petugas", Role: dashboards.RoleStaff, Agency: "bppd-kalbar"})
	if err != nil || code == "" {
		t.Fatalf("add: %q %v", code, err)
	}
	added, _, _ := q.User(ctx, "petugas-ch")
	if added.PasswordHash != "" || added.ChangedBy != "admin" {
		t.Fatalf("new account: %+v", added)
	}
	if u, c, err := m.CodeAccount(ctx, code); err != nil || u.Username != "petugas-ch" || c.Purpose != dashboards.CodeNewAccount || c.Hash == code {
		t.Fatalf("code: %+v %+v %v", u, c, err)
	}
	if _, err := m.Redeem(ctx, code, "Tepian-Kapuas-88", "Tepian-Kapuas-88", ""); err != nil {
		t.Fatalf("redeem: %v", err)
	}
	u, _, _ := q.User(ctx, "petugas-ch")
	if !dashboards.VerifyPassword(u.PasswordHash, "Tepian-Kapuas-88") || u.Version <= added.Version {
		t.Errorf("after redeem: %+v", u)
	}
	if _, err := m.Redeem(ctx, code, "Lain-Lagi-7777", "Lain-Lagi-7777", ""); status(err) != http.StatusGone {
		t.Errorf("second use: %v", err)
	}
	if u2, _, _ := q.User(ctx, "petugas-ch"); !dashboards.VerifyPassword(u2.PasswordHash, "Tepian-Kapuas-88") {
		t.Error("a used code changed the password")
	}
	// A reset code dies with a later change of the account (here: disabled and enabled).
	reset, err := m.IssueReset(ctx, by, "petugas-ch")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetDisabled(ctx, by, "petugas-ch", true); err != nil {
		t.Fatal(err)
	}
	if err := m.SetDisabled(ctx, by, "petugas-ch", false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.CodeAccount(ctx, reset); status(err) != http.StatusGone {
		t.Errorf("a code made before a change: %v", err)
	}
	// A new link ends the earlier ones, before and after ClickHouse merges the codes' versions.
	replaced, err := m.IssueReset(ctx, by, "petugas-ch")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.CodeAccount(ctx, replaced); err != nil {
		t.Fatalf("a fresh reset code: %v", err)
	}
	newer, err := m.IssueReset(ctx, by, "petugas-ch")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Conn.Exec(ctx, "OPTIMIZE TABLE "+db.Name+".account_codes FINAL"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redeem(ctx, replaced, "Bukan-Pemilik-99", "Bukan-Pemilik-99", ""); status(err) != http.StatusGone {
		t.Errorf("a replaced code set the password: %v", err)
	}
	if _, _, err := m.CodeAccount(ctx, newer); err != nil {
		t.Errorf("the newest code: %v", err)
	}
	// Expiry.
	reset, _ = m.IssueReset(ctx, by, "petugas-ch")
	offset = dashboards.AccountCodeTTL + time.Minute
	if _, err := m.Redeem(ctx, reset, "Lain-Lagi-7777", "Lain-Lagi-7777", ""); status(err) != http.StatusGone {
		t.Errorf("an expired code: %v", err)
	}
	offset = 0

	// Tokens: works, revoked → 401 at once.
	token, id, err := m.CreateToken(ctx, by, "bppd-kalbar", "Sistem kasus")
	if err != nil {
		t.Fatal(err)
	}
	get := func() int {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/agencies/bppd-kalbar/cases/summary?month=2026-10", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w.Code
	}
	if c := get(); c != http.StatusOK {
		t.Fatalf("API with the new token: %d", c)
	}
	if err := m.RevokeToken(ctx, dashboards.Actor{Username: "kepala-ntt", Role: dashboards.RoleHead, Agency: "bppd-ntt"}, "", id); status(err) != http.StatusNotFound {
		t.Errorf("another agency's head revokes: %v", err)
	}
	if c := get(); c != http.StatusOK {
		t.Fatalf("API after a refused revocation: %d", c)
	}
	created, _ := q.Tokens(ctx, "bppd-kalbar")
	if err := m.RevokeToken(ctx, by, "bppd-kalbar", id); err != nil {
		t.Fatal(err)
	}
	if c := get(); c != http.StatusUnauthorized {
		t.Errorf("API with the revoked token: %d", c)
	}
	if err := db.Conn.Exec(ctx, "OPTIMIZE TABLE "+db.Name+".api_tokens FINAL"); err != nil {
		t.Fatal(err)
	}
	list, err := q.Tokens(ctx, "bppd-kalbar")
	if err != nil || len(list) != 1 || len(created) != 1 || list[0].Name != "Sistem kasus" || !list[0].Revoked ||
		!list[0].CreatedAt.Equal(created[0].CreatedAt) || list[0].Agency != "bppd-kalbar" {
		t.Errorf("tokens after merge: %+v (created %+v) %v", list, created, err)
	}
	if other, _ := q.Tokens(ctx, "bppd-ntt"); len(other) != 0 {
		t.Errorf("another agency's list: %+v", other)
	}
	log, _ := q.AuditLog(ctx, "bppd-kalbar", "", 50)
	var kinds []string
	for i := len(log) - 1; i >= 0; i-- {
		kinds = append(kinds, log[i].Action)
		if strings.Contains(log[i].Detail+log[i].Target, code) || strings.Contains(log[i].Detail, token[len(token)-10:]) {
			t.Errorf("audit line holds a secret: %+v", log[i])
		}
	}
	want := "user.add user.passwd user.reset user.disable user.enable user.reset user.reset user.reset token.create token.revoke"
	if strings.Join(kinds, " ") != want {
		t.Errorf("audit: %v\nwant %s", kinds, want)
	}

	// A kiosk device is a token of kind kiosk: kept through revocation and merges, refused
	// on the agencies' routes, listed apart from the API tokens.
	staff := dashboards.Actor{Username: "petugas-ch", Role: dashboards.RoleStaff, Agency: "bppd-kalbar"}
	kiosk, kid, err := m.RegisterKiosk(ctx, staff, "bppd-kalbar", "Kios loket 1")
	if err != nil {
		t.Fatal(err)
	}
	token = kiosk
	if c := get(); c != http.StatusForbidden {
		t.Errorf("a kiosk device on the cases summary: %d", c)
	}
	if ag, _, kind, revoked, found, err := q.TokenHash(ctx, kid); err != nil || ag != "bppd-kalbar" || kind != survey.ChannelKiosk || revoked || !found {
		t.Errorf("kiosk token: %s %s %v %v %v", ag, kind, revoked, found, err)
	}
	if err := m.RevokeKiosk(ctx, staff, "bppd-kalbar", kid); err != nil {
		t.Fatal(err)
	}
	if err := db.Conn.Exec(ctx, "OPTIMIZE TABLE "+db.Name+".api_tokens FINAL"); err != nil {
		t.Fatal(err)
	}
	devices, err := m.KioskDevices(ctx, staff, "bppd-kalbar")
	if err != nil || len(devices) != 1 || devices[0].ID != kid || devices[0].Kind != survey.ChannelKiosk || !devices[0].Revoked || devices[0].Name != "Kios loket 1" {
		t.Errorf("kiosk devices after revocation and merge: %+v %v", devices, err)
	}
	if _, _, kind, revoked, _, _ := q.TokenHash(ctx, kid); kind != survey.ChannelKiosk || !revoked {
		t.Errorf("revoked kiosk token: kind %q revoked %v", kind, revoked)
	}
	if list, _ := m.Tokens(ctx, by, "bppd-kalbar"); len(list) != 1 || list[0].ID != id {
		t.Errorf("API tokens list a kiosk device: %+v", list)
	}
}
