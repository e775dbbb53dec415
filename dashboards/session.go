package dashboards

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
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
	RoleHead  = "head"  // own agency: view and export; reopen periods, set targets, close meeting decisions
	RoleStaff = "staff" // own agency: view, export, record cases, edit follow-up items, record meetings
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
	record                     // record cases, edit follow-up items, record meetings and their decisions
	compose                    // write the staff's own texts of the narrative SKM report (Laporan SKM)
	decide                     // reopen a closed survey period, set the dashboard targets, close meeting decisions (the head answers for these)
	manage                     // staff accounts and API tokens: an admin every agency's, a head their own's
	kiosks                     // register and revoke kiosk devices: the staff who set up the counter tablets, and heads
	admin                      // everything, every agency; holidays
)

// can reports whether role has permission p (within its agency, for head and staff).
func can(role string, p permission) bool {
	switch p {
	case public, signedIn:
		return true
	case view, export, compose:
		return role == RoleAdmin || role == RoleHead || role == RoleStaff
	case record:
		return role == RoleAdmin || role == RoleStaff
	case decide, manage:
		return role == RoleAdmin || role == RoleHead
	case kiosks:
		return role == RoleAdmin || role == RoleHead || role == RoleStaff
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

// revokedTTL is how long the list of revoked sessions read from the store is trusted: a
// logout on another server (or before a restart) is known here within it.
const revokedTTL = 15 * time.Second

// revoked holds the ids of sessions ended by logout until they would have expired anyway,
// so a copied cookie is useless after logout. With a store (Revocations) the list is
// durable and shared by the servers of one database: a logout is stored before it is
// answered (kept in memory and stored again later if the store fails), and the list is
// read again every revokedTTL. Without a store it lives in memory only (tests).
type revoked struct {
	src Revocations
	now func() time.Time
	log *slog.Logger

	mu      sync.Mutex
	m       map[string]time.Time
	pending map[string]time.Time // revoked here, not yet in the store
	loaded  time.Time            // when the store was last read; zero: never
	loading sync.Mutex           // one read of the store at a time
}

func newRevoked(src Revocations, now func() time.Time, log *slog.Logger) *revoked {
	return &revoked{src: src, now: now, log: log, m: map[string]time.Time{}, pending: map[string]time.Time{}}
}

// add revokes session id until then, and stores the revocation.
func (r *revoked) add(ctx context.Context, id string, until time.Time) {
	r.mu.Lock()
	now := r.now()
	for k, t := range r.m {
		if now.After(t) {
			delete(r.m, k)
		}
	}
	r.m[id] = until
	r.mu.Unlock()
	if r.src == nil {
		return
	}
	if err := r.src.RevokeSession(ctx, id, until); err != nil {
		r.log.Error("logout: store the revocation (kept in memory, stored again later)", "err", err)
		r.mu.Lock()
		r.pending[id] = until
		r.mu.Unlock()
	}
}

// has reports whether session id was revoked. It fails only while the store has never
// been read; later failures are logged and the last list is used.
func (r *revoked) has(ctx context.Context, id string) (bool, error) {
	if err := r.refresh(ctx); err != nil {
		return false, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	until, ok := r.m[id]
	return ok && r.now().Before(until), nil
}

// refresh reads the store again when the list is older than revokedTTL, after storing the
// revocations a failing store refused.
func (r *revoked) refresh(ctx context.Context) error {
	if r.src == nil {
		return nil
	}
	r.mu.Lock()
	fresh := !r.loaded.IsZero() && r.now().Sub(r.loaded) < revokedTTL
	r.mu.Unlock()
	if fresh {
		return nil
	}
	r.loading.Lock()
	defer r.loading.Unlock()
	r.mu.Lock()
	now, loaded := r.now(), r.loaded
	pending := make(map[string]time.Time, len(r.pending))
	for id, t := range r.pending {
		pending[id] = t
	}
	r.mu.Unlock()
	if !loaded.IsZero() && now.Sub(loaded) < revokedTTL {
		return nil // read by another request meanwhile
	}
	for id, until := range pending {
		if now.After(until) || r.src.RevokeSession(ctx, id, until) == nil {
			r.mu.Lock()
			delete(r.pending, id)
			r.mu.Unlock()
		}
	}
	list, err := r.src.RevokedSessions(ctx, now)
	if err != nil {
		if loaded.IsZero() {
			return fmt.Errorf("dashboards: read revoked sessions: %w", err)
		}
		r.log.Error("read revoked sessions (the last list is used)", "err", err)
		return nil
	}
	r.mu.Lock()
	for id, until := range list {
		if until.After(r.m[id]) {
			r.m[id] = until
		}
	}
	r.loaded = now
	r.mu.Unlock()
	return nil
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
	if s.opts.Now().Unix() >= sess.Expires {
		return nil, nil
	}
	if out, err := s.loggedOut.has(c.Request.Context(), sess.ID); err != nil || out {
		return nil, err
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
		s.loggedOut.add(c.Request.Context(), id, s.opts.Now().Add(s.opts.SessionTTL))
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
