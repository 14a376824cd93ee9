package whozz

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// DefaultPort is where Ethernet Link units send their records, and where
// they take commands.
const DefaultPort = 3520

// DefaultUDPPrefix starts the line labels of Ethernet Link units: unit 1's
// line 2 is "whozz:1/02".
const DefaultUDPPrefix = "whozz:"

// UDP listens for Ethernet Link units on the LAN. Any number of units may
// send to it; each (told apart by serial number) has its own Assembler.
type UDP struct {
	// Addr is the local address to listen on (":3520" if empty).
	Addr string
	// Prefix starts each unit's label, followed by the unit number
	// (DefaultUDPPrefix if empty).
	Prefix string
	// Now stamps events and times duplicates; nil means time.Now.
	Now func() time.Time
	// Log receives every packet; nil logs nothing.
	Log *slog.Logger
	// DedupeWindow: a packet repeating one from the same unit within it
	// is dropped (DefaultDedupeWindow if 0).
	DedupeWindow time.Duration
	// Setup sends the toggles a call tracker needs to each unit, as
	// "^^Id-<x>" commands, when its first packet arrives. Optional: units
	// come from the factory sending start and end records, and wc2ncid
	// notes that the 2-line model ignores most toggles.
	Setup bool
	// CommandPort is the unit's port for commands (DefaultPort if 0).
	CommandPort int
	// DistinctiveRing and Basic: see Assembler; they apply to every unit.
	DistinctiveRing bool
	Basic           bool
}

// Run binds the address and serves until ctx is done. Status reports go
// to status (nil: none): Listening once bound; a bind failure (the port
// held by another program) with a hint of what to do; Stopped at the end.
func (u *UDP) Run(ctx context.Context, events chan<- callerid.Event, status func(callerid.DeviceStatus)) error {
	addr := u.Addr
	if addr == "" {
		addr = fmt.Sprintf(":%d", DefaultPort)
	}
	conn, err := (&net.ListenConfig{}).ListenPacket(ctx, "udp", addr)
	if err != nil {
		report(status, bindFailure(u.device(), addr, err))
		return err
	}
	return u.Serve(ctx, conn, events, status)
}

// Serve listens on a bound connection until ctx is done or it fails, and
// closes it before returning.
func (u *UDP) Serve(ctx context.Context, conn net.PacketConn, events chan<- callerid.Event, status func(callerid.DeviceStatus)) error {
	defer conn.Close()
	defer context.AfterFunc(ctx, func() { conn.Close() })()
	l := u.newListener(conn)
	report(status, callerid.DeviceStatus{Device: u.device(), State: callerid.DeviceListening,
		Detail: fmt.Sprintf("Listening for Whozz Calling Ethernet Link units on UDP %s.", conn.LocalAddr())})
	buf := make([]byte, 2048)
	for {
		n, from, err := conn.ReadFrom(buf)
		if err != nil {
			if ctx.Err() != nil {
				report(status, callerid.DeviceStatus{Device: u.device(), State: callerid.DeviceStopped, Detail: "Not listening."})
				return ctx.Err()
			}
			report(status, callerid.DeviceStatus{Device: u.device(), State: callerid.DeviceDisconnected,
				Detail: "The network socket failed: " + err.Error()})
			return fmt.Errorf("whozz: reading UDP: %w", err)
		}
		if err := l.packet(ctx, buf[:n], from, events); err != nil {
			report(status, callerid.DeviceStatus{Device: u.device(), State: callerid.DeviceStopped, Detail: "Not listening."})
			return err
		}
	}
}

func (u *UDP) device() string {
	addr := u.Addr
	if addr == "" {
		addr = fmt.Sprintf(":%d", DefaultPort)
	}
	return "Whozz Calling UDP " + addr
}

func report(status func(callerid.DeviceStatus), st callerid.DeviceStatus) {
	if status != nil {
		status(st)
	}
}

