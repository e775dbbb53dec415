package dashboards

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"skm/standard"
)

// fakeImporter previews a file by its content: a line "rusak" is a problem, a line with
// "#" is numbered; it counts the stores and knows the lines it stored.
type fakeImporter struct {
	mu     sync.Mutex
	stored []string
	lines  map[string]bool
}

func (f *fakeImporter) CheckImport(_ context.Context, a *standard.Agency, kind, path string) (ImportPreview, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ImportPreview{}, err
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	p := ImportPreview{Rows: len(lines) - 1, Counts: []ImportCount{{By: "layanan", Value: a.Services[1].Code, N: len(lines) - 1}}}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, l := range lines {
		if l == "rusak" {
			p.Problems = append(p.Problems, "baris "+strconv.Itoa(i+1)+", kolom layanan: layanan \"rusak\" tidak dikenal")
		}
		if i > 0 && strings.Contains(l, "#") {
			p.Numbered++
		}
		if i > 0 && f.lines[l] {
			p.Known++
		}
	}
	return p, nil
}

func (f *fakeImporter) StoreImport(ctx context.Context, a *standard.Agency, kind, path, by string) (ImportPreview, error) {
	p, err := f.CheckImport(ctx, a, kind, path)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stored = append(f.stored, kind+" "+a.Code+" "+by)
	raw, _ := os.ReadFile(path)
	if f.lines == nil {
		f.lines = map[string]bool{}
	}
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n")[1:] {
		f.lines[l] = true
	}
	p.Stored = p.Rows - p.Known
	return p, err
}

// upload posts a multipart import form as the user of cookies.
func (f *staffFixture) upload(cookies []*http.Cookie, agency, kind, name, body string) *httptest.ResponseRecorder {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	_ = w.WriteField("jenis", kind)
	fw, _ := w.CreateFormFile("berkas", name)
	_, _ = fw.Write([]byte(body))
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/impor/"+agency, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

var tokenField = regexp.MustCompile(`name="token" value="([0-9a-f]{32})"`)

func TestImportPreviewThenSaveOnce(t *testing.T) {
	f := newStaffFixture(t)
	staf, kepala, other := f.login(t, "staf-kalbar"), f.login(t, "kepala-kalbar"), f.login(t, "staf-ntt")

	w := f.upload(staf, "bppd-kalbar", "responses", "kuesioner.csv", "judul\na\nrusak\nb\n")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "baris 3, kolom layanan: layanan &#34;rusak&#34; tidak dikenal") ||
		strings.Contains(w.Body.String(), `name="token"`) {
		t.Fatalf("a file with problems: %d, want 422 with the row's message and no Simpan\n%s", w.Code, w.Body)
	}
	if w := f.upload(staf, "bppd-kalbar", "responses", "kuesioner.txt", "x\n"); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Gunakan berkas .csv atau .xlsx") {
		t.Errorf("a .txt file: %d", w.Code)
	}
	if w := f.upload(kepala, "bppd-kalbar", "responses", "kuesioner.csv", "judul\na\n"); w.Code != http.StatusForbidden {
		t.Errorf("a head uploads: %d, want 403 (heads read only)", w.Code)
	}

	w = f.upload(staf, "bppd-kalbar", "responses", "kuesioner.csv", "judul\na\nb #7\n")
	m := tokenField.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil || !strings.Contains(w.Body.String(), "2 baris dibaca") ||
		!strings.Contains(w.Body.String(), "1 kuesioner dikenali dari nomornya dan 1 dari isinya") ||
		!strings.Contains(w.Body.String(), "<strong>2 kuesioner baru</strong> akan disimpan.") {
		t.Fatalf("a clean file: %d, want 200 with a Simpan form, how rows are known and that both are new\n%s", w.Code, w.Body)
	}
	token := url.Values{"token": {m[1]}}
	if w := f.do(http.MethodPost, "/impor/bppd-kalbar/simpan", kepala, token); w.Code != http.StatusForbidden {
		t.Errorf("a head saves: %d", w.Code)
	}
	if w := f.do(http.MethodPost, "/impor/bppd-ntt/simpan", other, token); w.Code != http.StatusGone {
		t.Errorf("another agency's staff with the token: %d, want 410", w.Code)
	}
	w = f.do(http.MethodPost, "/impor/bppd-kalbar/simpan", staf, token)
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/impor/bppd-kalbar?") {
		t.Fatalf("save: %d %s", w.Code, w.Header().Get("Location"))
	}
	if len(f.importer.stored) != 1 || f.importer.stored[0] != "responses bppd-kalbar impor:kuesioner.csv oleh staf-kalbar" {
		t.Errorf("stored %q, want once, recorded as imported by staf-kalbar from kuesioner.csv", f.importer.stored)
	}
	if w := f.do(http.MethodPost, "/impor/bppd-kalbar/simpan", staf, token); w.Code != http.StatusGone || len(f.importer.stored) != 1 {
		t.Errorf("the same token again: %d, stored %d times", w.Code, len(f.importer.stored))
	}
	if w := f.upload(staf, "bppd-kalbar", "responses", "kuesioner.csv", "judul\na\nb #7\nc\n"); w.Code != http.StatusOK ||
		!strings.Contains(w.Body.String(), "<strong>1 kuesioner baru</strong> akan disimpan; 2 sudah tersimpan dari impor sebelumnya") {
		t.Errorf("the file with a row added: %d, want the preview to say 1 new and 2 stored already\n%s", w.Code, w.Body)
	}
	if w := f.do(http.MethodGet, "/impor/bppd-kalbar?disimpan=2&dibaca=2&berkas=kuesioner.csv&jenis=responses", staf, nil); !strings.Contains(w.Body.String(), "Berkas kuesioner.csv disimpan: 2 baris dibaca, 2 baris baru disimpan") {
		t.Errorf("summary:\n%s", w.Body)
	}
	if log, _ := f.audit.AuditLog(context.Background(), "bppd-kalbar", "import.responses", 10); len(log) != 1 || log[0].Target != "kuesioner.csv" || log[0].Username != "staf-kalbar" || log[0].Detail != "2 baris dibaca, 2 disimpan" {
		t.Errorf("audit: %+v", log)
	}
	for _, who := range [][]*http.Cookie{staf, kepala} {
		if w := f.do(http.MethodGet, "/dashboard/bppd-kalbar", who, nil); !strings.Contains(w.Body.String(), `<a href="/impor/bppd-kalbar">Impor</a>`) {
			t.Errorf("the navigation has no link to the import page: %d", w.Code)
		}
	}
	if w := f.do(http.MethodGet, "/impor/bppd-kalbar", kepala, nil); w.Code != http.StatusOK || strings.Contains(w.Body.String(), `enctype="multipart/form-data"`) {
		t.Errorf("a head's page: %d, want it without the upload form", w.Code)
	}
}

