package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	qrcode "github.com/skip2/go-qrcode"
)

// surveyURL is the address printed on posters and encoded in QR codes: always under the
// configured public URL, never the request's Host header (which anyone can forge, and the
// codes are cached publicly). Without a public URL it answers the request and reports false.
func (h *Handler) surveyURL(c *gin.Context) (string, bool) {
	if h.opts.PublicURL == "" {
		c.Header("Cache-Control", "no-store")
		c.String(http.StatusNotFound, "Poster dan kode QR belum tersedia: alamat publik skm belum diatur (skm serve --public-url).\n"+
			"Poster and QR code unavailable: skm's public address is not configured (skm serve --public-url).\n")
		return "", false
	}
	return h.opts.PublicURL + "/s/" + c.Param("agency") + "/" + c.Param("service"), true
}

func (h *Handler) qrPNG(c *gin.Context) {
	if _, _, ok := h.scope(c); !ok {
		return
	}
	u, ok := h.surveyURL(c)
	if !ok {
		return
	}
	png, err := qrcode.Encode(u, qrcode.Medium, 512)
	if err != nil {
		_ = c.Error(err)
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, "image/png", png)
}

func (h *Handler) qrSVG(c *gin.Context) {
	if _, _, ok := h.scope(c); !ok {
		return
	}
	u, ok := h.surveyURL(c)
	if !ok {
		return
	}
	svg, err := qrSVG(u)
	if err != nil {
		_ = c.Error(err)
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, "image/svg+xml", []byte(svg))
}

// qrSVG draws the QR code of content as SVG: one path of unit squares, crisp at any print size.
func qrSVG(content string) (string, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("qr: %w", err)
	}
	bits := q.Bitmap() // includes the quiet zone
	n := len(bits)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="QR">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x, on := range row {
			if on {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}
