package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// flagSet is a flag.FlagSet whose flags fall back to SKM_* environment variables.
type flagSet struct {
	*flag.FlagSet
	e *env
}

func newFlagSet(e *env, name, args, summary string) *flagSet {
	fs := flag.NewFlagSet("skm "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported by run; --help prints below
	f := &flagSet{FlagSet: fs, e: e}
	fs.Usage = func() { f.printUsage(name, args, summary) }
	return f
}

// envName is the environment variable that sets a flag: --data-dir → SKM_DATA_DIR.
func envName(flagName string) string {
	return "SKM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parse parses the command line, then fills every flag not given there from its
// environment variable.
func (f *flagSet) parse(args []string) error {
	if err := f.Parse(args); err != nil {
		if err == flag.ErrHelp { // the flag package has printed the usage
			return err
		}
		return usagef("%v", err)
	}
	given := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	var err error
	f.VisitAll(func(fl *flag.Flag) {
		if given[fl.Name] || err != nil {
			return
		}
		if v := f.e.getenv(envName(fl.Name)); v != "" {
			if serr := fl.Value.Set(v); serr != nil {
				err = usagef("environment variable %s=%q: %v", envName(fl.Name), v, serr)
			}
		}
	})
	return err
}

func (f *flagSet) printUsage(name, args, summary string) {
	w := f.e.stdout
	fmt.Fprintf(w, "Usage: skm %s %s\n\n%s\n", name, args, summary)
	n := 0
	f.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprint(w, "\nFlags (each also read from its environment variable):\n")
	f.VisitAll(func(fl *flag.Flag) {
		typ, help := flag.UnquoteUsage(fl)
		left := "  --" + fl.Name
		if typ != "" {
			left += " " + typ
		}
		fmt.Fprintf(w, "%-28s %s\n%-28s   env %s", left, help, "", envName(fl.Name))
		if fl.DefValue != "" && fl.DefValue != "false" {
			fmt.Fprintf(w, ", default %s", fl.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// parseInterspersed parses a command line whose flags may follow its positional
// arguments ("skm import responses FILE --agency X"), and returns the positional ones.
func (f *flagSet) parseInterspersed(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.parse(args); err != nil {
			return nil, err
		}
		if f.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, f.Arg(0))
		args = f.Args()[1:]
	}
}

// parseNoArgs parses a command line that has flags only.
func (f *flagSet) parseNoArgs(args []string) error {
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return usagef("unexpected argument %q", f.Arg(0))
	}
	return nil
}

// parseAction parses the command line of a command that does one of actions, named as its
// only positional argument (flags may follow it), and returns that action; a missing,
// unknown or extra argument is the usage error expected.
func (f *flagSet) parseAction(args []string, expected string, actions ...string) (string, error) {
	pos, err := f.parseInterspersed(args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 || !slices.Contains(actions, pos[0]) {
		return "", usagef("%s", expected)
	}
	return pos[0], nil
}

// dataFlags are the flags of every command that works on the agencies' data: their
// standards (--standards), the database (dbFlags) and the log (logFlags).
type dataFlags struct {
	standards string
	db        dbFlags
	log       logFlags
}

func (d *dataFlags) register(f *flagSet, defaultDataDir string) {
	f.standardsVar(&d.standards)
	d.db.register(f, defaultDataDir)
	d.log.register(f)
}

// standardsVar declares --standards, the directory of the agencies' standards.
func (f *flagSet) standardsVar(p *string) {
	f.StringVar(p, "standards", "", "standards `directory` (agency *.yaml and calendar/*.yaml); empty: the built-in example agencies")
}

// dataDirVar declares --data-dir, skm's own data directory (private ClickHouse, spool, keys).
func (f *flagSet) dataDirVar(p *string, defaultDataDir string) {
	f.StringVar(p, "data-dir", defaultDataDir, "`directory` for skm's own data (the private ClickHouse, the spool, the keys)")
}

// visitCodeKeyVar declares --visit-code-key, the key that signs per-visit codes.
func (f *flagSet) visitCodeKeyVar(p *string) {
	f.StringVar(p, "visit-code-key", "", "secret `hex` key that signs per-visit codes; empty: a key file in --data-dir (created by the server)")
}

// byVar declares --by, who makes a change, by default the operator's login name.
func (f *flagSet) byVar(p *string, usage string) {
	f.StringVar(p, "by", f.e.getenv("USER"), usage)
}

// operator names who runs a command, for what it records: the login name ($USER), else "cli".
func (e *env) operator() string {
	if u := e.getenv("USER"); u != "" {
		return u
	}
	return "cli"
}
