// Package whozz reads CallerID.com "Whozz Calling?" units: serial units
// (comprehensive, limited and TCI call records, detail records R/F/N/H) and
// Ethernet Link units that send the same records over UDP.
//
// The units sit in parallel with the shop's lines and watch the loop
// voltage, so unlike a modem they see who picked up: a Deluxe unit's detail
// records and end records give the exact outcome of every call, the ring
// count and the talk time. Basic units see rings and caller ID only.
//
// ParseRecord and ParsePacket are pure; an Assembler turns one unit's
// records into callerid.Events; Serial and UDP are the drivers, one
// goroutine per device, stopped by their context.
package whozz
