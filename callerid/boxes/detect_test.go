package boxes_test

import (
	"testing"

	"github.com/callboard-app/callboard/callerid/boxes"
)

func TestDetectTellsTheFormatOfALine(t *testing.T) {
	tests := []struct{ line, want string }{
		{"###DATE08082225...NMBR14075551212...NAMEJOHN+++\r", boxes.FormatNetCallerID},
		{"###DATE...NMBR...NAME   -MSG OFF-+++", boxes.FormatNetCallerID},
		{"###date03301423...nmbr...name-unknown caller-", boxes.FormatNetCallerID},
		{tciCardServices, boxes.FormatTCI},
		{"01      9/05     11:17 AM       702-555-1145", boxes.FormatTCI},
		{"02     12/24      3:41 PM       615-555-0123           SMITH J\r\n", boxes.FormatTCI},

		// Lines of other sources, for the decoders of their own.
		{"CALL: ###DATE12041529...CALLIN...LINEVOIP...NMBR14075551212...NAMECourt Jester+++", ""},
		{"###DATE04172005...CALLMWI...LINEHOME...NMBRVoicemail...NAMEMessage(s) Waiting+++", ""},
		{"01 I S 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com", ""},
		{"01 R             11/07 07:43:52", ""},
		{"NMBR = 4075551212", ""},
		{"RING", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := boxes.Detect(tt.line); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
