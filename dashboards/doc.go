// Package dashboards is the staff web app: login and roles, the agency head's monthly
// evaluation dashboard, case register screens, follow-up (RTL) editing and downloads.
// Charts are drawn with go-echarts (imported below so that its version is pinned in go.mod
// before the first chart exists).
package dashboards

import _ "github.com/go-echarts/go-echarts/v2/opts"
