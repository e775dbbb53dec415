package dashboards

import (
	"errors"

	"github.com/gin-gonic/gin"

	"skm/survey"
)

// Caller is who sends a request to the machine API: an agency's token, or a staff login.
type Caller struct {
	// Agency is the token's or the account's agency; empty for an admin (every agency).
	Agency string
	// Actor names the caller in the audit log: "token:<id>" or the username.
	Actor string
	// Role is "token", "kiosk" (a kiosk device's token) or the account's role.
	Role string
	// Channel is the only channel the caller may send responses through; "" for any.
	Channel string
}

// ErrBadToken is returned by CallerOf for an Authorization header whose token is not valid:
// a caller that presents credentials is never taken for an anonymous one.
var ErrBadToken = errors.New("token API tidak sah, dicabut, atau salah format (Authorization: Bearer skm_…)")

// errKioskOnly refuses a kiosk device's token on the routes of the agencies' machine tokens.
var errKioskOnly = errors.New("token perangkat kios hanya dapat mengirim jawaban kios (POST /api/v1/responses)")

// ErrNotEntitled is returned by CallerOf for a signed-in account whose role may not submit
// responses on others' behalf (a head reads; staff and admins record).
var ErrNotEntitled = errors.New("akun ini hanya dapat membaca; pengiriman respons memerlukan akun staf atau token instansi")

// CallerOf identifies the request's caller by its bearer token, else by its staff session
// (set by Staff.SessionUser through APIOptions.SessionUser). ok is false for an anonymous
// request; err is ErrBadToken or ErrNotEntitled for a refused one, or a lookup failure.
func (a *API) CallerOf(c *gin.Context) (caller Caller, ok bool, err error) {
	if c.GetHeader("Authorization") != "" {
		t, valid, err := a.bearer(c)
		if err != nil {
			return Caller{}, false, err
		}
		if !valid {
			return Caller{}, false, ErrBadToken
		}
		if t.kind == survey.ChannelKiosk {
			a.opts.Kiosks.seen(t.id)
			return Caller{Agency: t.agency, Actor: "token:" + t.id, Role: RoleKiosk, Channel: survey.ChannelKiosk}, true, nil
		}
		return Caller{Agency: t.agency, Actor: "token:" + t.id, Role: "token"}, true, nil
	}
	if a.opts.SessionUser == nil {
		return Caller{}, false, nil
	}
	username, role, agency, signedIn := a.opts.SessionUser(c)
	if !signedIn {
		return Caller{}, false, nil
	}
	switch role {
	case RoleAdmin:
		return Caller{Actor: username, Role: role}, true, nil
	case RoleStaff:
		return Caller{Agency: agency, Actor: username, Role: role}, true, nil
	}
	return Caller{}, false, ErrNotEntitled
}

// SessionUser returns the signed-in account of the request: its username, role and agency.
func (s *Staff) SessionUser(c *gin.Context) (username, role, agency string, ok bool) {
	u, err := s.signedInUser(c)
	if err != nil || u == nil {
		return "", "", "", false
	}
	return u.Username, u.Role, u.Agency, true
}
