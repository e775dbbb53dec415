package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// ReportTextBook keeps the staff's own texts per chapter of a survey period's narrative
// report (Laporan SKM): read from the read side, every save a new version on the write side,
// joined in cmd/skm.
type ReportTextBook interface {
	// ReportTexts returns the current non-empty text of each chapter of a period's report.
	ReportTexts(ctx context.Context, agency string, period survey.Period) ([]survey.ReportText, error)
	// SaveReportText stores a new version of one chapter's text; an empty text removes it.
	SaveReportText(ctx context.Context, t *survey.ReportText) error
}

// chapterHints say in one line what belongs in each chapter's own text, by chapter code.
var chapterHints = map[string]string{
	"pendahuluan": "latar belakang survei di instansi Anda dan hal khusus periode ini, misalnya layanan baru atau perubahan jam layanan",
	"metodologi":  "cara pengumpulan yang dipakai di lapangan (petugas, lokasi, kuesioner kertas), jadwal pelaksanaan dan kendalanya",
	"hasil":       "penjelasan atas hasil: apa yang menonjol dan apa yang menyebabkan kenaikan atau penurunan dari periode sebelumnya",
	"analisis":    "tuliskan penyebab unsur terendah dan rencana perbaikannya",
	"penutup":     "kesimpulan dan rekomendasi kepada pimpinan",
}

// chapterField is one chapter's text box on the report page.
type chapterField struct {
	survey.ReportChapter
	Hint string
	// Text is the stored text, or the text as typed on a refused save.
	Text string
	// Version is the stored version the form carries ("" without a text): a save over a
	// version changed since the page was opened is refused as a conflict.
	Version string
	// By and At say who changed the stored text last, and when ("" without one).
	By, At string
	// Current is the stored text shown beside a conflicting one; Error the field's message.
	Current string
	Error   string
	// stored is the current stored text, as compared with what is typed.
	stored string
}

type reportTextsView struct {
	pageBase
	Period   survey.Period
	PeriodNm string
	Periods  []monthOption
	// Provisional: the period has not ended, the report is SEMENTARA and not for signing.
	Provisional bool
	// State says where the report stands (provisional, or final and by whom it is signed);
	// Published the date its results were published ("" when not).
	State     string
	Published string
	// CanEdit: the role may save the texts; Locked: the results are published and only the
	// head and admins may change them now.
	CanEdit  bool
	Locked   bool
	Chapters []chapterField
	Max      string
	Saved    string
	Error    string
}

// reportTextsPage: GET /laporan/{agency}?period=2026-S1 — the staff's own text per chapter
// of a survey period's Laporan SKM (printed after the chapter's generated text), where the
// report stands, and its downloads (PDF and Excel).
func (s *Staff) reportTextsPage(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.reportTextsView(c, a)
	if !ok {
		return
	}
	switch n := c.Query("disimpan"); n {
	case "":
	case "0":
		v.Saved = "Tidak ada teks yang berubah."
	default:
		v.Saved = "Teks " + n + " bab disimpan; laporan PDF " + v.PeriodNm + " memuatnya."
	}
	s.render(c, http.StatusOK, "laporan", v)
}

