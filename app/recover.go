package app

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/storage"
)

// recoveryView is the small window shown instead of the main one when the
// database cannot be opened: why, that the file was not changed, and the
// backups to restore from. Restoring keeps the damaged file aside.
type recoveryView struct {
	cfg    Config
	dbPath string
	log    *slog.Logger
	do     func(func())
	opened func(*Session)

	// restoring is set while a restore runs: closing the window then
	// would stop it between moving the damaged file and putting the
	// backup in its place.
	restoring bool

	picker  *backupPicker // nil when there is nothing to restore
	restore *widget.Button
	quit    *widget.Button
	status  *widget.Label
	content fyne.CanvasObject
}

// newRecoveryView explains openErr, the reason the database at dbPath was
// refused. After a restore, opened receives the session on the restored
// database, on the UI thread (do). quit ends Callboard.
func newRecoveryView(cfg Config, dbPath string, openErr error, log *slog.Logger, do func(func()), opened func(*Session), quit func()) *recoveryView {
	v := &recoveryView{cfg: cfg, dbPath: dbPath, log: log, do: do, opened: opened}
	v.quit = widget.NewButtonWithIcon("Quit", theme.CancelIcon(), quit)
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	para := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	title := widget.NewLabelWithStyle("Callboard cannot open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(title)

	if errors.Is(openErr, storage.ErrNewerSchema) {
		body.Add(para(fmt.Sprintf("%s was written by a newer version of Callboard. This version cannot read it, "+
			"and has not changed it. Install the newer Callboard to open it.", dbPath)))
		body.Add(v.status)
		v.content = container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), v.quit), nil, nil, container.NewPadded(body))
		return v
	}

	body.Add(para(fmt.Sprintf("%s is damaged, cut short, or is not a Callboard database. "+
		"Callboard has not changed it.", dbPath)))
	details := para("Details: " + openErr.Error())
	details.Importance = widget.LowImportance
	body.Add(details)

	list, err := storage.Backups(dbPath)
	if err != nil {
		body.Add(para("The backups cannot be listed: " + err.Error()))
	}
	if len(list) == 0 {
		body.Add(para(fmt.Sprintf("There is no backup of it in %s. Keep the damaged file: the calls in it may still be "+
			"recovered. To start again with an empty database, move %s out of %s and start Callboard again.",
			storage.BackupDir(dbPath), filepath.Base(dbPath), filepath.Dir(dbPath))))
		body.Add(v.status)
		v.content = container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), v.quit), nil, nil, container.NewPadded(body))
		return v
	}

	body.Add(para(fmt.Sprintf("You can restore a backup. The damaged file stays beside it as %s.before-restore-<date and time>; "+
		"nothing is deleted. Calls saved since the backup are not in it.", filepath.Base(dbPath))))
	v.picker = newBackupPicker(list)
	v.restore = widget.NewButtonWithIcon("Restore this backup", theme.HistoryIcon(), v.restoreChosen)
	v.restore.Importance = widget.HighImportance
	body.Add(v.status)
	v.content = container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), v.quit, v.restore), nil, nil,
		container.NewPadded(container.NewBorder(body, nil, nil, nil, v.picker.content)))
	return v
}

// restoreChosen checks and restores the chosen backup off the UI thread
// (a large one takes seconds to check), then opens it.
func (v *recoveryView) restoreChosen() {
	b, ok := v.picker.selected()
	if !ok {
		v.status.SetText("Choose a backup to restore.")
		return
	}
	v.restore.Disable()
	v.quit.Disable()
	v.restoring = true
	v.status.SetText("Checking and restoring the backup of " + b.Time.Format("Monday 2 January 2006, 15:04") + "…")
	cfg := v.cfg
	cfg.DBPath = v.dbPath
	go func() {
		aside, err := storage.Restore(v.dbPath, b.Path)
		var s *Session
		if err == nil {
			v.log.Info("backup restored", "backup", b.Path, "aside", aside)
			s, err = OpenSession(cfg, v.log)
		}
		v.do(func() {
			v.restoring = false
			v.restore.Enable()
			v.quit.Enable()
			if err != nil {
				v.status.SetText("That backup could not be restored: " + err.Error() + " Choose another, or Quit.")
				return
			}
			v.opened(s)
		})
	}()
}
