package dashboards

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"skm/survey"
)

type followUpJSON struct {
	ID             string `json:"id"`
	Element        string `json:"element"`
	Action         string `json:"action"`
	TargetQuarter  string `json:"target_quarter"`
	PersonInCharge string `json:"person_in_charge"`
	Status         string `json:"status"`
	Progress       int    `json:"progress"`
	Note           string `json:"note"`
	UpdatedAt      string `json:"updated_at,omitempty"`
	UpdatedBy      string `json:"updated_by,omitempty"`
}

func period(c *gin.Context) (survey.Period, bool) {
	p, err := survey.ParsePeriod(c.Query("period"))
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "parameter period wajib, misalnya ?period=2026-S1"})
		return p, false
	}
	return p, true
}

// rtlList: GET /api/v1/agencies/{agency}/rtl?period=2026-S1 — the follow-up plan and the
// share carried out.
func (a *API) rtlList(c *gin.Context) {
	p, ok := period(c)
	if !ok {
		return
	}
	items, err := a.opts.Reader.FollowUps(c.Request.Context(), c.Param("agency"), p)
	if err != nil {
		a.opts.Logger.Error("rtl list", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "data sementara tidak tersedia"})
		return
	}
	out := make([]followUpJSON, 0, len(items))
	for _, f := range items {
		out = append(out, followUpJSON{ID: f.ID, Element: f.Element, Action: f.Action, TargetQuarter: f.TargetQuarter,
			PersonInCharge: f.PersonInCharge, Status: f.Status, Progress: f.Progress, Note: f.Note,
			UpdatedAt: f.UpdatedAt.UTC().Format(time.RFC3339), UpdatedBy: f.UpdatedBy})
	}
	share := survey.ShareDone(items)
	c.JSON(http.StatusOK, gin.H{"agency": c.Param("agency"), "period": p.Code(), "items": out,
		"share": gin.H{"done": share.Done, "total": share.Total, "mean_progress": share.MeanProgress}})
}

// rtlSave: POST /api/v1/agencies/{agency}/rtl?period=2026-S1 — one item: without id it is
// created, with id it is updated, with "deleted": true it is removed.
func (a *API) rtlSave(c *gin.Context) {
	p, ok := period(c)
	if !ok {
		return
	}
	var in struct {
		followUpJSON
		Deleted bool `json:"deleted"`
	}
	if err := c.ShouldBindJSON(&in); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": jsonRefusal(err)})
		return
	}
	f := survey.FollowUp{ID: in.ID, Agency: c.Param("agency"), Period: p.Code(), Element: in.Element, Action: in.Action,
		TargetQuarter: in.TargetQuarter, PersonInCharge: in.PersonInCharge, Status: in.Status, Progress: in.Progress,
		Note: in.Note, UpdatedAt: a.opts.Now(), UpdatedBy: "token"}
	if !in.Deleted {
		if errs := f.Validate(); errs != nil {
			c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": errs})
			return
		}
	} else if f.ID == "" {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": gin.H{"id": "id wajib untuk menghapus"}})
		return
	}
	created := f.ID == ""
	if err := a.opts.Store.SaveFollowUp(c.Request.Context(), &f, in.Deleted); err != nil {
		a.opts.Logger.Error("rtl save", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "belum tersimpan; coba lagi"})
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"id": f.ID, "deleted": in.Deleted})
}

// publicationList: GET /api/v1/agencies/{agency}/publications?period=2026-S1.
func (a *API) publicationList(c *gin.Context) {
	p, ok := period(c)
	if !ok {
		return
	}
	list, err := a.opts.Reader.Publications(c.Request.Context(), c.Param("agency"), p)
	if err != nil {
		a.opts.Logger.Error("publication list", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "data sementara tidak tersedia"})
		return
	}
	out := make([]gin.H, 0, len(list))
	for _, pub := range list {
		out = append(out, gin.H{"id": pub.ID, "medium": pub.Medium, "location": pub.Location,
			"published_on": pub.PublishedOn.Format(time.DateOnly), "recorded_by": pub.RecordedBy})
	}
	c.JSON(http.StatusOK, gin.H{"agency": c.Param("agency"), "period": p.Code(), "publications": out})
}

// publicationSave: POST /api/v1/agencies/{agency}/publications?period=2026-S1 — where and when
// the period's results were published.
func (a *API) publicationSave(c *gin.Context) {
	p, ok := period(c)
	if !ok {
		return
	}
	var in struct {
		ID          string `json:"id"`
		Medium      string `json:"medium"`
		Location    string `json:"location"`
		PublishedOn string `json:"published_on"`
		Deleted     bool   `json:"deleted"`
	}
	if err := c.ShouldBindJSON(&in); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": jsonRefusal(err)})
		return
	}
	on, _ := time.Parse(time.DateOnly, in.PublishedOn)
	pub := survey.Publication{ID: in.ID, Agency: c.Param("agency"), Period: p.Code(), Medium: in.Medium,
		Location: in.Location, PublishedOn: on, RecordedAt: a.opts.Now(), RecordedBy: "token"}
	if !in.Deleted {
		if errs := pub.Validate(a.opts.Now()); errs != nil {
			c.JSON(http.StatusUnprocessableEntity, gin.H{"errors": errs})
			return
		}
	}
	created := pub.ID == ""
	if err := a.opts.Store.SavePublication(c.Request.Context(), &pub, in.Deleted); err != nil {
		a.opts.Logger.Error("publication save", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "belum tersimpan; coba lagi"})
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"id": pub.ID, "deleted": in.Deleted})
}
