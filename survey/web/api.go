package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// maxAPIBytes bounds one API request: a batch of up to maxAPIBatch responses.
const (
	maxAPIBytes = 4 << 20
	maxAPIBatch = 1000
)

// apiResponse is one response in the machine API's JSON (interfaces.md).
type apiResponse struct {
	ID         string         `json:"id"`
	Agency     string         `json:"agency"`
	Service    string         `json:"service"`
	Answers    map[string]int `json:"answers"`
	Respondent struct {
		Umur         int    `json:"umur"`
		JenisKelamin string `json:"jenis_kelamin"`
		Pendidikan   string `json:"pendidikan"`
		Pekerjaan    string `json:"pekerjaan"`
	} `json:"respondent"`
	Saran       string            `json:"saran"`
	Channel     string            `json:"channel"`
	SubmittedAt string            `json:"submitted_at"`
	Extra       map[string]string `json:"extra"`
	// VisitCode is the per-visit code printed on a receipt (agencies with visit_codes).
	VisitCode string `json:"visit_code"`
}

type apiResult struct {
	ID     string            `json:"id,omitempty"`
	Period string            `json:"period,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

// anonymousClockSkew is how far an anonymous submission's own submitted_at may be from the
// server's clock; it is stored with the server's time either way.
const anonymousClockSkew = 10 * time.Minute

// APIResponses serves POST /api/v1/responses (the machine API registers it with every other
// /api/v1 route): it accepts one response, or {"responses":[…]}. A batch is all or nothing: if any
// response is invalid, none is stored and the errors are returned per response. An anonymous
// caller (a resident's app) sends one response at a time, dated now by the server, within the
// per-address limits of the form; batches and earlier dates (paper forms typed in, another
// system's export) need an agency token or a staff login, and are audited.
func (h *Handler) APIResponses(c *gin.Context) {
	caller, entitled, err := h.caller(c)
	if err != nil {
		var refused *CallerRefused
		if errors.As(err, &refused) {
			h.opts.OnReject("auth")
			c.Header("WWW-Authenticate", `Bearer realm="skm"`)
			c.JSON(refused.Status, gin.H{"error": refused.Message})
			return
		}
		h.opts.Logger.Error("api: caller check", "err", err)
		c.Header("Retry-After", "10")
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "pemeriksaan token gagal sementara; kirim ulang nanti"})
		return
	}
	if allowed := h.limiter.allowAPI(c) && (entitled || h.limiter.allow(c)); !allowed {
		h.opts.OnReject("rate")
		c.Header("Retry-After", "30")
		c.JSON(http.StatusTooManyRequests, gin.H{"error": "terlalu banyak respons dari alamat ini; coba lagi sebentar lagi"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxAPIBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.opts.OnReject("size")
			c.JSON(http.StatusRequestEntityTooLarge, gin.H{"error": "isi permintaan melebihi 4 MiB; kirim dalam beberapa batch"})
			return
		}
		c.JSON(http.StatusBadRequest, gin.H{"error": "isi permintaan tidak terbaca"})
		return
	}
	items, batch, err := decodeAPI(body)
	if err != nil {
		h.opts.OnReject("invalid")
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	if !entitled && batch {
		h.opts.OnReject("auth")
		c.Header("WWW-Authenticate", `Bearer realm="skm"`)
		c.JSON(http.StatusUnauthorized, gin.H{"error": "pengiriman banyak respons sekaligus memerlukan token instansi (Authorization: Bearer skm_…) atau login staf; " +
			"tanpa itu kirim satu respons per permintaan"})
		return
	}
	responses := make([]*survey.Response, len(items))
	results := make([]apiResult, len(items))
	invalid := false
	now := h.opts.Now()
	for i, it := range items {
		if entitled && caller.Channel != "" && it.Channel == "" {
			it.Channel = caller.Channel
		}
		r, errs := h.apiToResponse(it)
		if !entitled && !r.SubmittedAt.IsZero() {
			if d := r.SubmittedAt.Sub(now); d > anonymousClockSkew || d < -anonymousClockSkew {
				h.opts.OnReject("auth")
				c.Header("WWW-Authenticate", `Bearer realm="skm"`)
				c.JSON(http.StatusUnauthorized, gin.H{"error": "respons bertanggal lain dari sekarang (submitted_at) memerlukan token instansi " +
					"(Authorization: Bearer skm_…) atau login staf, misalnya untuk kuesioner kertas yang diketik kemudian"})
				return
			}
			r.SubmittedAt = time.Time{} // a resident's response is dated by the server
		}
		if entitled && caller.Agency != "" && it.Agency != caller.Agency && errs["agency"] == "" {
			if errs == nil {
				errs = map[string]string{}
			}
			errs["agency"] = "token atau akun ini hanya berlaku untuk instansinya sendiri (" + caller.Agency + ")"
		}
		if entitled && caller.Channel != "" && r.Channel != caller.Channel && errs["channel"] == "" {
			if errs == nil {
				errs = map[string]string{}
			}
			errs["channel"] = "token perangkat kios hanya dapat mengirim respons kanal " + caller.Channel
		}
		responses[i], results[i].Errors = r, errs
		invalid = invalid || len(errs) > 0
	}
	if invalid {
		h.opts.OnReject("invalid")
		if !batch {
			c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": results[0].Errors})
			return
		}
		c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": batchErrors(results), "stored": 0})
		return
	}
	// A batch is one append to the spool: all of it is durable, or none of it.
	periods, err := h.opts.Recorder.Record(c.Request.Context(), responses...)
	var closed *survey.ClosedPeriodError
	if errors.As(err, &closed) {
		h.opts.OnReject("closed")
		key := "submitted_at"
		if batch {
			key = "responses." + strconv.Itoa(closed.Index) + ".submitted_at"
		}
		c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": gin.H{key: closed.Error()}, "stored": 0})
		return
	}
	if err != nil {
		h.opts.Logger.Error("api: responses not stored", "responses", len(responses), "err", err)
		c.Header("Retry-After", "30")
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "penyimpanan sementara penuh atau sibuk; tidak ada yang disimpan, kirim ulang nanti (id yang sama tidak dihitung dua kali)",
			"stored": 0})
		return
	}
	for i, r := range responses {
		results[i] = apiResult{ID: r.ID, Period: periods[i]}
	}
	// A kiosk device's responses are audited when some are dated earlier than an anonymous
	// sender could date them (answers kept on the tablet while its link was down); given
	// and sent at once, they are what the kiosk's visitors give without it.
	if entitled && h.opts.Audit != nil && (caller.Channel == "" || datedEarlier(responses, now)) {
		h.auditBatch(c, caller, responses, periods)
	}
	if !batch {
		c.JSON(http.StatusAccepted, results[0])
		return
	}
	c.JSON(http.StatusAccepted, gin.H{"responses": results})
}

// datedEarlier reports whether a response is dated before now by more than an anonymous
// sender's clock may be off.
func datedEarlier(rs []*survey.Response, now time.Time) bool {
	for _, r := range rs {
		if r.SubmittedAt.Before(now.Add(-anonymousClockSkew)) {
			return true
		}
	}
	return false
}

func batchErrors(results []apiResult) map[string]string {
	out := map[string]string{}
	for i, r := range results {
		for k, v := range r.Errors {
			out["responses."+strconv.Itoa(i)+"."+k] = v
		}
	}
	return out
}

// apiEnvelope reads both shapes in one pass: one response, or {"responses":[…]}.
type apiEnvelope struct {
	apiResponse
	Responses []apiResponse `json:"responses"`
}

func decodeAPI(body []byte) ([]apiResponse, bool, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, false, errors.New("isi permintaan harus objek JSON: satu respons, atau {\"responses\":[…]}")
	}
	var env apiEnvelope
	d := json.NewDecoder(bytes.NewReader(trimmed))
	d.DisallowUnknownFields()
	if err := d.Decode(&env); err != nil {
		return nil, false, errors.New("JSON tidak sesuai format: " + err.Error())
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, false, errors.New("ada data lain setelah objek JSON; kirim satu objek saja")
	}
	if env.Responses == nil {
		return []apiResponse{env.apiResponse}, false, nil
	}
	if env.Agency != "" || env.Answers != nil || env.ID != "" {
		return nil, true, errors.New("kirim satu respons, atau {\"responses\":[…]} saja, tidak keduanya")
	}
	if len(env.Responses) == 0 || len(env.Responses) > maxAPIBatch {
		return nil, true, errors.New("batch harus berisi 1 sampai 1000 respons")
	}
	return env.Responses, true, nil
}

// apiToResponse maps and validates one API response; errors are keyed as the API documents
// them: answers.U3, respondent.umur, saran, ….
func (h *Handler) apiToResponse(it apiResponse) (*survey.Response, map[string]string) {
	errs := map[string]string{}
	r := &survey.Response{ID: it.ID, Agency: it.Agency, Service: it.Service, Channel: it.Channel,
		Umur: it.Respondent.Umur, JenisKelamin: it.Respondent.JenisKelamin,
		Pendidikan: survey.NormalizeEducation(it.Respondent.Pendidikan), Pekerjaan: survey.NormalizeOccupation(it.Respondent.Pekerjaan),
		Saran: strings.TrimSpace(it.Saran)}
	a, ok := h.opts.Set.Agency(it.Agency)
	if !ok {
		errs["agency"] = "instansi tidak dikenal"
	} else if _, ok := a.Service(it.Service); !ok {
		errs["service"] = "layanan tidak dikenal pada instansi ini"
	}
	if code := strings.TrimSpace(it.VisitCode); code != "" {
		if a == nil || !h.visitCodes(a.Code) {
			errs["visit_code"] = "instansi ini tidak memakai kode kunjungan"
		} else if serial, ok := h.opts.VisitCodes.Check(a.Code, code); !ok {
			errs["visit_code"] = "kode kunjungan tidak sah; periksa kembali kode pada tanda terima"
		} else {
			// One code, one response: the id comes from the code.
			r.ID = visitResponseID(a.Code, serial)
		}
	}
	switch r.Channel {
	case "":
		r.Channel = survey.ChannelWeb
	case survey.ChannelWeb, survey.ChannelKiosk, survey.ChannelPaper:
	default:
		errs["channel"] = "kanal harus web, kiosk atau paper"
	}
	for code, v := range it.Answers {
		e, ok := survey.ElementByCode(code)
		if !ok {
			errs["answers."+code] = "unsur tidak dikenal; gunakan U1 sampai U9"
			continue
		}
		if v < 0 || v > 4 {
			errs["answers."+code] = "Jawaban harus bernilai 1 sampai 4."
			continue
		}
		r.Answers[e.Index()] = uint8(v)
	}
	now := h.opts.Now()
	if it.SubmittedAt != "" {
		t, err := time.Parse(time.RFC3339, it.SubmittedAt)
		if err != nil {
			errs["submitted_at"] = "gunakan format RFC 3339, misalnya 2026-10-14T10:00:00+07:00"
		} else {
			r.SubmittedAt = t
		}
	}
	for k, v := range it.Extra {
		q, ok := extraQuestion(a, k)
		if !ok {
			errs["extra."+k] = "pertanyaan tambahan tidak dikenal pada instansi ini"
			continue
		}
		val, ok := extraAnswer(q, strings.TrimSpace(v))
		if !ok {
			errs["extra."+k] = "Pilih salah satu jawaban yang tersedia."
			continue
		}
		r.Extra = append(r.Extra, survey.ExtraAnswer{Key: k, Value: val})
	}
	for k, v := range r.Validate(survey.Rules{AllowBlankAnswers: r.Channel == survey.ChannelPaper, Now: now}) {
		key := k
		switch {
		case strings.HasPrefix(k, "U"):
			key = "answers." + k
		case k == "umur" || k == "jenis_kelamin" || k == "pendidikan" || k == "pekerjaan":
			key = "respondent." + k
		}
		if _, set := errs[key]; !set {
			errs[key] = v
		}
	}
	if len(errs) == 0 {
		return r, nil
	}
	return r, errs
}

func extraQuestion(a *standard.Agency, key string) (standard.ExtraQuestion, bool) {
	if a == nil {
		return standard.ExtraQuestion{}, false
	}
	for _, q := range a.ExtraQuestions {
		if q.Key == key {
			return q, true
		}
	}
	return standard.ExtraQuestion{}, false
}

// caller identifies the request's sender (Options.Caller).
func (h *Handler) caller(c *gin.Context) (Caller, bool, error) {
	if h.opts.Caller == nil {
		return Caller{}, false, nil
	}
	return h.opts.Caller(c)
}

// auditBatch writes one audit line per agency and period for what an entitled caller sent:
// who, how many, and through which channel.
func (h *Handler) auditBatch(c *gin.Context, caller Caller, rs []*survey.Response, periods []string) {
	type scope struct{ agency, period, channel string }
	counts := map[scope]int{}
	var order []scope
	for i, r := range rs {
		k := scope{r.Agency, periods[i], r.Channel}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	for _, k := range order {
		detail := fmt.Sprintf("%d respons periode %s lewat %s oleh %s (%s)", counts[k], k.period, k.channel, caller.Actor, caller.Role)
		if err := h.opts.Audit(c.Request.Context(), caller, k.agency, "responses.submit", detail); err != nil {
			h.opts.Logger.Error("api: audit of submitted responses failed", "agency", k.agency, "err", err)
		}
	}
}
