package pdf

import (
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The report is set in the Go fonts (golang.org/x/image/font/gofont), designed by Bigelow &
// Holmes for the Go project and released under the same BSD-style licence as Go itself
// (https://go.dev/blog/go-fonts). They are compiled into the binary and embedded, subset, in
// every PDF: no font file is read at run time and the document looks the same everywhere.
const family = "go"

// addFonts registers the four styles of the Go fonts with pdf.
func addFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(family, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(family, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(family, "I", goitalic.TTF)
	pdf.AddUTF8FontFromBytes(family, "BI", gobolditalic.TTF)
}

// glyphs tells which runes of the Basic Multilingual Plane the Go fonts draw (the four
// styles cover the same set).
var glyphs = sync.OnceValue(func() []bool {
	has := make([]bool, 0x10000)
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return has
	}
	var b sfnt.Buffer
	for r := range has {
		if g, err := f.GlyphIndex(&b, rune(r)); err == nil && g != 0 {
			has[r] = true
		}
	}
	return has
})

// printable makes text safe to set: control characters become spaces (line breaks stay)
// and runes the fonts cannot draw (emoji, other scripts) become "?", so a resident's saran
// never prints as empty boxes nor breaks the layout.
func printable(s string) string {
	plain := true
	for _, r := range s {
		if r < ' ' && r != '\n' || r >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	has := glyphs()
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || unicode.IsControl(r):
			return ' '
		case r >= 0x10000 || !has[r]:
			// Emoji, symbols, combining marks and joiners say nothing a report needs; a
			// letter of another script is marked where it stood.
			if unicode.In(r, unicode.So, unicode.Sk, unicode.Mn, unicode.Cf) || r >= 0x1f000 {
				return -1
			}
			return '?'
		}
		return r
	}, s)
}
