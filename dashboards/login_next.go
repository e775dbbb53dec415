package dashboards

import (
	"net/http"
	"net/url"
	"path"
	"strings"
)

// maxNext bounds the length of a redirect target after login.
const maxNext = 1024

// safeNext returns next when it is a clean path of one of our own signed-in pages (with its
// query), and "" for anything else: a login never sends the browser elsewhere.
//
// Browsers read a Location generously — a backslash as a slash, tabs and newlines dropped,
// "/.." resolved — and Go's http.Redirect cleans the path before sending it, so a target
// that looks local can still leave the site ("/../\evil", "/\t/evil"). So the target must
// be printable ASCII without backslashes or spaces, parse as a bare path whose escaping is
// the plain one, already be clean (so that cleaning cannot turn it into something else),
// consist of segments of plain characters and match a GET route of ours.
func (s *Staff) safeNext(next string) string {
	if next == "" || len(next) > maxNext || next[0] != '/' {
		return ""
	}
	for i := 0; i < len(next); i++ {
		if b := next[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || u.RawPath != "" ||
		u.Fragment != "" || u.ForceQuery {
		return ""
	}
	p := u.Path
	if p != path.Clean(p) || !s.isOwnPage(p) {
		return ""
	}
	if u.RawQuery == "" {
		return p
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return ""
	}
	return p + "?" + q.Encode()
}

// isOwnPage reports whether p (a clean path) matches a GET route that needs a login.
func (s *Staff) isOwnPage(p string) bool {
	segs := strings.Split(p[1:], "/")
	for _, seg := range segs {
		if !plainSegment(seg) {
			return false
		}
	}
	for _, rt := range s.routes() {
		if rt.method != http.MethodGet || rt.need == public {
			continue
		}
		pat := strings.Split(rt.path[1:], "/")
		if len(pat) != len(segs) {
			continue
		}
		ok := true
		for i, ps := range pat {
			if !strings.HasPrefix(ps, ":") && ps != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// plainSegment reports whether seg is a non-empty path segment of letters, digits, '-',
// '_' and '.' (agency codes, file names), and not "." or "..".
func plainSegment(seg string) bool {
	if seg == "" || seg == "." || seg == ".." {
		return false
	}
	for i := 0; i < len(seg); i++ {
		b := seg[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '_' || b == '.') {
			return false
		}
	}
	return true
}

// orDashboard returns next, or the dashboard when next is "".
func orDashboard(next string) string {
	if next == "" {
		return "/dashboard"
	}
	return next
}
