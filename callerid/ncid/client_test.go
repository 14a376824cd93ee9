package ncid_test

import (
	"context"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/ncid"
)

// callLog is the server's call log: a modem call, a VoIP call with its END,
// and a call ncidd hung up on.
var callLog = []string{
	"254 Start of call log",
	"CIDLOG: *DATE*03032024*TIME*0901*LINE*POTS*NMBR*4075551212*MESG*NONE*NAME*John Smith*",
	"CIDLOG: *DATE*03032024*TIME*0915*LINE*VOIP*NMBR*4075550001*MESG*NONE*NAME*Ann*",
	"ENDLOG: *HTYPE*BYE*DATE*03032024*TIME*0915*SCALL*03/03/2024 09:15:02*ECALL*03/03/2024 09:18:32*CTYPE*IN*LINE*VOIP*NMBR*4075550001*NAME*Ann*",
	"HUPLOG: *DATE*03032024*TIME*1000*LINE*POTS*NMBR*8005551212*MESG*NONE*NAME*SPAM*",
	"250 End of call log",
}

var replayedCalls = []string{
	"03-03 09:01:00 callerid ncid/POTS 4075551212 John Smith",
	"03-03 09:01:00 end ncid/POTS",
	"03-03 09:15:00 callerid ncid/VOIP 4075550001 Ann",
	"03-03 09:18:30 end ncid/VOIP answered talk 3m30s",
	"03-03 10:00:00 callerid ncid/POTS 8005551212 SPAM",
	"03-03 10:00:00 end ncid/POTS blocked",
}

var startupDone = []string{"OPT: hangup-1", "300 End of connection startup"}

func newClient(addr string) *ncid.Client {
	return &ncid.Client{
		Addr:     addr,
		Name:     "ncid",
		Replay:   true,
		Now:      stepClock(time.Date(2024, 3, 3, 10, 30, 0, 0, time.Local)),
		RetryMin: time.Millisecond,
		RetryMax: 4 * time.Millisecond,
	}
}

func TestClientReplaysTheLogThenListens(t *testing.T) {
	srv := startFakeServer(t)
	r := run(newClient(srv.addr()))
	defer r.stop()

	conn := srv.accept(t)
	if hello := conn.hello(t, true); !slices.Equal(hello, []string{"HELLO: IDENT: client callboard"}) {
		t.Errorf("client said %q", hello)
	}
	conn.send(t, callLog...)
	conn.send(t, startupDone...)
	expectEvents(t, r.next(t, 6), replayedCalls)
	if s := r.status.waitFor(t, callerid.DeviceListening); !strings.Contains(s.Detail, "ncidd (NCID) 1.12") {
		t.Errorf("listening detail %q does not name the server", s.Detail)
	}

	// A live VoIP call, answered; the gateway's CIDINFO -2 repeats the END.
	conn.send(t,
		"CIDINFO: *LINE*VOIP*RING*1*TIME*10:30:00*",
		"CID: *TIME*1030*NAME*Bob*NMBR*4075550002*LINE*VOIP*DATE*03032024*MESG*NONE*FNMBR*(407) 555-0002*",
		"MSG: Caller ID Logfile too big ***DATE*03032024*TIME*1030*NAME*-*NMBR*-*LINE*-*MTYPE*SYS*",
		"CIDINFO: *LINE*VOIP*RING*2*TIME*10:30:06*",
		"CIDINFO: *LINE*VOIP*RING*3*TIME*10:30:12*",
		"END: *HTYPE*BYE*DATE*03032024*TIME*1030*SCALL*03/03/2024 10:30:00*ECALL*03/03/2024 10:32:05*CTYPE*IN*LINE*VOIP*NMBR*4075550002*NAME*Bob*",
		"CIDINFO: *LINE*VOIP*RING*-2*TIME*10:32:05*",
		"CID: *DATE*03032024*TIME*1033*LINE*POTS*NMBR*4075550009*NAME*Next*",
	)
	expectEvents(t, r.next(t, 6), []string{
		"03-03 10:30:00 ring ncid/VOIP",
		"03-03 10:30:01 callerid ncid/VOIP 4075550002 Bob",
		"03-03 10:30:02 ring ncid/VOIP",
		"03-03 10:30:03 ring ncid/VOIP",
		"03-03 10:30:04 end ncid/VOIP answered talk 2m5s",
		"03-03 10:30:06 callerid ncid/POTS 4075550009 Next",
	})
}

