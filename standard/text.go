package standard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadableText reports whether s is text a person typed in a multi-line field: valid UTF-8
// without control or invisible formatting characters (bidi overrides and the like), line
// breaks and tabs allowed.
func ReadableText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return r != '\n' && r != '\r' && r != '\t' && unreadable(r)
	})
}

// ReadableLine is ReadableText for a one-line field (a name): no line breaks or tabs either.
func ReadableLine(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, unreadable)
}

func unreadable(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200d'
}
