package dashboards

import (
	"net/url"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// The dashboard's drill-down: every tile and chart point links to the figures behind it — a
// service to the service's dashboard, an element to its page, a month to its dashboard, and
// the case tiles to the register filtered to the very cases they count.

// linkedChart adds c as the block id with the links under it; a click on point i of the
// first series follows links[i] (the on-time chart's points carry their own links).
func (v *dashboardView) linkedChart(id string, c jsonChart, links []drillLink, empty bool) error {
	if f, ok := c.(*figure); ok {
		urls := make([]string, len(links))
		for i, l := range links {
			urls[i] = l.URL
		}
		f.edits = append(f.edits, pointLinks(0, urls))
	}
	b, err := block(id, c, false, empty)
	if err != nil {
		return err
	}
	b.Links = links
	v.setChart(id, b)
	return nil
}

// registerLink is the case register of agency with the query q.
func registerLink(agency string, q url.Values) string {
	return "/cases/" + agency + "?" + q.Encode()
}

// overdueLink is the register of an agency's cases (optionally of one service and one
// officer, "-" for none) overdue at the month's end: what the overdue tile counts.
func overdueLink(agency string, month survey.Period, service, officer string) string {
	q := url.Values{"month": {month.Code()}, "terlambat": {overdueAtEnd}}
	if service != "" {
		q.Set("layanan", service)
	}
	if officer != "" {
		q.Set("petugas", officer)
	}
	return registerLink(agency, q)
}

// linkTiles links each tile to the figures behind it: the IKM tiles to the NRR per element
// (each element to its page), the respondents to the respondents per day and per service,
// and the case tiles to the register of the cases they count, of the dashboard's service.
func (v *dashboardView) linkTiles(a *standard.Agency, list []tile) []tile {
	month := v.Month.Code()
	reg := func(kv ...string) string {
		q := url.Values{"month": {month}}
		if v.Service != "" {
			q.Set("layanan", v.Service)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
		return registerLink(a.Code, q)
	}
	links := map[string]string{
		reports.KPIPeriodIKM:       "#rincian-nrr",
		reports.KPIMonthIKM:        "#rincian-nrr",
		reports.KPIRespondents:     "#rincian-responden",
		reports.KPIOnTime:          reg("tanggal", byCompletion, "tepat", "ya"),
		reports.KPIMedian:          reg("tanggal", byCompletion),
		reports.KPIReceived:        reg(),
		reports.KPICompleted:       reg("tanggal", byCompletion),
		reports.KPIOverdue:         overdueLink(a.Code, v.Month, v.Service, ""),
		reports.KPIComplaintOnTime: reg("tanggal", byCompletion, "jenis", standard.KindPengaduan, "tepat", "ya"),
	}
	for i := range list {
		list[i].Link = links[list[i].Key]
	}
	return list
}

// OverdueOf is the register of one officer's cases ("" for none) overdue at the month's end,
// for the overdue list's officer column.
func (v *dashboardView) OverdueOf(officer string) string {
	return overdueLink(v.Agency, v.Month, v.Service, officerParam(officer))
}
