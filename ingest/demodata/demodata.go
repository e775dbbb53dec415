// Package demodata writes a reproducible, plausible history of survey responses and cases for
// the demo and for tests and benchmarks that need realistic data. It is apart from ingest
// because nothing the product runs in production depends on it.
package demodata

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"skm/cases"
	"skm/ingest"
	"skm/standard"
)

// Options configure the generated history of Seed.
type Options struct {
	// Agencies to generate history for.
	Agencies []*standard.Agency
	// Set holds the national calendars the agencies' deadlines are counted with.
	Set *standard.Set
	// Now ends the history; nothing is generated after it.
	Now time.Time
	// Months of history before Now (default 24).
	Months int
	// Seed makes the history reproducible (default 1).
	Seed uint64
	// ResponsesPerMonth is the mean number of survey responses per service and month
	// (default 60).
	ResponsesPerMonth int
	// CasesPerMonth is the mean number of cases per service and month (default 25).
	CasesPerMonth int
	// Published adds, for each agency's last ended survey period, a follow-up plan (RTL)
	// and publication records, as an agency that published its results has them.
	Published bool
	// PublicURL is the address the demo serves; with Published, the results page there is
	// recorded as one of the places the results were published.
	PublicURL string
}

// Stats counts what Seed wrote.
type Stats struct {
	Responses int
	Cases     int
	Skipped   []string // agencies that already had data
}

// Seed writes a reproducible, plausible history of survey responses and cases for
// each agency that has no survey responses yet; agencies with data are left alone, so a
// restarted demo reuses its data.
func Seed(ctx context.Context, store *ingest.Store, opts Options) (Stats, error) {
	if opts.Months <= 0 {
		opts.Months = 24
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.ResponsesPerMonth <= 0 {
		opts.ResponsesPerMonth = 60
	}
	if opts.CasesPerMonth <= 0 {
		opts.CasesPerMonth = 25
	}
	var st Stats
	for i, a := range opts.Agencies {
		n, err := store.CountResponses(ctx, a.Code)
		if err != nil {
			return st, fmt.Errorf("ingest: demo: check %s: %w", a.Code, err)
		}
		if n > 0 {
			st.Skipped = append(st.Skipped, a.Code)
			continue
		}
		g := &demoGen{opts: opts, a: a, rng: rand.New(rand.NewPCG(opts.Seed, uint64(i)+1))}
		if opts.Set != nil {
			g.cal = a.WorkCalendar(opts.Set)
		}
		responses, cases := g.generate()
		for start := 0; start < len(responses); start += 50_000 {
			end := min(start+50_000, len(responses))
			if err := store.WriteResponses(ctx, responses[start:end]); err != nil {
				return st, fmt.Errorf("ingest: demo %s: %w", a.Code, err)
			}
		}
		if err := store.WriteCases(ctx, cases); err != nil {
			return st, fmt.Errorf("ingest: demo %s: %w", a.Code, err)
		}
		if opts.Published {
			if err := seedPublished(ctx, store, a, opts.Now, opts.PublicURL); err != nil {
				return st, err
			}
		}
		st.Responses += len(responses)
		st.Cases += len(cases)
	}
	return st, nil
}

type demoGen struct {
	opts Options
	a    *standard.Agency
	cal  *standard.WorkCalendar
	rng  *rand.Rand
}

var (
	demoEducation  = []string{"SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3", "Lainnya"}
	demoEduWeights = []int{6, 10, 34, 12, 28, 8, 1, 1}
	demoJobs       = []string{"PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya"}
	demoJobWeights = []int{30, 4, 4, 20, 16, 16, 10}
	demoOfficers   = []string{"Yohanes Seran", "Maria Goreti Bria", "Dedi Kurniawan", "Siti Aminah", "Agustinus Nahak"}
	demoSaran      = []string{
		"Pelayanan sudah baik, pertahankan.",
		"Mohon waktu tunggu dipersingkat.",
		"Ruang tunggu perlu kipas angin atau AC.",
		"Informasi persyaratan sebaiknya diumumkan di media sosial.",
		"Petugas ramah dan membantu.",
		"Tolong sediakan nomor antrean.",
		"Mohon tindak lanjut pengaduan diberitahukan lewat WhatsApp.",
		"Parkir kendaraan masih sempit.",
	}
)

func (g *demoGen) pick(items []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return items[i]
		}
		n -= w
	}
	return items[len(items)-1]
}

func (g *demoGen) uuid() uuid.UUID {
	var u uuid.UUID
	for i := range u {
		u[i] = byte(g.rng.UintN(256))
	}
	u[6] = (u[6] & 0x0f) | 0x40 // version 4 layout, deterministic content
	u[8] = (u[8] & 0x3f) | 0x80
	return u
}

// workingInstant returns a random instant within office hours on a weekday of the month,
// or false when that month has none before Now.
func (g *demoGen) workingInstant(month time.Time) (time.Time, bool) {
	loc := g.a.Location
	days := time.Date(month.Year(), month.Month()+1, 0, 0, 0, 0, 0, loc).Day()
	for range 20 {
		d := time.Date(month.Year(), month.Month(), 1+g.rng.IntN(days), 0, 0, 0, 0, loc)
		wins := g.a.Schedule.Default[d.Weekday()]
		if len(wins) == 0 {
			continue
		}
		w := wins[g.rng.IntN(len(wins))]
		t := d.Add(time.Duration(w.Start+g.rng.IntN(w.End-w.Start)) * time.Minute)
		if t.Before(g.opts.Now) {
			return t, true
		}
	}
	return time.Time{}, false
}

