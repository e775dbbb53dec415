package dashboards

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
)

type accountsView struct {
	pageBase
	Accounts []reports.User
	Agencies []*standard.Agency // where the actor may place accounts
	Roles    []string           // the roles the actor may give
	Form     map[string]string
	Errors   map[string]string
	Done     string
	Error    string
}

// codeView is the page that shows a one-time code, once.
type codeView struct {
	pageBase
	Account reports.User
	Code    string
	Link    string
	Expires time.Time
	New     bool // a new account (else a password reset)
}

// actor is the signed-in account as an Actor of account changes.
func actor(c *gin.Context) Actor {
	u := principal(c)
	return Actor{Username: u.Username, Role: u.Role, Agency: u.Agency, RequestID: c.GetString(RequestIDKey)}
}

// accountsDone are the notices after a change, by the ?selesai= of the redirect.
var accountsDone = map[string]string{
	"nonaktifkan": "Akun %s dinonaktifkan. Sesinya berakhir; pemiliknya tidak dapat masuk lagi sampai akun diaktifkan.",
	"aktifkan":    "Akun %s diaktifkan kembali.",
	"peran":       "Peran akun %s diubah. Pemiliknya perlu masuk lagi.",
}

func (s *Staff) accountsView(c *gin.Context) *accountsView {
	by := actor(c)
	v := &accountsView{pageBase: s.base(c, "Akun staf"), Form: map[string]string{}, Errors: map[string]string{}}
	v.Roles = []string{RoleStaff, RoleHead}
	v.Agencies = s.managedAgencies(by)
	if by.Role == RoleAdmin {
		v.Roles = append(v.Roles, RoleAdmin)
	}
	list, err := s.accountAdmin.Accounts(c.Request.Context(), by)
	if err != nil {
		s.opts.Logger.Error("accounts", "err", err)
		v.Error = "Daftar akun sementara tidak dapat dimuat. Coba lagi sebentar lagi."
	}
	v.Accounts = list
	return v
}

// accounts: GET /admin/akun — the accounts the signed-in admin (all) or head (own agency's
// heads and staff) manages, and the form for a new one.
func (s *Staff) accounts(c *gin.Context) {
	if s.noAccountAdmin(c, "akun") {
		return
	}
	v := s.accountsView(c)
	if msg, ok := accountsDone[c.Query("selesai")]; ok && CheckUsername(c.Query("akun")) == nil {
		v.Done = strings.Replace(msg, "%s", c.Query("akun"), 1)
	}
	s.render(c, http.StatusOK, "accounts", v)
}

// accountAdd: POST /admin/akun — adds an account; the answer shows the one-time link with
// which the person sets their first password, once.
func (s *Staff) accountAdd(c *gin.Context) {
	if s.noAccountAdmin(c, "akun") {
		return
	}
	v := s.accountsView(c)
	for _, k := range []string{"username", "name", "role", "agency"} {
		v.Form[k] = strings.TrimSpace(c.PostForm(k))
	}
	if principal(c).Role == RoleHead {
		v.Form["agency"] = principal(c).Agency // a head adds to their own agency only
	}
	a := NewAccount{Username: v.Form["username"], DisplayName: v.Form["name"], Role: v.Form["role"], Agency: v.Form["agency"]}
	if a.Role == RoleAdmin {
		a.Agency = ""
	}
	code, err := s.accountAdmin.Add(c.Request.Context(), actor(c), a)
	if s.accountRefused(c, err, v) {
		return
	}
	s.showCode(c, reports.User{Username: a.Username, DisplayName: a.DisplayName, Role: a.Role, Agency: a.Agency}, code, true)
}

// accountChange: POST /admin/akun/ubah — disables or enables an account, changes its role,
// or makes a one-time code for a new password (shown once).
func (s *Staff) accountChange(c *gin.Context) {
	if s.noAccountAdmin(c, "akun") {
		return
	}
	ctx, by := c.Request.Context(), actor(c)
	username, action := strings.TrimSpace(c.PostForm("akun")), c.PostForm("aksi")
	var err error
	switch action {
	case "nonaktifkan", "aktifkan":
		err = s.accountAdmin.SetDisabled(ctx, by, username, action == "nonaktifkan")
	case "peran":
		err = s.accountAdmin.SetRole(ctx, by, username, c.PostForm("peran"))
	case "setel-ulang":
		var code string
		if code, err = s.accountAdmin.IssueReset(ctx, by, username); err == nil {
			u, _, _ := s.opts.Accounts.User(ctx, username)
			s.showCode(c, u, code, false)
			return
		}
	default:
		err = refuse(http.StatusUnprocessableEntity, "aksi", "pilih perubahan: nonaktifkan, aktifkan, ubah peran atau setel ulang kata sandi")
	}
	if s.accountRefused(c, err, nil) {
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/akun?selesai="+action+"&akun="+url.QueryEscape(username))
}

// accountRefused answers a refused or failed change and reports whether it did: the form
// again with the message (v given) or the list with it, in the refusal's status; a store
// failure is a 503 (the change was not made, or not audited).
func (s *Staff) accountRefused(c *gin.Context, err error, v *accountsView) bool {
	if err == nil {
		return false
	}
	ae := s.accountError(c, err, "account change", "Perubahan belum tersimpan atau belum tercatat. Periksa daftar akun, lalu ulangi bila perlu.")
	if ae == nil {
		return true
	}
	if v == nil {
		v = s.accountsView(c)
		v.Error = sentence(ae.Message)
	} else {
		v.Errors[ae.Field] = sentence(ae.Message)
		if ae.Field == "" || ae.Field == "password" {
			v.Error = sentence(ae.Message)
		}
	}
	s.render(c, ae.Status, "accounts", v)
	return true
}

// managedAgencies are the agencies whose accounts and tokens by may manage: every one for
// an admin, else by's own.
func (s *Staff) managedAgencies(by Actor) []*standard.Agency {
	if by.Role == RoleAdmin {
		return s.opts.Set.Agencies
	}
	if a, ok := s.opts.Set.Agency(by.Agency); ok {
		return []*standard.Agency{a}
	}
	return nil
}

// noAccountAdmin answers 503 and reports true when this server manages no accounts; what
// names what cannot be managed ("akun", "token").
func (s *Staff) noAccountAdmin(c *gin.Context, what string) bool {
	if s.accountAdmin != nil {
		return false
	}
	s.errorPage(c, http.StatusServiceUnavailable, "Pengelolaan "+what+" tidak tersedia di server ini.")
	return true
}

// accountError returns err (not nil) as an *AccountError; any other error it logs as
// logMsg and answers with a 503 page saying failMsg, and returns nil.
func (s *Staff) accountError(c *gin.Context, err error, logMsg, failMsg string) *AccountError {
	var ae *AccountError
	if errors.As(err, &ae) {
		return ae
	}
	s.opts.Logger.Error(logMsg, "err", err)
	s.errorPage(c, http.StatusServiceUnavailable, failMsg)
	return nil
}

// showCode answers with the one-time code for u and its link, once: never cached.
func (s *Staff) showCode(c *gin.Context, u reports.User, code string, isNew bool) {
	c.Header("Cache-Control", "no-store")
	link := s.origin(c) + "/akun/setel-sandi?kode=" + code
	title := "Kode setel ulang kata sandi"
	if isNew {
		title = "Akun dibuat"
	}
	s.render(c, http.StatusOK, "account_code", &codeView{pageBase: s.base(c, title), Account: u, Code: code, Link: link,
		Expires: s.opts.Now().Add(AccountCodeTTL), New: isNew})
}
