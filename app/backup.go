package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/storage"
)

// backupCheckEvery is how often a running Callboard looks whether the day's
// backup is made: a folder listing, so a Callboard left on for a week makes
// one every day.
const backupCheckEvery = 3 * time.Hour

// backupFirstAfter leaves the first moments after launch to opening the
// window: copying a large database competes for the disk.
var backupFirstAfter = 30 * time.Second

// StartDailyBackup makes the day's backup soon after launch, in the
// background, and then looks again every few hours until ctx ends. ctx must be the session's own
// (s.ctx, from Start): Close waits for a backup being written, as for the
// devices. The demo database is not backed up.
func (s *Session) StartDailyBackup(ctx context.Context) {
	if s.cfg.Demo {
		return
	}
	s.devices.Add(1)
	go func() {
		defer s.devices.Done()
		wait := backupFirstAfter
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			s.dailyBackup(time.Now())
			wait = backupCheckEvery
		}
	}()
}

// dailyBackup makes the day's backup as the shop set it up, and returns
// the file made, if any.
func (s *Session) dailyBackup(now time.Time) string {
	set, err := s.db.BackupSettings()
	if err != nil {
		s.log.Warn("backup settings unreadable, using defaults", "err", err)
	}
	if set.Off {
		return ""
	}
	made, err := s.db.DailyBackup(now, set.KeepDays)
	if err != nil {
		s.log.Error("daily backup", "err", err)
		if s.sink != nil {
			s.sink.Problem(fmt.Errorf("the daily backup failed: %w", err))
		}
	}
	if made != "" {
		s.log.Info("daily backup made", "file", made)
	}
	return made
}

// BackupNow makes a backup the shop keeps until it deletes it.
func (s *Session) BackupNow() (string, error) { return s.db.BackupNow(time.Now()) }

// backupSection is the Backups part of the Settings screen: where the
// backups are, the latest one, how long daily ones are kept, Back up now
// and Restore.
type backupSection struct {
	ui      *UI
	latest  *widget.Label
	daily   *widget.Check
	keep    *widget.Select
	now     *widget.Button
	restore *widget.Button
	result  *widget.Label
	content fyne.CanvasObject
}

// keepChoices are the keep periods offered, in days.
var keepChoices = []int{3, 7, 14, 30, 60, 90, 180, 365}

