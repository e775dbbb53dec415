package dashboards

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// staticFiles serves the embedded assets (our CSS and JS, the vendored ECharts with its
// licence files) from memory, with an ETag, a gzip copy made once on first use, and long
// caching for the versioned vendor files. Nothing is fetched from the internet: the
// dashboard works on an intranet without one.
type staticFiles struct {
	fsys  fs.FS
	mu    sync.Mutex
	cache map[string]*asset
}

type asset struct {
	body, gz []byte
	etag     string
	ctype    string
}

func staticHandler(fsys fs.FS) *staticFiles {
	return &staticFiles{fsys: fsys, cache: map[string]*asset{}}
}

func (s *staticFiles) load(name string) (*asset, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.cache[name]; ok {
		return a, nil
	}
	body, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	a := &asset{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: mime.TypeByExtension(path.Ext(name))}
	if a.ctype == "" {
		a.ctype = "text/plain; charset=utf-8"
	}
	if len(body) > 1024 && !strings.HasPrefix(a.ctype, "image/png") {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(body)
		if zw.Close() == nil {
			a.gz = buf.Bytes()
		}
	}
	s.cache[name] = a
	return a, nil
}

// staticFile: GET /static/*file.
func (s *Staff) staticFile(c *gin.Context) {
	name := strings.TrimPrefix(path.Clean(c.Param("file")), "/")
	a, err := s.static.load(name)
	if err != nil || name == "" || name == "." {
		c.String(http.StatusNotFound, "Berkas tidak ditemukan. (File not found.)\n")
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	h.Set("Vary", "Accept-Encoding")
	if strings.HasPrefix(name, "vendor/") {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if c.GetHeader("If-None-Match") == a.etag {
		c.Status(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gz != nil && strings.Contains(c.GetHeader("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	c.Data(http.StatusOK, a.ctype, body)
}
