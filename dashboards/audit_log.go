package dashboards

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
)

// AuditReader reads the audit log.
type AuditReader interface {
	AuditLog(ctx context.Context, agency string, limit int) ([]reports.AuditEntry, error)
}

// auditLimit is how many lines the audit page shows.
const auditLimit = 500

type auditView struct {
	pageBase
	Entries  []reports.AuditEntry
	Agencies []*standard.Agency
	Filter   string
	Error    string
}

// auditLog: GET /admin/audit[?agency=…] — the newest lines of the audit log, for admins.
func (s *Staff) auditLog(c *gin.Context) {
	v := &auditView{pageBase: s.base(c, "Log audit"), Agencies: s.opts.Set.Agencies, Filter: c.Query("agency")}
	if _, ok := s.opts.Set.Agency(v.Filter); v.Filter != "" && !ok {
		s.errorPage(c, http.StatusBadRequest, "Instansi tidak dikenal.")
		return
	}
	list, err := s.opts.AuditLog.AuditLog(c.Request.Context(), v.Filter, auditLimit)
	if err != nil {
		s.opts.Logger.Error("audit log", "err", err)
		v.Error = "Log audit sementara tidak dapat dimuat."
	}
	v.Entries = list
	s.render(c, http.StatusOK, "audit", v)
}
