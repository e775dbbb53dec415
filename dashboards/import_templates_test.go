package dashboards

import (
	"net/http"
	"strings"
	"testing"
)

// TestImportPageLinksBothTemplates: staff, and heads who only read the page, find the
// downloads of the agency's questionnaire and case templates on the import page.
func TestImportPageLinksBothTemplates(t *testing.T) {
	f := newStaffFixture(t)
	for _, user := range []string{"staf-kalbar", "kepala-kalbar"} {
		w := f.do(http.MethodGet, "/impor/bppd-kalbar", f.login(t, user), nil)
		body := w.Body.String()
		for _, link := range []string{"/templat/bppd-kalbar/kuesioner.xlsx", "/templat/bppd-kalbar/kuesioner.csv",
			"/templat/bppd-kalbar/kasus.xlsx", "/templat/bppd-kalbar/kasus.csv"} {
			if w.Code != http.StatusOK || !strings.Contains(body, `href="`+link+`"`) {
				t.Errorf("%s: %d, the import page lacks a link to %s", user, w.Code, link)
			}
		}
	}
}
