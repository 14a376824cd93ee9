// Package sim is a simulated phone line: a fake Hayes modem that answers AT
// commands and rings with caller ID (over any io.ReadWriter, an in-memory
// pipe, or a real pseudo-terminal the app opens like a serial port), the
// demo line that rings now and then for newcomers without a modem, and a
// generator of realistic past calls to seed the demo database.
//
// Nothing here is needed to run Callboard against real hardware; it exists
// so drivers are tested without a modem and the app can be tried without one.
package sim
