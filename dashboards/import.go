package dashboards

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
)

// Import kinds: paper questionnaires, or cases (our template or an SP4N-LAPOR! export).
const (
	ImportResponses = "responses"
	ImportCases     = "cases"
)

// Importer checks and stores the files of the web import; cmd/skm fills it in with the same
// importers as skm import.
type Importer interface {
	// CheckImport reads the file at path, of kind ImportResponses or ImportCases, for agency
	// a, and stores nothing. The file's problems are in the preview; an error is a failure
	// to check it.
	CheckImport(ctx context.Context, a *standard.Agency, kind, path string) (ImportPreview, error)
	// StoreImport stores the file, all or nothing, as recorded by by ("impor:" with the
	// file's name and who saved it, for the cases' history). If it has problems now (a
	// period closed meanwhile), nothing is stored and they are in the preview.
	StoreImport(ctx context.Context, a *standard.Agency, kind, path, by string) (ImportPreview, error)
}

// ImportPreview is what a file holds and would store.
type ImportPreview struct {
	// Rows are the rows read (blank rows not counted); Skipped those that are not cases
	// (SP4N-LAPOR! reports in "arsip").
	Rows, Skipped int
	// Stored is how many rows were new, after StoreImport; the rest were stored already.
	Stored int
	// Known is how many questionnaires are stored already (a re-import): storing the file
	// stores just the others. Numbered is how many are known by their questionnaire number;
	// the others by their content.
	Known, Numbered int
	// Source names the file's format when it is not our template ("ekspor SP4N-LAPOR!").
	Source string
	// Counts are the rows per service, period or month, and status.
	Counts []ImportCount
	// Problems are the file's problems, each as "baris N, kolom X: …".
	Problems []string
	// Stopped says checking stopped at the first problems of a badly broken file: there may
	// be more than Problems shows.
	Stopped bool
}

// ByContent is how many questionnaires are known by their content (they have no number).
func (p ImportPreview) ByContent() int { return p.Rows - p.Numbered }

// Fresh is how many questionnaires storing the file would store.
func (p ImportPreview) Fresh() int { return p.Rows - p.Known }

// ImportCount is how many rows of a file have one value of a field.
type ImportCount struct {
	By    string // "layanan", "periode", "bulan" or "status"
	Value string
	N     int
}

type importView struct {
	pageBase
	Kind, Name string
	Token      string
	Preview    *ImportPreview
	Done       map[string]string
	Errors     map[string]string
	CanImport  bool
}

// importPage: GET /impor/{agency} — the upload form, or the summary after "Simpan".
func (s *Staff) importPage(c *gin.Context) {
	v := s.importView(c)
	if c.Query("disimpan") != "" {
		v.Done = map[string]string{"stored": c.Query("disimpan"), "rows": c.Query("dibaca"), "name": c.Query("berkas"), "kind": c.Query("jenis")}
	}
	s.render(c, http.StatusOK, "import", v)
}

func (s *Staff) importView(c *gin.Context) *importView {
	return &importView{pageBase: s.base(c, "Impor berkas"), Errors: map[string]string{}, CanImport: can(principal(c).Role, record)}
}