// TestImportFileNameIsCleaned: the name a browser (or a hostile caller) gives the uploaded
// file goes into the preview, the audit log and every imported case's history, so it is
// cut to its last path element (Windows paths too), freed of control and bidirectional
// formatting characters, and shortened.
func TestImportFileNameIsCleaned(t *testing.T) {
	f := newStaffFixture(t)
	staf := f.login(t, "staf-kalbar")
	for _, tc := range []struct{ sent, want string }{
		{"evil%0A%1B%5B31mred%E2%80%AEvsc.csv", "evil[31mredvsc.csv"},
		{"C%3A%5CUsers%5Cbudi%5CDesktop%5Ckasus.csv", "kasus.csv"},
		{strings.Repeat("a", 300) + ".csv", strings.Repeat("a", 95) + "….csv"},
	} {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		_ = mw.WriteField("jenis", "cases")
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="berkas"; filename*=UTF-8''`+tc.sent)
		h.Set("Content-Type", "text/csv")
		pw, _ := mw.CreatePart(h)
		_, _ = pw.Write([]byte("judul\na\n"))
		_ = mw.Close()
		req := httptest.NewRequest(http.MethodPost, "/impor/bppd-kalbar", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		for _, c := range staf {
			req.AddCookie(c)
		}
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		m := tokenField.FindStringSubmatch(w.Body.String())
		if w.Code != http.StatusOK || m == nil {
			t.Fatalf("upload %q: %d\n%s", tc.sent, w.Code, w.Body)
		}
		if w := f.do(http.MethodPost, "/impor/bppd-kalbar/simpan", staf, url.Values{"token": {m[1]}}); w.Code != http.StatusSeeOther {
			t.Fatalf("save %q: %d", tc.sent, w.Code)
		}
		if by := f.importer.stored[len(f.importer.stored)-1]; by != "cases bppd-kalbar impor:"+tc.want+" oleh staf-kalbar" {
			t.Errorf("%q recorded as %q, want the name %q", tc.sent, by, tc.want)
		}
	}
}

// A double click, or two tabs: many "Simpan" with the same token at once store the file once;
// every other press is told the file was saved already (410), none is a server fault.
func TestImportSaveTokenUsedOnceUnderRace(t *testing.T) {
	f := newStaffFixture(t)
	staf := f.login(t, "staf-kalbar")
	w := f.upload(staf, "bppd-kalbar", "responses", "kuesioner.csv", "judul\na\nb\n")
	m := tokenField.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil {
		t.Fatalf("upload: %d", w.Code)
	}
	token := url.Values{"token": {m[1]}}
	const presses = 16
	codes := make([]int, presses)
	var wg sync.WaitGroup
	for i := range presses {
		wg.Go(func() { codes[i] = f.do(http.MethodPost, "/impor/bppd-kalbar/simpan", staf, token).Code })
	}
	wg.Wait()
	saved, gone := 0, 0
	for _, c := range codes {
		switch c {
		case http.StatusSeeOther:
			saved++
		case http.StatusGone:
			gone++
		}
	}
	if saved != 1 || gone != presses-1 || len(f.importer.stored) != 1 {
		t.Errorf("%d presses at once: %d saved, %d told it was saved, %d stores; want 1, %d, 1 (codes %v)", presses, saved, gone, len(f.importer.stored), presses-1, codes)
	}
}
