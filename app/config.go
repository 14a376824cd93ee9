// Package app is Callboard's window: the Fyne UI and the one bridge through
// which calls and device news from other goroutines reach it.
package app

import (
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Config is how Callboard was started: flags, with the saved settings
// filling whatever a flag did not set.
type Config struct {
	// DBPath overrides the per-user database.
	DBPath string
	// Port is the serial device to read; empty means find the one USB modem.
	Port string
	Baud int
	// Sources given on the command line (--ncid, --whozz-udp) are run
	// instead of the saved ones.
	Sources []callerid.SourceConfig
	// Demo runs on the demo database with a simulated line.
	Demo bool
	// DemoEvery is the mean gap between the simulated line's calls.
	DemoEvery time.Duration

	// Region is the shop's country for number formats (ISO code, e.g. "US").
	Region string
	// AreaCode is put before seven-digit local numbers.
	AreaCode string
	// RingGap ends a call when ringing stops for this long.
	RingGap time.Duration
	// NoAnswerRings: a call that rang this many times counts as missed.
	NoAnswerRings int
	// StartMinimized keeps the window hidden at start where a tray icon can
	// bring it back (--minimized, as the login entry starts Callboard).
	StartMinimized bool
}
