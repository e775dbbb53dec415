package dashboards

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/standard"
	"skm/survey"
)

// TokenLookup finds an API token by id: its agency, the hash of its secret, its kind
// (reports.Token.Kind), whether revoked.
type TokenLookup interface {
	TokenHash(ctx context.Context, id string) (agency, hash, kind string, revoked, found bool, err error)
}

// RecordStore saves follow-up items and publication records (a new version each time).
type RecordStore interface {
	SaveFollowUp(ctx context.Context, f *survey.FollowUp, deleted bool) error
	SavePublication(ctx context.Context, p *survey.Publication, deleted bool) error
}

// RecordReader reads the current follow-up plan and publication records of a period.
type RecordReader interface {
	FollowUps(ctx context.Context, agency string, period survey.Period) ([]survey.FollowUp, error)
	Publications(ctx context.Context, agency string, period survey.Period) ([]survey.Publication, error)
}

// APIOptions configure the staff API. Zero values take the defaults noted on each field.
type APIOptions struct {
	Set    *standard.Set
	Tokens TokenLookup
	Store  RecordStore
	Reader RecordReader
	// Cases records cases; CaseReader answers the monthly case questions.
	Cases      CaseRecorder
	CaseReader CaseReader
	// Session, when set, admits a signed-in staff member to the GET routes instead of a token
	// (Staff.SessionAgency): their own agency, every agency for an admin.
	Session func(c *gin.Context) (agency string, admin, ok bool)
	// SessionUser, when set, names the signed-in account for CallerOf (Staff.SessionUser).
	SessionUser func(c *gin.Context) (username, role, agency string, ok bool)
	// HashSecret hashes a token's secret the way it is stored. Required.
	HashSecret func(secret string) string
	// Kiosks is told when each kiosk device was last seen and what it holds (nil: not kept).
	Kiosks *KioskSightings
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives errors (default: discard).
	Logger *slog.Logger
}

// API is the machine API: every /api/v1 route is registered by its Register, and every
// token is checked by it (requireToken for its own routes, CallerOf for the residents' API).
type API struct {
	opts  APIOptions
	mu    sync.Mutex
	cache map[string]cachedToken
}

type cachedToken struct {
	agency, kind string
	until        time.Time
}

// NewAPI returns the staff API.
func NewAPI(opts APIOptions) *API {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &API{opts: opts, cache: map[string]cachedToken{}}
}

// ResidentAPI is the residents' part of the machine API (survey/web.Handler): responses,
// anonymous or from an entitled caller (CallerOf), and the public IKM.
type ResidentAPI interface {
	APIResponses(c *gin.Context)
	APIIKM(c *gin.Context)
}

// Register adds every /api/v1 route: the residents' from residents (left out when nil), and
// the agencies' own, each behind requireToken, the one place where a token's agency is
// checked against the agency in the URL.
func (a *API) Register(r gin.IRouter, residents ResidentAPI) {
	v1 := r.Group("/api/v1")
	if residents != nil {
		v1.POST("/responses", residents.APIResponses)
		v1.GET("/agencies/:agency/ikm", residents.APIIKM)
	}
	v1.POST("/kiosk/status", a.kioskStatus)
	v1.POST("/cases", a.requireToken, a.casesPost)
	g := v1.Group("/agencies/:agency", a.requireToken)
	g.GET("/rtl", a.rtlList)
	g.POST("/rtl", a.rtlSave)
	g.GET("/publications", a.publicationList)
	g.POST("/publications", a.publicationSave)
	g.GET("/cases/summary", a.caseSummary)
}

// tokenAgencyKey holds the agency of the request's token, for routes without an agency in
// their path (the handler then admits only that agency's data).
const tokenAgencyKey = "token_agency"

const tokenTTL = time.Minute

// requireToken admits a request that carries a valid, unrevoked token of the URL's agency:
// 401 without a valid token, 403 for another agency's.
func (a *API) requireToken(c *gin.Context) {
	if c.GetHeader("Authorization") == "" && c.Request.Method == http.MethodGet && a.opts.Session != nil {
		if agency, isAdmin, signedIn := a.opts.Session(c); signedIn {
			if isAdmin {
				agency = c.Param("agency")
			}
			a.admit(c, agency)
			return
		}
	}
	t, valid, err := a.bearer(c)
	if err != nil {
		a.opts.Logger.Error("api token check", "err", err)
		c.AbortWithStatusJSON(http.StatusServiceUnavailable, gin.H{"error": "pemeriksaan token gagal; coba lagi"})
		return
	}
	if !valid {
		c.Header("WWW-Authenticate", `Bearer realm="skm"`)
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "token API tidak sah atau tidak ada (Authorization: Bearer skm_…)"})
		return
	}
	if t.kind != "" {
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": errKioskOnly.Error()})
		return
	}
	a.admit(c, t.agency)
}

