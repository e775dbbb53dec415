package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"

	"golang.org/x/term"

	"skm/dashboards"
	"skm/ingest"
	"skm/reports"
)

func runUser(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "user", "add|passwd|disable|enable|list [--username NAME] [--role ROLE] [--agency CODE] [--name \"Full Name\"]",
		"Manages staff logins. Roles: admin (every agency; no --agency), head (own agency: view and\n"+
			"export) and staff (own agency: also record cases and edit follow-up items). The password\n"+
			"is read from stdin (asked twice, hidden, on a terminal); only its argon2id hash is stored.\n"+
			"A new password, a disabled account or a new role ends the account's sessions within 15 s.")
	var (
		username, role, agency, name, by string
	)
	f.StringVar(&username, "username", "", "login `name` (letters, digits, . _ -; 3–64 characters)")
	f.StringVar(&role, "role", "", "admin, head or staff (for add; with passwd/enable keeps the current one unless given)")
	f.StringVar(&agency, "agency", "", "agency `code` of a head or staff account")
	f.StringVar(&name, "name", "", "the person's name as shown on screens (for add)")
	f.byVar(&by, "who makes the change (kept in the audit log)")
	var df dataFlags
	df.register(f, "skm-data")
	action, err := f.parseAction(args, "expected one of: add, passwd, disable, enable, list",
		"add", "passwd", "disable", "enable", "list")
	if err != nil {
		return err
	}
	if action != "list" {
		if err := checkUsername(username); err != nil {
			return usagef("--username: %v", err)
		}
	}
	set, err := loadStandards(e, df.standards)
	if err != nil {
		return err
	}
	if action == "add" {
		if !dashboards.ValidRole(role) {
			return usagef("--role must be admin, head or staff")
		}
		if role == dashboards.RoleAdmin && agency != "" {
			return usagef("an admin works for every agency: leave --agency out")
		}
		if role != dashboards.RoleAdmin {
			if _, ok := set.Agency(agency); !ok {
				return usagef("--agency: a %s account needs a known agency code", role)
			}
		}
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	q := reports.New(db.conn, db.name)
	if action == "list" {
		users, err := q.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			state := "aktif"
			if u.Disabled {
				state = "nonaktif"
			}
			fmt.Fprintf(e.stdout, "%-20s %-6s %-14s %-9s %s\n", u.Username, u.Role, orDash(u.Agency), state, u.DisplayName)
		}
		return nil
	}
	cur, found, err := q.User(ctx, username)
	if err != nil {
		return err
	}
	if action == "add" && found {
		return usagef("account %q exists already (use passwd, enable or disable)", username)
	}
	if action != "add" && !found {
		return usagef("no account %q", username)
	}
	row := ingest.UserRow{Username: username, Agency: cur.Agency, Role: cur.Role, DisplayName: cur.DisplayName,
		PasswordHash: cur.PasswordHash, Disabled: cur.Disabled, ChangedAt: time.Now()}
	switch action {
	case "add":
		row.Agency, row.Role, row.DisplayName = agency, role, name
		fallthrough
	case "passwd":
		pw, err := readPassword(e, username)
		if err != nil {
			return err
		}
		if row.PasswordHash, err = dashboards.HashPassword(pw); err != nil {
			return err
		}
	case "disable":
		row.Disabled = true
	case "enable":
		row.Disabled = false
	}
	// Changes from the command line are marked as such, with the operator's name when known.
	actor := "cli"
	if by != "" {
		actor = "cli:" + by
	}
	row.ChangedBy = actor
	if err := db.store.SaveUser(ctx, row); err != nil {
		return err
	}
	audit := ingest.AuditRow{At: row.ChangedAt, Agency: row.Agency, Username: actor, Role: "admin",
		Action: "user." + action, Target: username, Detail: row.Role}
	if err := db.store.WriteAudit(ctx, audit); err != nil {
		return fmt.Errorf("the account is saved, but the audit log was not written: %w", err)
	}
	fmt.Fprintf(e.stdout, "akun %s (%s%s): %s\n", username, row.Role, prefixed(" ", row.Agency), map[string]string{
		"add": "dibuat", "passwd": "kata sandi diganti", "disable": "dinonaktifkan", "enable": "diaktifkan"}[action])
	return nil
}

// checkUsername allows 3–64 letters, digits, '.', '_' and '-'.
func checkUsername(u string) error {
	if len(u) < 3 || len(u) > 64 {
		return fmt.Errorf("3 to 64 characters")
	}
	for _, r := range u {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-", r))) {
			return fmt.Errorf("only letters, digits, '.', '_' and '-'")
		}
	}
	return nil
}

// readPassword reads the new password: hidden and twice on a terminal, else the first line
// of stdin. It must pass the strength check.
func readPassword(e *env, username string) (string, error) {
	var pw string
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Kata sandi baru: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(e.stderr, "Ulangi kata sandi: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", usagef("the two passwords differ")
		}
		pw = string(a)
	} else {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", usagef("give the password on stdin, e.g. printf '%%s\\n' \"$PASSWORD\" | skm user add …")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if err := dashboards.CheckPasswordStrength(pw, username); err != nil {
		return "", usagef("password: %v", err)
	}
	return pw, nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}
