package standard

import "testing"

func TestReadableTextAndLine(t *testing.T) {
	for _, c := range []struct {
		s          string
		text, line bool
	}{
		{"Rapat evaluasi November", true, true},
		{"Keputusan No. 12/2026,\nhasil rapat\ttriwulan", true, false},
		{"nama\x00", false, false},
		{"merah \x1b[31m", false, false},
		{"abc\u202eolleh", false, false}, // right-to-left override
		{"\xff\xfe", false, false},
		{"Ni Luh Putu Ayu Wulandari 👩‍💼", true, true}, // a zero-width joiner inside an emoji
	} {
		if got := ReadableText(c.s); got != c.text {
			t.Errorf("ReadableText(%q) = %v, want %v", c.s, got, c.text)
		}
		if got := ReadableLine(c.s); got != c.line {
			t.Errorf("ReadableLine(%q) = %v, want %v", c.s, got, c.line)
		}
	}
}

// A target's note goes into the audit line and the history table: it must be readable text.
func TestTargetNoteIsReadableText(t *testing.T) {
	s := TargetSetting{Agency: "bppd-kalbar", Year: 2026, Targets: Targets{IKM: 90, OnTimePercent: 90}}
	for note, ok := range map[string]bool{
		"Rapat evaluasi November":          true,
		"SK Kepala No. 5/2026\nlampiran 2": true,
		"Rapat\x1b[2J evaluasi":            false,
		"Rapat \xff evaluasi":              false,
	} {
		s.Note = note
		if _, bad := s.Problems(2026)[TargetFieldNote]; bad == ok {
			t.Errorf("note %q: refused %v, want %v", note, bad, !ok)
		}
	}
}
