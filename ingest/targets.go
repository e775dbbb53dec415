package ingest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"skm/standard"
)

// SaveTargets stores a new version of an agency's dashboard targets for a year; the newest
// version (stored last) is the year's targets, the older ones stay as its history. It refuses a setting
// with problems (standard.TargetSetting.Problems), so no caller stores a target out of range.
func (s *Store) SaveTargets(ctx context.Context, t standard.TargetSetting) error {
	if p := t.Problems(t.SetAt.Year()); len(p) > 0 {
		var msgs []string
		for _, f := range []string{standard.TargetFieldYear, standard.TargetFieldIKM, standard.TargetFieldOnTime,
			standard.TargetFieldOverdueCap, standard.TargetFieldNote} {
			if m, ok := p[f]; ok {
				msgs = append(msgs, m)
			}
		}
		return fmt.Errorf("ingest: save targets %s %d: %s", t.Agency, t.Year, strings.Join(msgs, " "))
	}
	var overdueCap *uint32
	if c := t.Targets.OverdueCap; c != nil {
		v := uint32(*c)
		overdueCap = &v
	}
	return s.insertOne(ctx, s.sql("SaveTargets"), "save targets",
		t.Agency, uint16(t.Year), t.Targets.IKM, t.Targets.OnTimePercent, overdueCap, strings.TrimSpace(t.Note), t.SetBy,
		t.SetAt.UTC(), uint64(time.Now().UnixNano()))
}
