package reports

import (
	"context"
	"fmt"

	"skm/standard"
)

// Targets resolves the targets of agency a for a year: the newest setting stored for the
// year, or the agency file's targets when none is. It is the one place every figure with a
// target (dashboard tiles and charts, the admins' ranking, the monthly workbook) takes them
// from, with the year of the month it shows.
func (q *Querier) Targets(ctx context.Context, a *standard.Agency, year int) (standard.Targets, error) {
	rows, err := q.conn.Query(ctx, queries.Get("Targets", q.db), a.Code, uint16(year))
	if err != nil {
		return a.Targets, fmt.Errorf("reports: targets %s %d: %w", a.Code, year, err)
	}
	defer rows.Close()
	t := a.Targets
	if rows.Next() {
		var overdueCap *uint32
		if err := rows.Scan(&t.IKM, &t.OnTimePercent, &overdueCap); err != nil {
			return a.Targets, fmt.Errorf("reports: targets %s %d: %w", a.Code, year, err)
		}
		t.OverdueCap = widen(overdueCap)
	}
	if err := rows.Err(); err != nil {
		return a.Targets, fmt.Errorf("reports: targets %s %d: %w", a.Code, year, err)
	}
	return t, nil
}

// TargetHistory returns every targets setting of an agency, newest first (at most 1000).
func (q *Querier) TargetHistory(ctx context.Context, agency string) ([]standard.TargetSetting, error) {
	rows, err := q.conn.Query(ctx, queries.Get("TargetHistory", q.db), agency)
	if err != nil {
		return nil, fmt.Errorf("reports: target history %s: %w", agency, err)
	}
	defer rows.Close()
	var out []standard.TargetSetting
	for rows.Next() {
		s := standard.TargetSetting{Agency: agency}
		var year uint16
		var overdueCap *uint32
		if err := rows.Scan(&year, &s.Targets.IKM, &s.Targets.OnTimePercent, &overdueCap, &s.Note, &s.SetBy, &s.SetAt); err != nil {
			return nil, fmt.Errorf("reports: target history %s: %w", agency, err)
		}
		s.Year, s.Targets.OverdueCap = int(year), widen(overdueCap)
		out = append(out, s)
	}
	return out, rows.Err()
}

func widen(v *uint32) *uint64 {
	if v == nil {
		return nil
	}
	w := uint64(*v)
	return &w
}
