package app

import (
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// UI is Callboard's main window: a header, the Today view and the device
// status bar, over one Session.
type UI struct {
	app     fyne.App
	win     fyne.Window
	session *Session
	log     *slog.Logger
	now     func() time.Time

	today     *todayView
	devices   *devicesView
	campaigns *campaignsView
	reports   *reportsView
	calls     *callLogView
	contacts  *contactsView
	callbacks *callbacksView
	tabs      *container.AppTabs
	status    *statusBar
	problem   *widget.Label
	bridge    *Bridge
	tray      *tray
}

// New builds the window's content for a session. Start begins listening.
func New(a fyne.App, w fyne.Window, s *Session, log *slog.Logger) *UI {
	return newUI(a, w, s, log, fyne.Do)
}

// newUI builds the window with do as the way onto the UI thread (tests
// pass their own before any screen starts work in the background).
func newUI(a fyne.App, w fyne.Window, s *Session, log *slog.Logger, do func(func())) *UI {
	u := &UI{app: a, win: w, session: s, log: log, now: time.Now}
	u.bridge = &Bridge{ui: u, do: do}
	u.build()
	return u
}

func (u *UI) build() {
	cfg := u.session.Config()
	u.today = newTodayView(u.session.DB(), cfg.Region, u.session.LineLabel, u.now)
	u.today.attribute = u.session.attribute
	u.today.card.onSpam = u.toggleSpam
	u.status = newStatusBar(u.session.Demo(), u.switchToDemo)
	u.problem = widget.NewLabel("")
	u.problem.Importance = widget.DangerImportance
	u.problem.Wrapping = fyne.TextWrapWord
	u.problem.Hide()

	title := widget.NewLabelWithStyle("Callboard", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	date := widget.NewLabel(u.now().Format("Monday 2 January 2006"))
	header := container.NewHBox(widget.NewIcon(u.app.Icon()), title, date)
	if u.session.Demo() {
		badge := widget.NewLabelWithStyle("DEMO — simulated calls, separate database", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		badge.Importance = widget.WarningImportance
		header.Add(badge)
	}
	top := container.NewVBox(header, u.problem)
	u.devices = newDevicesView(u)
	u.status.onChange = u.devices.refresh
	u.campaigns = newCampaignsView(u)
	u.reports = newReportsView(u)
	u.calls = newCallLogView(u)
	u.contacts = newContactsView(u)
	u.callbacks = newCallbacksView(u)
	// Saving a line or a campaign re-attributes calls: the report re-counts.
	u.campaigns.onChanged = u.reports.reload
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Today", theme.HomeIcon(), u.today.content),
		container.NewTabItemWithIcon("Calls", theme.ListIcon(), u.calls.content),
		container.NewTabItemWithIcon("Callbacks", theme.MailReplyIcon(), u.callbacks.content),
		container.NewTabItemWithIcon("Contacts", theme.AccountIcon(), u.contacts.content),
		container.NewTabItemWithIcon("Lines & Campaigns", theme.ListIcon(), u.campaigns.content),
		container.NewTabItemWithIcon("Reports", theme.DocumentIcon(), u.reports.content),
		container.NewTabItemWithIcon("Devices", theme.ComputerIcon(), u.devices.content),
		container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), newSettingsView(u).content),
	)
	// A screen shows what happened while it was out of sight.
	callbacksTab := u.tabs.Items[2]
	u.callbacks.onCount = func(n int) {
		callbacksTab.Text = "Callbacks"
		if n > 0 {
			callbacksTab.Text = fmt.Sprintf("Callbacks (%d)", n)
		}
		u.tabs.Refresh()
	}
	u.tabs.OnSelected = func(tab *container.TabItem) {
		switch tab.Content {
		case u.campaigns.content:
			u.campaigns.reload()
		case u.reports.content:
			u.reports.opened = true
			u.reports.reload()
		case u.calls.content:
			// The log's index of every call (about 50 MB at a million
			// calls, a second to build) is made when the log is first
			// looked at: the desk that only watches Today never pays for it.
			u.session.DB().WarmLog()
			u.calls.refresh()
		case u.contacts.content:
			u.contacts.reload()
		case u.callbacks.content:
			u.callbacks.refresh()
		}
	}
	u.today.card.onNote = u.noteCall
	u.today.card.onCorrect = u.noteCall
	u.today.card.onContact = u.cardContact
	// Esc closes the dialog on top as a cancel, when no field has the key
	// (the editors' fields pass Esc on themselves). Fyne's dialogs do not.
	u.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			if top := u.win.Canvas().Overlays().Top(); top != nil {
				top.Hide()
			}
		}
	})
	// Ctrl+F (Cmd+F) searches: the contacts on their screen, else the calls.
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.focusSearch() })
	u.win.SetContent(container.NewBorder(top, u.status.content, nil, nil, u.tabs))
	if err := u.today.reload(); err != nil {
		u.showProblem(err)
	}
}

// Start connects the session's devices to the window.
func (u *UI) Start() {
	u.setUpTray()
	u.session.Start(u.bridge)
	// The tab's count of callers waiting, after the window is drawn.
	u.callbacks.refresh()
}

// setUpTray puts the tray icon up, once. Fyne starts the tray only if its
// menu is set before the app runs.
func (u *UI) setUpTray() {
	if u.tray == nil {
		u.tray = newTray(u.app, func() { u.win.Show(); u.win.RequestFocus() }, func(c callerid.Call) string {
			if c.Active() {
				return callerName(c, u.session.Config().Region) + " — ringing"
			}
			return callerName(c, u.session.Config().Region) + " — " + c.Outcome.Label(c.Exact)
		})
	}
}

