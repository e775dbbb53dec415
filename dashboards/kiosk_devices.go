package dashboards

import (
	"encoding/base64"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
	qrcode "github.com/skip2/go-qrcode"

	"skm/reports"
)

// kioskDevicesView is the page of an agency's kiosk devices.
type kioskDevicesView struct {
	pageBase
	Devices []kioskDeviceRow
	// Insecure: the page (and so likely the kiosk) is reached over plain HTTP at an address
	// other than localhost, where browsers run no service worker: no offline kiosk.
	Insecure bool
	Name     string
	Errors   map[string]string
	Done     string
	Error    string
}

type kioskDeviceRow struct {
	reports.Token
	Seen     bool
	Sighting KioskSighting
}

// kioskRegisteredView shows a new device's setup link, once.
type kioskRegisteredView struct {
	pageBase
	Name, ID, Link, Path string
	// QR is the setup link as a PNG data: URL, for the tablet's camera (ours, so marked safe).
	QR template.URL
}

func (s *Staff) kioskDevicesView(c *gin.Context) *kioskDevicesView {
	v := &kioskDevicesView{pageBase: s.base(c, "Perangkat kios"), Errors: map[string]string{}, Insecure: !s.secure(c) && !localHost(c.Request.Host)}
	list, err := s.accountAdmin.KioskDevices(c.Request.Context(), actor(c), c.Param("agency"))
	if err != nil {
		s.opts.Logger.Error("kiosk devices", "err", err)
		v.Error = "Daftar perangkat kios sementara tidak dapat dimuat. Coba lagi sebentar lagi."
	}
	for _, t := range list {
		row := kioskDeviceRow{Token: t}
		row.Sighting, row.Seen = s.opts.Kiosks.Sighting(t.ID)
		v.Devices = append(v.Devices, row)
	}
	return v
}

// kioskDevices: GET /kios/{agency} — the agency's kiosk devices (last seen, answers
// waiting on each), the form to register one, and whether this address can run the kiosk
// offline (HTTPS or localhost).
func (s *Staff) kioskDevices(c *gin.Context) {
	if s.noAccountAdmin(c, "perangkat kios") {
		return
	}
	v := s.kioskDevicesView(c)
	if id, ok := revokedID(c); ok {
		v.Done = "Perangkat " + id + " dicabut. Jawabannya yang belum terkirim tetap disimpan di tablet itu dan terkirim bila tablet didaftarkan lagi."
	}
	s.render(c, http.StatusOK, "kiosk_devices", v)
}

// kioskRegister: POST /kios/{agency} — registers a device and shows its setup link once
// (only the hash of its token is stored).
func (s *Staff) kioskRegister(c *gin.Context) {
	if s.noAccountAdmin(c, "perangkat kios") {
		return
	}
	agency, name := c.Param("agency"), strings.TrimSpace(c.PostForm("name"))
	token, id, err := s.accountAdmin.RegisterKiosk(c.Request.Context(), actor(c), agency, name)
	if err != nil {
		ae := s.accountError(c, err, "kiosk register", "Perangkat belum terdaftar atau belum tercatat. Periksa daftar perangkat, lalu ulangi bila perlu.")
		if ae == nil {
			return
		}
		v := s.kioskDevicesView(c)
		v.Name = name
		v.Errors["name"] = sentence(ae.Message)
		s.render(c, ae.Status, "kiosk_devices", v)
		return
	}
	c.Header("Cache-Control", "no-store")
	path := "/k/" + agency + "#pasang=" + token + "&nama=" + url.PathEscape(name)
	// The link is built from the address this page was asked at, like the one-time codes of
	// accounts: it is shown only to the signed-in person who asked, never cached.
	v := &kioskRegisteredView{pageBase: s.base(c, "Perangkat kios didaftarkan"), Name: name, ID: id, Path: path, Link: s.origin(c) + path}
	if png, err := qrcode.Encode(v.Link, qrcode.Medium, 320); err == nil {
		v.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))

	}
	s.render(c, http.StatusOK, "kiosk_registered", v)
}

// kioskRevoke: POST /kios/{agency}/cabut — stops a device's token (at once on this server,
// within a minute on others).
func (s *Staff) kioskRevoke(c *gin.Context) {
	if s.noAccountAdmin(c, "perangkat kios") {
		return
	}
	id := strings.TrimSpace(c.PostForm("id"))
	if err := s.accountAdmin.RevokeKiosk(c.Request.Context(), actor(c), c.Param("agency"), id); err != nil {
		ae := s.accountError(c, err, "kiosk revoke", "Pencabutan perangkat belum tersimpan atau belum tercatat. Periksa daftar perangkat, lalu ulangi bila perlu.")
		if ae == nil {
			return
		}
		v := s.kioskDevicesView(c)
		v.Error = sentence(ae.Message)
		s.render(c, ae.Status, "kiosk_devices", v)
		return
	}
	c.Redirect(http.StatusSeeOther, "/kios/"+c.Param("agency")+"?dicabut="+url.QueryEscape(id))
}

// secure reports whether the request reached skm over HTTPS: directly, through a reverse
// proxy that says so, or as --secure-cookies declares.
func (s *Staff) secure(c *gin.Context) bool {
	return c.Request.TLS != nil || s.opts.SecureCookies || strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https")
}

// origin is the scheme and host this request was asked at, for links a signed-in person
// takes to another device (a one-time code, a kiosk's setup link).
func (s *Staff) origin(c *gin.Context) string {
	if s.secure(c) {
		return "https://" + c.Request.Host
	}
	return "http://" + c.Request.Host
}

// localHost reports whether host (with or without port) is the machine itself, where
// browsers treat plain HTTP as secure.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
