package dashboards

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
)

type tokensView struct {
	pageBase
	Tokens   []reports.Token
	Agencies []*standard.Agency // for which the actor may make tokens
	Form     map[string]string
	Errors   map[string]string
	Done     string
	Error    string
}

type tokenCreatedView struct {
	pageBase
	Token, ID, Name, For string
}

func (s *Staff) tokensView(c *gin.Context) *tokensView {
	by := actor(c)
	v := &tokensView{pageBase: s.base(c, "Token API"), Form: map[string]string{}, Errors: map[string]string{}}
	v.Agencies = s.managedAgencies(by)
	list, err := s.accountAdmin.Tokens(c.Request.Context(), by, "")
	if err != nil {
		s.opts.Logger.Error("tokens", "err", err)
		v.Error = "Daftar token sementara tidak dapat dimuat. Coba lagi sebentar lagi."
	}
	v.Tokens = list
	return v
}

// tokens: GET /admin/token — the API tokens of every agency (admin) or of the head's own,
// and the form for a new one.
func (s *Staff) tokens(c *gin.Context) {
	if s.noAccountAdmin(c, "token") {
		return
	}
	v := s.tokensView(c)
	if id, ok := revokedID(c); ok {
		v.Done = "Token " + id + " dicabut. Mesin yang memakainya ditolak paling lambat satu menit lagi."
	}
	s.render(c, http.StatusOK, "tokens", v)
}

// revokedID is the token id in the ?dicabut= of the redirect after a revocation, if it is one.
func revokedID(c *gin.Context) (string, bool) {
	id := c.Query("dicabut")
	return id, id != "" && len(id) <= 32 && strings.Trim(id, "0123456789abcdef") == ""
}

// tokenCreate: POST /admin/token — makes a token; the answer shows it once, never cached.
func (s *Staff) tokenCreate(c *gin.Context) {
	if s.noAccountAdmin(c, "token") {
		return
	}
	v := s.tokensView(c)
	v.Form["name"], v.Form["agency"] = strings.TrimSpace(c.PostForm("name")), strings.TrimSpace(c.PostForm("agency"))
	if principal(c).Role == RoleHead {
		v.Form["agency"] = principal(c).Agency
	}
	token, id, err := s.accountAdmin.CreateToken(c.Request.Context(), actor(c), v.Form["agency"], v.Form["name"])
	if s.tokenRefused(c, err, v) {
		return
	}
	c.Header("Cache-Control", "no-store")
	forName := v.Form["agency"]
	if a, ok := s.opts.Set.Agency(forName); ok {
		forName = a.Name
	}
	s.render(c, http.StatusOK, "token_created", &tokenCreatedView{pageBase: s.base(c, "Token API dibuat"),
		Token: token, ID: id, Name: v.Form["name"], For: forName})
}

// tokenRevoke: POST /admin/token/cabut — stops a token from working.
func (s *Staff) tokenRevoke(c *gin.Context) {
	if s.noAccountAdmin(c, "token") {
		return
	}
	id := strings.TrimSpace(c.PostForm("id"))
	if s.tokenRefused(c, s.accountAdmin.RevokeToken(c.Request.Context(), actor(c), "", id), nil) {
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/token?dicabut="+url.QueryEscape(id))
}

// tokenRefused answers a refused or failed token change and reports whether it did.
func (s *Staff) tokenRefused(c *gin.Context, err error, v *tokensView) bool {
	if err == nil {
		return false
	}
	ae := s.accountError(c, err, "token change", "Perubahan token belum tersimpan atau belum tercatat. Periksa daftar token, lalu ulangi bila perlu.")
	if ae == nil {
		return true
	}
	if v == nil {
		v = s.tokensView(c)
		v.Error = sentence(ae.Message)
	} else {
		v.Errors[ae.Field] = sentence(ae.Message)
	}
	s.render(c, ae.Status, "tokens", v)
	return true
}
