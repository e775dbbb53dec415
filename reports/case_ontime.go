package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"skm/survey"
)

// MonthServiceCases are the cases of one service completed in one month.
type MonthServiceCases struct {
	Month     survey.Period
	Service   string
	Completed uint64
	WithLimit uint64
	OnTime    uint64
}

// OnTimeByMonth returns, per month from first to last (month periods) and service, the cases
// completed and how many of those with a time limit were on time; months and services with
// none are left out. It reads the figures computed ahead when every month of the span has
// them, else counts from the cases (OnTimeByMonthRaw).
func (q *Querier) OnTimeByMonth(ctx context.Context, agency string, first, last survey.Period, service string) ([]MonthServiceCases, error) {
	f, _ := first.Bounds()
	_, l := last.Bounds()
	ok, err := q.computed(ctx, agency, f, l)
	if err != nil {
		return nil, fmt.Errorf("reports: on time by month %s: %w", agency, err)
	}
	if !ok {
		return q.OnTimeByMonthRaw(ctx, agency, first, last, service)
	}
	return q.onTimeByMonth(ctx, "OnTimeByMonth", agency, first, last, service)
}

// OnTimeByMonthRaw is OnTimeByMonth counted from the newest version of each case.
func (q *Querier) OnTimeByMonthRaw(ctx context.Context, agency string, first, last survey.Period, service string) ([]MonthServiceCases, error) {
	return q.onTimeByMonth(ctx, "OnTimeByMonthRaw", agency, first, last, service)
}

func (q *Querier) onTimeByMonth(ctx context.Context, name, agency string, first, last survey.Period, service string) ([]MonthServiceCases, error) {
	f, _ := first.Bounds()
	_, l := last.Bounds()
	rows, err := q.conn.Query(ctx, queries.Get(name, q.db), clickhouse.Named("agency", agency), clickhouse.Named("service", service),
		clickhouse.Named("first", f.Format(time.DateOnly)), clickhouse.Named("last", l.Format(time.DateOnly)))
	if err != nil {
		return nil, fmt.Errorf("reports: on time by month %s: %w", agency, err)
	}
	defer rows.Close()
	var out []MonthServiceCases
	for rows.Next() {
		var m MonthServiceCases
		var month time.Time
		if err := rows.Scan(&month, &m.Service, &m.Completed, &m.WithLimit, &m.OnTime); err != nil {
			return nil, fmt.Errorf("reports: on time by month: %w", err)
		}
		m.Month = survey.Period{Kind: survey.Month, Year: month.Year(), N: int(month.Month())}
		out = append(out, m)
	}
	return out, rows.Err()
}
