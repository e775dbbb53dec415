package main

import (
	"context"
	"errors"
	"fmt"

	"skm/standard"
)

func runStandards(_ context.Context, e *env, args []string) error {
	f := newFlagSet(e, "standards", "check DIR",
		"Validates a standards directory (agency files *.yaml and national calendars calendar/*.yaml)\n"+
			"and reports every problem as file:line: message. Exits 1 when there is any.")
	if err := f.parse(args); err != nil {
		return err
	}
	rest := f.Args()
	if len(rest) != 2 || rest[0] != "check" {
		return usagef("expected: skm standards check DIR")
	}
	set, err := standard.LoadDir(rest[1])
	var probs standard.Problems
	if errors.As(err, &probs) {
		fmt.Fprintf(e.stdout, "%s\n%d problem(s) in %s\n", probs, len(probs), rest[1])
		return errReported
	}
	if err != nil {
		return err
	}
	for _, a := range set.Agencies {
		fmt.Fprintf(e.stdout, "ok  %s\n", a.Describe())
	}
	for _, c := range set.Calendars {
		fmt.Fprintf(e.stdout, "ok  calendar %d: %d days off, Ramadan %s to %s\n", c.Year, len(c.Holidays), c.Ramadan.From, c.Ramadan.To)
	}
	return nil
}

// loadStandards loads --standards, or the shipped examples when it is empty. It prints the
// problems of an invalid directory and refuses it.
func loadStandards(e *env, dir string) (*standard.Set, error) {
	var (
		set *standard.Set
		err error
	)
	if dir == "" {
		set, err = standard.Load(standard.Examples(), "(built-in examples)")
	} else {
		set, err = standard.LoadDir(dir)
	}
	var probs standard.Problems
	if errors.As(err, &probs) {
		fmt.Fprintf(e.stderr, "The standards in %s have %d problem(s); skm does not start until they are fixed:\n%s\n",
			displayDir(dir), len(probs), probs)
		return nil, errReported
	}
	if err != nil {
		return nil, fmt.Errorf("load standards: %w", err)
	}
	return set, nil
}

func displayDir(dir string) string {
	if dir == "" {
		return "the built-in examples"
	}
	return dir
}

// loadAgency loads the standards and returns the set and the agency named by --agency.
func loadAgency(e *env, dir, code string) (*standard.Set, *standard.Agency, error) {
	if code == "" {
		return nil, nil, usagef("--agency is required")
	}
	set, err := loadStandards(e, dir)
	if err != nil {
		return nil, nil, err
	}
	a, ok := set.Agency(code)
	if !ok {
		return nil, nil, usagef("unknown agency %q", code)
	}
	return set, a, nil
}