func TestClientReconnectsAndReplaysOnlyWhatItMissed(t *testing.T) {
	srv := startFakeServer(t)
	r := run(newClient(srv.addr()))
	defer r.stop()

	conn := srv.accept(t)
	conn.hello(t, true)
	conn.send(t, callLog...)
	conn.send(t, startupDone...)
	conn.send(t, "CID: *DATE*03032024*TIME*1030*LINE*VOIP*NMBR*4075550002*MESG*NONE*NAME*Bob*")
	expectEvents(t, r.next(t, 7), append(slices.Clone(replayedCalls),
		"03-03 10:30:00 callerid ncid/VOIP 4075550002 Bob"))

	conn.conn.Close()
	lost := r.status.waitFor(t, callerid.DeviceDisconnected)
	if !strings.Contains(lost.Detail, srv.addr()) || lost.Hint == "" {
		t.Errorf("disconnected status %+v should name the server and say what happens", lost)
	}

	// The server logged the live call, and one more that came while the
	// client was away: only that one is new.
	conn = srv.accept(t)
	conn.hello(t, true)
	conn.send(t, callLog[:len(callLog)-1]...)
	conn.send(t,
		"CIDLOG: *DATE*03032024*TIME*1030*LINE*VOIP*NMBR*4075550002*MESG*NONE*NAME*Bob*",
		"ENDLOG: *HTYPE*BYE*DATE*03032024*TIME*1030*SCALL*03/03/2024 10:30:00*ECALL*03/03/2024 10:32:05*CTYPE*IN*LINE*VOIP*NMBR*4075550002*NAME*Bob*",
		"CIDLOG: *DATE*03032024*TIME*1040*LINE*POTS*NMBR*4075550003*MESG*NONE*NAME*Cy*",
		"250 End of call log",
	)
	conn.send(t, startupDone...)
	conn.send(t, "CID: *DATE*03032024*TIME*1050*LINE*POTS*NMBR*4075550004*MESG*NONE*NAME*Di*")
	expectEvents(t, r.next(t, 3), []string{
		"03-03 10:40:00 callerid ncid/POTS 4075550003 Cy",
		"03-03 10:40:00 end ncid/POTS",
		"03-03 10:30:01 callerid ncid/POTS 4075550004 Di",
	})
	r.status.waitFor(t, callerid.DeviceListening)
}

func TestReplayedCallsKeepTheirTimeAcrossRestarts(t *testing.T) {
	srv := startFakeServer(t)
	replayOnce := func(c *ncid.Client) []callerid.Event {
		r := run(c)
		defer r.stop()
		conn := srv.accept(t)
		conn.hello(t, true)
		conn.send(t, callLog...)
		conn.send(t, startupDone...)
		conn.send(t, "CID: *DATE*03032024*TIME*1030*LINE*VOIP*NMBR*4075550002*MESG*NONE*NAME*Bob*")
		for evs := []callerid.Event{}; ; {
			evs = append(evs, r.next(t, 1)...)
			if last := evs[len(evs)-1]; last.Number == "4075550002" {
				return evs[:len(evs)-1] // the live call: the replay is over
			}
		}
	}

	first := replayOnce(newClient(srv.addr()))
	expectEvents(t, first, replayedCalls)
	second := replayOnce(newClient(srv.addr()))
	for i := range first {
		if !second[i].At.Equal(first[i].At) {
			t.Errorf("event %d at %v on the second connect, %v on the first: the call would get a new ID", i, second[i].At, first[i].At)
		}
	}

	// With the newest stored call as Since, a restart replays nothing.
	c := newClient(srv.addr())
	c.Since = first[len(first)-1].At
	if again := replayOnce(c); len(again) != 0 {
		t.Errorf("replayed %q, want nothing: every call is stored", stamped(again))
	}
}

func TestClientWithoutReplayAsksForNoLog(t *testing.T) {
	srv := startFakeServer(t)
	c := newClient(srv.addr())
	c.Replay = false
	r := run(c)
	defer r.stop()

	conn := srv.accept(t)
	if hello := conn.hello(t, false); !slices.Equal(hello, []string{"HELLO: IDENT: client callboard", "HELLO: CMD: no_log"}) {
		t.Errorf("client said %q", hello)
	}
	conn.send(t, callLog...) // an old server sends it anyway
	conn.send(t, startupDone...)
	conn.send(t, "CID: *DATE*03032024*TIME*1030*LINE*VOIP*NMBR*4075550002*MESG*NONE*NAME*Bob*")
	expectEvents(t, r.next(t, 1), []string{"03-03 10:30:00 callerid ncid/VOIP 4075550002 Bob"})
}

func TestClientEndsAGatewayCallWithoutEndLine(t *testing.T) {
	srv := startFakeServer(t)
	c := newClient(srv.addr())
	c.EndHold = time.Millisecond
	r := run(c)
	defer r.stop()

	conn := srv.accept(t)
	conn.hello(t, true)
	conn.send(t, "251 Call log not sent")
	conn.send(t, startupDone...)
	conn.send(t,
		"CID: *LINE*VOIP*NMBR*4075550002*NAME*Bob*",
		"CIDINFO: *LINE*VOIP*RING*-1*TIME*10:30:20*",
	)
	expectEvents(t, r.next(t, 2), []string{
		"03-03 10:30:00 callerid ncid/VOIP 4075550002 Bob",
		"03-03 10:30:01 end ncid/VOIP missed",
	})
}

