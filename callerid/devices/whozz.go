package devices

import (
	"context"
	"io"
	"log/slog"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/whozz"
)

// runWhozz runs a Whozz Calling unit: on a serial port, or an Ethernet Link
// unit whose UDP packets Callboard listens for. Either way the unit is sent
// the set-up a call tracker needs (start and end records, detail records),
// so that answered and missed are exact.
func runWhozz(ctx context.Context, c callerid.SourceConfig, line string, events chan<- callerid.Event, status func(callerid.DeviceStatus), o Options, log *slog.Logger) {
	if c.Kind == callerid.SourceWhozzSerial {
		serial(c, o, log, func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error {
			ready("Listening for calls.")
			s := &whozz.Serial{Unit: line, Log: log, Setup: true, DistinctiveRing: c.DistinctiveRing}
			return s.Run(ctx, port, events)
		}).Run(ctx, status)
		return
	}
	u := &whozz.UDP{Addr: c.Addr, Prefix: line + ":", Log: log, Setup: true, DistinctiveRing: c.DistinctiveRing}
	if err := u.Run(ctx, events, renamed(c.Title(), status)); err != nil && ctx.Err() == nil {
		log.Warn("whozz calling listener stopped", "err", err)
	}
}
