// Package ncid listens to an existing NCID (Network Caller ID) server on the
// shop's network and turns what it announces into callerid.Events. Through
// NCID's own gateways this reaches lines Callboard cannot reach itself: VoIP
// and SIP lines, OBi adapters, Whozz Calling units already wired to ncidd.
//
// The pieces, from the wire up:
//   - ParseLine splits one server line into its type and *KEY*value* fields,
//     tolerating any field order, unknown fields and malformed values;
//   - Decoder turns live lines (CID:, CIDINFO:, END:, HUP:, BLK:, OUT:)
//     into events, stamped with the time it is given (the PC clock for
//     the Client, a transcript's own for callboard decode);
//   - the replay assembles the call log the server sends on connect
//     (CIDLOG:, ENDLOG:, …) into complete calls stamped with their logged
//     time;
//   - Client keeps one connection going: handshake, listening, reconnecting
//     with back-off, and status in the shop's words.
//
// # Call-log replay without duplicates
//
// On every connect ncidd may send its whole call log. Callboard must store
// the calls it missed while not connected, and never store a call twice:
//
//   - A replayed call carries its ORIGINAL time: its events have At = the
//     logged DATE and TIME, read as local time. The tracker's call ID is the
//     start time in nanoseconds, so the same logged call gets the same ID on
//     every replay and storage's upsert by ID keeps one copy.
//   - Client.Since (the start of the newest call already stored) skips every
//     replayed call logged in that minute or earlier, so a restart does not
//     even feed old calls to the tracker. Within one Run the client also
//     skips replayed calls no newer than the newest call it has already
//     sent, live or replayed, which covers reconnects.
//   - The log has minute precision only. A call logged in the same minute as
//     the cut-off counts as already stored: on a reconnect a call that came
//     and went in the very minute of the last one seen is skipped rather than
//     stored twice.
//
// Live calls are stamped with Client.Now when their line arrives.
package ncid
