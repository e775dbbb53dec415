package reports

import (
	"context"
	"fmt"
	"time"

	"skm/survey"
)

// CaseMonth is a month of an agency's cases, counted from the newest version of each case.
type CaseMonth struct {
	Received  uint64
	Completed uint64
	// WithLimit of the completed had a time limit; OnTime of those were completed by their
	// deadline. Completed − WithLimit had none ("tanpa standar waktu") and are counted apart.
	WithLimit uint64
	OnTime    uint64
	// MedianMinutes and P90Minutes are working minutes from receipt to completion.
	MedianMinutes float64
	P90Minutes    float64
	// OpenAtEnd were received by the month's end and not completed by then; OverdueAtEnd of
	// them had passed their deadline.
	OpenAtEnd    uint64
	OverdueAtEnd uint64
}

// OnTimePercent is the share of completed cases with a time limit that were on time; ok is
// false when there were none.
func (m CaseMonth) OnTimePercent() (float64, bool) {
	if m.WithLimit == 0 {
		return 0, false
	}
	return 100 * float64(m.OnTime) / float64(m.WithLimit), true
}

// CaseMonth answers the monthly evaluation's questions about cases for an agency's month
// (period of kind Month), optionally one service. endOfMonth is the month's last instant in
// the agency's time zone, for "overdue at the month's end".
func (q *Querier) CaseMonth(ctx context.Context, agency string, month survey.Period, service string, loc *time.Location) (CaseMonth, error) {
	first, last := month.Bounds()
	f, l := first.Format(time.DateOnly), last.Format(time.DateOnly)
	end := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc).UTC().Format(time.DateTime)
	var m CaseMonth
	err := q.conn.QueryRow(ctx, queries.Get("CaseMonth", q.db), f, l, end, f, l, l, l, agency, l, service, service).
		Scan(&m.Received, &m.Completed, &m.WithLimit, &m.OnTime, &m.MedianMinutes, &m.P90Minutes, &m.OpenAtEnd, &m.OverdueAtEnd)
	if err != nil {
		return m, fmt.Errorf("reports: case month %s %s: %w", agency, month, err)
	}
	return m, nil
}
