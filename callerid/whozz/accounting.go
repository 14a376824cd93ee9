package whozz

import (
	"regexp"
	"strings"
	"time"
)

// accountingTail finds the SIP fields after the name when the columns are
// not where they should be: seconds before answer, seconds on hold, SIP
// code, then the reason.
var accountingTail = regexp.MustCompile(`^(.*?)[ \t]+(\d{1,4})[ \t]+(\d{1,4})[ \t]+(\d{3})(?:[ \t]+(.*))?$`)

// readAccounting takes the SIP fields off the end of a call-accounting
// record, "<number14> <name15> <answer4> <hold4> <SIP3> <reason16>", and
// returns the number and name part.
func (r *Record) readAccounting(rest string) (string, bool) {
	const (
		answerAt = numberWidth + 1 + nameWidth + 1
		holdAt   = answerAt + 5
		codeAt   = holdAt + 5
		reasonAt = codeAt + 4
	)
	if len(rest) >= reasonAt-1 && rest[answerAt-1] == ' ' && allDigits(rest[answerAt:answerAt+4]) &&
		rest[holdAt-1] == ' ' && allDigits(rest[holdAt:holdAt+4]) &&
		rest[codeAt-1] == ' ' && allDigits(rest[codeAt:codeAt+3]) {
		r.setAccounting(rest[answerAt:answerAt+4], rest[holdAt:holdAt+4], rest[codeAt:codeAt+3], rest[reasonAt-1:])
		return rest[:answerAt-1], true
	}
	m := accountingTail.FindStringSubmatch(strings.TrimRight(rest, " \t"))
	if m == nil {
		return "", false
	}
	r.setAccounting(m[2], m[3], m[4], m[5])
	return m[1], true
}

func (r *Record) setAccounting(answer, hold, code, reason string) {
	r.AnswerDelay = time.Duration(atoi(answer)) * time.Second
	r.Hold = time.Duration(atoi(hold)) * time.Second
	r.SIPCode = atoi(code)
	r.SIPReason = clean(reason)
}
