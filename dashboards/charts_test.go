package dashboards

import (
	"encoding/json"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"skm/reports"
	"skm/standard"
	"skm/standard/standardtest"
	"skm/survey"
)

// kalbar is the example Kalimantan Barat agency.
func kalbar(t *testing.T) *standard.Agency { return standardtest.Agency(t, "bppd-kalbar") }

// chartJSON is a chart's options as the page gets them, decoded.
func chartJSON(t *testing.T, c jsonChart) map[string]any {
	t.Helper()
	b, err := block("x", c, false, false)
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal([]byte(b.Options), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// formatterNames walks o and returns each formatter and valueFormatter by its path.
func formatterNames(o any, path string, out map[string]string) map[string]string {
	switch v := o.(type) {
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && (k == "formatter" || k == "valueFormatter") {
				out[path+"."+k] = s
				continue
			}
			formatterNames(e, path+"."+k, out)
		}
	case []any:
		for _, e := range v {
			formatterNames(e, path+"[]", out)
		}
	}
	return out
}

// sampleCharts are the dashboard's charts drawn from small data with a missing point each.
func sampleCharts(t *testing.T) map[string]jsonChart {
	a := kalbar(t)
	var full, none survey.Tally
	full.Respondents = 10
	for i := range full.Sum {
		full.Sum[i], full.Answers[i] = uint64(31+i), 10 // NRR 3,1 … 3,9
	}
	s2 := survey.Period{Kind: survey.Semester, Year: 2025, N: 2}
	trend := []reports.PeriodTally{{Period: s2.Previous(), Tally: none}, {Period: s2, Tally: full}}
	oct := survey.Period{Kind: survey.Month, Year: 2026, N: 10}
	first := oct
	for range 11 {
		first = first.Previous()
	}
	return map[string]jsonChart{
		"ikm-trend":   trendChart(trend, a.Targets.IKM),
		"nrr":         nrrChart(survey.Compute(full)),
		"ikm-service": ikmServiceChart(a, []reports.ServiceTally{{Service: "data-informasi", Tally: full}}),
		"ontime": onTimeChart(a, first, []reports.MonthServiceCases{
			{Month: oct, Service: "konsultasi", WithLimit: 3, OnTime: 2}, {Month: oct.Previous(), Service: "pengaduan", WithLimit: 8, OnTime: 8}}, a.Targets.OnTimePercent),
		"profile":  profileChart("umur", []reports.ProfileCount{{Dimension: "umur", Value: "20–29", Count: 1234}}),
		"duration": barChart([]string{"< 1 jam", "1–8 jam"}, "Kasus selesai", []float64{2, 1500}, false),
		"channels": pieChart("Kasus diterima", []string{"Email", "Surat"}, []float64{3, 1}),
	}
}

// Every chart names its number formats (the page may carry no code), only names that
// dashboard.js knows, and so shows its values, tooltips and value axes the Indonesian way.
func TestChartsNameTheirNumberFormats(t *testing.T) {
	js, err := os.ReadFile("static/dashboard.js")
	if err != nil {
		t.Fatal(err)
	}
	for name := range chartFormats {
		if !strings.Contains(string(js), "'"+name+"': function") {
			t.Errorf("dashboard.js has no function for the format %s", name)
		}
	}
	for id, c := range sampleCharts(t) {
		o := chartJSON(t, c)
		names := formatterNames(o, "", map[string]string{})
		if names[".tooltip.valueFormatter"] == "" {
			t.Errorf("%s: the tooltip names no format: %v", id, names)
		}
		for path, n := range names {
			if _, known := chartFormats[n]; strings.HasPrefix(n, "skm:") && !known {
				t.Errorf("%s: %s names the unknown format %q", id, path, n)
			}
			if !strings.HasPrefix(n, "skm:") && n != "{b}" {
				t.Errorf("%s: %s is %q, neither a format name nor a name template", id, path, n)
			}
		}
		b, _ := json.Marshal(o)
		if strings.Contains(string(b), "function") || strings.Contains(string(b), "__f__") {
			t.Errorf("%s: code in the options: %s", id, b)
		}
		for _, key := range []string{"xAxis", "yAxis"} {
			for _, a := range chartOption(o).list(key) {
				if a["type"] == "value" && sub(a, "axisLabel")["formatter"] != fmtNum {
					t.Errorf("%s: a value axis without the Indonesian format: %v", id, a)
				}
			}
		}
		labelled := map[string]string{"ikm-trend": "label", "nrr": "label", "ikm-service": "label", "profile": "label", "ontime": "endLabel"}
		if key, ok := labelled[id]; ok {
			for _, s := range chartOption(o).list("series") {
				if f, _ := sub(s, key)["formatter"].(string); !strings.HasPrefix(f, "skm:") {
					t.Errorf("%s: data labels without a format: %v", id, s[key])
				}
			}
		}
	}
}

// Screen readers hear each chart described in Indonesian words and numbers: "U1 3,10", a
// missing point as "tidak ada data", never NaN or a decimal dot.
func TestChartsDescribeThemselvesInIndonesian(t *testing.T) {
	// A dot between digits is a decimal dot, unless it groups thousands (1.234).
	thousands := regexp.MustCompile(`(^|[^\d.,])\d{1,3}(\.\d{3})+(\D|$)`)
	dot := regexp.MustCompile(`\d\.\d`)
	want := map[string][]string{
		"ikm-trend":   {"IKM per periode survei: Semester I 2025 tidak ada data; Semester II 2025 ", "Target 88,31."},
		"nrr":         {"NRR per unsur: U1 3,10; U2 3,20;", "U9 3,90.", "mutu A 3,5324, mutu B 3,0644"},
		"ikm-service": {"IKM per layanan: Pelayanan Data, Laporan, dan Informasi "},
		"ontime":      {"Okt 26 66,7 %", "Sep 26 100,0 %", "Jan 26 tidak ada data", "target 90 %"},
		"profile":     {"Responden menurut umur: 20–29 tahun 1.234."},
		"duration":    {"Kasus selesai: < 1 jam 2; 1–8 jam 1.500."},
		"channels":    {"Kasus diterima: Email 3; Surat 1."},
	}
	for id, c := range sampleCharts(t) {
		o := chartJSON(t, c)
		aria, _ := sub(sub(o, "aria"), "label")["description"].(string)
		if dot.MatchString(thousands.ReplaceAllString(aria, "$1$3")) || strings.Contains(aria, "NaN") || aria == "" {
			t.Errorf("%s: aria description %q", id, aria)
		}
		for _, w := range want[id] {
			if !strings.Contains(aria, w) {
				t.Errorf("%s: aria description %q lacks %q", id, aria, w)
			}
		}
	}
}

// The mutu thresholds and the target sit outside the plot as short labels, explained in a
// caption above it, so they never sit on the bars' or points' labels.
func TestReferenceLinesLabelledOutsideTheData(t *testing.T) {
	o := chartJSON(t, sampleCharts(t)["nrr"])
	ml := sub(chartOption(o).list("series")[0], "markLine")
	if sub(ml, "label")["position"] != "end" {
		t.Errorf("mark-line label at %v, want outside the plot at the line's end", sub(ml, "label")["position"])
	}
	if cap := sub(o, "title")["subtext"]; cap != "Batas mutu: A ≥ 3,5324 · B ≥ 3,0644" {
		t.Errorf("caption %q", cap)
	}
	var names []string
	for _, d := range ml["data"].([]any) {
		names = append(names, d.(map[string]any)["name"].(string))
	}
	if !slices.Equal(names, []string{"A", "B"}) {
		t.Errorf("mark lines %v", names)
	}
}

// The on-time chart is one small plot per service, each on its own axes with the target.
func TestOnTimeChartIsSmallMultiples(t *testing.T) {
	o := chartOption(chartJSON(t, sampleCharts(t)["ontime"]))
	series, grids, titles := o.list("series"), o.list("grid"), o.list("title")
	if len(series) != 2 || len(grids) != 2 || len(titles) != 3 {
		t.Fatalf("%d series, %d grids, %d titles; want 2, 2 and a caption with 2 names", len(series), len(grids), len(titles))
	}
	for i, s := range series {
		if s["xAxisIndex"] != float64(i) || s["yAxisIndex"] != float64(i) || s["markLine"] == nil {
			t.Errorf("series %d: axes %v/%v, mark line %v", i, s["xAxisIndex"], s["yAxisIndex"], s["markLine"])
		}
	}
	if titles[1]["text"] != "Pelayanan Konsultasi" || o["legend"] != nil && sub(o, "legend")["show"] != false {
		t.Errorf("titles %v, legend %v", titles, o["legend"])
	}
}

// Age bands go youngest first and education levels lowest first, whatever their counts;
// gender and occupation stay most frequent first; "tidak diisi" comes last.
func TestProfileChartsInNaturalOrder(t *testing.T) {
	rows := []reports.ProfileCount{
		{Dimension: "umur", Value: "30–39", Count: 300}, {Dimension: "umur", Value: "", Count: 250},
		{Dimension: "umur", Value: "≥ 60", Count: 200}, {Dimension: "umur", Value: "< 20", Count: 10},
		{Dimension: "pendidikan", Value: "SMA", Count: 466}, {Dimension: "pendidikan", Value: "D4/S1", Count: 398},
		{Dimension: "pendidikan", Value: "Lainnya", Count: 90}, {Dimension: "pendidikan", Value: "SD", Count: 64},
		{Dimension: "pendidikan", Value: "S3", Count: 12},
		{Dimension: "pekerjaan", Value: "PNS", Count: 418}, {Dimension: "pekerjaan", Value: "Swasta", Count: 276},
	}
	for dim, want := range map[string][]string{
		"umur":       {"< 20 tahun", "30–39 tahun", "≥ 60 tahun", "tidak diisi"},
		"pendidikan": {"SD", "SMA", "D4/S1", "S3", "Lainnya"},
		"pekerjaan":  {"PNS", "Swasta"},
	} {
		o := chartOption(chartJSON(t, profileChart(dim, rows)))
		var got []string
		for _, c := range o.list("yAxis")[0]["data"].([]any) {
			got = append(got, c.(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s in the order %v, want %v", dim, got, want)
		}
	}
}

// The Go formats are the ones dashboard.js applies: comma decimals, dot thousands.
func TestChartFormats(t *testing.T) {
	for _, c := range []struct {
		format string
		v      float64
		want   string
	}{
		{fmtNum, 1234, "1.234"}, {fmtNum, 3.5324, "3,5324"}, {fmtNum, 2.5, "2,5"}, {fmtNum, 0, "0"},
		{fmtDec2, 78.42, "78,42"}, {fmtDec2, 82.1, "82,10"}, {fmtDec1, 4.55, "4,5"}, {fmtPct1, 94.1, "94,1 %"},
	} {
		if got := valueText(c.v, c.format); got != c.want {
			t.Errorf("%s(%v) = %q, want %q", c.format, c.v, got, c.want)
		}
	}
	if got := valueText(math.NaN(), fmtDec2); got != "tidak ada data" {
		t.Errorf("a missing value reads %q", got)
	}
}
