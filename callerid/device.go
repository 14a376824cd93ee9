package callerid

// DeviceState is what a caller-ID device is doing, as the status line shows it.
type DeviceState int

const (
	DeviceConnecting DeviceState = iota + 1
	DeviceListening
	DeviceNotFound
	DevicePermissionDenied
	DeviceBusy
	DeviceNoResponse
	DeviceUnsupported
	DeviceDisconnected
	DeviceStopped
)

func (s DeviceState) String() string {
	switch s {
	case DeviceConnecting:
		return "connecting"
	case DeviceListening:
		return "listening"
	case DeviceNotFound:
		return "not found"
	case DevicePermissionDenied:
		return "permission denied"
	case DeviceBusy:
		return "busy"
	case DeviceNoResponse:
		return "no response"
	case DeviceUnsupported:
		return "no caller ID"
	case DeviceDisconnected:
		return "disconnected"
	case DeviceStopped:
		return "stopped"
	}
	return "unknown"
}

// OK reports whether the device is working or on its way to working.
func (s DeviceState) OK() bool { return s == DeviceListening || s == DeviceConnecting }

// DeviceStatus is one device's state with words for the person at the desk:
// Detail says what is wrong, Hint what to do about it.
type DeviceStatus struct {
	Device string // e.g. "/dev/ttyACM0" or "Demo line"
	State  DeviceState
	Detail string
	Hint   string
}
