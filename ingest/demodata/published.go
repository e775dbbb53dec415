package demodata

import (
	"context"
	"fmt"
	"strings"
	"time"

	"skm/ingest"
	"skm/standard"
	"skm/survey"
)

// seedPublished records, for agency a's last survey period that ended before now, what an
// agency that published its results has: a follow-up plan (RTL) for the weaker elements the
// demo history shows (U3 waktu, U8 pengaduan) and one general item, at several stages, and
// the publication on the notice board and, with a public URL, on the results page. Records
// are dated ten days after the period's end (today if that is later than now), after the
// period's responses, so the published figures are not "revised".
func seedPublished(ctx context.Context, store *ingest.Store, a *standard.Agency, now time.Time, publicURL string) error {
	now = now.In(a.Location)
	period := survey.PeriodOf(now, a.SurveyPeriods).Previous()
	_, last := period.Bounds()
	on := time.Date(last.Year(), last.Month(), last.Day()+10, 9, 0, 0, 0, a.Location)
	if on.After(now) {
		on = now
	}
	quarter := survey.PeriodOf(on, survey.SchemeQuarter)
	items := []survey.FollowUp{
		{Element: "U3", Action: "Menambah petugas loket pada jam sibuk dan menerapkan nomor antrean",
			TargetQuarter: quarter.Next().Code(), PersonInCharge: "Kepala Subbagian Umum", Status: survey.StatusOngoing, Progress: 60},
		{Element: "U8", Action: "Memberi tahu pelapor tindak lanjut pengaduan melalui WhatsApp",
			TargetQuarter: quarter.Code(), PersonInCharge: "Koordinator Pengaduan", Status: survey.StatusDone, Progress: 100},
		{Element: "", Action: "Menambah kursi dan kipas angin di ruang tunggu",
			TargetQuarter: quarter.Next().Code(), PersonInCharge: "Pengelola Barang Milik Daerah", Status: survey.StatusPlanned},
	}
	for i := range items {
		f := &items[i]
		f.Agency, f.Period, f.UpdatedAt, f.UpdatedBy = a.Code, period.Code(), on, "demo"
		if errs := f.Validate(); errs != nil {
			return fmt.Errorf("ingest: demo %s: follow-up item %d: %v", a.Code, i+1, errs)
		}
		if err := store.SaveFollowUp(ctx, f, false); err != nil {
			return fmt.Errorf("ingest: demo %s: %w", a.Code, err)
		}
	}
	pubs := []survey.Publication{{Medium: "papan pengumuman", Location: "Ruang pelayanan, " + a.Address}}
	if publicURL != "" {
		pubs = append(pubs, survey.Publication{Medium: "situs web", Location: strings.TrimSuffix(publicURL, "/") + "/hasil/" + a.Code})
	}
	for i := range pubs {
		p := &pubs[i]
		p.Agency, p.Period, p.PublishedOn, p.RecordedAt, p.RecordedBy = a.Code, period.Code(), on, on, "demo"
		if errs := p.Validate(now); errs != nil {
			return fmt.Errorf("ingest: demo %s: publication %d: %v", a.Code, i+1, errs)
		}
		if err := store.SavePublication(ctx, p, false); err != nil {
			return fmt.Errorf("ingest: demo %s: %w", a.Code, err)
		}
	}
	return nil
}
