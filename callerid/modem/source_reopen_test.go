package modem_test

import (
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// ports hands a Source one port after another, as a modem that is
// unplugged and plugged back in shows up again.
type ports struct {
	mu   sync.Mutex
	next []io.ReadWriteCloser
}

func (p *ports) open(string, int) (io.ReadWriteCloser, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.next) == 0 {
		return nil, io.ErrUnexpectedEOF // not back yet
	}
	port := p.next[0]
	p.next = p.next[1:]
	return port, nil
}

func TestSourceSetsTheModemUpAgainAfterItComesBack(t *testing.T) {
	script := accepts("AT+GCI=B4", "AT+VCID=1")
	first, firstPort := startFakeModem(t, script, false)
	second, secondPort := startFakeModem(t, script, false)
	log := newLogWatch()
	s := &modem.Source{
		Path:       "/dev/ttyACM0",
		RetryEvery: time.Millisecond,
		Driver:     modem.Driver{InitOptions: modem.InitOptions{Country: "B4"}, IdleFlush: time.Hour, Log: log.logger()},
		Open:       (&ports{next: []io.ReadWriteCloser{firstPort, secondPort}}).open,
	}
	status := newStatusLog()
	events, stop := runSource(s, status)
	defer stop()

	status.waitFor(t, callerid.DeviceListening)
	first.say(t, "RING", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234")
	log.waitFor(t, "modem line", "NMBR = 5045551234")
	first.unplug()

	if ev := nextEvent(t, events); ev.Kind != callerid.Ring {
		t.Fatalf("first event %+v, want the ring", ev)
	}
	if ev := nextEvent(t, events); ev.Kind != callerid.CallerID || ev.Number != "5045551234" {
		t.Errorf("after the unplug: %+v, want the partial caller ID", ev)
	}
	status.waitFor(t, callerid.DeviceDisconnected)
	status.waitFor(t, callerid.DeviceListening)

	want := []string{"ATZ", "ATE0 V1 Q0 S0=0", "AT+GCI=B4", "AT+VCID=1"}
	for i, m := range []*fakeModem{first, second} {
		if got := m.received(); !slices.Equal(got, want) {
			t.Errorf("connection %d: modem received %q, want %q", i+1, got, want)
		}
	}
	second.say(t, "RING")
	if ev := nextEvent(t, events); ev.Kind != callerid.Ring {
		t.Errorf("after reconnecting: %+v, want a ring", ev)
	}
}

// nextEvent waits for an event; the bound only guards against a hung test.
func nextEvent(t *testing.T, events <-chan callerid.Event) callerid.Event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(testTimeout):
		t.Fatal("no event")
		return callerid.Event{}
	}
}
