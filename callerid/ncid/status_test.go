package ncid

import (
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/callboard-app/callboard/callerid"
)

func TestFailureInTheShopsWords(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	tests := []struct {
		name   string
		err    error
		state  callerid.DeviceState
		detail string
		hint   string
	}{
		{"refused", &dialError{refused}, callerid.DeviceNoResponse,
			"192.168.1.5 refused the connection on port 3333.",
			"Is the NCID server running on 192.168.1.5? Is port 3333 open?"},
		{"timed out", &dialError{os.ErrDeadlineExceeded}, callerid.DeviceNoResponse,
			"No NCID server answered at 192.168.1.5:3333.",
			"Is the NCID server running on 192.168.1.5? Is port 3333 open?"},
		{"unknown name", &dialError{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "192.168.1.5", IsNotFound: true}}},
			callerid.DeviceNotFound,
			"Cannot find the NCID server 192.168.1.5 on the network.",
			"Check the server's name, or use its IP address."},
		{"not NCID", errNotNCID, callerid.DeviceNoResponse,
			"192.168.1.5:3333 answered, but not like an NCID server.",
			"Check the address and port: ncidd listens on port 3333 unless ncidd.conf sets another."},
		{"lost", &lostError{io.EOF}, callerid.DeviceDisconnected,
			"Lost the connection to the NCID server at 192.168.1.5:3333.",
			"Reconnecting. If this keeps happening, check the network and that ncidd is running on 192.168.1.5."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := failure("192.168.1.5:3333", tt.err)
			want := callerid.DeviceStatus{State: tt.state, Detail: tt.detail, Hint: tt.hint}
			if got != want {
				t.Errorf("failure(%v)\n got %+v\nwant %+v", tt.err, got, want)
			}
		})
	}
}
