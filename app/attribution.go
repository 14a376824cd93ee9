package app

import (
	"fmt"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// Attribution says where a call came from in the shop's terms: the
// advertised line it rang on, the campaign running on that line, and the
// ad that first brought the caller.
type Attribution struct {
	Line     string
	Campaign string
	Medium   string
	// Origin is the caller's original source, e.g. "First called from the
	// Spring flyer, March 2026".
	Origin string
}

// attribute looks up the call's tracking line and campaign (storage
// attributed it when it was saved) and the caller's original source.
func (s *Session) attribute(c callerid.Call, before storage.Caller) Attribution {
	a := Attribution{Line: s.LineLabel(c.Line)}
	row, err := s.db.Row(c.ID)
	if err != nil {
		return a
	}
	if row.LineID != 0 {
		if l, err := s.db.Line(row.LineID); err == nil && l.Label != "" {
			a.Line = l.Label
		}
	}
	if row.CampaignID != 0 {
		if camp, err := s.db.Campaign(row.CampaignID); err == nil {
			a.Campaign, a.Medium = camp.Name, camp.Medium
		}
	}
	switch {
	case !c.HasCallerID():
	case before.FirstTime():
		if a.Campaign != "" {
			a.Origin = "First call, from the " + a.Campaign
		}
	case before.FirstCampaignID != 0:
		if camp, err := s.db.Campaign(before.FirstCampaignID); err == nil {
			a.Origin = fmt.Sprintf("First called from the %s, %s", camp.Name, before.FirstCall.Local().Format("January 2006"))
		}
	case before.FirstLineID != 0:
		if l, err := s.db.Line(before.FirstLineID); err == nil {
			a.Origin = fmt.Sprintf("First called on %s, %s", l.Label, before.FirstCall.Local().Format("January 2006"))
		}
	case !before.FirstCall.IsZero():
		a.Origin = "First called " + before.FirstCall.Local().Format("January 2006")
	}
	return a
}
