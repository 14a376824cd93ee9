package modem

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

var (
	// ErrNoResponse means the modem answered nothing within the timeout:
	// the wrong port, the wrong speed, or not a modem.
	ErrNoResponse = errors.New("modem did not answer")
	// ErrNoCallerID means the modem refused every caller-ID command.
	ErrNoCallerID = errors.New("modem refused every caller ID command")
	// ErrRefused means the device answered ERROR to the basic set-up
	// (echo, result codes, auto-answer): it is not behaving like a modem.
	ErrRefused = errors.New("modem refused the set-up commands")
)

// InitResult says how the modem was set up.
type InitResult struct {
	// CallerIDCommand is the caller-ID command the modem accepted,
	// e.g. "AT+VCID=1".
	CallerIDCommand string
	// Accepted lists the optional commands the modem took, in the order
	// sent (country, voice class, extension pick-up, distinctive ring), so
	// a settings screen can say which extras are working.
	Accepted []string
	// Transcript is the conversation, for support: "> " lines were sent,
	// "< " lines came back, "! " lines are notes (a command went unanswered).
	Transcript []string
}

// DefaultInitTimeout is how long each set-up command waits for its reply
// when no timeout is given.
const DefaultInitTimeout = 2 * time.Second

// resetTime is the least a reset gets: ATZ reloads the stored profile, and
// some modems take most of a second before they say OK.
const resetTime = time.Second

const (
	// resetCommand restores the modem's stored settings so that nothing a
	// previous program left behind (auto-answer, quiet mode) survives.
	resetCommand = "ATZ"
	// setupCommand: echo off (E0) so replies are not mixed with commands,
	// verbose result codes (V1) so the parser sees words, results on (Q0),
	// and never answer (S0=0): the modem must not pick up the shop's calls.
	setupCommand = "ATE0 V1 Q0 S0=0"
)

// Init prepares a modem for listening: reset, echo off, verbose results, no
// auto-answer, then formatted caller ID (+VCID=1, falling back through the
// other chipsets' commands on ERROR). timeout is how long each command waits
// for its reply (the reset gets at least a second). It returns which
// caller-ID command the modem accepted and the transcript of commands and
// replies.
//
// Init reads the port on a goroutine of its own that ends the next time a
// Read returns after Init is done — at once for a serial port with a read
// timeout; a port whose Read blocks must be closed to end it. Bytes that goroutine
// reads after Init returns are lost, so to listen for calls use Driver.Run,
// which runs Init on the same reader it listens with.
func Init(ctx context.Context, port io.ReadWriter, timeout time.Duration) (InitResult, error) {
	return InitWith(ctx, port, timeout, InitOptions{})
}

// InitWith is Init with the optional parts of the set-up. In order:
// reset, basic set-up, country (AT+GCI), voice class (AT+FCLASS=8, for
// extension pick-up or distinctive ring), extension pick-up (AT-STE=7),
// caller ID, distinctive ring. Only the reset, the basic set-up and caller
// ID must succeed; a refused extra is noted in the transcript and skipped.
func InitWith(ctx context.Context, port io.ReadWriter, timeout time.Duration, opts InitOptions) (InitResult, error) {
	lines := startLineReader(port)
	defer lines.stop()
	return initModem(ctx, port, lines, timeout, opts, nil)
}

