package callerid

import "time"

// Outcome is how a call ended for the shop.
type Outcome string

const (
	// OutcomeUnknown: the source cannot tell (a plain modem whose ringing
	// stopped early: someone answered, or the caller gave up).
	OutcomeUnknown Outcome = "unknown"
	// OutcomeAnswered: somebody picked up.
	OutcomeAnswered Outcome = "answered"
	// OutcomeMissed: it rang out and nobody picked up.
	OutcomeMissed Outcome = "missed"
	// OutcomeVoicemail: the answering machine or carrier voicemail took it.
	OutcomeVoicemail Outcome = "voicemail"
	// OutcomeAbandoned: the caller hung up before anybody could answer.
	OutcomeAbandoned Outcome = "abandoned"
	// OutcomeBlocked: Callboard or the line rejected the call.
	OutcomeBlocked Outcome = "blocked"
)

// Label is the outcome in the shop's words, marked when it is an estimate.
func (o Outcome) Label(exact bool) string {
	var s string
	switch o {
	case OutcomeAnswered:
		s = "Answered"
	case OutcomeMissed:
		s = "Missed"
	case OutcomeVoicemail:
		s = "Voicemail"
	case OutcomeAbandoned:
		s = "Abandoned"
	case OutcomeBlocked:
		s = "Blocked"
	default:
		return "Outcome unknown"
	}
	if !exact {
		s += " (estimate)"
	}
	return s
}

// Call is one incoming call on one line, as far as it is known so far.
type Call struct {
	// ID is unique per call and stable from its first event to its end:
	// the UTC start time in nanoseconds, made unique by the tracker.
	ID   int64
	Line string

	// Started is the first ring or caller-ID block; Known is when the caller
	// ID arrived (zero if it never did); Answered is when a hook-aware source
	// saw the pick-up (zero otherwise); Ended is zero while the call is on.
	Started  time.Time
	Known    time.Time
	Answered time.Time
	Ended    time.Time

	Number Number
	// Name is the caller's name as the telco sent it.
	Name      string
	TelcoDate string
	TelcoTime string

	Rings   int
	Outcome Outcome
	// Exact is false when the outcome is inferred from rings alone.
	Exact bool

	// RingPattern is the distinctive ring the call came in with (tells
	// apart the advertised numbers sharing one analog line).
	RingPattern string
	// Dialed is the number the caller dialled, where the source reports it.
	Dialed string
	// Outbound marks a call the shop made.
	Outbound bool

	// Raw keeps the device lines of the caller-ID block, for support.
	Raw string
}

// TalkTime is how long the caller was connected, where the source saw the
// pick-up and the hang-up; zero otherwise.
func (c Call) TalkTime() time.Duration {
	if c.Answered.IsZero() || c.Ended.Before(c.Answered) {
		return 0
	}
	return c.Ended.Sub(c.Answered)
}

// Active reports whether the call is still ringing or in progress.
func (c Call) Active() bool { return c.Ended.IsZero() }

// HasCallerID reports whether any caller ID arrived for the call.
func (c Call) HasCallerID() bool { return !c.Known.IsZero() && !c.Number.IsNone() }
