package web

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// pngSide is the side of the board's image in pixels: a square, as social media show it.
const pngSide = 1080

// boardText is a line of text on the board's image, its baseline starting at (X, Y).
type boardText struct {
	Text  string
	X, Y  int
	Size  float64 // in pixels
	Bold  bool
	Color color.RGBA
}

// boardRect is a filled rectangle of the board's image.
type boardRect struct {
	Rect  image.Rectangle
	Color color.RGBA
}

// boardImage is the board's image laid out: rectangles painted first, then texts.
type boardImage struct {
	Rects []boardRect
	Texts []boardText
}

// measureFunc gives the width in pixels of text set in the Go font of size pixels.
type measureFunc func(text string, size float64, bold bool) int

var (
	inkDark  = color.RGBA{0x0b, 0x0c, 0x0c, 0xff}
	inkMuted = color.RGBA{0x4b, 0x55, 0x5a, 0xff}
	inkBlue  = color.RGBA{0x0b, 0x3d, 0x6b, 0xff}
	inkPale  = color.RGBA{0xdb, 0xe7, 0xf3, 0xff}
	inkWhite = color.RGBA{0xff, 0xff, 0xff, 0xff}
	barBack  = color.RGBA{0xe8, 0xf1, 0xfb, 0xff}
	barFill  = color.RGBA{0x1d, 0x4f, 0x91, 0xff}
	// mutuInk colours a mutu letter as the printed board does.
	mutuInk = map[string]color.RGBA{"A": {0x00, 0x70, 0x3c, 0xff}, "B": {0x1d, 0x70, 0xb8, 0xff},
		"C": {0xb3, 0x5c, 0x00, 0xff}, "D": {0xd4, 0x35, 0x1c, 0xff}}
)

// boardLayout lays the board v out on the square image: the agency in a band at the top,
// the title, the period, the IKM in large type with its mutu and respondents, the nine
// elements as bars and the publication date line.
func boardLayout(v boardView, measure measureFunc) boardImage {
	var l boardImage
	const margin = 60
	centered := func(text string, y int, size float64, bold bool, ink color.RGBA) {
		text = clipTo(text, pngSide-2*margin, size, bold, measure)
		l.Texts = append(l.Texts, boardText{Text: text, X: (pngSide - measure(text, size, bold)) / 2, Y: y, Size: size, Bold: bold, Color: ink})
	}
	l.Rects = append(l.Rects, boardRect{image.Rect(0, 0, pngSide, 210), inkBlue})
	name := wrapText(v.AgencyName, pngSide-2*margin, 44, true, measure)
	if len(name) > 2 {
		name = []string{name[0], strings.Join(name[1:], " ")}
	}
	for i, line := range name {
		centered(line, map[int]int{1: 105, 2: 80}[len(name)]+i*54, 44, true, inkWhite)
	}
	centered(v.Parent, 182, 30, false, inkPale)
	centered("INDEKS KEPUASAN MASYARAKAT", 290, 50, true, inkBlue)
	if !v.Found {
		for i, line := range wrapText(v.Empty, pngSide-2*margin, 36, false, measure) {
			centered(line, 430+i*50, 36, false, inkDark)
		}
		centered(v.Published, 1040, 26, false, inkMuted)
		return l
	}
	centered(v.Label+" ("+v.Span+")", 342, 30, false, inkDark)
	if v.Complete {
		centered(v.IKM, 540, 200, true, inkDark)
		centered("Mutu "+v.Mutu+" · "+v.Kinerja, 612, 46, true, mutuInk[v.Mutu])
	} else {
		centered("–", 540, 200, true, inkDark)
		centered(v.IKM, 612, 28, false, inkDark)
	}
	centered(v.Respondents+" responden", 662, 34, false, inkDark)
	const top, row, labelRight, barLeft, barRight, text = 690, 37, 555, 570, 850, 22
	for i, e := range v.Elements {
		y := top + i*row
		label := clipTo(e.Label, labelRight-margin, text, false, measure)
		l.Texts = append(l.Texts, boardText{Text: label, X: margin, Y: y + 26, Size: text, Color: inkDark})
		l.Rects = append(l.Rects, boardRect{image.Rect(barLeft, y+8, barRight, y+30), barBack})
		value := "belum dijawab"
		if !e.Empty {
			value = e.IKM + " " + e.Mutu
			l.Rects = append(l.Rects, boardRect{image.Rect(barLeft, y+8, barLeft+(barRight-barLeft)*e.Bar/100, y+30), barFill})
		}
		l.Texts = append(l.Texts, boardText{Text: value, X: pngSide - margin - measure(value, text, true), Y: y + 26, Size: text, Bold: true, Color: inkDark})
	}
	centered(v.Published+" · PermenPANRB Nomor 14 Tahun 2017", 1052, 24, false, inkMuted)
	return l
}

