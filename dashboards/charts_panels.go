package dashboards

import (
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// The dashboard's charts, each built from a panel's query results.

// trendChart draws the IKM of each survey period with the target line; periods without
// answers are gaps.
func trendChart(trend []reports.PeriodTally, target float64) *figure {
	labels := make([]string, len(trend))
	values := make([]float64, len(trend))
	data := make([]opts.LineData, len(trend))
	for i, pt := range trend {
		labels[i] = pt.Period.Label(survey.ID)
		values[i] = math.NaN()
		if k := survey.Compute(pt.Tally); k.Complete {
			values[i] = k.RoundedFloat()
			data[i] = opts.LineData{Value: values[i]}
		}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common("axis", fmtDec2)...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Min: 50, Max: 100}))
	ticks := make([]string, len(labels))
	for i, l := range labels {
		// "Smt II\n2025": two short lines fit under every point, even on a phone.
		ticks[i] = strings.Replace(l, "Semester ", "Smt ", 1)
		if j := strings.LastIndex(ticks[i], " "); j > 0 {
			ticks[i] = ticks[i][:j] + "\n" + ticks[i][j+1:]
		}
	}
	// The latest figure's point is larger, and so its label is the last one hidden where
	// labels would overlap (ECharts keeps the labels of larger symbols).
	for i := len(data) - 1; i >= 0; i-- {
		if data[i].Value != nil {
			data[i].SymbolSize = 9
			break
		}
	}
	line.SetXAxis(ticks).AddSeries("IKM", data)
	keys := make([]string, len(trend))
	texts := make([]string, len(trend))
	for i, pt := range trend {
		keys[i], texts[i] = pt.Period.Code(), valueText(values[i], fmtDec2)
	}
	return &figure{jsonChart: line, keys: keys, values: texts, aria: describe("IKM per periode survei", labels, values, fmtDec2) + " Target " + formatDecimal(target, 2) + ".",
		edits: []func(chartOption){valueAxes, valueLabels("top", "#1b1f23", fmtDec2),
			reference("Garis putus-putus: target IKM "+formatDecimal(target, 2), refLine{Value: target}),
			func(o chartOption) {
				// The last point a half band from the edge, its label clear of the target's.
				for _, a := range o.list("xAxis") {
					a["boundaryGap"] = true
					a["axisLabel"] = map[string]any{"hideOverlap": true, "interval": 0, "lineHeight": 14, "fontSize": 11}
				}
			}}}
}

// nrrChart draws the NRR of each element with the thresholds of mutu A and B.
func nrrChart(k survey.IKM) *figure {
	names := make([]string, len(k.Elements))
	values := make([]float64, len(k.Elements))
	for i, e := range k.Elements {
		names[i] = e.Element.Code()
		values[i] = math.NaN()
		if e.NRR != nil {
			values[i] = round(e.NRRFloat(), 2)
		}
	}
	f := bars(names, "NRR per unsur", values, fmtDec2, false)
	f.keys = names
	for _, v := range values {
		f.values = append(f.values, valueText(v, fmtDec2))
	}
	a, b := nrrOf(ikmA), nrrOf(ikmB)
	f.aria += " Batas mutu A " + chartFormats[fmtNum](a) + ", mutu B " + chartFormats[fmtNum](b) + "."
	f.edits = append(f.edits, valueLabels("top", "#1b1f23", fmtDec2),
		reference("Batas mutu: A ≥ "+chartFormats[fmtNum](a)+" · B ≥ "+chartFormats[fmtNum](b),
			refLine{Label: "A", Value: a}, refLine{Label: "B", Value: b}),
		func(o chartOption) {
			for _, ax := range o.list("yAxis") {
				ax["min"], ax["max"] = 1, 4
			}
		})
	return f
}

// nrrOf is the NRR an IKM threshold corresponds to (IKM ÷ 25), exactly, to 4 decimals.
func nrrOf(ikm float64) float64 {
	r := new(big.Rat).SetFloat64(ikm)
	r.Quo(r, big.NewRat(25, 1))
	f, _ := r.Float64()
	return round(f, 4)
}

// ikmServiceChart draws the IKM of each service with answers, the names above the bars.
func ikmServiceChart(a *standard.Agency, rows []reports.ServiceTally) *figure {
	var names, codes, texts []string
	var values []float64
	for _, st := range rows {
		if k := survey.Compute(st.Tally); k.Complete {
			names = append(names, serviceName(a, st.Service))
			codes = append(codes, st.Service)
			values = append(values, k.RoundedFloat())
			texts = append(texts, survey.Format100(k.Rounded100))
		}
	}
	f := bars(names, "IKM per layanan", values, fmtDec2, true)
	f.keys, f.values = codes, texts
	f.edits = append(f.edits, namesAbove, valueLabels("insideRight", "#fff", fmtDec2), func(o chartOption) {
		for _, ax := range o.list("xAxis") {
			ax["min"], ax["max"] = 0, 100
		}
	})
	return f
}

// profileChart draws the respondents of one profile dimension: in the dimension's natural
// order where it has one (age bands, education levels), else most frequent first (the
// query's order).
func profileChart(dim string, rows []reports.ProfileCount) *figure {
	counts := reports.ProfileOf(rows, dim)
	names := make([]string, len(counts))
	values := make([]float64, len(counts))
	for i, p := range counts {
		names[i] = reports.ProfileLabel(dim, p.Value)
		values[i] = float64(p.Count)
	}
	return countBars(names, "Responden menurut "+profileSubject[dim], values)
}

