package reports

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/standard"
	"skm/survey"
)

// Meeting returns the record of the evaluation meeting of an agency's month (HeldOn zero
// when none is recorded) with the decisions taken there, each as it stood at the month's end
// in the agency's time: a decision closed after the month still reads as open in it (a
// decision first recorded after the month's end, as recorded). Decisions are in due order.
func (q *Querier) Meeting(ctx context.Context, a *standard.Agency, month survey.Period) (survey.Meeting, error) {
	m := survey.Meeting{Agency: a.Code, Month: month.Code()}
	rows, err := q.conn.Query(ctx, queries.Get("Meeting", q.db), a.Code, month.Code())
	if err != nil {
		return m, fmt.Errorf("reports: meeting %s %s: %w", a.Code, month.Code(), err)
	}
	defer rows.Close()
	if rows.Next() {
		var version uint64
		if err := rows.Scan(&m.HeldOn, &m.Attendees, &m.Note, &m.ChangedBy, &version); err != nil {
			return m, fmt.Errorf("reports: meeting %s %s: %w", a.Code, month.Code(), err)
		}
		m.ChangedAt = time.Unix(0, int64(version)).UTC()
	}
	if err := rows.Err(); err != nil {
		return m, fmt.Errorf("reports: meeting %s %s: %w", a.Code, month.Code(), err)
	}
	m.Decisions, err = q.decisionVersions(ctx, a.Code, month.Code(), month.Code(), MonthEnd(month, a.Location), false)
	if err != nil {
		return m, fmt.Errorf("reports: meeting %s %s: %w", a.Code, month.Code(), err)
	}
	return m, nil
}

// MonthEnd is the instant a month ends in loc: the start of the next month there. A month's
// meeting page, its workbook and the next month's summary read decisions as of it.
func MonthEnd(month survey.Period, loc *time.Location) time.Time {
	_, last := month.Bounds()
	return time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc)
}

// OpenDecisions returns the meeting decisions of an agency recorded before asOf and not
// closed as of asOf, each as it stood then, oldest meeting first and in due order within a
// meeting: what a meeting carries over. A decision closed after asOf is open in this view.
func (q *Querier) OpenDecisions(ctx context.Context, agency string, asOf time.Time) ([]survey.Decision, error) {
	out, err := q.decisionVersions(ctx, agency, "", "9999-12", asOf, true)
	if err != nil {
		return nil, fmt.Errorf("reports: open decisions %s: %w", agency, err)
	}
	return out, nil
}

// decisionVersions reads the decisions of the meetings of months first..last as of cut:
// each the newest version before cut, or for one recorded after cut its newest open version
// (recorded late, it was not closed by the cut); with openOnly, only those open then.
func (q *Querier) decisionVersions(ctx context.Context, agency, first, last string, cut time.Time, openOnly bool) ([]survey.Decision, error) {
	only := uint8(0)
	if openOnly {
		only = 1
	}
	rows, err := q.conn.Query(ctx, queries.Get("decisionVersions", q.db), clickhouse.Named("agency", agency),
		clickhouse.Named("first", first), clickhouse.Named("last", last), clickhouse.Named("cut", uint64(cut.UnixNano())),
		clickhouse.Named("open_only", only))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []survey.Decision
	var versions []survey.Decision // of one decision, oldest first
	flush := func() {
		if d, ok := asOf(versions, cut); ok {
			out = append(out, d)
		}
		versions = versions[:0]
	}
	for rows.Next() {
		var d survey.Decision
		var version uint64
		if err := rows.Scan(&d.ID, &d.Month, &d.What, &d.Responsible, &d.Officer, &d.Due, &d.Status, &d.Note,
			&d.FollowUpID, &d.CaseID, &d.Service, &d.ChangedBy, &version); err != nil {
			return nil, err
		}
		d.Agency, d.ChangedAt = agency, time.Unix(0, int64(version)).UTC()
		if len(versions) > 0 && versions[0].ID != d.ID {
			flush()
		}
		versions = append(versions, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	flush()
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month < out[j].Month
		}
		return out[i].Due.Before(out[j].Due)
	})
	return out, nil
}

// asOf is a decision as it stood at cut, from its versions (oldest first): the newest
// version before cut; for a decision first recorded after cut, its newest open version (it
// was not closed by then); false when it has neither.
func asOf(versions []survey.Decision, cut time.Time) (survey.Decision, bool) {
	var chosen *survey.Decision
	for i := range versions {
		if versions[i].ChangedAt.Before(cut) {
			chosen = &versions[i]
		}
	}
	if chosen == nil {
		for i := range versions {
			if versions[i].Open() {
				chosen = &versions[i]
			}
		}
	}
	if chosen == nil {
		return survey.Decision{}, false
	}
	d := *chosen
	d.RecordedAt, d.RecordedBy = versions[0].ChangedAt, versions[0].ChangedBy
	return d, true
}