func (u *UI) callChanged(v CallView) {
	u.today.callChanged(v)
	if v.Kind == callerid.CallKnown {
		// The crash test holds the app to this: what was shown is stored.
		u.log.Info("caller shown", "id", v.Call.ID, "number", v.Call.Number.Key())
	}
	if v.Kind == callerid.CallKnown || v.Kind == callerid.CallEnded {
		u.calls.refresh()
	}
	if v.Kind == callerid.CallEnded {
		u.callbacks.refresh()
	}
	if v.Kind == callerid.CallKnown && v.Call.HasCallerID() {
		u.announce(v)
	}
	if !v.Call.Known.IsZero() && (v.Kind == callerid.CallKnown || v.Kind == callerid.CallEnded) {
		u.tray.add(v.Call)
	}
}

func (u *UI) showProblem(err error) {
	u.problem.SetText("Problem: " + err.Error())
	u.problem.Show()
}

// switchToDemo leaves the real database alone and reopens the window on the
// demo database with the simulated line.
func (u *UI) switchToDemo() {
	cfg := u.session.Config()
	cfg.Demo, cfg.DBPath, cfg.Port = true, "", ""
	u.swapSession("Starting the demo line…", cfg, nil, nil)
}

// swapSession closes the session, runs between while no database is open,
// opens cfg's database and puts the window on it; opened then runs on the
// UI thread. The window shows progress meanwhile.
func (u *UI) swapSession(doing string, cfg Config, between, opened func()) {
	old := u.session
	progress := dialog.NewCustomWithoutButtons(doing, widget.NewProgressBarInfinite(), u.win)
	progress.Show()
	go func() {
		if err := old.Close(); err != nil {
			u.log.Warn("closing the database", "err", err)
		}
		if between != nil {
			between()
		}
		next, err := OpenSession(cfg, u.log)
		u.bridge.do(func() {
			progress.Hide()
			if err != nil {
				dialog.ShowError(fmt.Errorf("the database could not be opened; close Callboard and start it again: %w", err), u.win)
				return
			}
			u.session = next
			u.build()
			u.Start()
			if opened != nil {
				opened()
			}
		})
	}()
}

// toggleSpam flags the caller on the card as spam, or unflags them, after
// saying what that does. Their calls leave (or rejoin) every figure.
func (u *UI) toggleSpam(v CallView) {
	key := v.Call.Number.Key()
	spam := !v.History.Spam
	who := v.Call.Number.Display(u.session.Config().Region)
	title, text := "Flag "+who+" as spam?", "Their calls, past and future, leave every figure and chart, and are shown dimmed in the log."
	if !spam {
		title, text = "Unflag "+who+"?", "Their calls count in the figures again."
	}
	dialog.ShowConfirm(title, text, func(ok bool) {
		if !ok {
			return
		}
		go func() {
			err := u.session.DB().SetSpam(key, spam)
			u.bridge.run(func() {
				if err != nil {
					u.showProblem(err)
					return
				}
				if u.today.card.view.Call.HasCallerID() && u.today.card.view.Call.Number.Key() == key {
					u.today.card.view.History.Spam = spam
					u.today.card.show(u.today.card.view, u.now())
				}
				u.today.markSpam(key, spam)
			})
		}()
	}, u.win)
}

// noteCall opens the call editor for the call on the card: its note, tags,
// lead status, value, and a correction of its outcome.
func (u *UI) noteCall(v CallView) {
	u.editCall(storage.CallRow{Call: v.Call}, func() {
		if h, ok, err := u.session.DB().Caller(v.Call.Number.Key()); err == nil && ok && u.today.card.view.Call.ID == v.Call.ID {
			// The card's history is the caller before this call; only the
			// note it shows is news.
			view := u.today.card.view
			view.History.LastNote, view.History.LastNoteAt = h.LastNote, h.LastNoteAt
			if row, err := u.session.DB().Row(v.Call.ID); err == nil {
				view.Call = row.Call
			}
			u.today.card.show(view, u.now())
		}
		_ = u.today.reload()
	})
}

// cardContact adds the caller on the card to the contacts, or edits the
// contact they are, then shows the card with the shop's name for them.
func (u *UI) cardContact(v CallView) { u.openCardContact(v) }

func (u *UI) openCardContact(v CallView) *contactForm {
	c := storage.Contact{Numbers: []storage.ContactNumber{{Raw: v.Call.Number.Display(u.session.Config().Region), Key: v.Call.Number.Key()}}}
	if v.ContactID != 0 {
		if known, err := u.session.DB().Contact(v.ContactID); err == nil {
			c = known
		}
	} else if name := callerName(v.Call, u.session.Config().Region); v.Call.Name != "" && name == v.Call.Name {
		c.Name = titleCase(v.Call.Name)
	}
	return u.openContactForm(c, func(saved storage.Contact) {
		if u.today.card.view.Call.ID == v.Call.ID {
			view := u.today.card.view
			view.Contact, view.ContactID = saved.Title(), saved.ID
			u.today.card.show(view, u.now())
		}
		u.today.list.Refresh()
	})
}

// focusSearch puts the cursor in the search box of the screen in view:
// the contacts on their screen, the calls everywhere else.
func (u *UI) focusSearch() {
	if u.tabs.Selected() != nil && u.tabs.Selected().Content == u.contacts.content {
		u.contacts.focusSearch()
		return
	}
	u.tabs.SelectIndex(1)
	u.calls.focusSearch()
}

// Session is the session the window shows now.
func (u *UI) Session() *Session { return u.session }
