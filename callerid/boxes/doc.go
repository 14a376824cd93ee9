// Package boxes reads the small serial caller-ID boxes that print one text
// record per call: the NetCallerID (Ugotcall, 4800 8N1) and TCI (Tel-Control,
// 9600 8N1) units, and Whozz Calling units switched to the TCI format.
//
// These boxes never report rings or the hook: each record is one call, and
// the tracker ends the call after its ring gap. The pieces, from the wire up:
//   - ParseNetCallerID and ParseTCI turn one record into a Record (no I/O);
//   - Detect tells which of the two formats a line is in;
//   - Box reads a device's stream, cuts it into records and sends a
//     callerid.CallerID event for every call.
package boxes
