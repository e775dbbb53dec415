package dashboards

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// The web import's staged files: an upload waits in ImportDir under a one-time token until "Simpan".

// importTTL is how long a checked file waits for "Simpan".
const importTTL = time.Hour

// stagedImport describes a checked file waiting for "Simpan", beside it in ImportDir.
type stagedImport struct {
	Agency, Kind, User, Name, Ext string
	At                            time.Time
}

// stageImport keeps an uploaded file in ImportDir under a new token until "Simpan", and
// removes files left longer than importTTL.
func (s *Staff) stageImport(c *gin.Context, fh *multipart.FileHeader, agency, kind, name string) (token, path string, err error) {
	if err := os.MkdirAll(s.opts.ImportDir, 0o700); err != nil {
		return "", "", fmt.Errorf("import dir: %w", err)
	}
	s.sweepImports()
	token = newImportToken()
	st := stagedImport{Agency: agency, Kind: kind, User: principal(c).Username, Name: name, Ext: strings.ToLower(filepath.Ext(name)), At: s.opts.Now()}
	base := filepath.Join(s.opts.ImportDir, token)
	in, err := fh.Open()
	if err != nil {
		return "", "", fmt.Errorf("import upload: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(base+st.Ext, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", "", fmt.Errorf("import staging: %w", err)
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	meta, _ := json.Marshal(st)
	if err == nil {
		err = os.WriteFile(base+".json", meta, 0o600)
	}
	if err != nil {
		s.dropImport(token)
		return "", "", fmt.Errorf("import staging: %w", err)
	}
	return token, base + st.Ext, nil
}

// sweepImports removes staged files older than importTTL.
func (s *Staff) sweepImports() {
	entries, _ := os.ReadDir(s.opts.ImportDir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && s.opts.Now().Sub(info.ModTime()) > 2*importTTL {
			_ = os.Remove(filepath.Join(s.opts.ImportDir, e.Name()))
		}
	}
}

// claimImport takes the staged file of token for agency and user, once: the loser of two
// concurrent "Simpan" gets nothing.
func (s *Staff) claimImport(token, agency, user string) (stagedImport, string, bool) {
	var st stagedImport
	if len(token) != 32 || strings.Trim(token, "0123456789abcdef") != "" {
		return st, "", false
	}
	base := filepath.Join(s.opts.ImportDir, token)
	raw, err := os.ReadFile(base + ".json")
	if err != nil || json.Unmarshal(raw, &st) != nil || st.Agency != agency || st.User != user || s.opts.Now().Sub(st.At) > importTTL {
		return st, "", false
	}
	if err := os.Rename(base+".json", base+".claimed"); err != nil {
		return st, "", false
	}
	return st, base + st.Ext, true
}

// dropImport removes a staged file and its description.
func (s *Staff) dropImport(token string) {
	matches, _ := filepath.Glob(filepath.Join(s.opts.ImportDir, token+".*"))
	for _, m := range matches {
		_ = os.Remove(m)
	}
}

func newImportToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