// wrapText breaks text into lines no wider than width.
func wrapText(text string, width int, size float64, bold bool, measure measureFunc) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && measure(line+" "+w, size, bold) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// clipTo shortens text with "…" until it is no wider than width.
func clipTo(text string, width int, size float64, bold bool, measure measureFunc) string {
	if measure(text, size, bold) <= width {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && measure(string(r)+"…", size, bold) > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// goFonts are the Go fonts (regular, bold), parsed once.
var goFonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var out [2]*opentype.Font
	for i, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return out, fmt.Errorf("board image: parse the Go font: %w", err)
		}
		out[i] = f
	}
	return out, nil
})

// boardFaces hands out the faces of one drawing; a face is not safe for concurrent use.
type boardFaces struct {
	fonts [2]*opentype.Font
	faces map[boardFace]font.Face
}

type boardFace struct {
	size float64
	bold bool
}

func newBoardFaces() (*boardFaces, error) {
	fonts, err := goFonts()
	if err != nil {
		return nil, err
	}
	return &boardFaces{fonts: fonts, faces: map[boardFace]font.Face{}}, nil
}

func (b *boardFaces) face(size float64, bold bool) font.Face {
	k := boardFace{size, bold}
	if f, ok := b.faces[k]; ok {
		return f
	}
	i := 0
	if bold {
		i = 1
	}
	f, err := opentype.NewFace(b.fonts[i], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil { // it does not fail today: it only scales the font
		f = basicfont.Face7x13
	}
	b.faces[k] = f
	return f
}

func (b *boardFaces) measure(text string, size float64, bold bool) int {
	return font.MeasureString(b.face(size, bold), text).Ceil()
}

func (b *boardFaces) close() {
	for _, f := range b.faces {
		_ = f.Close()
	}
}

// renderBoard draws the board v as a square PNG image.
func renderBoard(v boardView) ([]byte, error) {
	faces, err := newBoardFaces()
	if err != nil {
		return nil, err
	}
	defer faces.close()
	l := boardLayout(v, faces.measure)
	img := image.NewRGBA(image.Rect(0, 0, pngSide, pngSide))
	draw.Draw(img, img.Bounds(), image.NewUniform(inkWhite), image.Point{}, draw.Src)
	for _, r := range l.Rects {
		draw.Draw(img, r.Rect, image.NewUniform(r.Color), image.Point{}, draw.Src)
	}
	for _, t := range l.Texts {
		d := font.Drawer{Dst: img, Src: image.NewUniform(t.Color), Face: faces.face(t.Size, t.Bold), Dot: fixed.P(t.X, t.Y)}
		d.DrawString(t.Text)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("board image: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// boardPNG serves /hasil/{agency}/papan.png: the top of the IKM board as a 1080×1080 image
// for social media.
func (h *Handler) boardPNG(c *gin.Context) {
	a, ok := h.resultsAgency(c)
	if !ok {
		return
	}
	v, err := h.boardData(c.Request.Context(), a)
	if err == nil {
		var img []byte
		if img, err = renderBoard(v); err == nil {
			c.Header("Cache-Control", "public, max-age=300")
			c.Data(http.StatusOK, "image/png", img)
			return
		}
	}
	h.resultsUnavailable(c, "hasil board image", a, err)
}
