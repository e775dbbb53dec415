package standard

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed examples
var examples embed.FS

// Examples returns the shipped standards directory: the two seed agencies (bppd-ntt,
// bppd-kalbar) and the national calendars.
func Examples() fs.FS {
	sub, err := fs.Sub(examples, "examples")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Problem is one thing wrong in a standards directory.
type Problem struct {
	File string
	Line int
	Msg  string
}

// String formats the problem as file:line: message.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found while loading; it is the error Load returns.
type Problems []Problem

// Error lists the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// LoadDir loads and validates the standards directory dir; problems are reported with
// paths under dir.
func LoadDir(dir string) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("standard: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("standard: %s is not a directory", dir)
	}
	return Load(os.DirFS(dir), dir)
}

// Load loads and validates a standards directory: every *.yaml file at its top is an agency,
// every calendar/*.yaml a national calendar. display prefixes file names in problems. The
// error is Problems when the content is at fault.
func Load(fsys fs.FS, display string) (*Set, error) {
	var probs Problems
	set := &Set{}
	agencyFiles, err := yamlFiles(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("standard: read %s: %w", display, err)
	}
	calFiles, err := yamlFiles(fsys, "calendar")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("standard: read %s/calendar: %w", display, err)
	}
	show := func(name string) string {
		if display == "" || display == "." {
			return name
		}
		return filepath.Join(display, filepath.FromSlash(name))
	}
	for _, name := range calFiles {
		c := &checker{file: show(name)}
		if cal := c.calendar(fsys, name); cal != nil {
			set.Calendars = append(set.Calendars, cal)
		}
		probs = append(probs, c.sorted()...)
	}
	for _, name := range agencyFiles {
		c := &checker{file: show(name)}
		if a := c.agency(fsys, name); a != nil {
			set.Agencies = append(set.Agencies, a)
		}
		probs = append(probs, c.sorted()...)
	}
	if len(agencyFiles) == 0 {
		probs = append(probs, Problem{File: show("."), Msg: "no agency file (*.yaml) found"})
	}
	if len(calFiles) == 0 {
		probs = append(probs, Problem{File: show("calendar"), Msg: "no national holiday calendar (calendar/*.yaml) found; copy the ones in standard/examples/calendar"})
	}
	probs = append(probs, crossCheck(set)...)
	if len(probs) > 0 {
		return nil, probs
	}
	sort.Slice(set.Agencies, func(i, j int) bool { return set.Agencies[i].Code < set.Agencies[j].Code })
	sort.Slice(set.Calendars, func(i, j int) bool { return set.Calendars[i].Year < set.Calendars[j].Year })
	return set, nil
}

func yamlFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	return out, nil
}

func crossCheck(set *Set) Problems {
	var probs Problems
	seen := map[string]string{}
	for _, a := range set.Agencies {
		if prev, dup := seen[a.Code]; dup {
			probs = append(probs, Problem{File: a.File, Msg: fmt.Sprintf("agency code %q is already used by %s", a.Code, prev)})
		}
		seen[a.Code] = a.File
	}
	years := map[int]string{}
	for _, c := range set.Calendars {
		if prev, dup := years[c.Year]; dup {
			probs = append(probs, Problem{File: c.File, Msg: fmt.Sprintf("year %d is already described by %s", c.Year, prev)})
		}
		years[c.Year] = c.File
	}
	return probs
}

// checker collects the problems of one file, with line numbers found in its YAML tree.
type checker struct {
	file  string
	root  *yaml.Node
	probs Problems
}

// sorted returns the file's problems in line order.
func (c *checker) sorted() Problems {
	sort.SliceStable(c.probs, func(i, j int) bool { return c.probs[i].Line < c.probs[j].Line })
	return c.probs
}

func (c *checker) add(line int, format string, args ...any) {
	c.probs = append(c.probs, Problem{File: c.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// at reports a problem at the YAML node found by path (mapping keys and sequence indexes).
func (c *checker) at(p []any, format string, args ...any) {
	c.add(lineOf(c.root, p), format, args...)
}

// parse reads the file strictly into v and keeps its node tree for line lookups.
func (c *checker) parse(fsys fs.FS, name string, v any) bool {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		c.add(0, "cannot read: %v", err)
		return false
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		c.yamlError(err)
		return false
	}
	if len(root.Content) == 0 {
		c.add(1, "the file is empty")
		return false
	}
	c.root = &root
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		c.yamlError(err)
		// After type errors and unknown fields the rest of the file is decoded: check it
		// too, so one run reports every problem.
		var te *yaml.TypeError
		return errors.As(err, &te)
	}
	return true
}

var (
	lineRe    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	fieldRe   = regexp.MustCompile(`field (\S+) not found in type \S+`)
	unmarshRe = regexp.MustCompile("cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (\\S+)")
)

func (c *checker) yamlError(err error) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line := 0
		if sub := lineRe.FindStringSubmatch(m); sub != nil {
			line, _ = strconv.Atoi(sub[1])
			m = sub[2]
		}
		m = fieldRe.ReplaceAllString(m, "unknown field \"$1\" (check its spelling and indentation)")
		m = unmarshRe.ReplaceAllStringFunc(m, func(s string) string {
			sub := unmarshRe.FindStringSubmatch(s)
			got := map[string]string{"str": "text", "seq": "a list", "map": "a mapping", "int": "a number",
				"float": "a number", "bool": "true/false", "null": "nothing"}[sub[1]]
			if sub[2] != "" {
				got += " " + strconv.Quote(sub[2])
			}
			want := "a " + strings.TrimPrefix(strings.TrimPrefix(sub[3], "[]"), "*")
			switch {
			case strings.HasPrefix(sub[3], "[]"):
				want = "a list"
			case strings.HasPrefix(sub[3], "map["), strings.Contains(sub[3], "standard."), strings.HasPrefix(sub[3], "struct"):
				want = "a mapping"
			case sub[3] == "int" || sub[3] == "float64":
				want = "a number"
			case sub[3] == "string":
				want = "text"
			case sub[3] == "bool":
				want = "true or false"
			}
			return "expected " + want + ", found " + got
		})
		c.add(line, "%s", strings.TrimPrefix(m, "yaml: "))
	}
}

