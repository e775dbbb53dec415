package pdf

import (
	"context"
	"os"
	"testing"
	"time"

	"skm/standard/standardtest"
	"skm/survey"
)

func TestSmoke(t *testing.T) {
	a := standardtest.Agency(t, "bppd-kalbar")
	a.Head.Rank = "Pembina Utama Muda (IV/c)"
	a.Head.NIP = "19700101 199503 1 001"
	f, rows := exampleFigures(a)
	src := &fakeSource{f: f, rows: rows}
	for name, now := range map[string]time.Time{"closed": time.Date(2026, 7, 10, 9, 0, 0, 0, a.Location), "prov": time.Date(2026, 5, 1, 9, 0, 0, 0, a.Location)} {
		out, _ := os.Create("/tmp/laporan-" + name + ".pdf")
		if err := Laporan(context.Background(), src, a, survey.Period{Kind: survey.Semester, Year: 2026, N: 1}, now, out, Options{}); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
}
