package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"skm/dashboards"
	"skm/reports"
)

func runUser(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "user", "add|passwd|reset|disable|enable|list [--username NAME] [--role ROLE] [--agency CODE] [--name \"Full Name\"]",
		"Manages staff logins (the admin screen /admin/akun does the same). Roles: admin (every\n"+
			"agency; no --agency), head (own agency: view and export; manages its accounts and\n"+
			"tokens) and staff (own agency: also record cases and edit follow-up items). The password\n"+
			"is read from stdin (asked twice, hidden, on a terminal); only its argon2id hash is stored.\n"+
			"reset prints a one-time code (24 h) with which the person sets a password at\n"+
			"/akun/setel-sandi. A new password, a disabled account or a new role ends the account's\n"+
			"sessions within 15 s.")
	var (
		username, role, agency, name, by string
	)
	f.StringVar(&username, "username", "", "login `name` (letters, digits, . _ -; 3–64 characters)")
	f.StringVar(&role, "role", "", "admin, head or staff (for add)")
	f.StringVar(&agency, "agency", "", "agency `code` of a head or staff account")
	f.StringVar(&name, "name", "", "the person's name as shown on screens (for add)")
	f.byVar(&by, "who makes the change (kept in the audit log)")
	var df dataFlags
	df.register(f, "skm-data")
	action, err := f.parseAction(args, "expected one of: add, passwd, reset, disable, enable, list",
		"add", "passwd", "reset", "disable", "enable", "list")
	if err != nil {
		return err
	}
	if action != "list" {
		if err := dashboards.CheckUsername(username); err != nil {
			return usagef("--username: %v", err)
		}
	}
	set, err := loadStandards(e, df.standards)
	if err != nil {
		return err
	}
	var pw string
	if action == "add" || action == "passwd" {
		if pw, err = readPassword(e, username); err != nil {
			return err
		}
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if action == "list" {
		users, err := reports.New(db.conn, db.name).Users(ctx)
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
	admin, actor := cliAccountAdmin(set, db, by)
	var code string
	switch action {
	case "add":
		_, err = admin.Add(ctx, actor, dashboards.NewAccount{Username: username, DisplayName: name, Role: role, Agency: agency, Password: pw})
	case "passwd":
		err = admin.SetPassword(ctx, actor, username, pw)
	case "reset":
		code, err = admin.IssueReset(ctx, actor, username)
	case "disable", "enable":
		err = admin.SetDisabled(ctx, actor, username, action == "disable")
	}
	if err != nil {
		return accountUsage(err)
	}
	if code != "" {
		fmt.Fprintf(e.stdout, "%s\n", code)
		fmt.Fprintf(e.stderr, "One-time code for %s, valid 24 h: the person opens /akun/setel-sandi?kode=%s on the server's address\n"+
			"and sets a new password. It is shown only now.\n", username, code)
		return nil
	}
	fmt.Fprintf(e.stdout, "akun %s: %s\n", username, map[string]string{
		"add": "dibuat", "passwd": "kata sandi diganti", "disable": "dinonaktifkan", "enable": "diaktifkan"}[action])
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
