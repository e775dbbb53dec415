package reports

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"skm/standard"
	"skm/survey"
)

// MaxSemesterSaran bounds the saran a semester report lists (newest first); the count and the
// themes cover them all.
const MaxSemesterSaran = 5000

// ChannelCount is how many respondents of a scope answered through one channel
// (survey.ChannelWeb, ChannelKiosk, ChannelPaper).
type ChannelCount struct {
	Channel     string
	Respondents uint64
}

// SemesterFigures is everything the SKM report of a survey period shows, read at once: the
// semester workbook (reports/xlsx) and the narrative report (reports/pdf) are built from it,
// so both state the same figures.
type SemesterFigures struct {
	Agency *standard.Agency
	// Period is the report's survey period; Previous the one before it; YearAgo the same
	// period a year earlier.
	Period, Previous, YearAgo survey.Period
	// Tally, PreviousTally and YearAgoTally are the three periods' tallies (empty when a
	// period has no response).
	Tally, PreviousTally, YearAgoTally survey.Tally
	// Population is the service users of the period from the case record (0: unknown).
	Population uint64
	// ByService is the tally of each service with answers, by service code.
	ByService []ServiceTally
	// Profile is the respondent profile, per dimension, most frequent first.
	Profile []ProfileCount
	// Channels are the respondents per channel, largest first.
	Channels []ChannelCount
	// Answers is the answer distribution of each element: Answers[i][v-1] respondents
	// answered element i (U1 = 0) with v (1–4).
	Answers [9][4]uint64
	// FirstDay and LastDay are the first and last days with a response (zero: none).
	FirstDay, LastDay time.Time
	// Sarans are the newest MaxSemesterSaran saran, newest first.
	Sarans []Saran
	// Themes groups every saran of the period into the agency's themes.
	Themes SaranThemeSummary
	// FollowUps is the period's follow-up plan (RTL); PreviousFollowUps the previous
	// period's, whose share done the report states.
	FollowUps, PreviousFollowUps []survey.FollowUp
	// Revision says whether the figures changed after publication.
	Revision survey.Revision
	// Texts are the staff's own texts per chapter (survey.ReportChapters), non-empty only.
	Texts []survey.ReportText
	// Provisional reports that the period has not ended at Now: the report is SEMENTARA,
	// marked so on every page and never offered for signature.
	Provisional bool
	// Now is when the figures were read, in the agency's time zone (the report's date).
	Now time.Time
}

// Text returns the staff's text of a chapter ("" without one).
func (f *SemesterFigures) Text(chapter string) string {
	for _, t := range f.Texts {
		if t.Chapter == chapter {
			return t.Text
		}
	}
	return ""
}

// Semester reads the figures of agency a's survey period as of now, concurrently.
func (q *Querier) Semester(ctx context.Context, a *standard.Agency, period survey.Period, now time.Time) (*SemesterFigures, error) {
	now = now.In(a.Location)
	f := &SemesterFigures{Agency: a, Period: period, Previous: period.Previous(), YearAgo: period.YearEarlier(), Now: now,
		Provisional: !period.Ended(now, a.Location)}
	scope := survey.Scope{Agency: a.Code, Period: period}
	var days []DayCount
	var err error
	errs := make([]error, 14)
	var wg sync.WaitGroup
	wg.Go(func() { f.Tally, errs[0] = q.IKM(ctx, scope) })
	wg.Go(func() { f.PreviousTally, errs[1] = q.IKM(ctx, survey.Scope{Agency: a.Code, Period: f.Previous}) })
	wg.Go(func() { f.YearAgoTally, errs[2] = q.IKM(ctx, survey.Scope{Agency: a.Code, Period: f.YearAgo}) })
	wg.Go(func() { f.Population, errs[3] = q.Population(ctx, scope) })
	wg.Go(func() { f.ByService, errs[4] = q.IKMByService(ctx, scope) })
	wg.Go(func() { f.Profile, errs[5] = q.Profile(ctx, scope) })
	wg.Go(func() { f.Channels, errs[6] = q.ResponsesByChannel(ctx, scope) })
	wg.Go(func() { f.Answers, errs[7] = q.AnswerDistribution(ctx, scope) })
	wg.Go(func() { days, errs[8] = q.ResponsesByDay(ctx, scope) })
	wg.Go(func() { f.Sarans, errs[9] = q.Sarans(ctx, scope, MaxSemesterSaran, 0) })
	wg.Go(func() { f.Themes, errs[10] = q.SaranThemes(ctx, scope, a.Themes()) })
	wg.Go(func() { f.FollowUps, errs[11] = q.FollowUps(ctx, a.Code, period) })
	wg.Go(func() { f.PreviousFollowUps, errs[12] = q.FollowUps(ctx, a.Code, f.Previous) })
	wg.Go(func() {
		if f.Revision, err = q.Revision(ctx, a.Code, period); err == nil {
			f.Texts, err = q.ReportTexts(ctx, a.Code, period)
		}
		errs[13] = err
	})
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("reports: SKM report %s %s: %w", a.Code, period, err)
	}
	if len(days) > 0 {
		f.FirstDay, f.LastDay = days[0].Day, days[len(days)-1].Day
	}
	return f, nil
}

// ResponsesByChannel returns the respondents of a scope per channel, largest first.
func (q *Querier) ResponsesByChannel(ctx context.Context, s survey.Scope) ([]ChannelCount, error) {
	rows, err := q.conn.Query(ctx, queries.Get("ResponsesByChannel", q.db), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("reports: responses by channel %s %s: %w", s.Agency, s.Period, err)
	}
	defer rows.Close()
	var out []ChannelCount
	for rows.Next() {
		var c ChannelCount
		if err := rows.Scan(&c.Channel, &c.Respondents); err != nil {
			return nil, fmt.Errorf("reports: responses by channel %s %s: %w", s.Agency, s.Period, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AnswerDistribution returns how many respondents of a scope answered each element (U1 at
// index 0) with 1, 2, 3 and 4 (at index v-1).
func (q *Querier) AnswerDistribution(ctx context.Context, s survey.Scope) ([9][4]uint64, error) {
	var out [9][4]uint64
	dest := make([]any, 0, 36)
	for i := range out {
		for v := range out[i] {
			dest = append(dest, &out[i][v])
		}
	}
	if err := q.conn.QueryRow(ctx, queries.Get("AnswerDistribution", q.db), scopeArgs(s)...).Scan(dest...); err != nil {
		return out, fmt.Errorf("reports: answer distribution %s %s: %w", s.Agency, s.Period, err)
	}
	return out, nil
}

// ReportTexts returns the staff's current text of each chapter of a period's report that has
// one, in chapter-code order.
func (q *Querier) ReportTexts(ctx context.Context, agency string, period survey.Period) ([]survey.ReportText, error) {
	rows, err := q.conn.Query(ctx, queries.Get("ReportTexts", q.db), agency, period.Code())
	if err != nil {
		return nil, fmt.Errorf("reports: report texts %s %s: %w", agency, period, err)
	}
	defer rows.Close()
	var out []survey.ReportText
	for rows.Next() {
		t := survey.ReportText{Agency: agency, Period: period.Code()}
		var version uint64
		if err := rows.Scan(&t.Chapter, &t.Text, &t.UpdatedBy, &version); err != nil {
			return nil, fmt.Errorf("reports: report texts %s %s: %w", agency, period, err)
		}
		t.UpdatedAt = time.Unix(0, int64(version)).UTC()
		out = append(out, t)
	}
	return out, rows.Err()
}
