package web

import (
	"bytes"
	"encoding/json"
	"errors"
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
}

type apiResult struct {
	ID     string            `json:"id,omitempty"`
	Period string            `json:"period,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

// apiResponses accepts one response, or {"responses":[…]}. A batch is all or nothing: if any
// response is invalid, none is stored and the errors are returned per response.
func (h *Handler) apiResponses(c *gin.Context) {
	if !h.limiter.allowAPI(c) {
		h.opts.OnReject("rate")
		c.JSON(http.StatusTooManyRequests, gin.H{"error": "terlalu banyak permintaan; coba lagi sebentar lagi"})
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
	responses := make([]*survey.Response, len(items))
	results := make([]apiResult, len(items))
	invalid := false
	for i, it := range items {
		r, errs := h.apiToResponse(it)
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
	if !batch {
		c.JSON(http.StatusAccepted, results[0])
		return
	}
	c.JSON(http.StatusAccepted, gin.H{"responses": results})
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
