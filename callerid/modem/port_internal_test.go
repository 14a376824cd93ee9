package modem

import (
	"errors"
	"strings"
	"testing"
)

func TestPickModem(t *testing.T) {
	builtIn := PortInfo{Path: "/dev/ttyS0"}
	zoom := PortInfo{Path: "/dev/ttyACM0", VID: "0803", PID: "3095", Product: "Zoom 3095", USB: true}
	adapter := PortInfo{Path: "/dev/ttyUSB0", VID: "067B", PID: "2303", USB: true}

	if _, err := pickModem([]PortInfo{builtIn}); !errors.Is(err, ErrNoModem) {
		t.Errorf("with no USB port: err = %v, want ErrNoModem", err)
	}
	if got, err := pickModem([]PortInfo{builtIn, zoom}); err != nil || got != zoom {
		t.Errorf("with one USB port: got %v, %v, want %v", got, err, zoom)
	}
	_, err := pickModem([]PortInfo{zoom, builtIn, adapter})
	if !errors.Is(err, ErrSeveralModems) {
		t.Fatalf("with two USB ports: err = %v, want ErrSeveralModems", err)
	}
	for _, want := range []string{"/dev/ttyACM0 (Zoom 3095, USB 0803:3095)", "/dev/ttyUSB0 (USB 067B:2303)", "--port"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}
