package ncid

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/internal/devstatus"
	"github.com/callboard-app/callboard/callerid/internal/wait"
)

// DefaultPort is where ncidd listens unless ncidd.conf says otherwise.
const DefaultPort = "3333"

// Defaults for the Client's timings.
const (
	// DefaultRetryMin and DefaultRetryMax bound the wait between connection
	// attempts: it starts at the first and doubles up to the second, so a
	// server that is down for the night is not knocked on every second.
	DefaultRetryMin = time.Second
	DefaultRetryMax = time.Minute
	// DefaultGreetTimeout is how long a fresh connection may stay silent
	// before it counts as not being an NCID server (ncidd greets at once).
	DefaultGreetTimeout = 10 * time.Second
	// DefaultEndHold is how long a hang-up seen in CIDINFO waits for the
	// END line ncidd sends with it (see Decoder).
	DefaultEndHold = time.Second
)

// Client connects to an NCID server and turns its lines into callerid.Events:
//
//   - CID: a CallerID (line label from LINE; Number, Name, TelcoDate MMDD,
//     TelcoTime HHMM).
//   - CIDINFO: RING n>0 is a Ring; RING 0 (ringing stopped) sends nothing, so
//     the tracker estimates the outcome; RING -1 (caller gave up) and -3
//     (busy) are an End that was missed, RING -2 an End that was answered.
//   - END: HTYPE BYE is an End that was answered, Talk = ECALL - SCALL;
//     CANCEL is an End that was missed.
//   - HUP: (hung up by ncidd's blacklist) and BLK: (blocked by the device) are
//     a CallerID and an End that was blocked.
//   - OUT: a CallerID with Outbound set, and an End.
//
// Other lines (MSG:, NOT:, OPT:, forwarded "+" lines, types NCID may add
// later) are logged and skipped. NCID's documented fields carry no dialled
// number, so Dialed stays empty.
//
// With Replay set, the call log the server sends on connect becomes
// complete calls stamped with their logged time; see the package comment
// for how that avoids storing a call twice.
type Client struct {
	// Addr is host:port of the server; a bare host means port 3333.
	Addr string
	// Name names the server in statuses and in every event's Line, which is
	// Name + "/" + NCID's line id (just Name for NCID's default line "-").
	// Empty means "ncid:" + Addr.
	Name string
	// Now stamps live events; nil means time.Now.
	Now func() time.Time
	// Log receives connection changes and every server line; nil logs
	// nothing.
	Log *slog.Logger
	// Replay asks for the server's call log on each connect and turns it
	// into calls. Without it the client asks the server not to send it.
	Replay bool
	// Since is the start of the newest call already stored: replayed calls
	// logged in its minute or earlier are skipped. Zero replays everything.
	Since time.Time
	// DayFirst reads DATE fields as ddmmyyyy: ncidd passes on the telco's
	// order, which is day first in most of the world.
	DayFirst bool
	// Dial opens the connection; nil means TCP with a 10-second timeout and
	// keep-alive probes (which notice a server that vanished).
	Dial func(ctx context.Context, addr string) (net.Conn, error)

	// RetryMin, RetryMax, GreetTimeout and EndHold override the defaults
	// of the same names when positive.
	RetryMin, RetryMax time.Duration
	GreetTimeout       time.Duration
	EndHold            time.Duration

	// newest is the time of the newest call sent, live or replayed: a
	// replay after a reconnect skips everything up to it. Only Run's
	// goroutine touches it.
	newest time.Time
}

// Run keeps a connection to the server until ctx is done, sending events to
// events and each change of state to status (nil: no reports): Connecting,
// Listening once the server greeted, NoResponse when nothing (or something
// that is not NCID) answers, Disconnected when an open connection drops,
// and Stopped at the end. It reconnects after each failure, waiting
// RetryMin and doubling up to RetryMax; the wait starts again from RetryMin
// after a connection that got through the server's start-up. The same
// state is not reported twice in a row.
func (c *Client) Run(ctx context.Context, events chan<- callerid.Event, status func(callerid.DeviceStatus)) {
	addr := c.address()
	device := c.Name
	if device == "" {
		device = "ncid:" + addr
	}
	rep := devstatus.NewReporter(device, status)
	log := c.logger()
	rep.Say(callerid.DeviceConnecting, "Connecting to the NCID server at "+addr+".", "")
	retry := wait.NewBackoff(wait.Or(c.RetryMin, DefaultRetryMin), wait.Or(c.RetryMax, DefaultRetryMax))
	for {
		s := &session{c: c, addr: addr, device: device, events: events, rep: rep, log: log}
		err := s.run(ctx)
		if ctx.Err() != nil {
			break
		}
		if s.started {
			retry.Reset()
		}
		if rep.Report(failure(addr, err)) {
			log.Warn("NCID server unavailable", "server", addr, "err", err)
		}
		if !retry.Rest(ctx) {
			break
		}
	}
	rep.Say(callerid.DeviceStopped, "Not listening.", "")
}

// address is Addr with the default port added when it has none.
func (c *Client) address() string {
	host, port, err := net.SplitHostPort(c.Addr)
	switch {
	case err != nil:
		host = strings.TrimSuffix(strings.TrimPrefix(c.Addr, "["), "]")
	case port != "":
		return c.Addr
	}
	return net.JoinHostPort(host, DefaultPort)
}

func (c *Client) dial(ctx context.Context, addr string) (net.Conn, error) {
	if c.Dial != nil {
		return c.Dial(ctx, addr)
	}
	d := net.Dialer{Timeout: 10 * time.Second}
	return d.DialContext(ctx, "tcp", addr)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) logger() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.New(slog.DiscardHandler)
}

// replayCutoff is the first minute a replayed call may be logged in and
// still be new: the minute after the newest call already stored or sent.
func (c *Client) replayCutoff() time.Time {
	newest := c.Since
	if c.newest.After(newest) {
		newest = c.newest
	}
	if newest.IsZero() {
		return time.Time{}
	}
	return newest.Truncate(time.Minute).Add(time.Minute)
}
