package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"skm/survey"
)

type fakeResults struct {
	tally survey.Tally
	// byPeriod, when set, is the tally of each period (by code; none: no responses) instead
	// of tally for every scope.
	byPeriod     map[string]survey.Tally
	pop          uint64
	got          survey.Scope
	revision     survey.Revision
	followUps    []survey.FollowUp
	publications []survey.Publication
	// asked counts the follow-up plans and publications asked for, by period code.
	asked map[string]int
}

func (f *fakeResults) IKM(_ context.Context, s survey.Scope) (survey.Tally, error) {
	f.got = s
	if f.byPeriod != nil {
		return f.byPeriod[s.Period.Code()], nil
	}
	return f.tally, nil
}

func (f *fakeResults) FollowUps(_ context.Context, _ string, p survey.Period) ([]survey.FollowUp, error) {
	f.count(p)
	return f.followUps, nil
}

func (f *fakeResults) Publications(_ context.Context, _ string, p survey.Period) ([]survey.Publication, error) {
	f.count(p)
	return f.publications, nil
}

func (f *fakeResults) count(p survey.Period) {
	if f.asked == nil {
		f.asked = map[string]int{}
	}
	f.asked[p.Code()]++
}

func (f *fakeResults) Population(context.Context, survey.Scope) (uint64, error) { return f.pop, nil }

func (f *fakeResults) Revision(context.Context, string, survey.Period) (survey.Revision, error) {
	return f.revision, nil
}

func resultsServer(t *testing.T, res *fakeResults) *gin.Engine {
	t.Helper()
	return newServer(t, Options{Results: res})
}

func TestIKMAPIExactAtTheBoundary(t *testing.T) {
	// U1..U8 NRR 3,5; U9 NRR 3,7898 → IKM 88,305 exactly → 88,31 A.
	res := &fakeResults{pop: 1000, tally: survey.Tally{Respondents: 5000,
		Answers: [9]uint64{2, 2, 2, 2, 2, 2, 2, 2, 5000}, Sum: [9]uint64{7, 7, 7, 7, 7, 7, 7, 7, 18949}}}
	srv := resultsServer(t, res)
	w := do(srv, http.MethodGet, "/api/v1/agencies/bppd-kalbar/ikm?period=2026-S2&service=konsultasi", nil)
	if w.Code != 200 {
		t.Fatalf("status %d %s", w.Code, w.Body)
	}
	var got struct {
		Agency, Period, Service, Mutu, Kinerja string
		Respondents                            uint64
		IKM                                    float64 `json:"ikm"`
		IKMRounded                             float64 `json:"ikm_rounded"`
		Elements                               []struct {
			Code, Name, Mutu string
			Answers          uint64
			NRR, IKM         float64
		}
		Sample struct{ Population, Required, Collected uint64 }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.IKMRounded != 88.31 || got.Mutu != "A" || got.Kinerja != "Sangat Baik" || got.Service != "konsultasi" || got.Period != "2026-S2" {
		t.Errorf("got %+v", got)
	}
	if got.IKM < 88.3049 || got.IKM > 88.3051 {
		t.Errorf("ikm (full precision) %v", got.IKM)
	}
	u9 := got.Elements[8]
	if u9.Code != "U9" || u9.Name != "Sarana dan Prasarana" || u9.NRR != 3.79 || u9.IKM != 94.75 || u9.Mutu != "A" || u9.Answers != 5000 {
		t.Errorf("U9 %+v", u9)
	}
	if got.Elements[0].NRR != 3.5 || got.Elements[0].IKM != 87.5 || got.Elements[0].Mutu != "B" {
		t.Errorf("U1 %+v", got.Elements[0])
	}
	if got.Sample != (struct{ Population, Required, Collected uint64 }{1000, 278, 5000}) {
		t.Errorf("sample %+v", got.Sample)
	}
	if res.got.Agency != "bppd-kalbar" || res.got.Service != "konsultasi" || res.got.Period.Code() != "2026-S2" {
		t.Errorf("asked for %+v", res.got)
	}
}

func TestIKMAPIWithoutAnswersAndBadInput(t *testing.T) {
	res := &fakeResults{}
	srv := resultsServer(t, res)
	w := do(srv, http.MethodGet, "/api/v1/agencies/bppd-ntt/ikm", nil)
	var got map[string]any
	_ = json.Unmarshal(w.Body.Bytes(), &got)
	if w.Code != 200 || got["ikm"] != nil || got["mutu"] != nil || got["period"] != "2026-S2" {
		t.Errorf("no answers: %d %s", w.Code, w.Body)
	}
	for path, want := range map[string]int{
		"/api/v1/agencies/nope/ikm":                        404,
		"/api/v1/agencies/bppd-ntt/ikm?period=2026-S3":     400,
		"/api/v1/agencies/bppd-ntt/ikm?service=konsultasi": 404,
	} {
		if w := do(srv, http.MethodGet, path, nil); w.Code != want {
			t.Errorf("%s: %d, want %d", path, w.Code, want)
		}
	}
}

func TestPublicResultsPage(t *testing.T) {
	var tl survey.Tally
	for range 40 {
		tl.Add(&survey.Response{Answers: [9]uint8{4, 4, 3, 4, 4, 4, 4, 3, 4}})
	}
	srv := resultsServer(t, &fakeResults{tally: tl})
	w := do(srv, http.MethodGet, "/hasil/bppd-kalbar", nil)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	// (7×4 + 2×3)/9 × 25 = 94,444… → 94,44 A.
	for _, want := range []string{"Semester I 2026", "94,44", "Mutu A (Sangat Baik)", "Fasilitasi Rapat/Audiensi",
		"Semester II 2024", "Semester I 2025", "Semester II 2025", "U9 Sarana dan Prasarana", "40 responden",
		"(1 Januari 2026 – 30 Juni 2026)", "data s.d. "} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script") || len(body) > 30*1024 {
		t.Errorf("results page: script or %d bytes", len(body))
	}
	tv := do(srv, http.MethodGet, "/hasil/bppd-kalbar?tv=1", nil).Body.String()
	if !strings.Contains(tv, `<meta http-equiv="refresh" content="300">`) || !strings.Contains(tv, "Per unsur") ||
		!strings.Contains(tv, "U9 Sarana dan Prasarana") || strings.Contains(tv, "Rencana tindak lanjut") {
		t.Error("TV variant: no refresh, no per-element table, or the plan a screen cannot show")
	}
	if w := do(srv, http.MethodGet, "/hasil/nope", nil); w.Code != 404 {
		t.Errorf("unknown agency: %d", w.Code)
	}
	if strings.Contains(body, "direvisi") {
		t.Error("an unrevised period says it was revised")
	}
	// Responses stored after the publication (a reopening) are said, with the date.
	wib := time.FixedZone("WIB", 7*3600)
	revised := resultsServer(t, &fakeResults{tally: tl, revision: survey.Revision{Responses: 35,
		PublishedAt: time.Date(2026, 7, 10, 3, 0, 0, 0, wib), At: time.Date(2026, 8, 12, 9, 0, 0, 0, wib)}})
	if body := do(revised, http.MethodGet, "/hasil/bppd-kalbar", nil).Body.String(); !strings.Contains(body,
		"Hasil periode ini direvisi 12 Agustus 2026: 35 respons masuk setelah hasil dipublikasikan 10 Juli 2026") {
		t.Errorf("revised results page lacks the revision note")
	}
}
