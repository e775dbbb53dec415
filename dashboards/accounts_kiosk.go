package dashboards

import (
	"context"
	"net/http"

	"skm/reports"
	"skm/survey"
)

// Kiosk devices are API tokens of kind survey.ChannelKiosk: one per counter tablet, which
// may only send its agency's responses through channel kiosk (also dated earlier: answers
// kept on the tablet while its link was down). The staff who set up the tablets register
// them — admins for any agency; heads and staff for their own, since a device token can do
// no more than a staff login does (staff send earlier-dated responses themselves).

// tendsKiosks reports whether by may register and revoke agency's kiosk devices.
func tendsKiosks(by Actor, agency string) bool {
	switch by.Role {
	case RoleAdmin:
		return true
	case RoleHead, RoleStaff:
		return by.Agency != "" && by.Agency == agency
	}
	return false
}

// KioskDevices returns agency's kiosk devices, newest first, if by tends them.
func (m *AccountAdmin) KioskDevices(ctx context.Context, by Actor, agency string) ([]reports.Token, error) {
	if !tendsKiosks(by, agency) {
		return nil, refuse(http.StatusForbidden, "", "Anda hanya dapat mengelola perangkat kios instansi Anda sendiri")
	}
	return m.tokensOf(ctx, agency, survey.ChannelKiosk, func(reports.Token) bool { return true })
}

// RegisterKiosk makes the device token of a new kiosk of agency, named name, and returns it —
// once — with its id; audited as kiosk.register.
func (m *AccountAdmin) RegisterKiosk(ctx context.Context, by Actor, agency, name string) (token, id string, err error) {
	if _, ok := m.o.Set.Agency(agency); !ok {
		return "", "", refuse(http.StatusNotFound, "", "instansi tidak dikenal")
	}
	if !tendsKiosks(by, agency) {
		return "", "", refuse(http.StatusForbidden, "", "Anda hanya dapat mendaftarkan perangkat kios instansi Anda sendiri")
	}
	return m.newToken(ctx, by, agency, name, survey.ChannelKiosk, "kiosk.register",
		"isi nama perangkat (mis. “Kios loket 1”), paling banyak 100 karakter")
}

// RevokeKiosk stops agency's kiosk device id from sending; audited as kiosk.revoke. Its
// waiting answers stay on the tablet until it is registered again.
func (m *AccountAdmin) RevokeKiosk(ctx context.Context, by Actor, agency, id string) error {
	list, err := m.KioskDevices(ctx, by, agency)
	if err != nil {
		return err
	}
	return m.revokeOne(ctx, by, list, id, "kiosk.revoke", "pilih perangkat yang akan dicabut", "perangkat kios %q tidak ditemukan")
}
