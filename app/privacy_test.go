package app

import (
	"bufio"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listeningSockets are this process's sockets that accept connections or
// datagrams from the network (TCP in LISTEN, bound UDP), by /proc entry.
func listeningSockets(t *testing.T) []string {
	t.Helper()
	ours := map[string]bool{}
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	for _, fd := range fds {
		link, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(link, "socket:[") {
			ours[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] = true
		}
	}
	var found []string
	for _, table := range []string{"tcp", "tcp6", "udp", "udp6"} {
		f, err := os.Open("/proc/self/net/" + table)
		if err != nil {
			continue
		}
		s := bufio.NewScanner(f)
		s.Scan() // the header
		for s.Scan() {
			cols := strings.Fields(s.Text())
			if len(cols) < 10 || !ours[cols[9]] {
				continue
			}
			// TCP state 0A is LISTEN; a UDP socket of ours is bound to receive.
			if strings.HasPrefix(table, "udp") || cols[3] == "0A" {
				found = append(found, table+" "+cols[1])
			}
		}
		_ = f.Close()
	}
	return found
}

func TestNothingListensOnTheNetworkUnlessTheShopTurnsItOn(t *testing.T) {
	before := listeningSockets(t)
	// As installed: no device set up, so it looks for a USB modem.
	u, q := startUI(t, Config{Region: "US"})
	u.Start()
	q.until(t, "the search for a modem", func() bool { return len(u.status.devices) > 0 })
	if after := listeningSockets(t); len(after) > len(before) {
		t.Errorf("listening on the network with nothing turned on: %v (before: %v)", after, before)
	}
	// The check itself sees a listener when there is one.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if with := listeningSockets(t); len(with) <= len(before) {
		t.Errorf("a TCP listener went unseen: %v", with)
	}
}
