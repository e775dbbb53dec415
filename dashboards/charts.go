package dashboards

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartBlock is one chart on a page: the element's id, and its ECharts options as JSON with
// <, > and & escaped (encoding/json does that), written into a <script type="application/json">
// data block that dashboard.js reads. go-echarts' own page rendering is not used: it writes
// options into an inline script without escaping them.
type chartBlock struct {
	ID      string
	Options template.JS
	Small   bool
	Empty   bool // nothing to draw; the card says so instead
}

// jsonChart is what the go-echarts chart types have in common here.
type jsonChart interface {
	Validate()
	JSON() map[string]any
}

// Colours of the charts: our navy first, then colour-blind-safe companions.
var palette = opts.Colors{"#1d4f91", "#00703c", "#f0b400", "#d4351c", "#6f3c97", "#2b8cbe", "#8a6500", "#59636e"}

// block turns a chart into its data block.
func block(id string, c jsonChart, small, empty bool) (*chartBlock, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("dashboards: chart %s: %w", id, err)
	}
	return &chartBlock{ID: id, Options: template.JS(b), Small: small, Empty: empty}, nil
}

// common options: no title (the card has one), a tooltip, ARIA descriptions for screen
// readers, no animation (charts print at once), room for the labels.
func common(trigger string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(palette),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "12%", ContainLabel: opts.Bool(true)}),
	}
}

// round rounds v to places decimals for a chart (the tables show the exact figures).
func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// barChart is a bar chart of one series over categories, horizontal when horizontal is set.
func barChart(categories []string, name string, values []float64, horizontal bool, extra ...charts.SeriesOpts) *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(common("axis")...)
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Value: v}
	}
	bar.SetXAxis(categories).AddSeries(name, data, extra...)
	if horizontal {
		bar.XYReversal()
		bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}))
	}
	return bar
}

// pieChart is a pie of named values.
func pieChart(name string, names []string, values []float64) *charts.Pie {
	pie := charts.NewPie()
	pie.SetGlobalOptions(common("item")...)
	pie.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Type: "scroll"}))
	data := make([]opts.PieData, len(values))
	for i, v := range values {
		data[i] = opts.PieData{Name: names[i], Value: v}
	}
	pie.AddSeries(name, data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"35%", "65%"}, Center: []string{"50%", "45%"}}))
	return pie
}

// thresholdLines draws horizontal reference lines (targets, mutu thresholds) on a series.
func thresholdLines(lines ...opts.MarkLineNameYAxisItem) charts.SeriesOpts {
	return func(s *charts.SingleSeries) {
		charts.WithMarkLineNameYAxisItemOpts(lines...)(s)
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: "insideEndTop"},
			LineStyle: &opts.LineStyle{Type: "dashed", Color: "#d4351c"}})(s)
	}
}

// labelled wraps a horizontal bar chart so that long category names (services, occupations)
// are cut to a width with "…" instead of squeezing the bars (go-echarts has no option for
// ECharts' axisLabel.width and overflow); the tooltip still shows the whole name.
type labelled struct{ jsonChart }

func (l labelled) JSON() map[string]any {
	m := l.jsonChart.JSON()
	b, err := json.Marshal(m)
	if err != nil {
		return m
	}
	var out map[string]any
	if json.Unmarshal(b, &out) != nil {
		return m
	}
	if axes, ok := out["yAxis"].([]any); ok && len(axes) > 0 {
		if axis, ok := axes[0].(map[string]any); ok {
			label, _ := axis["axisLabel"].(map[string]any)
			if label == nil {
				label = map[string]any{}
			}
			label["width"], label["overflow"] = 120, "truncate"
			axis["axisLabel"] = label
		}
	}
	return out
}