func (g *demoGen) generate() ([]ingest.ResponseRow, []cases.Record) {
	var responses []ingest.ResponseRow
	var cases []cases.Record
	loc := g.a.Location
	now := g.opts.Now.In(loc)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, -g.opts.Months+1, 0)
	caseNo := 0
	for m := first; !m.After(now); m = m.AddDate(0, 1, 0) {
		for si, s := range g.a.Services {
			// Each service has its own level, improving slowly over time, with element U3
			// (waktu) and U8 (pengaduan) weaker: the pattern real SKM reports show.
			level := 3.05 + 0.12*float64(si%3) + 0.015*float64(m.Sub(first).Hours()/24/30)
			n := g.opts.ResponsesPerMonth/2 + g.rng.IntN(g.opts.ResponsesPerMonth+1)
			for range n {
				at, ok := g.workingInstant(m)
				if !ok {
					continue
				}
				responses = append(responses, g.response(s, at, level))
			}
			nc := g.opts.CasesPerMonth/2 + g.rng.IntN(g.opts.CasesPerMonth+1)
			for range nc {
				at, ok := g.workingInstant(m)
				if !ok {
					continue
				}
				caseNo++
				cases = append(cases, g.caseRow(s, at, caseNo))
			}
		}
	}
	return responses, cases
}

func (g *demoGen) response(s *standard.Service, at time.Time, level float64) ingest.ResponseRow {
	r := ingest.ResponseRow{Agency: g.a.Code, Service: s.Code, ID: g.uuid(), SubmittedAt: at.UTC(),
		LocalDate: standard.LocalDate(at, g.a.Location), IngestedAt: at.UTC()}
	r.Channel = g.pick([]string{"web", "kiosk", "paper"}, []int{55, 30, 15})
	for e := range r.Answers {
		mean := level
		switch e {
		case 2: // U3 waktu penyelesaian
			mean -= 0.35
		case 7: // U8 penanganan pengaduan
			mean -= 0.25
		case 3: // U4 biaya: the services are free
			mean += 0.5
		}
		v := int(mean + g.rng.NormFloat64()*0.55 + 0.5)
		r.Answers[e] = uint8(min(4, max(1, v)))
		if r.Channel == "paper" && g.rng.IntN(60) == 0 {
			r.Answers[e] = 0 // a blank on a paper form
		}
	}
	if g.rng.IntN(10) > 0 {
		r.Umur = uint8(18 + g.rng.IntN(48))
	}
	r.JenisKelamin = g.pick([]string{"L", "P", ""}, []int{50, 44, 6})
	if g.rng.IntN(10) > 0 {
		r.Pendidikan = g.pick(demoEducation, demoEduWeights)
		r.Pekerjaan = g.pick(demoJobs, demoJobWeights)
	}
	if g.rng.IntN(5) == 0 {
		r.Saran = demoSaran[g.rng.IntN(len(demoSaran))]
	}
	return r
}

func (g *demoGen) caseRow(s *standard.Service, at time.Time, no int) cases.Record {
	c := cases.Record{Agency: g.a.Code, Kind: s.Kind, Service: s.Code, ReceivedAt: at.UTC(),
		ReceivedDate: standard.LocalDate(at, g.a.Location), Officer: demoOfficers[g.rng.IntN(len(demoOfficers))]}
	c.ID = fmt.Sprintf("REG-%d-%05d", at.Year(), no)
	c.Channel = g.a.Channels[g.rng.IntN(len(g.a.Channels))]
	if s.Kind == standard.KindPengaduan && len(g.a.ComplaintClasses) > 0 {
		c.Class = g.pick([]string{"ringan", "normatif", "tidak-berkadar-pengawasan", "berkadar-pengawasan"}, []int{45, 35, 15, 5})
		if _, ok := g.a.ComplaintClass(c.Class); !ok {
			c.Class = g.a.ComplaintClasses[0].Code
		}
	}
	if c.Channel == "sp4n-lapor" {
		c.ExternalRef = fmt.Sprintf("LAPOR-%d%06d", at.Year(), g.rng.IntN(1_000_000))
	}
	limit, hasLimit := s.TimeLimitFor(c.Channel, c.Class)
	if hasLimit {
		c.SLAAmount, c.SLAUnit = uint32(limit.Amount), string(limit.Unit)
	}
	// Most cases close within a few days; a tail takes weeks; recent ones may still be open.
	hours := g.rng.ExpFloat64() * 40
	switch standard.Unit(c.SLAUnit) {
	case standard.UnitMenit:
		hours = g.rng.ExpFloat64() * 0.25
	case standard.UnitJamKerja:
		hours = g.rng.ExpFloat64() * 2.5
	}
	done := at.Add(time.Duration(hours * float64(time.Hour)))
	c.Status, c.UpdatedAt = cases.StatusDiterima, at
	if done.Before(g.opts.Now) && g.rng.IntN(30) > 0 {
		c.Status, c.UpdatedAt = cases.StatusSelesai, done
		d := done.UTC()
		dd := standard.LocalDate(done, g.a.Location)
		c.CompletedAt, c.CompletedDate = &d, &dd
	} else if g.rng.IntN(2) == 0 {
		c.Status = cases.StatusDiproses
	}
	c.Version = uint64(c.UpdatedAt.UnixNano())
	if g.cal == nil {
		return c
	}
	if hasLimit {
		if dl, ok := g.cal.Deadline(at, limit); ok {
			d := dl.UTC()
			c.DeadlineAt = &d
			if c.CompletedAt != nil {
				onTime := !c.CompletedAt.After(d)
				c.OnTime = &onTime
			}
		}
	}
	if c.CompletedAt != nil {
		m := uint32(g.cal.WorkingTime(at, *c.CompletedAt) / time.Minute)
		c.WorkingMinutes = &m
	}
	return c
}
