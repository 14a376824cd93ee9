package devices

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid/modem"
)

// ProbeResult is what a port answered to a modem's identity questions.
type ProbeResult struct {
	// Identity names the device when it answered like a modem.
	Identity string
	// Conversation is every line sent and received.
	Conversation []string
}

// probeCommands ask a modem who it is without changing any setting: ATI
// gives the product code or name, ATI3 the firmware or model on most
// chipsets.
var probeCommands = []string{"AT", "ATI", "ATI3"}

// Probe opens a port and asks the device on it who it is. It never probes a
// port Callboard itself is using (the caller checks): opening a busy port
// fails with a clear error instead of disturbing the other program.
func Probe(ctx context.Context, path string, baud int, open func(string, int) (io.ReadWriteCloser, error)) (ProbeResult, error) {
	if open == nil {
		open = func(path string, baud int) (io.ReadWriteCloser, error) {
			p, err := modem.OpenPort(path, baud)
			if err != nil {
				return nil, err
			}
			return p, nil
		}
	}
	port, err := open(path, baud)
	if err != nil {
		return ProbeResult{}, modem.Classify(path, err)
	}
	tap := NewTap()
	wire := tap.Wrap(port)
	defer wire.Close()

	lines := make(chan string, 64)
	go readLines(wire, lines)
	var res ProbeResult
	for _, cmd := range probeCommands {
		if _, err := io.WriteString(wire, cmd+"\r"); err != nil {
			return ProbeResult{Conversation: tap.Lines()}, modem.Classify(path, err)
		}
		reply := awaitReply(ctx, lines, cmd, 800*time.Millisecond)
		if cmd != "AT" && res.Identity == "" && len(reply) > 0 {
			res.Identity = strings.Join(reply, " ")
		}
	}
	res.Conversation = tap.Lines()
	return res, nil
}

// awaitReply collects the information lines of one reply, up to its OK or
// ERROR (or the wait running out).
func awaitReply(ctx context.Context, lines <-chan string, cmd string, wait time.Duration) []string {
	var info []string
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return info
		case <-timer.C:
			return info
		case l, ok := <-lines:
			if !ok {
				return info
			}
			switch l = strings.TrimSpace(l); {
			case l == "" || strings.EqualFold(l, cmd):
			case l == "OK" || l == "ERROR" || l == "0" || l == "4":
				return info
			default:
				info = append(info, l)
			}
		}
	}
}

// readLines splits what the port says into lines until it closes. A serial
// port's read timeout returns (0, nil): that is no data, not the end.
func readLines(r io.Reader, out chan<- string) {
	defer close(out)
	buf := make([]byte, 256)
	var line strings.Builder
	for {
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			if c == '\r' || c == '\n' {
				if line.Len() > 0 {
					select {
					case out <- line.String():
					default: // nobody listens any more
					}
					line.Reset()
				}
				continue
			}
			if line.Len() < 256 {
				line.WriteByte(c)
			}
		}
		if err != nil {
			return
		}
	}
}
