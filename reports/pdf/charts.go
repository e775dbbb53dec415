package pdf

import "skm/survey"

// bar is one bar of a horizontal bar chart: its label at the left, its value, and the text
// set after it ("12 (40,0 %)").
type bar struct {
	label string
	value float64
	text  string
}

// hbars is a horizontal bar chart drawn with lines, rectangles and text.
type hbars struct {
	bars []bar
	// lo and hi are the values at the plot's left and right (hi: the largest value when 0).
	lo, hi float64
	// labelW is the width of the labels' column; textW that of the texts after the bars.
	labelW, textW float64
	// refs are values marked by dashed lines across the plot; zones, when set, name the
	// len(refs)+1 stretches they divide the scale into, under the plot ("D", "C", "B", "A").
	refs  []float64
	zones []string
}

const (
	barH   = 4.0
	barGap = 1.6
)

// height is the chart's height in millimetres.
func (c hbars) height() float64 {
	h := float64(len(c.bars))*(barH+barGap) + barGap
	if len(c.zones) > 0 {
		h += 4
	}
	return h
}

// draw draws the chart at (x, y), w wide.
func (c hbars) draw(d *doc, x, y, w float64) {
	p := d.pdf
	hi := c.hi
	if hi == 0 {
		for _, b := range c.bars {
			hi = max(hi, b.value)
		}
	}
	if hi <= c.lo {
		hi = c.lo + 1
	}
	plotX := x + c.labelW
	plotW := w - c.labelW - c.textW
	at := func(v float64) float64 { return plotX + plotW*(min(max(v, c.lo), hi)-c.lo)/(hi-c.lo) }
	end := y + float64(len(c.bars))*(barH+barGap) + barGap
	d.draw(ruleGrey)
	p.SetLineWidth(0.2)
	p.Line(plotX, y, plotX, end)
	for i, b := range c.bars {
		by := y + barGap + float64(i)*(barH+barGap)
		d.at(x, by)
		p.CellFormat(c.labelW, barH, d.clip(b.label, c.labelW, "", 7.5), "", 0, "R", false, 0, "")
		bw := 0.0
		if b.value > c.lo {
			bw = at(b.value) - plotX
			d.fill(barFill)
			p.Rect(plotX, by, bw, barH, "F")
		}
		d.at(plotX+bw, by)
		p.CellFormat(c.textW, barH, b.text, "", 0, "L", false, 0, "")
	}
	if len(c.refs) > 0 {
		d.draw(grey)
		p.SetDashPattern([]float64{0.8, 0.8}, 0)
		for _, r := range c.refs {
			p.Line(at(r), y, at(r), end)
		}
		p.SetDashPattern(nil, 0)
	}
	if len(c.zones) == len(c.refs)+1 {
		d.font("B", 6.5)
		d.color(grey)
		edges := append(append([]float64{c.lo}, c.refs...), hi)
		for i, z := range c.zones {
			left, right := at(edges[i]), at(edges[i+1])
			d.at(left, end+0.5)
			p.CellFormat(right-left, 3, z, "", 0, "C", false, 0, "")
		}
		d.color(black)
	}
	d.draw(black)
	d.font("", bodySize)
}

// mutuScale is a chart on the IKM scale (25–100) with the mutu bands of the conversion
// table marked: dashed lines at the lower bounds of C, B and A, the letters under the bands.
func mutuScale(labelW, textW float64) hbars {
	c := hbars{lo: 25, hi: 100, labelW: labelW, textW: textW}
	for i := len(survey.MutuBands) - 1; i >= 0; i-- {
		b := survey.MutuBands[i]
		if i < len(survey.MutuBands)-1 {
			c.refs = append(c.refs, float64(b.From100)/100)
		}
		c.zones = append(c.zones, b.Mutu.Letter)
	}
	return c
}

// mutuCaption names the dashed lines of a mutuScale chart: "skala 25–100; garis putus-putus:
// batas bawah mutu C 65,00, B 76,61 dan A 88,31".
func mutuCaption() string {
	var bounds []string
	for i := len(survey.MutuBands) - 2; i >= 0; i-- {
		b := survey.MutuBands[i]
		bounds = append(bounds, b.Mutu.Letter+" "+survey.Format100(b.From100))
	}
	return "skala 25–100; garis putus-putus: batas bawah mutu " + joinWords(bounds)
}

// chartTitle sets a chart's caption in small bold type.
func (d *doc) chartTitle(x, w float64, title string) {
	d.font("B", 8.5)
	d.at(x, d.y())
	d.pdf.CellFormat(w, 4.5, d.clip(title, w, "B", 8.5), "", 1, "L", false, 0, "")
	d.font("", bodySize)
}

// chart sets a chart the content's width under its title, both on one page.
func (d *doc) chart(title string, c hbars) {
	d.ensure(c.height() + 8)
	d.chartTitle(marginL, contentW, title)
	top := d.y()
	c.draw(d, marginL, top, contentW)
	d.at(marginL, top+c.height()+3)
}
