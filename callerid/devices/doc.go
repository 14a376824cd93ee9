// Package devices runs the caller-ID sources a shop set up: it opens each
// one (a serial port, a UDP socket, an NCID connection, the simulated
// line), runs the right driver on it, keeps it going through unplugs and
// restarts, and reports its state in plain words. One goroutine per
// device; all of them stop with their context.
package devices
