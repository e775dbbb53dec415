package standard

import (
	"slices"
	"strings"
)

// foldName is a code or name as people type it, for comparison: case folded, leading and
// trailing spaces dropped, runs of spaces as one.
func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// MatchCode returns the one of codes that v names: the code itself or its display name
// (name(code)), compared without regard to case or extra spaces ("  pelayanan  KONSULTASI"
// names "konsultasi"). Import files and spreadsheet dropdowns show names; the data keeps
// codes.
func MatchCode(v string, codes []string, name func(code string) string) (string, bool) {
	want := foldName(v)
	if want == "" {
		return "", false
	}
	for _, c := range codes {
		if foldName(c) == want {
			return c, true
		}
	}
	for _, c := range codes {
		if name != nil && foldName(name(c)) == want {
			return c, true
		}
	}
	return "", false
}

// ServiceCodes are the codes of the agency's services, in the standard's order.
func (a *Agency) ServiceCodes() []string {
	codes := make([]string, len(a.Services))
	for i, s := range a.Services {
		codes[i] = s.Code
	}
	return codes
}

// ServiceName returns the name of one of the agency's services, or the code itself if
// unknown.
func (a *Agency) ServiceName(code string) string {
	if s, ok := a.Service(code); ok {
		return s.Name
	}
	return code
}

// LookupService returns the service that v names, by its code or its name.
func (a *Agency) LookupService(v string) (*Service, bool) {
	code, ok := MatchCode(v, a.ServiceCodes(), a.ServiceName)
	if !ok {
		return nil, false
	}
	return a.Service(code)
}

// LookupChannel returns the code of the channel that v names, by code or name ("WhatsApp",
// "Tatap muka"): one of the agency's channels, or another known one (as the case intake
// takes any known channel).
func (a *Agency) LookupChannel(v string) (string, bool) {
	codes := slices.Clone(a.Channels)
	for _, c := range Channels {
		codes = append(codes, c.Code)
	}
	return MatchCode(v, codes, ChannelName)
}

// ComplaintClassCodes are the codes of the agency's complaint classes, in the standard's
// order.
func (a *Agency) ComplaintClassCodes() []string {
	codes := make([]string, len(a.ComplaintClasses))
	for i, c := range a.ComplaintClasses {
		codes[i] = c.Code
	}
	return codes
}

// LookupComplaintClass returns the code of the agency's complaint class that v names, by
// code or name.
func (a *Agency) LookupComplaintClass(v string) (string, bool) {
	return MatchCode(v, a.ComplaintClassCodes(), a.ClassName)
}

// LookupKind returns the kind of case that v names, by code or name ("Permintaan
// informasi").
func LookupKind(v string) (string, bool) { return MatchCode(v, Kinds, KindName) }
