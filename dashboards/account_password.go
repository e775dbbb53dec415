package dashboards

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"skm/reports"
)

type setPasswordView struct {
	pageBase
	Code    string
	Account reports.User
	Valid   bool // the code is known good: the password fields are shown
	Errors  map[string]string
	Error   string
}

// setPasswordForm: GET /akun/setel-sandi[?kode=…] — not signed in: the person whose
// account was added or reset opens the one-time link (or types the code) and is asked for a
// new password. An unknown, used or expired code answers 410.
func (s *Staff) setPasswordForm(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	v := &setPasswordView{pageBase: s.base(c, "Setel kata sandi"), Code: normalizeCode(c.Query("kode")), Errors: map[string]string{}}
	if s.noAccountAdmin(c, "akun") {
		return
	}
	if v.Code == "" {
		s.render(c, http.StatusOK, "set_password", v)
		return
	}
	u, _, err := s.accountAdmin.CodeAccount(c.Request.Context(), v.Code)
	if s.setPasswordRefused(c, err, v) {
		return
	}
	v.Account, v.Valid = u, true
	s.render(c, http.StatusOK, "set_password", v)
}

// setPasswordSubmit: POST /akun/setel-sandi — sets the password with the one-time code, uses
// the code up, ends the account's sessions, and sends the person to the login page.
func (s *Staff) setPasswordSubmit(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	v := &setPasswordView{pageBase: s.base(c, "Setel kata sandi"), Code: normalizeCode(c.PostForm("kode")), Errors: map[string]string{}}
	if s.noAccountAdmin(c, "akun") {
		return
	}
	password, again := c.PostForm("sandi"), c.PostForm("ulang")
	if len(password) > 1024 {
		password = password[:1024] // refused below as different from again, never hashed whole
	}
	u, err := s.accountAdmin.Redeem(c.Request.Context(), v.Code, password, again, c.GetString(RequestIDKey))
	if s.setPasswordRefused(c, err, v) {
		return
	}
	c.Redirect(http.StatusSeeOther, "/login?sandi=baru&u="+u.Username)
}

// setPasswordRefused answers a refused code or password: 410 for a code no longer valid
// (nothing more to do with it), the form again with the message otherwise.
func (s *Staff) setPasswordRefused(c *gin.Context, err error, v *setPasswordView) bool {
	if err == nil {
		return false
	}
	ae := s.accountError(c, err, "set password", "Kata sandi belum tersimpan. Coba lagi sebentar lagi dengan tautan yang sama.")
	if ae == nil {
		return true
	}
	if ae.Status == http.StatusGone {
		v.Valid, v.Error = false, sentence(ae.Message)
		s.render(c, http.StatusGone, "set_password", v)
		return true
	}
	if u, _, cerr := s.accountAdmin.CodeAccount(c.Request.Context(), v.Code); cerr == nil {
		v.Account = u
	}
	v.Valid, v.Errors[ae.Field] = true, sentence(ae.Message)
	s.render(c, ae.Status, "set_password", v)
	return true
}