// bindFailure says in the shop's words why the port could not be opened.
func bindFailure(device, addr string, err error) callerid.DeviceStatus {
	st := callerid.DeviceStatus{Device: device, State: callerid.DeviceNotFound,
		Detail: fmt.Sprintf("Cannot listen on UDP %s: %v.", addr, err),
		Hint:   "Check the listening address in the device settings; the units send to port 3520 unless set otherwise."}
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.EADDRINUSE) || strings.Contains(msg, "in use") || strings.Contains(msg, "Only one usage"):
		st.State = callerid.DeviceBusy
		st.Detail = fmt.Sprintf("UDP %s is already in use by another program.", addr)
		st.Hint = "Close the other program that listens for the Ethernet Link unit (CallerID.com's own software, " +
			"NCID's wc2ncid, another Callboard), or set the unit and Callboard to another port."
	case errors.Is(err, syscall.EACCES) || strings.Contains(msg, "permission denied"):
		st.State = callerid.DevicePermissionDenied
		st.Hint = "Ports below 1024 need administrator rights: use the unit's own port, 3520."
	}
	return st
}

// listener is Serve's state: one assembler per unit, the duplicates seen.
type listener struct {
	u      *UDP
	conn   net.PacketConn
	log    *slog.Logger
	now    func() time.Time
	dups   dedupe
	units  map[string]*Assembler // by serial (source address if none)
	labels map[string]string     // unit label → serial that holds it
}

func (u *UDP) newListener(conn net.PacketConn) *listener {
	l := &listener{u: u, conn: conn, log: u.Log, now: u.Now,
		dups:  dedupe{window: u.DedupeWindow},
		units: map[string]*Assembler{}, labels: map[string]string{}}
	if l.log == nil {
		l.log = slog.New(slog.DiscardHandler)
	}
	if l.now == nil {
		l.now = time.Now
	}
	if l.dups.window <= 0 {
		l.dups.window = DefaultDedupeWindow
	}
	return l
}

func (l *listener) packet(ctx context.Context, b []byte, from net.Addr, events chan<- callerid.Event) error {
	unit, serial, rec, ok := ParsePacket(b)
	if !ok {
		l.log.Debug("whozz packet ignored", "from", from, "bytes", len(b), "text", printable(b))
		return nil
	}
	id := serial
	if id == "" {
		id = from.String()
	}
	if l.dups.repeat(id+"\x00"+rec.Raw, l.now()) {
		return nil
	}
	l.log.Debug("whozz record", "from", from, "unit", unit, "serial", serial, "text", rec.Raw)
	asm := l.units[id]
	if asm == nil {
		asm = l.newUnit(id, unit)
		if l.u.Setup {
			if err := l.setup(ctx, from, asm); err != nil {
				return err
			}
		}
	}
	return send(ctx, events, asm.Feed(rec))
}

// newUnit makes the assembler of a unit heard for the first time. Two
// units left on the same unit number keep apart by serial.
func (l *listener) newUnit(id, unit string) *Assembler {
	prefix := l.u.Prefix
	if prefix == "" {
		prefix = DefaultUDPPrefix
	}
	label := prefix + unit
	if unit == "" || l.labels[label] != "" {
		label = prefix + id
		if unit != "" {
			l.log.Warn("whozz units share a unit number; labelled by serial instead", "unit", unit, "serial", id)
		}
	}
	l.labels[label] = id
	asm := &Assembler{Unit: label, Now: l.now, DistinctiveRing: l.u.DistinctiveRing, Basic: l.u.Basic}
	l.units[id] = asm
	l.log.Info("whozz unit heard", "unit", unit, "serial", id, "label", label)
	return asm
}

// setup sends the call-tracker toggles to the unit that sent from.
func (l *listener) setup(ctx context.Context, from net.Addr, asm *Assembler) error {
	src, ok := from.(*net.UDPAddr)
	if !ok {
		return nil
	}
	port := l.u.CommandPort
	if port == 0 {
		port = DefaultPort
	}
	to := &net.UDPAddr{IP: src.IP, Port: port, Zone: src.Zone}
	return sendToggles(ctx, trackerToggles,
		func(t byte) error { _, err := l.conn.WriteTo([]byte("^^Id-"+string(t)), to); return err },
		func(t byte, err error) {
			l.log.Warn("whozz set-up toggle not sent", "unit", asm.name(), "to", to, "toggle", string(t), "err", err)
		})
}

// printable shows a packet for the log, binary bytes escaped.
func printable(b []byte) string {
	return strings.ToValidUTF8(fmt.Sprintf("%q", b), "?")
}
