package modem

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.bug.st/serial"
	"go.bug.st/serial/enumerator"
)

// DefaultBaud is used when no speed is given. USB modems ignore the speed,
// and old serial modems all manage 115200 or fall back through autobaud.
const DefaultBaud = 115200

// readTimeout bounds each Read so a reader notices it was asked to stop even
// when the modem is silent; the library then returns (0, nil).
const readTimeout = 100 * time.Millisecond

// OpenPort opens a serial port 8N1 at baud (DefaultBaud if 0) with a short
// read timeout. It touches no modem-status lines (DTR/RTS), which a
// pseudo-terminal would reject. Errors come back as a *DeviceError.
func OpenPort(path string, baud int) (serial.Port, error) {
	if baud <= 0 {
		baud = DefaultBaud
	}
	mode := &serial.Mode{BaudRate: baud, DataBits: 8, Parity: serial.NoParity, StopBits: serial.OneStopBit}
	port, err := serial.Open(path, mode)
	if err != nil {
		return nil, Classify(path, err)
	}
	if err := port.SetReadTimeout(readTimeout); err != nil {
		port.Close()
		return nil, Classify(path, err)
	}
	return port, nil
}

// PortInfo describes one serial port the computer has.
type PortInfo struct {
	Path     string // "/dev/ttyACM0", "COM3"
	VID, PID string // USB vendor and product IDs, upper-case hex
	Product  string // what the device calls itself, when it says
	Serial   string // the USB serial number, when it has one
	USB      bool
}

func (p PortInfo) String() string {
	var about []string
	if p.Product != "" {
		about = append(about, p.Product)
	}
	if p.USB && p.VID != "" {
		about = append(about, "USB "+p.VID+":"+p.PID)
	}
	if len(about) == 0 {
		return p.Path
	}
	return p.Path + " (" + strings.Join(about, ", ") + ")"
}

// ListPorts lists the serial ports the operating system knows, sorted by
// path. Pseudo-terminals are not listed.
func ListPorts() ([]PortInfo, error) {
	details, err := enumerator.GetDetailedPortsList()
	if err != nil {
		return nil, fmt.Errorf("listing serial ports: %w", err)
	}
	ports := make([]PortInfo, 0, len(details))
	for _, d := range details {
		ports = append(ports, PortInfo{
			Path: d.Name,
			// Case differs between platforms and library versions.
			VID:     strings.ToUpper(d.VID),
			PID:     strings.ToUpper(d.PID),
			Product: d.Product,
			Serial:  d.SerialNumber,
			USB:     d.IsUSB,
		})
	}
	slices.SortFunc(ports, func(a, b PortInfo) int { return strings.Compare(a.Path, b.Path) })
	return ports, nil
}

var (
	// ErrNoModem means no USB serial port was found.
	ErrNoModem = errors.New("no USB modem found")
	// ErrSeveralModems means more than one USB serial port was found, so
	// the user has to say which is the modem.
	ErrSeveralModems = errors.New("several USB serial ports found")
)

// FindModem returns the USB serial port when there is exactly one. With none
// it returns ErrNoModem; with several, ErrSeveralModems naming them all.
func FindModem() (PortInfo, error) {
	ports, err := ListPorts()
	if err != nil {
		return PortInfo{}, err
	}
	return pickModem(ports)
}

func pickModem(ports []PortInfo) (PortInfo, error) {
	var usb []PortInfo
	for _, p := range ports {
		if p.USB {
			usb = append(usb, p)
		}
	}
	switch len(usb) {
	case 0:
		return PortInfo{}, fmt.Errorf("%w: plug the modem in, or name its port with --port", ErrNoModem)
	case 1:
		return usb[0], nil
	}
	names := make([]string, len(usb))
	for i, p := range usb {
		names[i] = p.String()
	}
	return PortInfo{}, fmt.Errorf("%w: %s; choose the modem with --port", ErrSeveralModems, strings.Join(names, ", "))
}
