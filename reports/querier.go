// Package reports is the read side: one Querier with one method per question the product
// asks, each with its SQL in a .sql file named after the method, returning typed results.
package reports

import (
	"context"
	"embed"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"skm/chsql"
	"skm/survey"
)

//go:embed sql/*.sql
var sqlFS embed.FS

var queries = chsql.MustLoad(sqlFS, "sql")

// Queries returns the read side's statements and their samples, for the check that runs
// every statement the product sends on another ClickHouse release.
func Queries() *chsql.Set { return queries }

// Querier answers the product's questions from ClickHouse.
type Querier struct {
	conn driver.Conn
	db   string

	mu       sync.Mutex
	coverage map[string]coverage // per agency: the months with case figures computed ahead

	themes           *themeCache   // saran grouped into themes, per day and rules
	themeGroupings   atomic.Uint64 // how many times saran were read and grouped (for the tests)
	themeDaysGrouped atomic.Uint64 // how many days of saran were grouped (for the tests)
}

// New returns a Querier on database db.
func New(conn driver.Conn, db string) *Querier {
	return &Querier{conn: oneThread{conn}, db: db, coverage: map[string]coverage{}, themes: newThemeCache(themeCacheSize)}
}

// oneThread runs each query on one ClickHouse thread. The read side's questions are small
// (rollups, figures computed ahead) and a page asks a dozen at once: on two cores, two threads
// per query only add switching (bench-dashboard: p95 227 → 164 ms). The Querier's callers
// pass no ClickHouse settings of their own (they would be replaced).
type oneThread struct{ driver.Conn }

var oneThreadSettings = clickhouse.Settings{"max_threads": 1}

func single(ctx context.Context) context.Context {
	if ctx.Value(oneThreadKey{}) != nil {
		return ctx
	}
	return context.WithValue(clickhouse.Context(ctx, clickhouse.WithSettings(oneThreadSettings)), oneThreadKey{}, true)
}

type oneThreadKey struct{}

func (c oneThread) Query(ctx context.Context, query string, args ...any) (driver.Rows, error) {
	return c.Conn.Query(single(ctx), query, args...)
}

func (c oneThread) QueryRow(ctx context.Context, query string, args ...any) driver.Row {
	return c.Conn.QueryRow(single(ctx), query, args...)
}

// scopeArgs are the arguments of a statement about a scope: agency, first and last date,
// and the service twice (empty: every service).
func scopeArgs(s survey.Scope) []any {
	first, last := s.Bounds()
	return []any{s.Agency, first.Format(time.DateOnly), last.Format(time.DateOnly), s.Service, s.Service}
}

// IKM returns the tally of a scope from the daily rollup; survey.Compute turns it into
// NRR, IKM and mutu.
func (q *Querier) IKM(ctx context.Context, s survey.Scope) (survey.Tally, error) {
	return q.tally(ctx, "IKM", s)
}

// IKMRaw returns the same tally counted from the raw responses.
func (q *Querier) IKMRaw(ctx context.Context, s survey.Scope) (survey.Tally, error) {
	return q.tally(ctx, "IKMRaw", s)
}

func (q *Querier) tally(ctx context.Context, name string, s survey.Scope) (survey.Tally, error) {
	var t survey.Tally
	if err := q.conn.QueryRow(ctx, queries.Get(name, q.db), scopeArgs(s)...).Scan(t.Fields()...); err != nil {
		return t, fmt.Errorf("reports: %s %s %s: %w", name, s.Agency, s.Period, err)
	}
	return t, nil
}

// Population returns the service users of the scope in its period, the population the SKM
// sample size is computed from: the cases received, or, where the scope has no case records,
// the newest estimate staff entered (0 when there is neither).
func (q *Querier) Population(ctx context.Context, s survey.Scope) (uint64, error) {
	first, last := s.Bounds()
	ok, err := q.computed(ctx, s.Agency, first, last)
	if err != nil {
		return 0, fmt.Errorf("reports: population %s %s: %w", s.Agency, s.Period, err)
	}
	var n uint64
	if ok {
		f, l := first.Format(time.DateOnly), last.Format(time.DateOnly)
		err = q.conn.QueryRow(ctx, queries.Get("Population.Computed", q.db), s.Agency, f, l, s.Service, s.Service, s.Agency, f, l).Scan(&n)
	} else {
		err = q.conn.QueryRow(ctx, queries.Get("Population.Raw", q.db), scopeArgs(s)...).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("reports: population %s %s: %w", s.Agency, s.Period, err)
	}
	if n > 0 {
		return n, nil
	}
	rows, err := q.conn.Query(ctx, queries.Get("Population.Estimate", q.db), s.Agency, s.Period.Code(), s.Service)
	if err != nil {
		return 0, fmt.Errorf("reports: population estimate %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, fmt.Errorf("reports: population estimate: %w", err)
		}
	}
	return n, rows.Err()
}