func newBackupSection(u *UI) *backupSection {
	v := &backupSection{ui: u}
	set, err := u.session.DB().BackupSettings()
	if err != nil {
		u.showProblem(err)
	}
	where := widget.NewLabel("Kept in " + storage.BackupDir(u.session.DB().Path()))
	where.Wrapping = fyne.TextWrapBreak
	v.latest = widget.NewLabel("")
	v.daily = widget.NewCheck("Back up every day (the backup is made while Callboard runs)", nil)
	v.daily.SetChecked(!set.Off)
	v.daily.OnChanged = func(bool) { v.saveSettings() }
	choices := keepChoices
	if !slices.Contains(choices, set.KeepDays) {
		choices = append(slices.Clone(choices), set.KeepDays)
		slices.Sort(choices)
	}
	var labels []string
	for _, d := range choices {
		labels = append(labels, strconv.Itoa(d))
	}
	v.keep = widget.NewSelect(labels, nil)
	v.keep.SetSelected(strconv.Itoa(set.KeepDays))
	v.keep.OnChanged = func(string) { v.saveSettings() }
	v.now = widget.NewButtonWithIcon("Back up now", theme.DocumentSaveIcon(), v.backUpNow)
	v.restore = widget.NewButtonWithIcon("Restore…", theme.HistoryIcon(), v.chooseBackup)
	v.result = widget.NewLabel("")
	v.content = container.NewVBox(
		widget.NewLabelWithStyle("Backups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		where, v.latest, v.daily,
		container.NewHBox(widget.NewLabel("Keep daily backups for"), v.keep, widget.NewLabel("days")),
		container.NewHBox(v.now, v.restore, v.result),
	)
	v.showLatest()
	return v
}

func (v *backupSection) saveSettings() {
	days, err := strconv.Atoi(v.keep.Selected)
	if err != nil {
		days = storage.DefaultKeepDays
	}
	if err := v.ui.session.DB().SaveBackupSettings(storage.BackupSettings{KeepDays: days, Off: !v.daily.Checked}); err != nil {
		dialog.ShowError(err, v.ui.win)
	}
}

func (v *backupSection) showLatest() {
	list, err := storage.Backups(v.ui.session.DB().Path())
	switch {
	case err != nil:
		v.latest.SetText("Backups: " + err.Error())
	case len(list) == 0:
		v.latest.SetText("No backup yet.")
	default:
		v.latest.SetText("Latest backup: " + backupLabel(list[0]))
	}
}

// backUpNow writes the backup off the UI thread: a large database takes
// seconds, and calls keep being saved meanwhile.
func (v *backupSection) backUpNow() {
	v.now.Disable()
	v.result.SetText("Backing up…")
	s := v.ui.session
	go func() {
		path, err := s.BackupNow()
		v.ui.bridge.run(func() {
			v.now.Enable()
			if err != nil {
				v.result.SetText("")
				dialog.ShowError(err, v.ui.win)
				return
			}
			v.result.SetText("Backed up to " + path)
			v.showLatest()
		})
	}()
}

// chooseBackup lists the backups, newest first, to restore one.
func (v *backupSection) chooseBackup() {
	list, err := storage.Backups(v.ui.session.DB().Path())
	if err != nil {
		dialog.ShowError(err, v.ui.win)
		return
	}
	if len(list) == 0 {
		dialog.ShowInformation("No backup yet", "There is no backup to restore in "+storage.BackupDir(v.ui.session.DB().Path())+".", v.ui.win)
		return
	}
	p := newBackupPicker(list)
	d := dialog.NewCustomConfirm("Restore a backup", "Restore…", "Cancel", p.content, func(ok bool) {
		if b, chosen := p.selected(); ok && chosen {
			v.confirmRestore(b)
		}
	}, v.ui.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}

// confirmRestore says what restoring does before it is done.
func (v *backupSection) confirmRestore(b storage.BackupFile) {
	path := v.ui.session.DB().Path()
	text := widget.NewLabel(restoreSentence(path, b))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Restore the backup of "+b.Time.Format("2 January 2006")+"?", "Restore", "Cancel", text, func(ok bool) {
		if ok {
			v.ui.restoreBackup(b)
		}
	}, v.ui.win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

func restoreSentence(dbPath string, b storage.BackupFile) string {
	return fmt.Sprintf("Callboard will close the database, put the current one aside as %s.before-restore-<date and time> "+
		"in the same folder (nothing is deleted), and restore the backup of %s. "+
		"Calls saved since that backup stay in the database put aside, not in the restored one. "+
		"Callboard stops listening to the lines for the few seconds this takes.",
		filepath.Base(dbPath), b.Time.Format("Monday 2 January 2006, 15:04"))
}

// restoreBackup closes the session, restores the backup and opens the
// window again on the restored database, the way the demo switch swaps
// databases. A backup that fails its check changes nothing: the same
// database is opened again.
func (u *UI) restoreBackup(b storage.BackupFile) {
	cfg := u.session.Config()
	cfg.DBPath = u.session.DB().Path()
	var aside string
	var restoreErr error
	restore := func() {
		aside, restoreErr = storage.Restore(cfg.DBPath, b.Path)
		if restoreErr == nil {
			u.log.Info("backup restored", "backup", b.Path, "aside", aside)
		}
	}
	u.swapSession("Restoring the backup…", cfg, restore, func() {
		when := b.Time.Format("Monday 2 January 2006, 15:04")
		switch {
		case restoreErr != nil:
			dialog.ShowError(fmt.Errorf("nothing was restored: %w", restoreErr), u.win)
		case aside != "":
			dialog.ShowInformation("Backup restored", "The backup of "+when+
				" is back in place. The database that was there is kept as "+aside+".", u.win)
		default:
			dialog.ShowInformation("Backup restored", "The backup of "+when+" is back in place.", u.win)
		}
	})
}

// backupPicker is a choice among backups, newest first and chosen.
type backupPicker struct {
	radio   *widget.RadioGroup
	files   map[string]storage.BackupFile
	content fyne.CanvasObject
}

func newBackupPicker(list []storage.BackupFile) *backupPicker {
	p := &backupPicker{files: map[string]storage.BackupFile{}}
	var labels []string
	for _, b := range list {
		l := backupLabel(b)
		if _, dup := p.files[l]; dup {
			l += " · " + filepath.Base(b.Path)
		}
		labels = append(labels, l)
		p.files[l] = b
	}
	p.radio = widget.NewRadioGroup(labels, nil)
	p.radio.Required = true
	if len(labels) > 0 {
		p.radio.SetSelected(labels[0])
	}
	scroll := container.NewVScroll(p.radio)
	scroll.SetMinSize(fyne.NewSize(480, min(float32(len(labels))*40, 280)))
	p.content = scroll
	return p
}

func (p *backupPicker) selected() (storage.BackupFile, bool) {
	b, ok := p.files[p.radio.Selected]
	return b, ok
}

// backupLabel is a backup as the shop picks it: "Saturday 28 November
// 2026, 09:30 · 12.4 MB · daily".
func backupLabel(b storage.BackupFile) string {
	kind := "made by hand"
	if b.Daily {
		kind = "daily"
	}
	return b.Time.Format("Monday 2 January 2006, 15:04") + " · " + sizeText(b.Size) + " · " + kind
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return plural(int(n), "byte", "bytes")
}
