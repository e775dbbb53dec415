package main

import (
	"context"
	"fmt"

	"skm/standard"
)

func runToken(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "token", "create --agency CODE --name LABEL | revoke --agency CODE --id ID | list [--agency CODE]",
		"create prints a new API token for one agency, once (only its hash is stored); machines\n"+
			"send it as 'Authorization: Bearer <token>'. revoke stops a token (within a minute). The\n"+
			"admin screen /admin/token does the same; both are audited.")
	var agency, name, id, by string
	f.StringVar(&agency, "agency", "", "agency `code` the token acts for (required for create and revoke)")
	f.StringVar(&name, "name", "", "a `label` saying who or what uses the token (for create)")
	f.StringVar(&id, "id", "", "token `id` (the part after skm_, for revoke)")
	f.byVar(&by, "who makes the change (kept in the audit log)")
	var df dataFlags
	df.register(f, "skm-data")
	action, err := f.parseAction(args, "expected: skm token create --agency CODE --name LABEL, skm token revoke --agency CODE --id ID, or skm token list",
		"create", "revoke", "list")
	if err != nil {
		return err
	}
	var set *standard.Set
	if action == "list" && agency == "" {
		set, err = loadStandards(e, df.standards)
	} else {
		set, _, err = loadAgency(e, df.standards, agency)
	}
	if err != nil {
		return err
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	admin, actor := cliAccountAdmin(set, db, by)
	switch action {
	case "list":
		list, err := admin.Tokens(ctx, actor, agency)
		if err != nil {
			return err
		}
		for _, t := range list {
			state := "aktif"
			if t.Revoked {
				state = "dicabut"
			}
			fmt.Fprintf(e.stdout, "%-16s %-14s %-8s %s  %s\n", t.ID, t.Agency, state, t.CreatedAt.Format("2006-01-02 15:04"), t.Name)
		}
		return nil
	case "revoke":
		if err := admin.RevokeToken(ctx, actor, agency, id); err != nil {
			return accountUsage(err)
		}
		fmt.Fprintf(e.stdout, "token %s revoked\n", id)
		return nil
	}
	token, tid, err := admin.CreateToken(ctx, actor, agency, name)
	if err != nil {
		return accountUsage(err)
	}
	fmt.Fprintf(e.stdout, "%s\n", token)
	fmt.Fprintf(e.stderr, "API token %s for %s (%s). It is shown only now: store it safely.\n", tid, agency, name)
	return nil
}