// admit lets the request on for agency (a token's or a signed-in user's): 403 when the URL
// names another agency, 404 for an unknown one.
func (a *API) admit(c *gin.Context, agency string) {
	c.Set(tokenAgencyKey, agency)
	if c.Param("agency") != "" && agency != c.Param("agency") {
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "token atau akun ini hanya berlaku untuk instansinya sendiri"})
		return
	}
	if _, known := a.opts.Set.Agency(agency); !known {
		c.AbortWithStatusJSON(http.StatusNotFound, gin.H{"error": "instansi tidak dikenal"})
		return
	}
	c.Next()
}

// bearerToken is a checked token: its id, agency and kind.
type bearerToken struct{ id, agency, kind string }

// bearer checks the request's "Authorization: Bearer skm_<id>_<secret>" and returns the
// token; valid is false without a header, for another scheme, and for a malformed, unknown,
// revoked or wrong token.
func (a *API) bearer(c *gin.Context) (t bearerToken, valid bool, err error) {
	raw, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !ok {
		return t, false, nil
	}
	token := strings.TrimSpace(raw)
	ct, valid, err := a.check(c.Request.Context(), token)
	if err != nil || !valid {
		return t, false, err
	}
	return bearerToken{id: tokenID(token), agency: ct.agency, kind: ct.kind}, true, nil
}

// tokenID is the public id of a token "skm_<id>_<secret>".
func tokenID(token string) string {
	id, _, _ := strings.Cut(strings.TrimPrefix(token, "skm_"), "_")
	return id
}

// tokenActor names the request's token as the audit log and a case's history do: "token:<id>".
func tokenActor(c *gin.Context) string {
	return "token:" + tokenID(strings.TrimSpace(strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")))
}

// check verifies "skm_<id>_<secret>" and returns the token's agency and kind. Valid tokens
// are cached for a minute, so a revocation takes effect within a minute.
func (a *API) check(ctx context.Context, token string) (cachedToken, bool, error) {
	rest, ok := strings.CutPrefix(token, "skm_")
	id, secret, ok2 := strings.Cut(rest, "_")
	if !ok || !ok2 || id == "" || secret == "" {
		return cachedToken{}, false, nil
	}
	now := a.opts.Now()
	a.mu.Lock()
	if ct, hit := a.cache[token]; hit && now.Before(ct.until) {
		a.mu.Unlock()
		return ct, true, nil
	}
	a.mu.Unlock()
	agency, hash, kind, revoked, found, err := a.opts.Tokens.TokenHash(ctx, id)
	if err != nil {
		return cachedToken{}, false, err
	}
	if !found || revoked || subtle.ConstantTimeCompare([]byte(hash), []byte(a.opts.HashSecret(secret))) != 1 {
		return cachedToken{}, false, nil
	}
	ct := cachedToken{agency: agency, kind: kind, until: now.Add(tokenTTL)}
	a.mu.Lock()
	if len(a.cache) > 10_000 {
		a.cache = map[string]cachedToken{}
	}
	a.cache[token] = ct
	a.mu.Unlock()
	return ct, true, nil
}

// ForgetToken drops the token with id from the cache of checked tokens, so its revocation
// holds at once on this server (on others within tokenTTL).
func (a *API) ForgetToken(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for token := range a.cache {
		if strings.HasPrefix(token, "skm_"+id+"_") {
			delete(a.cache, token)
		}
	}
}

// jsonRefusal words a request body that is not the JSON expected, for the "error" of a
// 400 answer: in Indonesian, naming the field where the decoder can.
func jsonRefusal(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "isi permintaan kosong; kirim JSON"
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return "isi permintaan bukan JSON yang sah"
	case errors.As(err, &typ):
		return fmt.Sprintf("kolom %q berisi jenis nilai yang salah", jsonField(typ.Field))
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "kolom " + f + " tidak dikenal"
	}
	return "JSON tidak sesuai format yang diharapkan"
}

// jsonField is the JSON name of the field a decoder's path ends in ("caseJSON.id" → "id").
func jsonField(path string) string { return path[strings.LastIndex(path, ".")+1:] }
