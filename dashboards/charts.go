package dashboards

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// chartBlock is one chart on a page: the element's id, and its ECharts options as JSON with
// <, > and & escaped (encoding/json does that), written into a <script type="application/json">
// data block that dashboard.js reads. go-echarts' own page rendering is not used: it writes
// options into an inline script without escaping them.
type chartBlock struct {
	ID      string
	Options template.JS
	Small   bool
	Wide    bool // the card takes the grid's whole width (small multiples)
	Empty   bool // nothing to draw; the card says so instead
	// Links are the figures behind the chart's points, as links under it: for keyboard and
	// print users, and without script (a click on a point follows the same link).
	Links []drillLink
}

// drillLink is a link from a chart's point or a tile to the figures behind it.
type drillLink struct {
	Label, Value, URL string
}

// pointLinks puts urls[i] on point i of series (as "link": dashboard.js follows it when the
// point is clicked; "" leaves the point without one).
func pointLinks(series int, urls []string) func(chartOption) {
	return func(o chartOption) {
		list := o.list("series")
		if series >= len(list) {
			return
		}
		data, _ := list[series]["data"].([]any)
		for i, d := range data {
			if i >= len(urls) || urls[i] == "" {
				continue
			}
			item, ok := d.(map[string]any)
			if !ok {
				item = map[string]any{"value": d}
				data[i] = item
			}
			item["link"] = urls[i]
		}
		list[series]["cursor"] = "pointer"
	}
}

// jsonChart is what the go-echarts chart types have in common here.
type jsonChart interface {
	Validate()
	JSON() map[string]any
}

// Colours of the charts: our navy first, then colour-blind-safe companions.
var palette = opts.Colors{"#1d4f91", "#00703c", "#f0b400", "#d4351c", "#6f3c97", "#2b8cbe", "#8a6500", "#59636e"}

// Formatter names. The Content-Security-Policy lets no code travel in the options, so a label,
// axis label or tooltip names its number format and dashboard.js maps the name to a function
// (its table "formats"); chartFormats formats the same way in Go, for the aria descriptions.
const (
	fmtNum  = "skm:num"  // as many decimals as the value has, up to 4: 1.234 · 3,5 · 78,42
	fmtDec1 = "skm:dec1" // one decimal: 4,6
	fmtDec2 = "skm:dec2" // two decimals: 84,88
	fmtPct1 = "skm:pct1" // a percentage with one decimal: 94,1 %
)

// chartFormats formats a number as the formatter of that name does in dashboard.js.
var chartFormats = map[string]func(float64) string{
	fmtNum:  formatNumber,
	fmtDec1: func(v float64) string { return formatDecimal(v, 1) },
	fmtDec2: func(v float64) string { return formatDecimal(v, 2) },
	fmtPct1: func(v float64) string { return formatDecimal(v, 1) + " %" },
}

// formatNumber writes v the Indonesian way with the decimals it has, up to 4.
func formatNumber(v float64) string {
	s := formatDecimal(v, 4)
	if strings.Contains(s, ",") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",")
	}
	return s
}

// noData is what a screen reader hears for a missing point.
const noData = "tidak ada data"

// block turns a chart into its data block.
func block(id string, c jsonChart, small, empty bool) (*chartBlock, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("dashboards: chart %s: %w", id, err)
	}
	_, wide := c.(*multiples)
	return &chartBlock{ID: id, Options: template.JS(b), Small: small, Wide: wide, Empty: empty}, nil
}

// common options: no title (the card has one), a tooltip whose values are in format, no
// legend (the card's title names a single series), no animation (charts print at once),
// room for the labels.
func common(trigger, format string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger, ValueFormatter: types.FuncStr(format)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(palette),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Bottom: "4", Top: "16", ContainLabel: opts.Bool(true)}),
	}
}

// round rounds v to places decimals for a chart (the tables show the exact figures).
func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// chartOption is a chart's options as plain JSON values, for what go-echarts has no field for.
type chartOption map[string]any