func TestClientKeepsAHangUpTheServerReportedBeforeItWentAway(t *testing.T) {
	srv := startFakeServer(t)
	c := newClient(srv.addr())
	c.EndHold = time.Hour
	r := run(c)
	defer r.stop()

	conn := srv.accept(t)
	conn.hello(t, true)
	conn.send(t, "252 Call log empty")
	conn.send(t, startupDone...)
	conn.send(t,
		"CID: *LINE*VOIP*NMBR*4075550002*NAME*Bob*",
		"CIDINFO: *LINE*VOIP*RING*-2*TIME*10:30:20*",
	)
	expectEvents(t, r.next(t, 1), []string{"03-03 10:30:00 callerid ncid/VOIP 4075550002 Bob"})
	conn.conn.Close()
	expectEvents(t, r.next(t, 1), []string{"03-03 10:30:01 end ncid/VOIP answered"})
}

func TestClientKeepsTheCallsOfALogCutShort(t *testing.T) {
	srv := startFakeServer(t)
	r := run(newClient(srv.addr()))
	defer r.stop()

	conn := srv.accept(t)
	conn.hello(t, true)
	conn.send(t, callLog[:3]...) // two calls; the second one's END never comes
	conn.conn.Close()
	expectEvents(t, r.next(t, 4), []string{
		"03-03 09:01:00 callerid ncid/POTS 4075551212 John Smith",
		"03-03 09:01:00 end ncid/POTS",
		"03-03 09:15:00 callerid ncid/VOIP 4075550001 Ann",
		"03-03 09:15:00 end ncid/VOIP",
	})
}

func TestClientRetriesUntilTheServerRuns(t *testing.T) {
	srv := startFakeServer(t)
	down, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	downAddr := down.Addr().String()
	down.Close() // nothing listens there now: connections are refused

	attempts := 0
	c := newClient(downAddr)
	c.Dial = func(ctx context.Context, addr string) (net.Conn, error) {
		attempts++
		var d net.Dialer
		if attempts > 3 { // the server has started
			return d.DialContext(ctx, "tcp", srv.addr())
		}
		return d.DialContext(ctx, "tcp", addr)
	}
	r := run(c)
	defer r.stop()

	st := r.status.waitFor(t, callerid.DeviceNoResponse)
	_, port, _ := net.SplitHostPort(downAddr)
	if want := "Is the NCID server running on 127.0.0.1? Is port " + port + " open?"; st.Hint != want {
		t.Errorf("hint %q, want %q", st.Hint, want)
	}
	if st.Device != "ncid" || st.Detail == "" {
		t.Errorf("status %+v should name the device and say what is wrong", st)
	}

	conn := srv.accept(t)
	conn.hello(t, true)
	r.status.waitFor(t, callerid.DeviceListening)
	r.stop()
	// Refused three times is one report, not three.
	want := []callerid.DeviceState{callerid.DeviceConnecting, callerid.DeviceNoResponse,
		callerid.DeviceListening, callerid.DeviceStopped}
	if got := r.status.states(); !slices.Equal(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
}

func TestClientTellsWhenTheServerIsNotNCID(t *testing.T) {
	for name, says := range map[string][]string{
		"something else answers": {"SSH-2.0-OpenSSH_9.6"},
		"nothing is said":        nil,
	} {
		t.Run(name, func(t *testing.T) {
			srv := startFakeServer(t)
			c := newClient(srv.addr())
			c.GreetTimeout = 10 * time.Millisecond
			r := run(c)
			defer r.stop()

			conn := srv.accept(t)
			conn.send(t, says...)
			st := r.status.waitFor(t, callerid.DeviceNoResponse)
			if !strings.Contains(st.Detail, "not like an NCID server") || !strings.Contains(st.Hint, "3333") {
				t.Errorf("status %+v", st)
			}
		})
	}
}

func TestClientAddsTheDefaultPort(t *testing.T) {
	for addr, want := range map[string]string{
		"ncid.local":        "ncid.local:3333",
		"192.168.1.5":       "192.168.1.5:3333",
		"192.168.1.5:4444":  "192.168.1.5:4444",
		"::1":               "[::1]:3333",
		"[fe80::1]":         "[fe80::1]:3333",
		"[fe80::1]:3334":    "[fe80::1]:3334",
		"ncid.example.com:": "ncid.example.com:3333",
	} {
		dialed := make(chan string, 1)
		c := &ncid.Client{Addr: addr, Dial: func(ctx context.Context, a string) (net.Conn, error) {
			select {
			case dialed <- a:
			default:
			}
			return nil, &net.OpError{Op: "dial", Err: context.Canceled}
		}}
		r := run(c)
		got := <-dialed
		r.stop()
		if got != want {
			t.Errorf("Addr %q dialled %q, want %q", addr, got, want)
		}
	}
}
