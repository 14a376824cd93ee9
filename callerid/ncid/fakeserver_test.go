package ncid_test

import (
	"bufio"
	"context"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/ncid"
)

// testTimeout only stops a broken test from hanging: what a fake server
// sends on loopback arrives at once.
const testTimeout = 5 * time.Second

// greeting is what ncidd says first on every connection.
var greeting = []string{
	"200 Server: ncidd (NCID) 1.12",
	"210 API: 1.12 Feature Set 1 2 3 4 5",
}

// fakeServer is an NCID server on loopback that the test scripts line by
// line.
type fakeServer struct {
	ln    net.Listener
	conns chan *serverConn
}

func startFakeServer(t *testing.T) *fakeServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeServer{ln: ln, conns: make(chan *serverConn, 8)}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(s.conns)
				return
			}
			s.conns <- &serverConn{conn: c, r: bufio.NewReader(c)}
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *fakeServer) addr() string { return s.ln.Addr().String() }

// accept waits for the client's next connection.
func (s *fakeServer) accept(t *testing.T) *serverConn {
	t.Helper()
	select {
	case c, ok := <-s.conns:
		if !ok {
			t.Fatal("listener closed")
		}
		t.Cleanup(func() { c.conn.Close() })
		return c
	case <-time.After(testTimeout):
		t.Fatal("the client never connected")
	}
	return nil
}

// serverConn is one client connection as the server sees it.
type serverConn struct {
	conn net.Conn
	r    *bufio.Reader
}

func (c *serverConn) send(t *testing.T, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if _, err := c.conn.Write([]byte(l + "\r\n")); err != nil {
			t.Fatalf("sending %q: %v", l, err)
		}
	}
}

// hello sends the greeting and returns the client's HELLO lines, read until
// the client has said whether it wants the log: the ident line, and the
// no_log line when it does not.
func (c *serverConn) hello(t *testing.T, wantLog bool) []string {
	t.Helper()
	c.send(t, greeting...)
	n := 1
	if !wantLog {
		n = 2
	}
	var got []string
	c.conn.SetReadDeadline(time.Now().Add(testTimeout))
	for range n {
		l, err := c.r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the client's HELLO: %v (so far %q)", err, got)
		}
		got = append(got, strings.TrimRight(l, "\r\n"))
	}
	return got
}

// statusLog records what a client reports.
type statusLog struct {
	mu   sync.Mutex
	all  []callerid.DeviceStatus
	seen chan callerid.DeviceStatus
}

func newStatusLog() *statusLog { return &statusLog{seen: make(chan callerid.DeviceStatus, 64)} }

func (l *statusLog) report(s callerid.DeviceStatus) {
	l.mu.Lock()
	l.all = append(l.all, s)
	l.mu.Unlock()
	l.seen <- s
}

func (l *statusLog) waitFor(t *testing.T, state callerid.DeviceState) callerid.DeviceStatus {
	t.Helper()
	for {
		select {
		case s := <-l.seen:
			if s.State == state {
				return s
			}
		case <-time.After(testTimeout):
			t.Fatalf("never reported %v; reported %v", state, l.states())
		}
	}
}

func (l *statusLog) states() []callerid.DeviceState {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []callerid.DeviceState
	for _, s := range l.all {
		out = append(out, s.State)
	}
	return out
}

// running is a client in its own goroutine.
type running struct {
	events chan callerid.Event
	status *statusLog
	stop   func()
}

func run(c *ncid.Client) *running {
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{events: make(chan callerid.Event, 64), status: newStatusLog()}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Run(ctx, r.events, r.status.report)
	}()
	r.stop = func() { cancel(); <-done }
	return r
}

// next waits for n events.
func (r *running) next(t *testing.T, n int) []callerid.Event {
	t.Helper()
	evs := make([]callerid.Event, 0, n)
	for len(evs) < n {
		select {
		case ev := <-r.events:
			evs = append(evs, ev)
		case <-time.After(testTimeout):
			t.Fatalf("got %d events, want %d: %q", len(evs), n, stamped(evs))
		}
	}
	return evs
}

// stepClock is a clock for live events: each reading is one second after
// the one before, starting at start.
func stepClock(start time.Time) func() time.Time {
	var mu sync.Mutex
	next := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := next
		next = next.Add(time.Second)
		return now
	}
}

// stamped prints events the way the tests state what they expect.
func stamped(evs []callerid.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		s := ev.At.Format("01-02 15:04:05 ") + ev.Kind.String() + " " + ev.Line
		if ev.Kind == callerid.CallerID {
			s += " " + ev.Number + " " + ev.Name
		}
		if ev.Outcome != "" {
			s += " " + string(ev.Outcome)
		}
		if ev.Talk != 0 {
			s += " talk " + ev.Talk.String()
		}
		if ev.Outbound {
			s += " outbound"
		}
		out[i] = s
	}
	return out
}

func expectEvents(t *testing.T, got []callerid.Event, want []string) {
	t.Helper()
	if s := stamped(got); !slices.Equal(s, want) {
		t.Errorf("events\n got %q\nwant %q", s, want)
	}
}
