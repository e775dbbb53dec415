package pdf

// col is a table column: its heading, width in millimetres and alignment ("L", "C", "R").
type col struct {
	head  string
	w     float64
	align string
}

// cell is one table cell's text, bold or shaded as a total or a mark.
type cell struct {
	text  string
	bold  bool
	shade bool
}

// plain makes cells of texts.
func plain(texts ...string) []cell {
	out := make([]cell, len(texts))
	for i, t := range texts {
		out[i] = cell{text: t}
	}
	return out
}

// bolded makes bold cells of texts (a total row).
func bolded(texts ...string) []cell {
	out := plain(texts...)
	for i := range out {
		out[i].bold = true
	}
	return out
}

// table sets rows under a header that is repeated at the top of every page the table
// continues on; a row never breaks across pages.
type table struct {
	d    *doc
	x    float64
	cols []col
	size float64 // type size, points
	lh   float64 // line height, millimetres
	// single keeps every row on one line, long texts cut with "…": the fast path of the
	// per-respondent recap, thousands of rows.
	single bool
	// groups head adjacent columns with a common title above their own (a two-line header).
	groups []group
	// lines is reused between rows.
	lines [][]string
}

// group is a title over the columns first..last of a table.
type group struct {
	first, last int
	title       string
}

// groupOf returns the group column i is in.
func (t *table) groupOf(i int) (group, bool) {
	for _, g := range t.groups {
		if i >= g.first && i <= g.last {
			return g, true
		}
	}
	return group{}, false
}

const cellPad = 0.9 // above and below a cell's text, millimetres

// newTable starts a table at the left margin in size-point type.
func (d *doc) newTable(size float64, cols ...col) *table {
	return &table{d: d, x: marginL, cols: cols, size: size, lh: size * 0.42, lines: make([][]string, len(cols))}
}

// start sets the header where it fits with keep millimetres of rows after it (a table's
// header never stands alone at a page's foot).
func (t *table) start(keep float64) {
	t.d.ensure(t.headerHeight() + keep)
	t.header()
}

func (t *table) headerHeight() float64 {
	d := t.d
	d.font("B", t.size)
	n := 1
	for _, c := range t.cols {
		n = max(n, len(d.pdf.SplitText(printable(c.head), c.w)))
	}
	h := float64(n)*t.lh + 2*cellPad
	if len(t.groups) > 0 {
		h = max(h, 2*(t.lh+2*cellPad))
	}
	return h
}

// header sets the header row, shaded; grouped columns under their group's title.
func (t *table) header() {
	d, p := t.d, t.d.pdf
	h := t.headerHeight()
	if len(t.groups) == 0 {
		cells := make([]cell, len(t.cols))
		for i, c := range t.cols {
			cells[i] = cell{text: c.head, bold: true, shade: true}
		}
		t.set(cells, h, true)
		d.font("", t.size)
		return
	}
	y, x := d.y(), t.x
	d.draw(ruleGrey)
	d.fill(headFill)
	p.SetLineWidth(0.15)
	d.font("B", t.size)
	half := h / 2
	box := func(x, y, w, h float64, text string) {
		p.Rect(x, y, w, h, "FD")
		lines := p.SplitText(printable(text), w)
		top := y + (h-float64(len(lines))*t.lh)/2
		for j, l := range lines {
			d.at(x, top+float64(j)*t.lh)
			p.CellFormat(w, t.lh, l, "", 0, "C", false, 0, "")
		}
	}
	for i, c := range t.cols {
		if g, ok := t.groupOf(i); ok {
			if i == g.first {
				w := 0.0
				for _, gc := range t.cols[g.first : g.last+1] {
					w += gc.w
				}
				box(x, y, w, half, g.title)
			}
			box(x, y+half, c.w, half, c.head)
		} else {
			box(x, y, c.w, h, c.head)
		}
		x += c.w
	}
	d.draw(black)
	d.font("", t.size)
	d.at(marginL, y+h)
}

// row sets one row, on the next page (under the header again) when it does not fit.
func (t *table) row(cells ...cell) {
	d := t.d
	h := t.lh + 2*cellPad
	if !t.single {
		n := 1
		for i, c := range cells {
			style := ""
			if c.bold {
				style = "B"
			}
			d.font(style, t.size)
			t.lines[i] = d.pdf.SplitText(printable(c.text), t.cols[i].w)
			n = max(n, len(t.lines[i]))
		}
		// A row taller than a page is cut to a page: it would never fit.
		room := int((bottom - marginT - t.headerHeight() - 2*cellPad) / t.lh)
		if n > room {
			n = room
			for i := range t.lines {
				t.lines[i] = t.lines[i][:min(len(t.lines[i]), room)]
			}
		}
		h = float64(n)*t.lh + 2*cellPad
	}
	if !d.room(h) {
		d.pdf.AddPage()
		t.header()
	}
	t.set(cells, h, false)
}

// set draws cells h high at the current line and moves below them.
func (t *table) set(cells []cell, h float64, head bool) {
	d, p := t.d, t.d.pdf
	y := d.y()
	x := t.x
	d.draw(ruleGrey)
	p.SetLineWidth(0.15)
	for i, c := range cells {
		if i >= len(t.cols) {
			break
		}
		col := t.cols[i]
		mode := "D"
		if c.shade {
			if head {
				d.fill(headFill)
			} else {
				d.fill(shadeFill)
			}
			mode = "FD"
		}
		p.Rect(x, y, col.w, h, mode)
		style := ""
		if c.bold {
			style = "B"
		}
		d.font(style, t.size)
		align := col.align
		if head {
			align = "C"
		}
		if t.single && !head {
			text := c.text
			if text != "" && !isNumber(text) {
				text = d.clip(text, col.w, style, t.size)
			}
			d.at(x, y+cellPad)
			p.CellFormat(col.w, t.lh, text, "", 0, align, false, 0, "")
		} else {
			lines := t.lines[i]
			if head || lines == nil {
				lines = p.SplitText(printable(c.text), col.w)
			}
			for j, line := range lines {
				d.at(x, y+cellPad+float64(j)*t.lh)
				p.CellFormat(col.w, t.lh, line, "", 0, align, false, 0, "")
			}
		}
		x += col.w
	}
	for i := range t.lines {
		t.lines[i] = nil
	}
	d.draw(black)
	d.at(marginL, y+h)
}

// isNumber reports whether s is a figure as the report writes them (digits, separators,
// sign), which needs no clipping.
func isNumber(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' && r != '-' && r != '+' {
			return false
		}
	}
	return true
}

// end leaves a little room after a table and returns to body text.
func (t *table) end() {
	t.d.down(3)
	t.d.font("", bodySize)
}
