package whozz

import (
	"context"
	"time"

	"github.com/callboard-app/callboard/callerid/internal/wait"
)

// trackerToggles are the set-up toggles a call tracker needs (§4.3 of the
// formats reference), in the order they are sent: X comprehensive records,
// A start and end records, d detail records on, o inbound and outbound.
// Units that do not know a toggle (the 2-line model ignores most) carry
// on as they were, so nothing waits for an answer.
const trackerToggles = "XAdo"

// echoOff goes first on a serial unit so the other toggles are not echoed
// back among the records.
const echoOff = "E"

// toggleGap spaces the toggles out: wc2ncid found that some units (a
// Whozz Calling 8 on firmware 9.7) ignore a toggle that follows another
// command too closely.
var toggleGap = 100 * time.Millisecond

// sendToggles sends each toggle through send, one at a time. It stops
// early only when ctx is done; a toggle that cannot be sent is reported
// to failed and skipped, since the unit works without it.
func sendToggles(ctx context.Context, toggles string, send func(toggle byte) error, failed func(toggle byte, err error)) error {
	for i := 0; i < len(toggles); i++ {
		if err := send(toggles[i]); err != nil {
			failed(toggles[i], err)
		}
		if !wait.Sleep(ctx, toggleGap) {
			return ctx.Err()
		}
	}
	return nil
}