// countBars is a horizontal bar chart of counts (the respondent profile, the saran themes):
// each bar says its count, so the value axis keeps only its grid lines and its labels never
// crowd a plot narrowed by long category names; the axis reaches a fifth past the longest
// bar, so that bar's count stays inside the chart on a phone.
func countBars(names []string, name string, values []float64) *figure {
	top := 0.0
	for _, v := range values {
		top = max(top, v)
	}
	f := barChart(names, name, values, true)
	f.edits = append(f.edits, valueLabels("right", "#1b1f23", fmtNum), func(o chartOption) {
		for _, a := range o.list("xAxis") {
			sub(a, "axisLabel")["show"] = false
			if top > 0 {
				a["max"] = math.Ceil(top * 1.2)
			}
		}
		for _, g := range o.list("grid") {
			g["right"] = 40
		}
	})
	return f
}

// profileSubject names a profile dimension in a sentence.
var profileSubject = map[string]string{"jenis_kelamin": "jenis kelamin", "umur": "umur", "pendidikan": "pendidikan", "pekerjaan": "pekerjaan"}

// multiples is a chart of small multiples: one small plot per service, each with its title.
// dashboard.js lays the plots out in as many columns as the width allows (see its
// layoutMultiples): title 0 is the caption above them all, title i+1 names grid i.
type multiples struct{ *figure }

// onTimeChart draws the on-time share of each service over the twelve months from first on,
// as small multiples: one small line per service with the target, instead of one tangle of
// lines whose legend does not fit. Months without a completed case with a deadline are gaps.
func onTimeChart(a *standard.Agency, first survey.Period, rows []reports.MonthServiceCases, target float64) *multiples {
	months := []survey.Period{first}
	for len(months) < 12 {
		months = append(months, months[len(months)-1].Next())
	}
	labels := make([]string, len(months))
	index := map[survey.Period]int{}
	for i, m := range months {
		labels[i] = monthAbbr(m)
		index[m] = i
	}
	series := map[string][]float64{}
	var order []string
	for _, r := range rows {
		if _, ok := series[r.Service]; !ok {
			series[r.Service] = slices.Repeat([]float64{math.NaN()}, len(months))
			order = append(order, r.Service)
		}
		if i, ok := index[r.Month]; ok && r.WithLimit > 0 {
			series[r.Service][i] = round(100*float64(r.OnTime)/float64(r.WithLimit), 1)
		}
	}
	caption := "Garis putus-putus: target " + formatDecimal(target, 0) + " %"
	line := charts.NewLine()
	line.SetGlobalOptions(common("axis", fmtPct1)...)
	line.SetXAxis(labels)
	aria := []string{"Persentase tepat waktu per layanan, " + labels[0] + " s.d. " + labels[len(labels)-1] + ". " + caption + "."}
	for i, svc := range order {
		data := make([]opts.LineData, len(months))
		for j, v := range series[svc] {
			if !math.IsNaN(v) {
				data[j] = opts.LineData{Value: v}
			}
		}
		line.AddSeries(serviceName(a, svc), data, charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, ConnectNulls: opts.Bool(false)}))
		aria = append(aria, describe(serviceName(a, svc), labels, series[svc], fmtPct1))
	}
	names := make([]string, len(order))
	for i, svc := range order {
		names[i] = serviceName(a, svc)
		if !slices.ContainsFunc(series[svc], func(v float64) bool { return !math.IsNaN(v) }) {
			names[i] += " (tidak ada kasus bertenggat)"
		}
	}
	return &multiples{&figure{jsonChart: line, aria: strings.Join(aria, " "), keys: order, edits: []func(chartOption){func(o chartOption) {
		grids, xs, ys, titles := []any{}, []any{}, []any{}, []any{captionTitle(caption)}
		for i, name := range names {
			grids = append(grids, map[string]any{"containLabel": false})
			xs = append(xs, map[string]any{"type": "category", "gridIndex": i, "data": labels, "boundaryGap": false,
				"axisLabel": map[string]any{"hideOverlap": true, "fontSize": 11}})
			ys = append(ys, map[string]any{"type": "value", "gridIndex": i, "min": 0, "max": 100, "interval": 50,
				"axisLabel": map[string]any{"formatter": fmtNum, "fontSize": 11}})
			titles = append(titles, map[string]any{"text": name, "padding": 0, "textStyle": map[string]any{"fontSize": 12,
				"fontWeight": 600, "overflow": "break", "lineHeight": 15}})
		}
		o["grid"], o["xAxis"], o["yAxis"], o["title"] = grids, xs, ys, titles
		for _, s := range o.list("series") {
			s["showSymbol"], s["symbolSize"] = true, 4
			s["endLabel"] = map[string]any{"show": true, "formatter": fmtPct1, "fontSize": 11, "distance": 4}
			s["markLine"] = markLine([]any{map[string]any{"yAxis": target}}, "")
			delete(s, "xAxisIndex")
			delete(s, "yAxisIndex")
		}
		for i, s := range o.list("series") {
			s["xAxisIndex"], s["yAxisIndex"] = i, i
		}
		o["color"] = []string{palette[0]}
		o["tooltip"] = map[string]any{"show": true, "trigger": "axis", "valueFormatter": fmtPct1}
	}}}}
}
