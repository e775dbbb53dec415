package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"skm/survey/pagetest"
)

// TestRouterFallbacksSpeakIndonesian: the answers the router gives itself (a method a path
// does not serve, a panic) carry no English, unlike gin's defaults.
func TestRouterFallbacksSpeakIndonesian(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(requestID(), recovery(slog.New(slog.NewTextHandler(io.Discard, nil))))
	r.GET("/halaman", func(c *gin.Context) { panic("uji") })
	r.NoMethod(methodNotAllowed)
	for method, want := range map[string]int{http.MethodGet: http.StatusInternalServerError, http.MethodPost: http.StatusMethodNotAllowed} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, "/halaman", nil))
		text := pagetest.Text(w.Body.String())
		if w.Code != want || text == "" {
			t.Errorf("%s: %d %q, want %d", method, w.Code, text, want)
		}
		if en := pagetest.English(text); len(en) > 0 || strings.Contains(text, "(") {
			t.Errorf("%s: %q has English %v", method, text, en)
		}
	}
}
