package boxes

import "strings"

// Detect guesses the format of one line a device printed: FormatNetCallerID,
// FormatTCI, or "" when the line is in neither (or is not a record at all).
// NCID gateway lines ("CALL: ###DATE…CALLIN…LINE…") look like NetCallerID
// records but carry more fields; they are left to the NCID decoder.
func Detect(line string) string {
	if rec, ok := ParseNetCallerID(line); ok {
		if isNCIDGatewayLine(rec.Raw) {
			return ""
		}
		return FormatNetCallerID
	}
	if _, ok := ParseTCI(line); ok {
		return FormatTCI
	}
	return ""
}

// isNCIDGatewayLine spots the "CALL:" / "CALLINFO:" lines NCID gateways
// send, which share the ###…+++ framing with NetCallerID.
func isNCIDGatewayLine(s string) bool {
	upper := strings.ToUpper(s)
	head, _, _ := strings.Cut(upper, "###")
	if strings.HasPrefix(strings.TrimSpace(head), "CALL") {
		return true
	}
	return strings.Contains(upper, "...CALL") || strings.Contains(upper, "...LINE")
}
