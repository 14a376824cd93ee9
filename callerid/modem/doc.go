// Package modem reads caller ID from a Hayes-compatible modem on a serial
// port: it sets the modem up so it listens without ever answering, turns the
// lines the modem prints (RING, DATE = …, NMBR = …, hex packets, ring
// cadences, voice-mode hook events) into callerid.Events, and keeps a device
// alive across unplugging and restarts.
//
// The pieces, from the wire up:
//   - Parser turns modem lines into events (no I/O, no goroutines);
//   - Init and InitWith talk the modem into caller-ID mode, trying each
//     chipset family's command in turn, with the optional country,
//     distinctive ring, extension pick-up and unformatted mode
//     (InitOptions);
//   - Driver runs one open port: set-up, then listening; it sets the
//     modem up again each time it runs, so a modem that comes back after
//     an unplug (package devices opens it again) listens as before;
//   - OpenPort, ListPorts, FindModem and Classify deal with the operating
//     system's serial ports and turn their errors into words for the shop.
//
// Unformatted packets are decoded by package xdmf.
package modem
