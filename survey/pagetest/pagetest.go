// Package pagetest supports tests of the pages shown to Indonesian staff and residents: it
// extracts what a person reads from a page and finds English words and the forms of address
// in it, and finds the programs tests read pages with. Tests of the web packages share it, so
// every page is held to one list.
package pagetest

import (
	"html"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

var (
	hidden   = regexp.MustCompile(`(?is)<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|<head\b.*?</head>`)
	inEN     = regexp.MustCompile(`(?is)<(?:a|span|p|option|div)\b[^>]*\blang="en"[^>]*>.*?</(?:a|span|p|option|div)>`)
	readAttr = regexp.MustCompile(`(?i)\b(?:title|alt|aria-label|placeholder)="([^"]*)"`)
	button   = regexp.MustCompile(`(?i)<input\b[^>]*\btype="(?:submit|button)"[^>]*\bvalue="([^"]*)"`)
	tag      = regexp.MustCompile(`(?s)<[^>]*>`)
	spaces   = regexp.MustCompile(`\s+`)
	pageTtl  = regexp.MustCompile(`(?is)<title>(.*?)</title>`)
)

// Text returns what a person reads on an HTML page, or hears from a screen reader: the page
// title, the text between tags and the title, alt, aria-label and placeholder attributes and
// button labels. Passages marked lang="en" (a link to the English version) are left out,
// and so are scripts and styles. A body that is not HTML is returned as it is.
func Text(page string) string {
	var parts []string
	if m := pageTtl.FindStringSubmatch(page); m != nil {
		parts = append(parts, m[1])
	}
	page = inEN.ReplaceAllString(hidden.ReplaceAllString(page, " "), " ")
	for _, re := range []*regexp.Regexp{readAttr, button} {
		for _, m := range re.FindAllStringSubmatch(page, -1) {
			parts = append(parts, m[1])
		}
	}
	parts = append(parts, tag.ReplaceAllString(page, " "))
	return strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(strings.Join(parts, " ")), " "))
}

// EnglishWords are words and phrases that must not appear on an Indonesian page: HTTP
// reason phrases, framework defaults and the usual English interface words. Loanwords
// Indonesian uses as its own (status, total, server, email) are not in it.
var EnglishWords = []string{
	"Forbidden", "Not Found", "not found", "Bad Request", "Method Not Allowed", "Internal Server Error",
	"Unauthorized", "Service Unavailable", "Too Many Requests", "Unprocessable", "Request Entity",
	"Page not found", "page not found", "Method not allowed", "Request id", "Request ID", "internal error",
	"Submit", "Error", "error", "Loading", "loading", "services", "Services", "service", "OK",
	"Download", "Upload", "Save", "Cancel", "Delete", "Edit", "Search", "Dashboard", "Login", "Logout",
	"Sign in", "Back", "Next", "Previous", "Settings", "Help", "Close", "Yes", "Month", "Quarter", "Year",
	"Thank you", "Please", "please", "optional", "required", "Choose", "choose",
}

// English returns the words of EnglishWords that text contains as whole words.
func English(text string) []string {
	var out []string
	for _, w := range EnglishWords {
		if regexp.MustCompile(`(^|[^\pL\pN])` + regexp.QuoteMeta(w) + `($|[^\pL\pN])`).MatchString(text) {
			out = append(out, w)
		}
	}
	return out
}

var (
	anda    = regexp.MustCompile(`(?i)(^|[^\pL])anda($|[^\pL])`)
	saudara = regexp.MustCompile(`(?i)(^|[^\pL])saudara($|[^\pL])`)
)

// Addresses returns the forms of address text uses to the reader: "Anda", "Saudara", both
// or none.
func Addresses(text string) []string {
	var out []string
	if anda.MatchString(text) {
		out = append(out, "Anda")
	}
	if saudara.MatchString(text) {
		out = append(out, "Saudara")
	}
	return out
}

// Tool is the path of a program a test reads pages with (zbarimg, pdftotext, …), from the
// Debian package debianPackage: under CI=true the test fails without it, elsewhere it is
// skipped.
func Tool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %s is not installed (scripts/install-deps.sh installs %s)", name, debianPackage)
		}
		t.Skipf("%s not installed (Debian package %s)", name, debianPackage)
	}
	return path
}
