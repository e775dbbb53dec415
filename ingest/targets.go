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
	if err := t.Check(t.SetAt.Year()); err != nil {
		return fmt.Errorf("ingest: save targets %s %d: %w", t.Agency, t.Year, err)
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
