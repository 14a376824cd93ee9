package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

func TestAKnownCallerSendsADesktopNotification(t *testing.T) {
	u, _ := startUI(t, Config{})
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.Local)
	u.now = func() time.Time { return now }
	call := callerid.Call{ID: now.UnixNano(), Line: "modem", Started: now, Known: now,
		Number: callerid.Normalizer{}.Normalize("2125550147"), Name: "SMITH JOHN", Rings: 1}
	v := CallView{Kind: callerid.CallKnown, Call: call, HasHistory: true,
		History: storage.Caller{Calls: 1, LastCall: now.Add(-2 * time.Hour), LastOutcome: callerid.OutcomeAnswered, LastExact: true},
		Source:  Attribution{Campaign: "Spring flyer"}}
	want := fyne.NewNotification("Call: SMITH JOHN", "(212) 555-0147 · 2nd call, last today at 10:00, answered · Spring flyer")
	test.AssertNotificationSent(t, want, func() { u.callChanged(v) })
}
