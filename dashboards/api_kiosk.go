package dashboards

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"skm/survey"
)

// RoleKiosk is the Caller.Role of a kiosk device's token.
const RoleKiosk = "kiosk"

// KioskSightings remembers, in memory since the server started, when each kiosk device last
// reached this server and how many answers it said it holds: waiting to be sent, and
// refused by the server (its "Perangkat kios" list shows them). The zero value is not
// usable; a nil *KioskSightings keeps nothing.
type KioskSightings struct {
	mu  sync.Mutex
	now func() time.Time
	by  map[string]KioskSighting
}

// KioskSighting is what a kiosk device last told: when, and its answers waiting and
// refused (-1: not said yet).
type KioskSighting struct {
	At               time.Time
	Waiting, Refused int
}

// NewKioskSightings returns an empty memory of kiosk devices on clock now (nil: time.Now).
func NewKioskSightings(now func() time.Time) *KioskSightings {
	if now == nil {
		now = time.Now
	}
	return &KioskSightings{now: now, by: map[string]KioskSighting{}}
}

// Sighting returns what device id last told, and whether it was seen since the start.
func (k *KioskSightings) Sighting(id string) (KioskSighting, bool) {
	if k == nil {
		return KioskSighting{}, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.by[id]
	return s, ok
}

// seen notes that device id sent something now.
func (k *KioskSightings) seen(id string) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.by[id]
	if !ok {
		s.Waiting, s.Refused = -1, -1
	}
	s.At = k.now()
	k.by[id] = s
}

// told notes what device id said it holds.
func (k *KioskSightings) told(id string, waiting, refused int) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.by) > 10_000 {
		k.by = map[string]KioskSighting{}
	}
	k.by[id] = KioskSighting{At: k.now(), Waiting: waiting, Refused: refused}
}

// kioskStatus: POST /api/v1/kiosk/status — a kiosk device says, every minute while its link
// is up, how many answers it holds ({"waiting":N,"refused":M}); the answer tells it whether
// its token still holds: 200 {"agency":…}, 401 when revoked (the tablet then says so on its
// screen before the next visitor's answers wait in vain), 403 for another kind of token.
func (a *API) kioskStatus(c *gin.Context) {
	t, valid, err := a.bearer(c)
	switch {
	case err != nil:
		a.opts.Logger.Error("kiosk status: token check", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "pemeriksaan token gagal; coba lagi"})
		return
	case !valid:
		c.Header("WWW-Authenticate", `Bearer realm="skm"`)
		c.JSON(http.StatusUnauthorized, gin.H{"error": "perangkat kios ini tidak terdaftar atau sudah dicabut"})
		return
	case t.kind != survey.ChannelKiosk:
		c.JSON(http.StatusForbidden, gin.H{"error": "alamat ini hanya untuk perangkat kios"})
		return
	}
	var body struct {
		Waiting int `json:"waiting"`
		Refused int `json:"refused"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<10)).Decode(&body); err != nil ||
		body.Waiting < 0 || body.Refused < 0 {
		c.JSON(http.StatusBadRequest, gin.H{"error": `kirim {"waiting":N,"refused":M}`})
		return
	}
	a.opts.Kiosks.told(t.id, body.Waiting, body.Refused)
	c.JSON(http.StatusOK, gin.H{"agency": t.agency, "device": t.id})
}