// importCheck: POST /impor/{agency} — a multipart form with jenis and berkas; the answer is
// the preview (422 when the file has problems), with a token for "Simpan" when it is clean.
func (s *Staff) importCheck(c *gin.Context) {
	v := s.importView(c)
	if s.opts.Importer == nil || s.opts.ImportDir == "" {
		s.errorPage(c, http.StatusServiceUnavailable, "Impor lewat peramban belum diaktifkan di server ini.")
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.opts.ImportMaxBytes+1<<20)
	v.Kind = c.PostForm("jenis")
	if v.Kind != ImportResponses && v.Kind != ImportCases {
		v.Errors["jenis"] = "Pilih jenis berkas: kuesioner kertas atau kasus."
	}
	fh, err := c.FormFile("berkas")
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || (err == nil && fh.Size > s.opts.ImportMaxBytes):
		v.Errors["berkas"] = fmt.Sprintf("Berkas terlalu besar (batas %d MB); bagi menjadi beberapa berkas.", s.opts.ImportMaxBytes>>20)
	case err != nil:
		v.Errors["berkas"] = "Pilih berkas CSV atau XLSX."
	default:
		v.Name = importFileName(fh.Filename)
		if ext := strings.ToLower(filepath.Ext(v.Name)); ext != ".csv" && ext != ".xlsx" {
			v.Errors["berkas"] = "Gunakan berkas .csv atau .xlsx (templat tersedia di bawah)."
		}
	}
	if len(v.Errors) > 0 {
		s.render(c, http.StatusUnprocessableEntity, "import", v)
		return
	}
	a, _ := s.opts.Set.Agency(c.Param("agency"))
	token, path, err := s.stageImport(c, fh, a.Code, v.Kind, v.Name)
	if err != nil {
		s.opts.Logger.Error("import staging", "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Berkas belum dapat diterima. Ulangi sebentar lagi.")
		return
	}
	p, err := s.opts.Importer.CheckImport(c.Request.Context(), a, v.Kind, path)
	if err != nil {
		s.dropImport(token)
		s.opts.Logger.Error("import check", "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Berkas belum dapat diperiksa. Ulangi sebentar lagi.")
		return
	}
	v.Preview = &p
	if len(p.Problems) > 0 {
		s.dropImport(token)
		s.render(c, http.StatusUnprocessableEntity, "import", v)
		return
	}
	v.Token = token
	s.render(c, http.StatusOK, "import", v)
}

// maxImportNameRunes bounds the name of an uploaded file as kept in the audit log and the
// imported cases' history.
const maxImportNameRunes = 100

// importFileName is the name of an uploaded file as the preview, the audit log and the
// cases' history show it: the last element of the path the browser sent (older browsers
// send the whole Windows path), without control or bidirectional formatting characters
// (which could break or reorder the history's line), at most maxImportNameRunes runes with
// the extension kept.
func importFileName(sent string) string {
	name := filepath.Base(strings.ReplaceAll(strings.ToValidUTF8(sent, ""), `\`, "/"))
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name))
	if utf8.RuneCountInString(name) <= maxImportNameRunes {
		return name
	}
	ext := filepath.Ext(name)
	if utf8.RuneCountInString(ext) > 10 {
		ext = ""
	}
	keep := []rune(strings.TrimSuffix(name, ext))[:maxImportNameRunes-1-utf8.RuneCountInString(ext)]
	return string(keep) + "…" + ext
}

// importSave: POST /impor/{agency}/simpan — stores the checked file of the token, all or
// nothing, audits it, and answers 303 to the summary. A token is used once, by the account
// and for the agency that uploaded the file.
func (s *Staff) importSave(c *gin.Context) {
	if s.opts.Importer == nil || s.opts.ImportDir == "" {
		s.errorPage(c, http.StatusServiceUnavailable, "Impor lewat peramban belum diaktifkan di server ini.")
		return
	}
	token := c.PostForm("token")
	st, path, ok := s.claimImport(token, c.Param("agency"), principal(c).Username)
	if !ok {
		s.errorPage(c, http.StatusGone, "Berkas ini sudah disimpan atau sudah kedaluwarsa. Unggah ulang berkasnya untuk memeriksa lagi.")
		return
	}
	defer s.dropImport(token)
	a, _ := s.opts.Set.Agency(st.Agency)
	p, err := s.opts.Importer.StoreImport(c.Request.Context(), a, st.Kind, path, "impor:"+st.Name+" oleh "+st.User)
	if err != nil {
		s.opts.Logger.Error("import store", "err", err)
		s.errorPage(c, http.StatusServiceUnavailable, "Berkas belum tersimpan seluruhnya. Unggah dan simpan berkas yang sama lagi: baris yang sudah tersimpan tidak dihitung dua kali.")
		return
	}
	if len(p.Problems) > 0 {
		v := s.importView(c)
		v.Kind, v.Name, v.Preview = st.Kind, st.Name, &p
		s.render(c, http.StatusUnprocessableEntity, "import", v)
		return
	}
	s.audit(c, reports.AuditEntry{Agency: a.Code, Action: "import." + st.Kind, Target: st.Name,
		Detail: fmt.Sprintf("%d baris dibaca, %d disimpan", p.Rows, p.Stored)})
	q := url.Values{"disimpan": {strconv.Itoa(p.Stored)}, "dibaca": {strconv.Itoa(p.Rows)}, "berkas": {st.Name}, "jenis": {st.Kind}}
	c.Redirect(http.StatusSeeOther, "/impor/"+a.Code+"?"+q.Encode())
}