// lineOf finds the line of the value at path in a document; for a missing key it returns
// the line of the nearest enclosing node that exists.
func lineOf(root *yaml.Node, p []any) int {
	if root == nil {
		return 0
	}
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, step := range p {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						next = n.Content[i+1]
						if next.Kind == yaml.ScalarNode && next.Tag == "!!null" {
							next = n.Content[i] // an empty value: point at the key
						}
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s < len(n.Content) {
				next = n.Content[s]
			}
		}
		if next == nil {
			return line
		}
		n, line = next, next.Line
	}
	return line
}

var codeRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (c *checker) code(p []any, what, v string) {
	switch {
	case v == "":
		c.at(p, "%s is required", what)
	case !codeRe.MatchString(v):
		c.at(p, "%s %q must be lower-case letters, digits and single hyphens (e.g. \"data-informasi\")", what, v)
	}
}

func (c *checker) required(p []any, what, v string) {
	if strings.TrimSpace(v) == "" {
		c.at(p, "%s is required", what)
	}
}

func (c *checker) timeLimit(p []any, s string) TimeLimit {
	if strings.TrimSpace(s) == "" {
		return TimeLimit{}
	}
	l, err := ParseTimeLimit(s)
	if err != nil {
		c.at(p, "%v", err)
	}
	return l
}

func (c *checker) holidays(p []any, in []holidayFile) []Holiday {
	var out []Holiday
	seen := map[Date]int{}
	for i, h := range in {
		hp := append(slices.Clone(p), i)
		d, err := ParseDate(h.Date)
		if err != nil {
			c.at(append(hp, "date"), "%v", err)
			continue
		}
		switch h.Kind {
		case HolidayNasional, HolidayCutiBersama, HolidayDaerah:
		case "":
			c.at(hp, "kind is required (libur_nasional, cuti_bersama or libur_daerah)")
		default:
			c.at(append(hp, "kind"), "unknown kind %q (libur_nasional, cuti_bersama or libur_daerah)", h.Kind)
		}
		c.required(hp, "name", h.Name)
		if prev, dup := seen[d]; dup {
			c.at(append(hp, "date"), "%s is listed twice (also entry %d)", d, prev+1)
		}
		seen[d] = i
		out = append(out, Holiday{Date: d, Kind: h.Kind, Name: h.Name})
	}
	return out
}

func (c *checker) week(p []any, in map[string][]string) (Week, bool) {
	var w Week
	ok := true
	keys := sortedKeys(in)
	sort.SliceStable(keys, func(i, j int) bool { return dayOrder(keys[i]) < dayOrder(keys[j]) })
	for _, key := range keys {
		spans := in[key]
		day, known := dayKeys[strings.ToLower(key)]
		if !known {
			c.at(append(slices.Clone(p), key), "unknown day %q (use mon, tue, wed, thu, fri, sat, sun)", key)
			ok = false
			continue
		}
		dp := append(slices.Clone(p), key)
		for i, s := range spans {
			win, err := parseWindow(s)
			if err != nil {
				c.at(append(dp, i), "%v", err)
				ok = false
				continue
			}
			if n := len(w[day]); n > 0 && win.Start < w[day][n-1].End {
				c.at(append(dp, i), "time window %s overlaps or precedes %s; list windows in order", win, w[day][n-1])
				ok = false
				continue
			}
			w[day] = append(w[day], win)
		}
	}
	if ok && w.Minutes() == 0 {
		c.at(p, "the schedule has no working time at all")
		ok = false
	}
	return w, ok
}

func loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "Local" || !strings.Contains(name, "/") {
		return nil, fmt.Errorf("time zone %q must be an IANA zone name such as Asia/Jakarta, Asia/Pontianak, Asia/Makassar or Asia/Jayapura", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (e.g. Asia/Jakarta, Asia/Pontianak, Asia/Makassar, Asia/Jayapura)", name)
	}
	return loc, nil
}

// dayOrder sorts day keys Monday first; unknown keys last.
func dayOrder(key string) int {
	d, ok := dayKeys[strings.ToLower(key)]
	if !ok {
		return 7
	}
	return (int(d) + 6) % 7
}
