package web

import (
	"html/template"
	"net/url"
	"strings"

	"skm/standard"
	"skm/survey"
)

// laporURL is SP4N-LAPOR!, the national complaints service.
const laporURL = "https://www.lapor.go.id"

// complaintQuery marks the thanks page of a response that warrants the complaint channels:
// a flag, never the answers.
const complaintQuery = "aduan"

// offersComplaint reports whether the thanks page after r offers a's complaint channels:
// any of the nine answers at or below the agency's threshold (default 1).
func offersComplaint(a *standard.Agency, r *survey.Response) bool {
	for _, v := range r.Answers {
		if v != 0 && int(v) <= a.ComplaintPromptUpTo {
			return true
		}
	}
	return false
}

// contactLink is one complaint channel on the thanks page: what it is, what to read or
// type, and where a tap leads (empty: nowhere, e.g. an address).
type contactLink struct {
	Label string
	Text  string
	// Href is built here from the standard (tel: is not among the schemes html/template
	// lets through on its own).
	Href template.URL
}

// complaintChannels lists where a resident takes a complaint, from the agency's standard:
// SP4N-LAPOR! when the agency takes complaints through it, then WhatsApp, telephone, email
// and the address as far as the standard gives them.
func complaintChannels(lang survey.Lang, a *standard.Agency) []contactLink {
	var out []contactLink
	if a.AcceptsChannel("sp4n-lapor") {
		out = append(out, contactLink{text(lang, "complaint.lapor"), strings.TrimPrefix(laporURL, "https://"), laporURL})
	}
	if wa := a.Contact.WhatsApp; wa != "" {
		l := contactLink{Label: text(lang, "complaint.whatsapp"), Text: wa}
		if n := internationalNumber(wa); n != "" {
			l.Href = template.URL("https://wa.me/" + n)
		}
		out = append(out, l)
	}
	if tel := a.Contact.Phone; tel != "" {
		l := contactLink{Label: text(lang, "complaint.phone"), Text: tel}
		if n := internationalNumber(tel); n != "" {
			l.Href = template.URL("tel:+" + n)
		}
		out = append(out, l)
	}
	if mail := a.Contact.Email; mail != "" {
		out = append(out, contactLink{text(lang, "complaint.email"), mail, template.URL("mailto:" + url.PathEscape(mail))})
	}
	if addr := a.Address; addr != "" {
		out = append(out, contactLink{Label: text(lang, "complaint.address"), Text: addr})
	}
	return out
}

// internationalNumber turns an Indonesian phone number as written in a standard ("(0561)
// 738408", "0822-5442-7687", "+62 380 8585012") into its digits with the country code
// ("62561738408"), as wa.me and tel: links take it; "" when it is not such a number (no
// area code, too short).
func internationalNumber(s string) string {
	var digits strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	d := digits.String()
	switch {
	case strings.HasPrefix(d, "62"):
	case strings.HasPrefix(d, "0"):
		d = "62" + d[1:]
	default:
		return ""
	}
	if len(d) < 9 || len(d) > 15 {
		return ""
	}
	return d
}
