package modem_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// personality is a modem family as the driver meets it: the commands it
// takes, the options the shop set, and what it prints for one call.
type personality struct {
	name    string
	accepts []string
	opts    modem.InitOptions
	// wantSetUp is what the driver must have turned on.
	wantCallerID string
	wantAccepted []string
	call         []string
	// want summarises the events: kind, then number and name, or the ring
	// pattern.
	want []string
}

var personalities = []personality{{
	name:         "USR Sportster: refuses +VCID, takes #CID, distinctive ring RING B",
	accepts:      []string{"AT#CID=1", "ATS41=1"},
	opts:         modem.InitOptions{DistinctiveRing: true},
	wantCallerID: "AT#CID=1",
	wantAccepted: []string{"ATS41=1"},
	call:         []string{"RING B", "", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234", "NAME = A N OTHER", "", "RING B"},
	want:         []string{"ring B", "callerid 5045551234 A N OTHER", "ring B"},
}, {
	name:         "UK line on a Conexant: country B4, caller ID before the first ring",
	accepts:      []string{"AT+GCI=B4", "AT+VCID=1"},
	opts:         modem.InitOptions{Country: "B4"},
	wantCallerID: "AT+VCID=1",
	wantAccepted: []string{"AT+GCI=B4"},
	call:         []string{"MESG = 110101", "DATE = 0421", "TIME = 0934", "NMBR = P", "NAME = WITHHELD", "RING", "RING"},
	want:         []string{"callerid P WITHHELD", "ring", "ring"},
}, {
	name:         "a modem giving raw hex (+VCID=2)",
	accepts:      []string{"AT+VCID=2", "AT+VCID=1"},
	opts:         modem.InitOptions{Raw: true},
	wantCallerID: "AT+VCID=2",
	call:         []string{"RING", "", mdmfPacket, "", "RING"},
	want:         []string{"ring", "callerid 4075550000 JOHN DOE", "ring"},
}, {
	name:         "USR 5637 in #CID=2: MESG= and spaces, one packet garbled",
	accepts:      []string{"AT#CID=2"},
	opts:         modem.InitOptions{Raw: true},
	wantCallerID: "AT#CID=2",
	call:         []string{"RING", "MESG=" + spaced(mdmfPacket[:len(mdmfPacket)-2]+"00"), "RING", "RING", "MESG=" + spaced(mdmfPrivate), "RING"},
	want:         []string{"ring", "ring", "ring", "callerid P P", "ring"},
}, {
	name:         "Motorola: only *ID1",
	accepts:      []string{"AT*ID1"},
	wantCallerID: "AT*ID1",
	call:         []string{"RING", "\x10R\x10X\x10.\x18DATE = 0511", "TIME = 1852", "NMBR = 4075550000", "NAME = JOHN DOE", "RING"},
	want:         []string{"ring", "ring", "callerid 4075550000 JOHN DOE", "ring"},
}, {
	name:         "Lucent with +VDR: rings only as cadences",
	accepts:      []string{"AT+FCLASS=8", "AT+VCID=1", "AT+VDR=1,0"},
	opts:         modem.InitOptions{DistinctiveRing: true},
	wantCallerID: "AT+VCID=1",
	wantAccepted: []string{"AT+FCLASS=8", "AT+VDR=1,0"},
	call: []string{"DRON=5", "DROF=11", "DRON=5", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234", "NAME = A N OTHER",
		"DROF=34", "DRON=5", "DROF=11", "DRON=5"},
	want: []string{"callerid 5045551234 A N OTHER", "ring 5-11-5", "ring 5-11-5"},
}, {
	name:         "Conexant voice modem with -STE: the extension answers",
	accepts:      []string{"AT+FCLASS=8", "AT-STE=7", "AT+VCID=1"},
	opts:         modem.InitOptions{ExtensionPickup: true},
	wantCallerID: "AT+VCID=1",
	wantAccepted: []string{"AT+FCLASS=8", "AT-STE=7"},
	call:         []string{"RING", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234", "NAME = A N OTHER", "RING", "\x10P"},
	want:         []string{"ring", "callerid 5045551234 A N OTHER", "ring", "offhook"},
}}

func summary(ev callerid.Event) string {
	switch ev.Kind {
	case callerid.CallerID:
		return fmt.Sprintf("callerid %s %s", ev.Number, ev.Name)
	case callerid.Ring:
		if ev.RingPattern != "" {
			return "ring " + ev.RingPattern
		}
	}
	return ev.Kind.String()
}

func TestModemPersonalities(t *testing.T) {
	for _, p := range personalities {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			m, port := startFakeModem(t, accepts(p.accepts...), false)
			ctx, cancel := context.WithCancel(context.Background())
			events := make(chan callerid.Event, 16)
			ready := make(chan modem.InitResult, 1)
			result := make(chan error, 1)
			d := &modem.Driver{Line: "modem:test", InitOptions: p.opts, InitTimeout: testTimeout, IdleFlush: time.Hour,
				Ready: func(res modem.InitResult) { ready <- res }}
			go func() { result <- d.Run(ctx, port, events) }()
			defer func() { cancel(); <-result }()

			var res modem.InitResult
			select {
			case res = <-ready:
			case err := <-result:
				t.Fatalf("Run = %v before the modem was ready", err)
			}
			if res.CallerIDCommand != p.wantCallerID || !slices.Equal(res.Accepted, p.wantAccepted) {
				t.Errorf("set up with %q and %q, want %q and %q", res.CallerIDCommand, res.Accepted, p.wantCallerID, p.wantAccepted)
			}
			m.say(t, p.call...)
			var got []string
			for range p.want {
				select {
				case ev := <-events:
					got = append(got, summary(ev))
				case <-time.After(testTimeout):
					t.Fatalf("events %q, then nothing; want %q", got, p.want)
				}
			}
			if !slices.Equal(got, p.want) {
				t.Errorf("events %q, want %q", got, p.want)
			}
		})
	}
}