// ServiceTally is the tally of one service.
type ServiceTally struct {
	Service string
	Tally   survey.Tally
}

// IKMByService returns the tally of each service that has answers in the scope's period
// (the scope's service, if set, restricts it to that one), ordered by service code.
func (q *Querier) IKMByService(ctx context.Context, s survey.Scope) ([]ServiceTally, error) {
	rows, err := q.conn.Query(ctx, queries.Get("IKMByService", q.db), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("reports: IKM by service %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []ServiceTally
	for rows.Next() {
		var st ServiceTally
		if err := rows.Scan(append([]any{&st.Service}, st.Tally.Fields()...)...); err != nil {
			return nil, fmt.Errorf("reports: IKM by service: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// MonthTally is the tally of one month.
type MonthTally struct {
	Month survey.Period
	Tally survey.Tally
}

// IKMByMonth returns the tally of each month of the scope's period that has answers: the
// monthly running IKM, indicative only (the official IKM is over the survey period).
func (q *Querier) IKMByMonth(ctx context.Context, s survey.Scope) ([]MonthTally, error) {
	return q.ikmMonths(ctx, scopeArgs(s)...)
}

// IKMMonths returns the tally of each month from first to last (periods of any kind: from the
// first's start to the last's end) that has answers, of an agency and optionally one service:
// several periods' figures from one query.
func (q *Querier) IKMMonths(ctx context.Context, agency, service string, first, last survey.Period) ([]MonthTally, error) {
	f, _ := first.Bounds()
	_, l := last.Bounds()
	return q.ikmMonths(ctx, agency, f.Format(time.DateOnly), l.Format(time.DateOnly), service, service)
}

func (q *Querier) ikmMonths(ctx context.Context, args ...any) ([]MonthTally, error) {
	rows, err := q.conn.Query(ctx, queries.Get("ikmMonths", q.db), args...)
	if err != nil {
		return nil, fmt.Errorf("reports: IKM by month %v: %w", args[:3], err)
	}
	defer rows.Close()
	var out []MonthTally
	for rows.Next() {
		var mt MonthTally
		var month time.Time
		if err := rows.Scan(append([]any{&month}, mt.Tally.Fields()...)...); err != nil {
			return nil, fmt.Errorf("reports: IKM by month: %w", err)
		}
		mt.Month = survey.Period{Kind: survey.Month, Year: month.Year(), N: int(month.Month())}
		out = append(out, mt)
	}
	return out, rows.Err()
}

// ProfileCount is how many respondents gave one value of a profile dimension (jenis_kelamin,
// umur as an age band, pendidikan, pekerjaan); Value "" counts those who did not say.
type ProfileCount struct {
	Dimension string
	Value     string
	Count     uint64
}

// Profile returns the respondent profile of a scope from the monthly profile rollup, per
// dimension, most frequent first.
func (q *Querier) Profile(ctx context.Context, s survey.Scope) ([]ProfileCount, error) {
	return q.profile(ctx, "Profile", s)
}

// ProfileRaw returns the same profile counted from the raw responses.
func (q *Querier) ProfileRaw(ctx context.Context, s survey.Scope) ([]ProfileCount, error) {
	return q.profile(ctx, "ProfileRaw", s)
}

func (q *Querier) profile(ctx context.Context, name string, s survey.Scope) ([]ProfileCount, error) {
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("reports: profile %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []ProfileCount
	for rows.Next() {
		var p ProfileCount
		if err := rows.Scan(&p.Dimension, &p.Value, &p.Count); err != nil {
			return nil, fmt.Errorf("reports: profile: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ProfileDimension is a dimension of the respondent profile as reports title it.
type ProfileDimension struct {
	// Key is the dimension as ProfileCount.Dimension names it (jenis_kelamin).
	Key string
	// Title is its heading ("Jenis kelamin").
	Title string
}

// ProfileDimensions are the dimensions of the respondent profile in the order reports show
// them.
var ProfileDimensions = []ProfileDimension{{"jenis_kelamin", "Jenis kelamin"}, {"umur", "Umur"},
	{"pendidikan", "Pendidikan terakhir"}, {"pekerjaan", "Pekerjaan utama"}}

// ProfileLabel words a value of a profile dimension for people: L and P spelled out, age
// bands with "tahun", "" as "tidak diisi".
func ProfileLabel(dim, v string) string {
	switch {
	case v == "":
		return "tidak diisi"
	case dim == "jenis_kelamin":
		return survey.GenderName(v)
	case dim == "umur":
		return v + " tahun"
	}
	return v
}

// ProfileOf picks one dimension's counts from a profile: in the dimension's natural order
// where it has one (age bands, education levels), else as given (most frequent first).
func ProfileOf(rows []ProfileCount, dim string) []ProfileCount {
	var out []ProfileCount
	for _, p := range rows {
		if p.Dimension == dim {
			out = append(out, p)
		}
	}
	if survey.ProfileOrder(dim) != nil {
		slices.SortStableFunc(out, func(x, y ProfileCount) int {
			return survey.ProfileRank(dim, x.Value) - survey.ProfileRank(dim, y.Value)
		})
	}
	return out
}

// Saran is one suggestion left by a respondent.
type Saran struct {
	At      time.Time
	Service string
	Text    string
}

// Sarans returns a page of the scope's suggestions, newest first.
//
// The page is read from the newest days of the scope that hold enough saran by the saran days'
// counts (survey_saran_days), not from the whole scope: 18.16 sorts every row a query reads
// before it takes the first ones, and a month of a large agency holds hundreds of thousands.
// Should those days hold fewer than the counts said (a rollup not yet corrected), the whole
// scope is read.
func (q *Querier) Sarans(ctx context.Context, s survey.Scope, limit, offset int) ([]Saran, error) {
	first, last := s.Bounds()
	from, err := q.saranFrom(ctx, s, limit+offset)
	if err != nil {
		return nil, err
	}
	out, err := q.sarans(ctx, s, from, last, limit, offset)
	if err == nil && len(out) < limit && from.After(first) {
		out, err = q.sarans(ctx, s, first, last, limit, offset)
	}
	return out, err
}

// sarans reads a page of the saran of scope s between the days from and to.
func (q *Querier) sarans(ctx context.Context, s survey.Scope, from, to time.Time, limit, offset int) ([]Saran, error) {
	rows, err := q.conn.Query(ctx, queries.Get("sarans", q.db), s.Agency, from.Format(time.DateOnly), to.Format(time.DateOnly),
		s.Service, s.Service, uint64(limit), uint64(offset))
	if err != nil {
		return nil, fmt.Errorf("reports: saran %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []Saran
	for rows.Next() {
		var sr Saran
		if err := rows.Scan(&sr.At, &sr.Service, &sr.Text); err != nil {
			return nil, fmt.Errorf("reports: saran: %w", err)
		}
		out = append(out, sr)
	}
	return out, rows.Err()
}

// saranFrom returns the earliest of the newest days of scope s that together hold need saran
// by survey_saran_days (saranFrom.sql), or the scope's first day when all of them hold fewer.
func (q *Querier) saranFrom(ctx context.Context, s survey.Scope, need int) (time.Time, error) {
	first, _ := s.Bounds()
	rows, err := q.conn.Query(ctx, queries.Get("saranFrom", q.db), scopeArgs(s)...)
	if err != nil {
		return first, fmt.Errorf("reports: saran days %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var held uint64
	for rows.Next() {
		var day time.Time
		var n uint64
		if err := rows.Scan(&day, &n); err != nil {
			return first, fmt.Errorf("reports: saran days: %w", err)
		}
		if held += n; held >= uint64(need) {
			return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return first, rows.Err()
}

// DayCount is how many respondents answered on one (local) day.
type DayCount struct {
	Day         time.Time
	Respondents uint64
}

// ResponsesByDay returns the respondents per day of a scope; days without any are left out.
func (q *Querier) ResponsesByDay(ctx context.Context, s survey.Scope) ([]DayCount, error) {
	rows, err := q.conn.Query(ctx, queries.Get("ResponsesByDay", q.db), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("reports: responses by day %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var d DayCount
		if err := rows.Scan(&d.Day, &d.Respondents); err != nil {
			return nil, fmt.Errorf("reports: responses by day: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// LowestElements returns the elements of a computed IKM from the lowest score up, the ones
// the follow-up plan (RTL) starts from; elements without answers are left out.
func LowestElements(k survey.IKM, n int) []survey.ElementScore {
	var list []survey.ElementScore
	for _, e := range k.Elements {
		if e.NRR != nil {
			list = append(list, e)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].NRR.Cmp(list[j].NRR) < 0 })
	if n < len(list) {
		list = list[:n]
	}
	return list
}
