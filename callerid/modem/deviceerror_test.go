package modem_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"testing"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want callerid.DeviceState
	}{
		{"missing device (raw ENOENT from serial.Open)", syscall.ENOENT, callerid.DeviceNotFound},
		{"no permission", syscall.EACCES, callerid.DevicePermissionDenied},
		{"held by another program", syscall.EBUSY, callerid.DeviceBusy},
		{"busy in words only", errors.New("open /dev/ttyACM0: device or resource busy"), callerid.DeviceBusy},
		{"I/O error after unplugging", &fsError{syscall.EIO}, callerid.DeviceDisconnected},
		{"end of input", io.EOF, callerid.DeviceDisconnected},
		{"silent modem", fmt.Errorf("%w to ATZ", modem.ErrNoResponse), callerid.DeviceNoResponse},
		{"no caller ID", fmt.Errorf("%w: tried AT+VCID=1", modem.ErrNoCallerID), callerid.DeviceUnsupported},
		{"refused set-up", modem.ErrRefused, callerid.DeviceNoResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			de := modem.Classify("/dev/ttyACM0", tt.err)
			if de.Kind != tt.want {
				t.Errorf("Classify(%v).Kind = %v, want %v", tt.err, de.Kind, tt.want)
			}
			if !errors.Is(de, tt.err) {
				t.Errorf("DeviceError %v does not wrap %v", de, tt.err)
			}
			st := de.Status()
			if st.Device != "/dev/ttyACM0" || st.State != tt.want || st.Detail == "" || st.Hint == "" {
				t.Errorf("Status() = %+v, want the port, the state, a detail and a hint", st)
			}
		})
	}
}

// fsError wraps an errno the way os does, to show Classify looks through it.
type fsError struct{ err error }

func (e *fsError) Error() string { return "read /dev/ttyACM0: " + e.err.Error() }
func (e *fsError) Unwrap() error { return e.err }

func TestClassifyKeepsAnEarlierVerdict(t *testing.T) {
	inner := &modem.DeviceError{Kind: callerid.DeviceUnsupported, Err: modem.ErrNoCallerID}
	de := modem.Classify("COM3", fmt.Errorf("starting: %w", inner))
	if de.Kind != callerid.DeviceUnsupported || de.Path != "COM3" {
		t.Errorf("Classify = %+v, want kind no caller ID on COM3", de)
	}
	if modem.Classify("COM3", nil) != nil {
		t.Error("Classify(nil) is not nil")
	}
}

func TestPermissionHintNamesTheFix(t *testing.T) {
	st := modem.Classify("/dev/ttyACM0", syscall.EACCES).Status()
	if !strings.Contains(st.Detail, "/dev/ttyACM0") {
		t.Errorf("Detail %q does not name the port", st.Detail)
	}
	if want := "dialout"; isLinux() && !strings.Contains(st.Hint, want) {
		t.Errorf("Hint %q does not mention %q", st.Hint, want)
	}
}

func TestDeviceErrorSaysWhereAndWhat(t *testing.T) {
	err := modem.Classify("/dev/ttyACM0", syscall.ENOENT)
	if got, want := err.Error(), "/dev/ttyACM0: not found: no such file or directory"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestOpenPortOfAMissingDevice(t *testing.T) {
	_, err := modem.OpenPort("/dev/callboard-no-such-modem", 0)
	de, ok := errors.AsType[*modem.DeviceError](err)
	if !ok || de.Kind != callerid.DeviceNotFound {
		t.Fatalf("OpenPort = %v, want a not-found DeviceError", err)
	}
}
