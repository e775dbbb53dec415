package dashboards

import (
	"errors"

	"github.com/gin-gonic/gin"
)

// Caller is who sends a request to the machine API: an agency's token, or a staff login.
type Caller struct {
	// Agency is the token's or the account's agency; empty for an admin (every agency).
	Agency string
	// Actor names the caller in the audit log: "token:<id>" or the username.
	Actor string
	// Role is "token" or the account's role.
	Role string
}

// ErrBadToken is returned by CallerOf for an Authorization header whose token is not valid:
// a caller that presents credentials is never taken for an anonymous one.
var ErrBadToken = errors.New("token API tidak sah, dicabut, atau salah format (Authorization: Bearer skm_…)")

// ErrNotEntitled is returned by CallerOf for a signed-in account whose role may not submit
// responses on others' behalf (a head reads; staff and admins record).
var ErrNotEntitled = errors.New("akun ini hanya dapat membaca; pengiriman respons memerlukan akun staf atau token instansi")

// CallerOf identifies the request's caller by its bearer token, else by its staff session
// (set by Staff.SessionUser through APIOptions.SessionUser). ok is false for an anonymous
// request; err is ErrBadToken or ErrNotEntitled for a refused one, or a lookup failure.
func (a *API) CallerOf(c *gin.Context) (caller Caller, ok bool, err error) {
	if c.GetHeader("Authorization") != "" {
		agency, id, valid, err := a.bearer(c)
		if err != nil {
			return Caller{}, false, err
		}
		if !valid {
			return Caller{}, false, ErrBadToken
		}
		return Caller{Agency: agency, Actor: "token:" + id, Role: "token"}, true, nil
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