// reportTextsView reads the period's texts and where it stands; false when it has answered
// (a period that cannot be read, or the texts or the period's state cannot be read).
func (s *Staff) reportTextsView(c *gin.Context, a *standard.Agency) (*reportTextsView, bool) {
	now := s.opts.Now().In(a.Location)
	p, msg := downloadPeriod(c.Query("period"), downloads["skm"], a, now)
	if msg != "" {
		s.errorPage(c, http.StatusBadRequest, msg)
		return nil, false
	}
	if s.opts.ReportTexts == nil || s.opts.Periods == nil {
		s.errorPage(c, http.StatusServiceUnavailable, "Teks laporan tidak tersedia di server ini.")
		return nil, false
	}
	ctx := c.Request.Context()
	texts, err := s.opts.ReportTexts.ReportTexts(ctx, a.Code, p)
	var st survey.PeriodStatus
	if err == nil {
		st, err = s.opts.Periods.PeriodStatus(ctx, a, p)
	}
	if err != nil {
		s.opts.Logger.Error("report texts", "agency", a.Code, "period", p.Code(), "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Teks laporan sementara tidak dapat dimuat. Muat ulang halaman sebentar lagi.")
		return nil, false
	}
	role := principal(c).Role
	v := &reportTextsView{pageBase: s.base(c, "Laporan SKM "+p.Label(survey.ID)), Period: p, PeriodNm: p.Label(survey.ID),
		Periods: s.reportPeriods(ctx, a, p, now), Provisional: !p.Ended(now, a.Location), Max: formatInt(survey.MaxReportText)}
	_, last := p.Bounds()
	v.State = "SEMENTARA — periode belum berakhir; laporan belum untuk ditandatangani."
	if !v.Provisional {
		signer := a.Head.Title
		if signer == "" {
			signer = "pimpinan instansi"
		}
		v.State = "Periode berakhir " + survey.DateLabel(last, survey.ID) + "; laporan final siap ditandatangani oleh " + signer + "."
	}
	if !st.PublishedOn.IsZero() {
		v.Published = survey.DateLabel(st.PublishedOn, survey.ID)
	}
	v.Locked = v.Published != "" && !can(role, decide)
	v.CanEdit = can(role, compose) && !v.Locked
	for _, ch := range survey.ReportChapters {
		f := chapterField{ReportChapter: ch, Hint: chapterHints[ch.Code]}
		for _, t := range texts {
			if t.Chapter == ch.Code {
				f.Text, f.stored, f.Version = t.Text, t.Text, strconv.FormatInt(t.UpdatedAt.UnixNano(), 10)
				f.By, f.At = t.UpdatedBy, dayAndTime(t.UpdatedAt.In(a.Location))
			}
		}
		v.Chapters = append(v.Chapters, f)
	}
	return v, true
}

// reportPeriods lists the survey periods of a's scheme from the first with responses to the
// current one, newest first, with selected marked (and listed even outside them). Without
// the responses' months it lists the current period (and selected).
func (s *Staff) reportPeriods(ctx context.Context, a *standard.Agency, selected survey.Period, now time.Time) []monthOption {
	current := survey.PeriodOf(now, a.SurveyPeriods)
	first := current
	earliest := survey.Period{Kind: survey.Month, Year: survey.EarliestSubmission.Year(), N: 1}
	months, err := s.opts.Data.IKMMonths(ctx, a.Code, "", earliest, survey.Period{Kind: survey.Month, Year: now.Year(), N: int(now.Month())})
	if err != nil {
		s.opts.Logger.Error("report periods", "agency", a.Code, "err", err)
	}
	for _, m := range months {
		if p := survey.PeriodOf(m.Month.Start(), a.SurveyPeriods); m.Tally.Respondents > 0 && p.Start().Before(first.Start()) {
			first = p
		}
	}
	var out []monthOption
	listed := false
	for p := current; !p.Start().Before(first.Start()); p = p.Previous() {
		out = append(out, monthOption{Code: p.Code(), Label: p.Label(survey.ID), Selected: p == selected})
		listed = listed || p == selected
	}
	if !listed {
		out = append(out, monthOption{Code: selected.Code(), Label: selected.Label(survey.ID), Selected: true})
	}
	return out
}

