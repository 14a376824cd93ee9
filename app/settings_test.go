package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestSettingsAreSavedAndChecked(t *testing.T) {
	u, _ := startUI(t, Config{})
	v := newSettingsView(u)
	test.Type(v.areaCode, "212")
	v.ringGap.SetText("9")
	v.rings.SetText("5")
	v.save()
	set, err := u.Session().DB().Settings()
	if err != nil || set.AreaCode != "212" || set.RingGapSeconds != 9 || set.NoAnswerRings != 5 {
		t.Fatalf("saved settings %+v (err %v)", set, err)
	}
	v.rings.SetText("0")
	v.save()
	if set, _ := u.Session().DB().Settings(); set.NoAnswerRings != 5 {
		t.Fatalf("a bad ring count was saved: %+v", set)
	}
	if overlayButton(u.win, "OK") == nil {
		t.Error("no message for a bad ring count")
	}
	test.Tap(v.sound)
	if !u.app.Preferences().Bool(prefSound) {
		t.Error("sound preference not saved")
	}
}
