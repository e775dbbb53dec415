package dashboards

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"skm/reports"
	"skm/standard"
	"skm/survey"
)

// AuditReader reads the audit log.
type AuditReader interface {
	// AuditLog returns the newest limit lines about agency ("" for all) of the kind action
	// ("" for every kind), newest first.
	AuditLog(ctx context.Context, agency, action string, limit int) ([]reports.AuditEntry, error)
}

// auditLimit is how many lines the audit page shows.
const auditLimit = 500

// auditKind is a kind of audit line the page filters by.
type auditKind struct{ Action, Label string }

// auditKinds are the kinds of audit line, in the order the filter offers them.
var auditKinds = []auditKind{
	{"login", "Masuk (login)"},
	{"login.refused", "Masuk ditolak (login refused)"},
	{"login.throttled", "Percobaan masuk ditahan (login throttled)"},
	{"logout", "Keluar (logout)"},
	{"case.record", "Kasus dicatat (case recorded)"},
	{"case.note", "Catatan kasus ditambahkan (case note added)"},
	{"case.reclassify", "Kasus diklasifikasi ulang (case reclassified)"},
	{"case.reopen", "Kasus dibuka kembali (case reopened)"},
	{"import.responses", "Kuesioner kertas diimpor (paper questionnaires imported)"},
	{"import.cases", "Kasus diimpor (cases imported)"},
	{"rtl.save", "Tindak lanjut disimpan (follow-up saved)"},
	{"rtl.delete", "Tindak lanjut dihapus (follow-up removed)"},
	{"holiday.add", "Hari libur ditambah (holiday added)"},
	{"holiday.remove", "Hari libur dihapus (holiday removed)"},
	{"holiday.move", "Hari libur dipindah (holiday moved)"},
	{"user.add", "Akun dibuat (account added)"},
	{"user.passwd", "Kata sandi diganti (password changed)"},
	{"user.disable", "Akun dinonaktifkan (account disabled)"},
	{"user.enable", "Akun diaktifkan (account enabled)"},
	{"user.role", "Peran akun diubah (account role changed)"},
	{"user.reset", "Kode setel ulang kata sandi dibuat (password reset code issued)"},
	{"token.create", "Token API dibuat (API token created)"},
	{"token.revoke", "Token API dicabut (API token revoked)"},
	{"kiosk.register", "Perangkat kios didaftarkan (kiosk device registered)"},
	{"kiosk.revoke", "Perangkat kios dicabut (kiosk device revoked)"},
	{"report.download", "Laporan diunduh (report downloaded)"},
	{"responses.submit", "Respons dikirim dengan token atau akun staf (responses submitted by token or staff)"},
	{"period.reopen", "Periode survei dibuka kembali (survey period reopened)"},
	{"period.close", "Periode survei ditutup kembali (survey period closed again)"},
	{"target.set", "Target dasbor ditetapkan (dashboard targets set)"},
	{"meeting.save", "Rapat evaluasi dicatat (evaluation meeting recorded)"},
	{"decision.save", "Keputusan rapat dicatat (meeting decision recorded)"},
	{"decision.close", "Keputusan rapat ditutup (meeting decision closed)"},
	{"report.text", "Teks Laporan SKM disimpan (report text saved)"},
	{survey.BurstAction, "IKM berubah tajam dalam beberapa menit (sharp move of an IKM)"},
}

func knownAuditKind(action string) bool {
	for _, k := range auditKinds {
		if k.Action == action {
			return true
		}
	}
	return false
}

type auditView struct {
	pageBase
	Entries  []reports.AuditEntry
	Agencies []*standard.Agency
	Kinds    []auditKind
	Filter   string
	Kind     string
	Error    string
}

// auditLog: GET /admin/audit[?agency=…][&kind=…] — the newest lines of the audit log, for
// admins, optionally of one agency and of one kind.
func (s *Staff) auditLog(c *gin.Context) {
	v := &auditView{pageBase: s.base(c, "Log audit"), Agencies: s.opts.Set.Agencies, Kinds: auditKinds,
		Filter: c.Query("agency"), Kind: c.Query("kind")}
	if _, ok := s.opts.Set.Agency(v.Filter); v.Filter != "" && !ok {
		s.errorPage(c, http.StatusBadRequest, "Instansi tidak dikenal.")
		return
	}
	if v.Kind != "" && !knownAuditKind(v.Kind) {
		s.errorPage(c, http.StatusBadRequest, "Jenis catatan tidak dikenal.")
		return
	}
	list, err := s.opts.AuditLog.AuditLog(c.Request.Context(), v.Filter, v.Kind, auditLimit)
	if err != nil {
		s.opts.Logger.Error("audit log", "err", err)
		v.Error = "Log audit sementara tidak dapat dimuat."
	}
	v.Entries = list
	s.render(c, http.StatusOK, "audit", v)
}
