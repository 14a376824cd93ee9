package modem

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"syscall"

	"github.com/callboard-app/callboard/callerid"
	"go.bug.st/serial"
)

// DeviceError is a modem problem sorted into what the shop can do about it.
type DeviceError struct {
	Kind callerid.DeviceState
	Path string // the serial port, e.g. "/dev/ttyACM0" or "COM3"
	Err  error  // the underlying error, for the log
}

func (e *DeviceError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Kind.String())
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *DeviceError) Unwrap() error { return e.Err }

// Status says in plain words what is wrong (Detail) and what to do (Hint).
func (e *DeviceError) Status() callerid.DeviceStatus {
	port := "the modem port"
	if e.Path != "" {
		port = e.Path
	}
	s := callerid.DeviceStatus{Device: e.Path, State: e.Kind}
	switch e.Kind {
	case callerid.DeviceNotFound:
		s.Detail = fmt.Sprintf("There is no modem at %s.", port)
		s.Hint = "Plug the modem in and check its cable, or choose another port."
	case callerid.DevicePermissionDenied:
		s.Detail = fmt.Sprintf("Callboard is not allowed to open %s.", port)
		s.Hint = permissionHint()
	case callerid.DeviceBusy:
		s.Detail = fmt.Sprintf("Another program is using %s.", port)
		s.Hint = busyHint()
	case callerid.DeviceNoResponse:
		s.Detail = fmt.Sprintf("The device at %s does not answer like a modem.", port)
		if errors.Is(e.Err, ErrRefused) {
			s.Detail = fmt.Sprintf("The device at %s refused the modem set-up commands.", port)
		}
		s.Hint = "Check that this is the modem's port and that the speed (baud rate) is right, or choose another port."
	case callerid.DeviceUnsupported:
		s.Detail = fmt.Sprintf("The modem at %s does not support caller ID commands.", port)
		s.Hint = "Use a modem with caller ID (a voice modem), and check with your phone company that caller ID is on for this line."
	case callerid.DeviceDisconnected:
		s.Detail = fmt.Sprintf("Lost contact with the modem at %s.", port)
		s.Hint = "Check that the modem is still plugged in. Callboard keeps trying to reconnect."
	default:
		s.Detail = fmt.Sprintf("The modem at %s has a problem: %v.", port, e.Err)
		s.Hint = "Unplug the modem, plug it back in, and try again."
	}
	return s
}

func permissionHint() string {
	switch runtime.GOOS {
	case "linux":
		return "Add your user to the dialout group: run `sudo usermod -aG dialout $USER` in a terminal, then log out and back in."
	case "windows":
		return "Close any other program that uses the modem, or unplug it and plug it back in."
	}
	return "Ask whoever manages this computer to give your account access to the modem's port."
}

func busyHint() string {
	if runtime.GOOS == "linux" {
		return "Close any other program that uses the modem. ModemManager often holds USB modems: " +
			"make it ignore this one with a udev rule that sets ID_MM_DEVICE_IGNORE=1, or stop ModemManager."
	}
	return "Close any other program that uses the modem (fax, dialer or phone software), then try again."
}

// Classify sorts an error from opening, setting up or reading a modem into a
// DeviceError for path. An error that already is a DeviceError keeps its
// kind (and gets path if it had none). Errors it does not know count as a
// lost connection. Classify(path, nil) is nil.
func Classify(path string, err error) *DeviceError {
	if err == nil {
		return nil
	}
	if de, ok := errors.AsType[*DeviceError](err); ok {
		if de.Path == "" {
			return &DeviceError{Kind: de.Kind, Path: path, Err: de.Err}
		}
		return de
	}
	return &DeviceError{Kind: kindOf(err), Path: path, Err: err}
}

func kindOf(err error) callerid.DeviceState {
	switch {
	case errors.Is(err, ErrNoResponse), errors.Is(err, ErrRefused):
		return callerid.DeviceNoResponse
	case errors.Is(err, ErrNoCallerID):
		return callerid.DeviceUnsupported
	}
	if code, ok := portErrorCode(err); ok {
		switch code {
		case serial.PortNotFound:
			return callerid.DeviceNotFound
		case serial.PermissionDenied:
			return callerid.DevicePermissionDenied
		case serial.PortBusy:
			return callerid.DeviceBusy
		case serial.InvalidSerialPort:
			return callerid.DeviceNoResponse // a file or device that is no serial port
		case serial.PortClosed:
			return callerid.DeviceDisconnected
		}
	}
	switch {
	// serial.Open passes a missing device through as a raw ENOENT; ENXIO
	// and ENODEV are a device node whose hardware has gone.
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENXIO), errors.Is(err, syscall.ENODEV):
		return callerid.DeviceNotFound
	case errors.Is(err, fs.ErrPermission):
		return callerid.DevicePermissionDenied
	case errors.Is(err, syscall.EBUSY), strings.Contains(err.Error(), "resource busy"):
		return callerid.DeviceBusy
	case errors.Is(err, syscall.EIO), errors.Is(err, io.EOF), errors.Is(err, io.ErrClosedPipe):
		return callerid.DeviceDisconnected
	}
	return callerid.DeviceDisconnected
}

// portErrorCode finds a serial.PortError, which the library returns by
// pointer but whose methods have value receivers.
func portErrorCode(err error) (serial.PortErrorCode, bool) {
	if pe, ok := errors.AsType[*serial.PortError](err); ok && pe != nil {
		return pe.Code(), true
	}
	if pe, ok := errors.AsType[serial.PortError](err); ok {
		return pe.Code(), true
	}
	return 0, false
}
