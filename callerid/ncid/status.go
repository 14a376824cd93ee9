package ncid

import (
	"errors"
	"net"
	"syscall"

	"github.com/callboard-app/callboard/callerid"
)

// errNotNCID: something answered at the address but did not greet like an
// NCID server.
var errNotNCID = errors.New("the server did not greet like an NCID server")

// dialError: the connection could not be opened.
type dialError struct{ err error }

func (e *dialError) Error() string { return "connecting: " + e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }

// lostError: an open connection to the server failed or was closed.
type lostError struct{ err error }

func (e *lostError) Error() string { return "connection lost: " + e.err.Error() }
func (e *lostError) Unwrap() error { return e.err }

// failure puts a session's end in words for the person at the desk.
func failure(addr string, err error) callerid.DeviceStatus {
	host, port, _ := net.SplitHostPort(addr)
	check := "Is the NCID server running on " + host + "? Is port " + port + " open?"
	var dial *dialError
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return callerid.DeviceStatus{
			State:  callerid.DeviceNotFound,
			Detail: "Cannot find the NCID server " + host + " on the network.",
			Hint:   "Check the server's name, or use its IP address.",
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		return callerid.DeviceStatus{
			State:  callerid.DeviceNoResponse,
			Detail: host + " refused the connection on port " + port + ".",
			Hint:   check,
		}
	case errors.As(err, &dial):
		return callerid.DeviceStatus{
			State:  callerid.DeviceNoResponse,
			Detail: "No NCID server answered at " + addr + ".",
			Hint:   check,
		}
	case errors.Is(err, errNotNCID):
		return callerid.DeviceStatus{
			State:  callerid.DeviceNoResponse,
			Detail: addr + " answered, but not like an NCID server.",
			Hint:   "Check the address and port: ncidd listens on port " + DefaultPort + " unless ncidd.conf sets another.",
		}
	}
	return callerid.DeviceStatus{
		State:  callerid.DeviceDisconnected,
		Detail: "Lost the connection to the NCID server at " + addr + ".",
		Hint:   "Reconnecting. If this keeps happening, check the network and that ncidd is running on " + host + ".",
	}
}