// initModem runs the set-up conversation over an existing line reader.
// Lines that are no reply to a command (a RING mid set-up) go to unsolicited.
func initModem(ctx context.Context, w io.Writer, lines *lineReader, timeout time.Duration, opts InitOptions, unsolicited func(string)) (InitResult, error) {
	if timeout <= 0 {
		timeout = DefaultInitTimeout
	}
	c := &conversation{ctx: ctx, w: w, lines: lines, unsolicited: unsolicited, wait: timeout}
	// A modem left quiet (Q1) says nothing to ATZ, yet answers the set-up
	// command, which turns results back on: so silence here is not final.
	if _, err := c.command(resetCommand, max(timeout, resetTime)); err != nil {
		return c.result, err
	}
	switch r, err := c.command(setupCommand, timeout); {
	case err != nil:
		return c.result, err
	case r == replyNone:
		return c.result, fmt.Errorf("%w to %s", ErrNoResponse, setupCommand)
	case r == replyError:
		return c.result, fmt.Errorf("%w: ERROR to %s", ErrRefused, setupCommand)
	}
	// The country goes first: it decides how the modem decodes caller ID.
	if opts.Country != "" {
		if cmd := countryCommand(opts.Country); cmd == "" {
			c.note(fmt.Sprintf("! country code %q is not a T.35 code such as B5 or B4: not sent", opts.Country))
		} else if _, err := c.optional(cmd, "the modem keeps its own country setting"); err != nil {
			return c.result, err
		}
	}
	// Some modems forget caller ID when the class changes, so the class is
	// set before caller ID, never after.
	if opts.ExtensionPickup || opts.DistinctiveRing {
		if _, err := c.optional(voiceClassCommand, "no voice class: no hook events, no cadence reports"); err != nil {
			return c.result, err
		}
	}
	if opts.ExtensionPickup {
		if _, err := c.optional(extensionCommand, "no extension pick-up detection"); err != nil {
			return c.result, err
		}
	}
	if err := c.callerID(callerIDCommands(opts)); err != nil {
		return c.result, err
	}
	if opts.DistinctiveRing {
		for _, cmd := range distinctiveRingCommands(c.result.CallerIDCommand) {
			ok, err := c.optional(cmd, "")
			if err != nil {
				return c.result, err
			}
			if ok {
				break
			}
		}
	}
	return c.result, nil
}

// callerID tries cmds in order until the modem accepts one.
func (c *conversation) callerID(cmds []string) error {
	for _, cmd := range cmds {
		switch r, err := c.command(cmd, c.wait); {
		case err != nil:
			return err
		case r == replyNone:
			return fmt.Errorf("%w to %s", ErrNoResponse, cmd)
		case r == replyOK:
			c.result.CallerIDCommand = cmd
			return nil
		}
	}
	return fmt.Errorf("%w: tried %s", ErrNoCallerID, strings.Join(cmds, ", "))
}

// optional sends a command the set-up can do without: a refusal or silence
// is noted (with why it matters, when given) and the set-up goes on. Only a
// failing port or a cancelled ctx is an error.
func (c *conversation) optional(cmd, without string) (accepted bool, err error) {
	r, err := c.command(cmd, c.wait)
	switch {
	case err != nil:
		return false, err
	case r == replyOK:
		c.result.Accepted = append(c.result.Accepted, cmd)
		return true, nil
	case without != "":
		c.note(fmt.Sprintf("! %s not accepted: %s", cmd, without))
	}
	return false, nil
}

type reply int

const (
	replyNone reply = iota
	replyOK
	replyError
)

// conversation sends commands and waits for their result codes.
type conversation struct {
	ctx         context.Context
	w           io.Writer
	lines       *lineReader
	unsolicited func(string)
	wait        time.Duration // for each command's reply
	result      InitResult
}

func (c *conversation) command(cmd string, wait time.Duration) (reply, error) {
	if err := c.ctx.Err(); err != nil {
		return replyNone, err
	}
	c.drain()
	c.note("> " + cmd)
	if _, err := io.WriteString(c.w, cmd+"\r"); err != nil {
		return replyNone, err
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-c.ctx.Done():
			return replyNone, c.ctx.Err()
		case <-timer.C:
			c.note(fmt.Sprintf("! no reply to %s within %v", cmd, wait))
			return replyNone, nil
		case line, ok := <-c.lines.lines:
			if !ok {
				return replyNone, c.lines.failure()
			}
			if r := c.hear(line); r != replyNone {
				return r, nil
			}
		}
	}
}

// drain takes the lines that arrived before a command is sent, so a late
// reply to the previous command is not taken for this one's.
func (c *conversation) drain() {
	for {
		select {
		case line, ok := <-c.lines.lines:
			if !ok {
				return // the next read reports the failure
			}
			c.hear(line)
		default:
			return
		}
	}
}

// hear notes one line and says whether it is a final result code. Numeric
// codes count too: before V1 takes effect the modem may still be in V0.
func (c *conversation) hear(line string) reply {
	text := strings.TrimSpace(dropControls(line))
	if text == "" {
		return replyNone
	}
	c.note("< " + text)
	upper := strings.ToUpper(text)
	switch upper {
	case "OK", "0":
		return replyOK
	case "ERROR", "4":
		return replyError
	}
	if !strings.HasPrefix(upper, "AT") && c.unsolicited != nil {
		c.unsolicited(line)
	}
	return replyNone
}

func (c *conversation) note(s string) { c.result.Transcript = append(c.result.Transcript, s) }