// reportTextsSave: POST /laporan/{agency}?period=… — saves the chapters whose text
// (teks_<chapter>) differs from the stored one, each as a new version audited as
// report.text (the chapter and its length, never the text). Every chapter is checked
// first: a refused one (too long, unreadable characters, changed by someone else since the
// page was opened: versi_<chapter>) answers the page again with the typed texts and
// nothing stored. Once the period's results are published only the head and admins may.
func (s *Staff) reportTextsSave(c *gin.Context) {
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	v, ok := s.reportTextsView(c, a)
	if !ok {
		return
	}
	if v.Locked {
		s.errorPage(c, http.StatusForbidden, "Hasil "+v.PeriodNm+" sudah dipublikasikan "+v.Published+
			"; teks laporannya kini hanya dapat diubah oleh kepala atau admin.")
		return
	}
	u := principal(c)
	now := s.opts.Now()
	var changed []survey.ReportText
	refused, conflict := false, false
	for i := range v.Chapters {
		f := &v.Chapters[i]
		typed, sent := c.GetPostForm("teks_" + f.Code)
		if !sent {
			continue
		}
		f.Text = typedReportText(typed)
		if f.Text == f.stored {
			continue
		}
		if c.PostForm("versi_"+f.Code) != f.Version {
			// The form now carries the stored version: saving again, after merging, is on purpose.
			f.Current, conflict = f.stored, true
			f.Error = "Sementara Anda menulis, teks bab ini diubah oleh " + f.By + ", " + f.At +
				". Teks yang tersimpan ada di bawah kotak; gabungkan dengan teks Anda, lalu simpan lagi."
			if f.stored == "" {
				f.Error = "Sementara Anda menulis, teks bab ini dihapus orang lain. Simpan lagi bila teks Anda tetap dipakai."
			}
			continue
		}
		t := survey.ReportText{Agency: a.Code, Period: v.Period.Code(), Chapter: f.Code, Text: f.Text, UpdatedAt: now, UpdatedBy: u.Username}
		if errs := t.Validate(); errs != nil {
			f.Error, refused = errs["text"], true
		} else if !standard.ReadableText(t.Text) {
			f.Error, refused = "Teks berisi karakter tersembunyi atau karakter kendali (misalnya penanda arah tulisan) yang tidak dapat dicetak. Ketik ulang bagian yang disalin dari dokumen lain.", true
		}
		changed = append(changed, t)
	}
	if refused || conflict {
		v.Error = "Teks laporan belum disimpan; tidak ada yang berubah. Periksa bab yang ditandai."
		status := http.StatusConflict
		if refused {
			status = http.StatusUnprocessableEntity
		}
		s.render(c, status, "laporan", v)
		return
	}
	for i := range changed {
		t := &changed[i]
		if err := s.opts.ReportTexts.SaveReportText(c.Request.Context(), t); err != nil {
			s.opts.Logger.Error("save report text", "agency", a.Code, "period", t.Period, "chapter", t.Chapter, "err", err)
			msg := "Teks laporan belum tersimpan; tidak ada yang berubah. Coba lagi sebentar lagi."
			if i > 0 {
				msg = "Baru " + strconv.Itoa(i) + " dari " + strconv.Itoa(len(changed)) + " bab yang tersimpan. Muat ulang halaman, lalu simpan lagi bab yang belum."
			}
			s.errorPage(c, http.StatusServiceUnavailable, msg)
			return
		}
		s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "report.text", Target: t.Period, Detail: reportTextDetail(t, v.Published)})
	}
	c.Redirect(http.StatusSeeOther, "/laporan/"+a.Code+"?"+url.Values{"period": {v.Period.Code()}, "disimpan": {strconv.Itoa(len(changed))}}.Encode())
}

// typedReportText is a chapter's text as stored: line breaks as \n, no surrounding blanks
// (only blanks removes the text).
func typedReportText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

// reportTextDetail is the audit detail of a saved chapter: its code and length, never the
// text itself ("analisis: 1.204 karakter", "penutup: dihapus"), and the publication date
// when the results were already published.
func reportTextDetail(t *survey.ReportText, published string) string {
	d := t.Chapter + ": " + formatInt(utf8.RuneCountInString(t.Text)) + " karakter"
	if t.Text == "" {
		d = t.Chapter + ": dihapus"
	}
	if published != "" {
		d += "; setelah hasil dipublikasikan " + published
	}
	return d
}
