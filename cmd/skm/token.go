package main

import (
	"context"
	"fmt"
	"time"
)

func runToken(ctx context.Context, e *env, args []string) error {
	f := newFlagSet(e, "token", "create --agency CODE --name LABEL | revoke --agency CODE --id ID",
		"create prints a new API token for one agency, once (only its hash is stored); machines\n"+
			"send it as 'Authorization: Bearer <token>'. revoke stops a token (within a minute).")
	var agency, name, id string
	f.StringVar(&agency, "agency", "", "agency `code` the token acts for (required)")
	f.StringVar(&name, "name", "", "a `label` saying who or what uses the token (for create)")
	f.StringVar(&id, "id", "", "token `id` (the part after skm_, for revoke)")
	var df dataFlags
	df.register(f, "skm-data")
	action, err := f.parseAction(args, "expected: skm token create --agency CODE --name LABEL, or skm token revoke --agency CODE --id ID",
		"create", "revoke")
	if err != nil {
		return err
	}
	_, a, err := loadAgency(e, df.standards, agency)
	if err != nil {
		return err
	}
	if action == "create" && name == "" {
		return usagef("--name is required: say who or what uses the token")
	}
	if action == "revoke" && id == "" {
		return usagef("--id is required")
	}
	db, err := df.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if action == "revoke" {
		if err := db.store.RevokeToken(ctx, id, a.Code, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "token %s revoked\n", id)
		return nil
	}
	token, tid, err := db.store.CreateToken(ctx, a.Code, name, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", token)
	fmt.Fprintf(e.stderr, "API token %s for %s (%s). It is shown only now: store it safely.\n", tid, a.Code, name)
	return nil
}
