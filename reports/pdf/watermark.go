package pdf

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"skm/reports"
)

// The SEMENTARA watermark is drawn as the outlines of its letters, not as text: text set
// across the page would be read into the lines it crosses by anything that extracts the
// report's text (copying, screen readers, pdftotext), "belum berakhir pada 1 ME Mei 2026".

// outline is a glyph's path in em units (y down), with its advance.
type outline struct {
	segments []sfnt.Segment
	advance  float64
}

// unitsPerEm is the scale the outlines are read at.
const unitsPerEm = 1000

// markOutlines are the outlines of reports.Provisional in Go Bold, read once.
var markOutlines = sync.OnceValue(func() []outline {
	f, err := sfnt.Parse(gobold.TTF)
	if err != nil {
		return nil
	}
	var b sfnt.Buffer
	ppem := fixed.I(unitsPerEm)
	var out []outline
	for _, r := range reports.Provisional {
		g, err := f.GlyphIndex(&b, r)
		if err != nil {
			continue
		}
		segs, err := f.LoadGlyph(&b, g, ppem, nil)
		if err != nil {
			continue
		}
		adv, err := f.GlyphAdvance(&b, g, ppem, font.HintingNone)
		if err != nil {
			continue
		}
		out = append(out, outline{segments: append([]sfnt.Segment(nil), segs...), advance: units(adv)})
	}
	return out
})

func units(v fixed.Int26_6) float64 { return float64(v) / 64 }

// watermark draws SEMENTARA large, light and diagonally across the page, under the text.
func (d *doc) watermark() {
	const size = 34.0 // the letters' em in millimetres (96 points)
	glyphs := markOutlines()
	width := 0.0
	for _, g := range glyphs {
		width += g.advance
	}
	scale := size / unitsPerEm
	p := d.pdf
	p.TransformBegin()
	p.TransformRotate(55, pageW/2, pageH/2)
	d.fill(markGrey)
	x0, y0 := pageW/2-width*scale/2, pageH/2+size*0.35
	var cx, cy float64 // the pen, for quadratic curves drawn as cubic ones
	open := false
	at := func(pt fixed.Point26_6) (float64, float64) {
		return x0 + units(pt.X)*scale, y0 + units(pt.Y)*scale
	}
	for _, g := range glyphs {
		for _, s := range g.segments {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				if open {
					p.ClosePath()
				}
				open = true
				cx, cy = at(s.Args[0])
				p.MoveTo(cx, cy)
			case sfnt.SegmentOpLineTo:
				cx, cy = at(s.Args[0])
				p.LineTo(cx, cy)
			case sfnt.SegmentOpQuadTo:
				qx, qy := at(s.Args[0])
				x, y := at(s.Args[1])
				p.CurveBezierCubicTo(cx+2*(qx-cx)/3, cy+2*(qy-cy)/3, x+2*(qx-x)/3, y+2*(qy-y)/3, x, y)
				cx, cy = x, y
			case sfnt.SegmentOpCubeTo:
				ax, ay := at(s.Args[0])
				bx, by := at(s.Args[1])
				cx, cy = at(s.Args[2])
				p.CurveBezierCubicTo(ax, ay, bx, by, cx, cy)
			}
		}
		x0 += g.advance * scale
	}
	p.ClosePath()
	p.DrawPath("f")
	p.TransformEnd()
}
