package reports

// Light is a traffic light of the monthly evaluation: how a figure stands against its target.
type Light string

// The lights, named as the dashboard's styles and words name them.
const (
	Green Light = "hijau"
	Amber Light = "kuning"
	Red   Light = "merah"
)

// Status words the light as the dashboard and the reports show it.
func (l Light) Status() string {
	switch l {
	case Green:
		return "sesuai target"
	case Amber:
		return "perlu perhatian"
	}
	return "di bawah target"
}

// MutuB is the lowest IKM of mutu B (76,61).
const MutuB = 76.61

func lightOf(good, fair bool) Light {
	switch {
	case good:
		return Green
	case fair:
		return Amber
	}
	return Red
}

// IKMLight is green at or above the target, amber down to mutu B, red below (rounded IKM).
func IKMLight(ikm, target float64) Light { return lightOf(ikm >= target, ikm >= MutuB) }

// OnTimeLight is green at or above the target percentage, amber within 10 points below it.
func OnTimeLight(percent, target float64) Light {
	return lightOf(percent >= target, percent >= target-10)
}

// OverdueLight is green with nothing overdue, amber while at most a tenth of the open cases
// are overdue.
func OverdueLight(overdue, open uint64) Light { return lightOf(overdue == 0, overdue*10 <= open) }

// OverdueCapLight is green while the open overdue cases stay within the cap the agency set
// (standard.Targets.OverdueCap), red above it.
func OverdueCapLight(overdue, overdueCap uint64) Light { return lightOf(overdue <= overdueCap, false) }

// SampleLight is green when the responses reach the required sample, amber from half of it.
func SampleLight(collected, required uint64) Light {
	return lightOf(collected >= required, 2*collected >= required)
}
