package dashboards

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/reports"
)

// Roles of staff accounts.
const (
	RoleAdmin = "admin" // every agency: everything
	RoleHead  = "head"  // own agency: view and export
	RoleStaff = "staff" // own agency: view, export, record cases, edit follow-up items
)

// ValidRole reports whether role is one of the roles.
func ValidRole(role string) bool { return role == RoleAdmin || role == RoleHead || role == RoleStaff }

// permission is what a route needs.
type permission int

const (
	public   permission = iota // anyone, signed in or not
	signedIn                   // any signed-in account
	view                       // see an agency's dashboard and registers
	export                     // download an agency's reports
	record                     // record cases, edit follow-up items
	admin                      // everything, every agency; holidays
)

// can reports whether role has permission p (within its agency, for head and staff).
func can(role string, p permission) bool {
	switch p {
	case public, signedIn:
		return true
	case view, export:
		return role == RoleAdmin || role == RoleHead || role == RoleStaff
	case record:
		return role == RoleAdmin || role == RoleStaff
	case admin:
		return role == RoleAdmin
	}
	return false
}

const (
	sessionCookie = "skm_sesi"
	principalKey  = "principal"
	sessionIDKey  = "session_id"
)

// revoked holds the ids of sessions ended by logout until they would have expired anyway,
// so a copied cookie is useless after logout. It lives in memory: a restart forgets it
// (the cookie then works until its end, at most SessionTTL), and servers behind one address
// do not share it; changing the password ends every session for good.
type revoked struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]time.Time
}

func (r *revoked) add(id string, until time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	for k, t := range r.m {
		if now.After(t) {
			delete(r.m, k)
		}
	}
	r.m[id] = until
}

func (r *revoked) has(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.m[id]
	return ok
}

// session is what the signed, encrypted cookie holds: the account, the account's version
// when the login was made (any later change of the account ends the session) and the end.
type session struct {
	ID      string `json:"i"`
	User    string `json:"u"`
	Version uint64 `json:"v"`
	Expires int64  `json:"e"`
}

// principal returns the signed-in account of the request, or nil.
func principal(c *gin.Context) *reports.User {
	if u, ok := c.Get(principalKey); ok {
		return u.(*reports.User)
	}
	return nil
}

// guard is the one place where access is decided, for every staff route: a valid session
// for all but public routes, the role's permission, and for a route with an agency in its
// path, that the agency exists and is the account's own (admins: any).
func (s *Staff) guard(need permission) gin.HandlerFunc {
	return func(c *gin.Context) {
		if need == public {
			// No session is read: static files and the login form stay cheap and work while
			// the accounts cannot be read.
			c.Next()
			return
		}
		u, err := s.signedInUser(c)
		if err != nil {
			s.opts.Logger.Error("session check", "err", err)
			s.errorPage(c, http.StatusServiceUnavailable, "Data akun sementara tidak dapat dibaca. Coba lagi sebentar lagi.")
			return
		}
		if u != nil {
			c.Set(principalKey, u)
		}
		if u == nil {
			if c.Request.Method == http.MethodGet {
				c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
				c.Abort()
				return
			}
			s.errorPage(c, http.StatusUnauthorized, "Sesi Anda telah berakhir. Silakan masuk lagi.")
			return
		}
		if !can(u.Role, need) {
			s.errorPage(c, http.StatusForbidden, "Peran Anda tidak memiliki akses ke halaman ini.")
			return
		}
		if agency := c.Param("agency"); agency != "" {
			if _, ok := s.opts.Set.Agency(agency); !ok {
				s.errorPage(c, http.StatusNotFound, "Instansi tidak dikenal.")
				return
			}
			if u.Role != RoleAdmin && u.Agency != agency {
				s.errorPage(c, http.StatusForbidden, "Anda hanya dapat membuka data instansi Anda sendiri.")
				return
			}
		}
		c.Next()
	}
}

// signedInUser reads the session cookie and returns its account while the session holds:
// not expired, the account unchanged since the login and not disabled.
func (s *Staff) signedInUser(c *gin.Context) (*reports.User, error) {
	raw, err := c.Cookie(sessionCookie)
	if err != nil || raw == "" {
		return nil, nil
	}
	var sess session
	if err := s.cookies.Decode(sessionCookie, raw, &sess); err != nil {
		return nil, nil
	}
	if s.opts.Now().Unix() >= sess.Expires || s.loggedOut.has(sess.ID) {
		return nil, nil
	}
	c.Set(sessionIDKey, sess.ID)
	u, found, err := s.users.get(c.Request.Context(), sess.User)
	if err != nil {
		return nil, err
	}
	if !found || u.Disabled || u.Version != sess.Version || !ValidRole(u.Role) {
		return nil, nil
	}
	return &u, nil
}

// startSession sets the session cookie for u.
func (s *Staff) startSession(c *gin.Context, u *reports.User) error {
	exp := s.opts.Now().Add(s.opts.SessionTTL)
	var id [16]byte
	_, _ = rand.Read(id[:])
	v, err := s.cookies.Encode(sessionCookie, session{ID: hex.EncodeToString(id[:]), User: u.Username, Version: u.Version, Expires: exp.Unix()})
	if err != nil {
		return err
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: v, Path: "/", MaxAge: int(s.opts.SessionTTL / time.Second),
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
	return nil
}

func (s *Staff) endSession(c *gin.Context) {
	if id := c.GetString(sessionIDKey); id != "" {
		s.loggedOut.add(id, s.opts.Now().Add(s.opts.SessionTTL))
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// userCache keeps accounts read for sessions for a short while: a disabled account or a
// changed password ends its sessions within userTTL on every server.
type userCache struct {
	src Accounts
	now func() time.Time
	mu  sync.Mutex
	m   map[string]cachedUser
}

type cachedUser struct {
	u     reports.User
	found bool
	until time.Time
}

const userTTL = 15 * time.Second

func newUserCache(src Accounts, now func() time.Time) *userCache {
	return &userCache{src: src, now: now, m: map[string]cachedUser{}}
}

func (uc *userCache) get(ctx context.Context, name string) (reports.User, bool, error) {
	now := uc.now()
	uc.mu.Lock()
	if cu, ok := uc.m[name]; ok && now.Before(cu.until) {
		uc.mu.Unlock()
		return cu.u, cu.found, nil
	}
	uc.mu.Unlock()
	u, found, err := uc.src.User(ctx, name)
	if err != nil {
		return u, false, err
	}
	uc.mu.Lock()
	if len(uc.m) > 10_000 {
		uc.m = map[string]cachedUser{}
	}
	uc.m[name] = cachedUser{u: u, found: found, until: now.Add(userTTL)}
	uc.mu.Unlock()
	return u, found, nil
}

// forget drops name from the cache, after a login read it fresh.
func (uc *userCache) forget(name string) {
	uc.mu.Lock()
	delete(uc.m, name)
	uc.mu.Unlock()
}

// SessionAgency reports the agency of the request's signed-in account (for the machine
// API's GET routes, which accept a login as well as a token), and whether it is an admin.
func (s *Staff) SessionAgency(c *gin.Context) (agency string, isAdmin, ok bool) {
	u, err := s.signedInUser(c)
	if err != nil || u == nil {
		return "", false, false
	}
	return u.Agency, u.Role == RoleAdmin, true
}
