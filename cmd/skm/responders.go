package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/dashboards"
	"skm/ingest"
	"skm/survey/web"
)

// submitted audits responses an entitled caller sent through the machine API.
func (w auditor) submitted(ctx context.Context, c web.Caller, agency, action, detail string) error {
	return w.a.Audit(ctx, ingest.AuditRow{At: time.Now(), Agency: agency, Username: c.Actor, Role: c.Role,
		Action: action, Detail: detail})
}

// apiCaller tells the resident API who an entitled caller is: an agency token or a staff
// login, as the staff API checks them.
func apiCaller(api *dashboards.API) func(c *gin.Context) (web.Caller, bool, error) {
	return func(c *gin.Context) (web.Caller, bool, error) {
		caller, ok, err := api.CallerOf(c)
		switch {
		case errors.Is(err, dashboards.ErrBadToken):
			return web.Caller{}, false, &web.CallerRefused{Status: http.StatusUnauthorized, Message: err.Error()}
		case errors.Is(err, dashboards.ErrNotEntitled):
			return web.Caller{}, false, &web.CallerRefused{Status: http.StatusForbidden, Message: err.Error()}
		case err != nil:
			return web.Caller{}, false, err
		}
		return web.Caller{Agency: caller.Agency, Actor: caller.Actor, Role: caller.Role}, ok, nil
	}
}
