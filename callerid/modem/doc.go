// Package modem reads caller ID from a Hayes-compatible modem on a serial
// port: it sets the modem up so it listens without ever answering, turns the
// lines the modem prints (RING, DATE = …, NMBR = …) into callerid.Events, and
// keeps a device alive across unplugging and restarts.
//
// The pieces, from the wire up:
//   - Parser turns modem lines into events (no I/O, no goroutines);
//   - Init talks the modem into caller-ID mode;
//   - Driver runs one open port: set-up, then listening;
//   - Source supervises one serial path: open, run, report status, retry;
//   - OpenPort, ListPorts, FindModem and Classify deal with the operating
//     system's serial ports and turn their errors into words for the shop.
package modem