// list returns the component key as a list of objects (xAxis, series, …), nil if absent.
func (o chartOption) list(key string) []map[string]any {
	var out []map[string]any
	switch v := o[key].(type) {
	case []any:
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case map[string]any:
		out = append(out, v)
	}
	return out
}

// sub returns the object under key in m, made if missing.
func sub(m map[string]any, key string) map[string]any {
	if s, ok := m[key].(map[string]any); ok {
		return s
	}
	s := map[string]any{}
	m[key] = s
	return s
}

// figure is a go-echarts chart with its description for screen readers and the edits of its
// options that go-echarts has no field for.
type figure struct {
	jsonChart
	aria  string
	count int // the points drawn; 0 leaves the card saying there is no data
	edits []func(chartOption)
	// keys are what the points of the first series are (service codes, element codes,
	// periods), for the links to the figures behind them; values their values in words.
	keys   []string
	values []string
}

// JSON returns the options with the description and the edits applied.
func (f *figure) JSON() map[string]any {
	o := chartOption{}
	b, err := json.Marshal(f.jsonChart.JSON())
	if err == nil {
		err = json.Unmarshal(b, &o)
	}
	if err != nil {
		// go-echarts' options are plain data: this does not happen; draw nothing.
		return map[string]any{}
	}
	// ECharts' own description reads raw values ("3.43", "NaN"): ours is worded here.
	o["aria"] = map[string]any{"enabled": true, "label": map[string]any{"description": f.aria}}
	delete(o, "toolbox")
	for _, e := range f.edits {
		e(o)
	}
	return o
}

// describe words a series for screen readers: "IKM per layanan: Konsultasi 84,10; Data 82,00."
// NaN is a missing point.
func describe(subject string, names []string, values []float64, format string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = names[i] + " " + valueText(v, format)
	}
	return subject + ": " + strings.Join(parts, "; ") + "."
}

// valueText is v in format, or "tidak ada data" when NaN.
func valueText(v float64, format string) string {
	if math.IsNaN(v) {
		return noData
	}
	return chartFormats[format](v)
}

// refLine is a horizontal reference line (a target, a mutu threshold): Label, if any, is
// short and sits outside the plot at the line's end, where no data label is; the caption
// above the plot says what the lines are.
type refLine struct {
	Label string
	Value float64
}

// reference draws lines on the chart's first series and the caption above the plot.
func reference(caption string, lines ...refLine) func(chartOption) {
	return func(o chartOption) {
		series := o.list("series")
		if len(series) == 0 || len(lines) == 0 {
			return
		}
		data := make([]any, len(lines))
		for i, l := range lines {
			data[i] = map[string]any{"name": l.Label, "yAxis": l.Value}
		}
		position, right := "", 16
		if n := maxLen(lines); n > 0 {
			position, right = "end", 8+8*n
		}
		series[0]["markLine"] = markLine(data, position)
		o["title"] = captionTitle(caption)
		for _, g := range o.list("grid") {
			g["top"], g["right"] = 36, right
		}
	}
}

// captionTitle is a line of small text above the plot (what the dashed lines are).
func captionTitle(caption string) map[string]any {
	return map[string]any{"subtext": caption, "left": 0, "top": 2, "itemGap": 0, "padding": 0,
		"subtextStyle": map[string]any{"color": "#3d4650", "fontSize": 12, "lineHeight": 16}}
}

// markLine is the style of the reference lines: dashed red, labelled by name at position.
func markLine(data []any, position string) map[string]any {
	return map[string]any{"symbol": []string{"none", "none"}, "silent": true, "data": data,
		"label":     map[string]any{"show": position != "", "formatter": "{b}", "position": position, "color": "#b3261e"},
		"lineStyle": map[string]any{"type": "dashed", "color": "#d4351c"}}
}

// maxLen is the length in characters of the longest label.
func maxLen(lines []refLine) int {
	n := 0
	for _, l := range lines {
		n = max(n, len([]rune(l.Label)))
	}
	return n
}

