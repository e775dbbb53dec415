// Package cases is the case vocabulary shared by the write side, the read side and the staff
// screens: a case as submitted (Case) and as stored (Record), its statuses, the checks of a
// submission with their Indonesian field messages (Resolve, Refusal), and the statistics the
// monthly evaluation computes from cases (Percentile, AgeBuckets, DurationBuckets). It uses
// the standard library and skm/standard only, so the web packages can import it without the
// ClickHouse driver. The kinds of case are the service standard's (standard.Kinds): a service
// declares its kind.
package cases

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"skm/standard"
)

// Case statuses; a case only moves forward through them.
const (
	StatusDiterima = "diterima"
	StatusDiproses = "diproses"
	StatusSelesai  = "selesai"
)

// Statuses lists the statuses in their only allowed order.
var Statuses = []string{StatusDiterima, StatusDiproses, StatusSelesai}

func statusRank(s string) int { return slices.Index(Statuses, s) }

// StatusName returns a status as the staff screens name it: "Diproses".
func StatusName(status string) string {
	if statusRank(status) < 0 {
		return status
	}
	return strings.ToUpper(status[:1]) + status[1:]
}

// Case is a case as submitted by the API, a staff screen or an import row. For an update of
// a stored case, empty fields keep their stored values.
type Case struct {
	ID          string
	Agency      string
	Kind        string
	Service     string
	Channel     string
	Class       string
	Status      string
	ReceivedAt  time.Time
	CompletedAt *time.Time
	Officer     string
	ExternalRef string
	// NewNumber asks the intake to give a case without ID the agency's next register number
	// (NumberPrefix); without it an empty ID is refused. The number is given only when the
	// case is stored.
	NewNumber bool
	// Reopen opens a completed case again: the new version goes back to Status (Diproses
	// when empty) without completion, keeping the deadline; only a completed case may be
	// reopened, and only so may the status move back.
	Reopen bool
	// By names who submits the version: a staff username, "api:" and the token's name, or
	// "impor:" and the file's name. It is stored with the version, for the case's history.
	By string
}

// Record is one version of a case as stored; the newest version of an id wins. Readers that
// need less (the case register) leave the fields they do not read at their zero value.
type Record struct {
	Agency       string
	ID           string
	Kind         string
	Service      string
	Channel      string
	Class        string
	Status       string
	ReceivedAt   time.Time
	ReceivedDate time.Time // agency-local date, at midnight UTC
	CompletedAt  *time.Time
	// CompletedDate is the agency-local date of completion, at midnight UTC.
	CompletedDate *time.Time
	// SLAAmount and SLAUnit are the time limit resolved at intake (unit "" for none).
	SLAAmount      uint32
	SLAUnit        string
	DeadlineAt     *time.Time
	OnTime         *bool // set once completed, when the case had a time limit
	WorkingMinutes *uint32
	Officer        string
	ExternalRef    string
	UpdatedAt      time.Time
	Version        uint64
	// RecordedBy is who submitted the version (Case.By); "" for versions stored before it
	// was kept, and for the intake's own recomputations (a holiday change).
	RecordedBy string
}

// Limit is the time limit resolved at intake; zero for none.
func (r Record) Limit() standard.TimeLimit {
	if r.SLAUnit == "" {
		return standard.TimeLimit{}
	}
	return standard.TimeLimit{Amount: int(r.SLAAmount), Unit: standard.Unit(r.SLAUnit)}
}

// LimitLabel words the time limit for staff: "5 hari kerja", or "tanpa standar waktu".
func (r Record) LimitLabel() string {
	if r.SLAUnit == "" {
		return "tanpa standar waktu"
	}
	return r.Limit().Label()
}

// FlagDest is a scan destination that reads a stored flag (a nullable UInt8: NULL, 0 or 1)
// into a *bool: the ClickHouse driver hands a database/sql Scanner the value, or nil for NULL.
type FlagDest struct{ To **bool }

// Scan stores the flag.
func (d FlagDest) Scan(v any) error {
	if v == nil {
		*d.To = nil
		return nil
	}
	u, ok := v.(uint8)
	if !ok {
		return fmt.Errorf("cases: flag of type %T, want uint8", v)
	}
	b := u == 1
	*d.To = &b
	return nil
}

// NumberPrefix is how the register numbers the intake gives begin, for the year of receipt:
// "REG-2026-" for REG-2026-00013, the form of the register's numbers.
func NumberPrefix(year int) string { return fmt.Sprintf("REG-%d-", year) }

// LookupStatus returns the status that v names, by code or by its name on the staff screens
// ("Selesai"), without regard to case or extra spaces.
func LookupStatus(v string) (string, bool) { return standard.MatchCode(v, Statuses, StatusName) }
