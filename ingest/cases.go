package ingest

import (
	"strings"

	"skm/standard"
)

// serviceCodes lists the agency's service codes, for import files, which use codes.
func serviceCodes(a *standard.Agency) string {
	codes := make([]string, len(a.Services))
	for i, s := range a.Services {
		codes[i] = s.Code
	}
	return strings.Join(codes, ", ")
}
