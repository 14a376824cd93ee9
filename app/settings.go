package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settingsView is the Settings screen: how numbers are read, when a call
// counts as over or missed, how the desk is told about a call, and the
// backups.
type settingsView struct {
	ui       *UI
	region   *widget.Entry
	areaCode *widget.Entry
	ringGap  *widget.Entry
	rings    *widget.Entry
	notify   *widget.Check
	sound    *widget.Check
	saved    *widget.Label
	backups  *backupSection
	content  fyne.CanvasObject
}

func newSettingsView(u *UI) *settingsView {
	v := &settingsView{ui: u}
	set, err := u.session.DB().Settings()
	if err != nil {
		u.showProblem(err)
	}
	v.region = widget.NewEntry()
	v.region.SetText(set.Region)
	v.region.SetPlaceHolder("US")
	v.areaCode = widget.NewEntry()
	v.areaCode.SetText(set.AreaCode)
	v.areaCode.SetPlaceHolder("e.g. 212")
	v.ringGap = widget.NewEntry()
	v.ringGap.SetText(strconv.Itoa(set.RingGapSeconds))
	v.rings = widget.NewEntry()
	v.rings.SetText(strconv.Itoa(set.NoAnswerRings))
	prefs := u.app.Preferences()
	v.notify = widget.NewCheck("Show a desktop notification when a caller is known", func(on bool) { prefs.SetBool(prefNotify, on) })
	v.notify.SetChecked(prefs.BoolWithFallback(prefNotify, true))
	v.sound = widget.NewCheck("Play a sound too", func(on bool) { prefs.SetBool(prefSound, on) })
	v.sound.SetChecked(prefs.BoolWithFallback(prefSound, false))
	v.saved = widget.NewLabel("")
	v.backups = newBackupSection(u)

	form := widget.NewForm(
		widget.NewFormItem("Country", v.region),
		widget.NewFormItem("Home area code", v.areaCode),
		widget.NewFormItem("Call is over after (seconds without a ring)", v.ringGap),
		widget.NewFormItem("Missed after (rings, when the device cannot see a pick-up)", v.rings),
	)
	form.Items[0].HintText = "Two letters (US, CA, GB…): how phone numbers are read and shown."
	form.Items[1].HintText = "Put before seven-digit local numbers."
	form.Items[3].HintText = "A plain modem cannot see who picked up: a call that rang this often is counted as missed, an estimate."
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), v.save)
	save.Importance = widget.HighImportance
	body := container.NewVBox(
		widget.NewLabelWithStyle("Your phone line", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, container.NewHBox(save, v.saved),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("When the phone rings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.notify, v.sound,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("When the computer starts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		autostartSetting(u.log),
		widget.NewSeparator(),
		v.backups.content,
	)
	v.content = container.NewVScroll(container.NewPadded(body))
	return v
}

func (v *settingsView) save() {
	set, err := v.ui.session.DB().Settings()
	if err != nil {
		dialog.ShowError(err, v.ui.win)
		return
	}
	gap, err1 := strconv.Atoi(strings.TrimSpace(v.ringGap.Text))
	rings, err2 := strconv.Atoi(strings.TrimSpace(v.rings.Text))
	region := strings.ToUpper(strings.TrimSpace(v.region.Text))
	switch {
	case err1 != nil || gap < 2 || gap > 60:
		dialog.ShowError(fmt.Errorf("the quiet time must be a number of seconds from 2 to 60"), v.ui.win)
		return
	case err2 != nil || rings < 1 || rings > 20:
		dialog.ShowError(fmt.Errorf("the number of rings must be from 1 to 20"), v.ui.win)
		return
	case len(region) != 2:
		dialog.ShowError(fmt.Errorf("the country is two letters, like US or GB"), v.ui.win)
		return
	}
	set.Region, set.AreaCode, set.RingGapSeconds, set.NoAnswerRings = region, strings.TrimSpace(v.areaCode.Text), gap, rings
	if err := v.ui.session.DB().SaveSettings(set); err != nil {
		dialog.ShowError(err, v.ui.win)
		return
	}
	v.saved.SetText("Saved. Call timing changes apply when Callboard next starts.")
}