// valueLabels shows each point's value in format at position, hiding labels that would overlap.
func valueLabels(position, colour, format string) func(chartOption) {
	return func(o chartOption) {
		for _, s := range o.list("series") {
			label := map[string]any{"show": true, "position": position, "formatter": format, "color": colour, "fontSize": 11}
			if colour != "#fff" {
				// Clear of the lines it sits on (the target's, the trend's).
				label["backgroundColor"], label["padding"] = "#fff", 1
			}
			s["label"] = label
			s["labelLayout"] = map[string]any{"hideOverlap": true}
		}
	}
}

// valueAxes formats the value axes' labels (the axes without categories) the Indonesian way.
func valueAxes(o chartOption) {
	for _, key := range []string{"xAxis", "yAxis"} {
		for _, a := range o.list(key) {
			if a["type"] == "category" || a["data"] != nil {
				a["type"] = "category"
				continue
			}
			a["type"] = "value"
			sub(a, "axisLabel")["formatter"] = fmtNum
		}
	}
}

// namesAbove puts the category names of a horizontal bar chart above their bars, across the
// plot's whole width, so long service names are read whole instead of cut.
func namesAbove(o chartOption) {
	for _, a := range o.list("yAxis") {
		a["axisTick"] = map[string]any{"show": false}
		// overflow "break" without a width: dashboard.js gives the label the chart's width.
		a["axisLabel"] = map[string]any{"inside": true, "verticalAlign": "bottom", "align": "left",
			"padding": []int{0, 0, 10, 0}, "color": "#1b1f23", "fontSize": 12, "lineHeight": 14, "overflow": "break"}
		a["z"] = 3
	}
	for _, s := range o.list("series") {
		s["barWidth"] = 14
	}
	for _, g := range o.list("grid") {
		g["left"] = 8
	}
}

// barChart is a bar chart of one series of counts over categories, horizontal when horizontal
// is set.
func barChart(categories []string, name string, values []float64, horizontal bool) *figure {
	return bars(categories, name, values, fmtNum, horizontal)
}

// bars is a bar chart of one series of values in format over categories, horizontal when
// horizontal is set (categories top to bottom). NaN values are missing.
func bars(categories []string, name string, values []float64, format string, horizontal bool) *figure {
	bar := charts.NewBar()
	bar.SetGlobalOptions(common("axis", format)...)
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Value: v}
		if math.IsNaN(v) {
			data[i].Value = nil
		}
	}
	bar.SetXAxis(categories).AddSeries(name, data)
	f := &figure{jsonChart: bar, aria: describe(name, categories, values, format), count: len(values), edits: []func(chartOption){valueAxes}}
	if horizontal {
		// The category axis goes vertical, first category on top.
		f.edits = []func(chartOption){func(o chartOption) {
			o["xAxis"], o["yAxis"] = o["yAxis"], o["xAxis"]
			for _, a := range o.list("yAxis") {
				a["inverse"] = true
			}
		}, valueAxes}
	}
	return f
}

// pieChart is a pie of named counts, each slice labelled with its name (wrapped, never cut).
func pieChart(name string, names []string, values []float64) *figure {
	pie := charts.NewPie()
	pie.SetGlobalOptions(common("item", fmtNum)...)
	data := make([]opts.PieData, len(values))
	for i, v := range values {
		data[i] = opts.PieData{Name: names[i], Value: v}
	}
	pie.AddSeries(name, data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"30%", "55%"}, Center: []string{"50%", "50%"}}))
	return &figure{jsonChart: pie, aria: describe(name, names, values, fmtNum), edits: []func(chartOption){func(o chartOption) {
		for _, s := range o.list("series") {
			s["label"] = map[string]any{"formatter": "{b}", "overflow": "break", "width": 96, "lineHeight": 14}
			s["labelLine"] = map[string]any{"length": 8, "length2": 6}
			s["avoidLabelOverlap"] = true
		}
	}}}
}
