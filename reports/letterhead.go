package reports

import (
	"strings"

	"skm/standard"
)

// Provisional marks a report of a period not yet ended (a semester, a month): the workbooks
// put it in their title, their sheets' headings and every page footer, the narrative PDF in
// every page's header and footer and as a watermark. ProvisionalNote stands where the
// signature of a final report goes.
const (
	Provisional     = "SEMENTARA"
	ProvisionalNote = "SEMENTARA: periode laporan belum berakhir; angka dapat berubah dan laporan ini belum untuk ditandatangani."
)

// ContactLine words an agency's contact details on one line for a letterhead (kop surat);
// empty ones are left out.
func ContactLine(c standard.Contact) string {
	var parts []string
	for _, p := range []struct{ label, v string }{{"Telp.", c.Phone}, {"Faks.", c.Fax}, {"WhatsApp", c.WhatsApp},
		{"Surel", c.Email}, {"Laman", c.Website}} {
		if p.v != "" {
			parts = append(parts, p.label+" "+p.v)
		}
	}
	return strings.Join(parts, " · ")
}
