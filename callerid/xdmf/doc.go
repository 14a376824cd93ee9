// Package xdmf decodes raw caller-ID packets: Bellcore SDMF and MDMF and the
// ETSI/BT call set-up messages that share MDMF's framing. Packets reach the
// shop three ways: as ASCII hex from a modem in unformatted mode (+VCID=2,
// #CID=2; DecodeHex), as bytes already cut out of a stream (Decode), and as a
// raw serial stream from a caller-ID box with seizure bytes and line noise
// around each packet (Scanner, Stream).
//
// A packet is type(1) length(1) data(length) checksum(1), and every byte of
// it, checksum included, sums to 0 mod 256. A packet whose checksum fails is
// reported as such and never becomes a caller: a number garbled by one bit
// would put a call on the wrong customer's history.
package xdmf
