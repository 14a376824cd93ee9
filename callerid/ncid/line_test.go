package ncid_test

import (
	"maps"
	"testing"

	"github.com/callboard-app/callboard/callerid/ncid"
)

type fields = map[string]string

func TestParseLine(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		typ    string
		log    bool
		text   string
		fields fields
	}{
		{
			name: "caller ID from the API document",
			in:   "CID: *DATE*05042011*TIME*2149*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*",
			typ:  "CID",
			fields: fields{"DATE": "05042011", "TIME": "2149", "LINE": "VOIP",
				"NMBR": "4075551212", "MESG": "NONE", "NAME": "John"},
		},
		{
			name:   "fields in another order",
			in:     "CID: *NAME*John*NMBR*4075551212*LINE*VOIP*TIME*2149*DATE*05042011*",
			typ:    "CID",
			fields: fields{"DATE": "05042011", "TIME": "2149", "LINE": "VOIP", "NMBR": "4075551212", "NAME": "John"},
		},
		{
			name: "newer servers add fields anywhere",
			in:   "CID: *DATE*05042011*TIME*2149*LINE*POTS*NMBR*4075551212*MESG*NONE*FNMBR*(407) 555-1212*NTYPE*CELL*CTRY*US*LOCA*Orlando, FL*CARI*AT&T*JJJJ*x*NAME*John*ID*17*",
			typ:  "CID",
			fields: fields{"DATE": "05042011", "TIME": "2149", "LINE": "POTS", "NMBR": "4075551212", "MESG": "NONE",
				"FNMBR": "(407) 555-1212", "NTYPE": "CELL", "CTRY": "US", "LOCA": "Orlando, FL", "CARI": "AT&T",
				"JJJJ": "x", "NAME": "John", "ID": "17"},
		},
		{
			name:   "last star missing",
			in:     "CID: *DATE*05042011*TIME*2149*NMBR*4075551212*NAME*John Smith",
			typ:    "CID",
			fields: fields{"DATE": "05042011", "TIME": "2149", "NMBR": "4075551212", "NAME": "John Smith"},
		},
		{
			name:   "carriage return and newline removed",
			in:     "CID: *NMBR*4075551212*NAME*John*\r\n",
			typ:    "CID",
			fields: fields{"NMBR": "4075551212", "NAME": "John"},
		},
		{
			name:   "malformed date kept as sent",
			in:     "CID: *DATE*1399XXXX*TIME*25:9*LINE*-*NMBR*4075551212*NAME*John*",
			typ:    "CID",
			fields: fields{"DATE": "1399XXXX", "TIME": "25:9", "LINE": "-", "NMBR": "4075551212", "NAME": "John"},
		},
		{
			name:   "empty values",
			in:     "CID: *DATE**TIME**NMBR**NAME**",
			typ:    "CID",
			fields: fields{"DATE": "", "TIME": "", "NMBR": "", "NAME": ""},
		},
		{
			name:   "a key without its value",
			in:     "CID: *NMBR*4075551212*NAME",
			typ:    "CID",
			fields: fields{"NMBR": "4075551212", "NAME": ""},
		},
		{
			name:   "the first of a repeated field wins",
			in:     "CID: *NMBR*4075551212*NMBR*O*",
			typ:    "CID",
			fields: fields{"NMBR": "4075551212"},
		},
		{
			name:   "special numbers pass through",
			in:     "CID: *DATE*03222005*TIME*1006*LINE*1*NMBR*OUT-OF-AREA*MESG*NONE*NAME*PRIVATE*",
			typ:    "CID",
			fields: fields{"DATE": "03222005", "TIME": "1006", "LINE": "1", "NMBR": "OUT-OF-AREA", "MESG": "NONE", "NAME": "PRIVATE"},
		},
		{
			name:   "anonymous and no number",
			in:     "HUP: *NMBR*ANONYMOUS*NAME*NO NAME*LINE*NO-LINE*",
			typ:    "HUP",
			fields: fields{"NMBR": "ANONYMOUS", "NAME": "NO NAME", "LINE": "NO-LINE"},
		},
		{
			name:   "ring count, no space after the colon",
			in:     "CIDINFO:*LINE*1*RING*4*TIME*16:20:05*",
			typ:    "CIDINFO",
			fields: fields{"LINE": "1", "RING": "4", "TIME": "16:20:05"},
		},
		{
			name:   "hang-up after answer",
			in:     "CIDINFO: *LINE*VOIP*RING*-2*TIME*16:20:05*",
			typ:    "CIDINFO",
			fields: fields{"LINE": "VOIP", "RING": "-2", "TIME": "16:20:05"},
		},
		{
			name: "end of call",
			in:   "END: *HTYPE*BYE*DATE*03032022*TIME*0935*SCALL*03/03/2022 09:34:59*ECALL*03/03/2022 09:37:38*CTYPE*OUT*LINE*WC09*NMBR*4185558765*NAME*WIRELESS CALLER*",
			typ:  "END",
			fields: fields{"HTYPE": "BYE", "DATE": "03032022", "TIME": "0935", "SCALL": "03/03/2022 09:34:59",
				"ECALL": "03/03/2022 09:37:38", "CTYPE": "OUT", "LINE": "WC09", "NMBR": "4185558765", "NAME": "WIRELESS CALLER"},
		},
		{
			name:   "blocked",
			in:     "BLK: *DATE*03032022*TIME*0935*LINE*WC01*NMBR*8005551212*MESG*NONE*NAME*MARKETING*",
			typ:    "BLK",
			fields: fields{"DATE": "03032022", "TIME": "0935", "LINE": "WC01", "NMBR": "8005551212", "MESG": "NONE", "NAME": "MARKETING"},
		},
		{
			name:   "outgoing",
			in:     "OUT: *DATE*03032022*TIME*0935*LINE*WC01*NMBR*4075551212*MESG*NONE*NAME*-*",
			typ:    "OUT",
			fields: fields{"DATE": "03032022", "TIME": "0935", "LINE": "WC01", "NMBR": "4075551212", "MESG": "NONE", "NAME": "-"},
		},
		{
			name:   "message: text, then three stars",
			in:     "MSG: Caller ID Logfile too big ***DATE*05042011*TIME*2149*NAME*-*NMBR*-*LINE*-*MTYPE*SYS*",
			typ:    "MSG",
			text:   "Caller ID Logfile too big",
			fields: fields{"DATE": "05042011", "TIME": "2149", "NAME": "-", "NMBR": "-", "LINE": "-", "MTYPE": "SYS"},
		},
		{
			name:   "smartphone notification",
			in:     "NOT: PHONE 4012: PING Test notification ***DATE*05042011*TIME*2149*",
			typ:    "NOT",
			text:   "PHONE 4012: PING Test notification",
			fields: fields{"DATE": "05042011", "TIME": "2149"},
		},
		{
			name:   "replayed caller ID",
			in:     "CIDLOG: *DATE*12012015*TIME*0028*LINE*HOME*NMBR*4075551212*MESG*NONE*NAME*John*",
			typ:    "CID",
			log:    true,
			fields: fields{"DATE": "12012015", "TIME": "0028", "LINE": "HOME", "NMBR": "4075551212", "MESG": "NONE", "NAME": "John"},
		},
		{
			name:   "replayed end of call",
			in:     "ENDLOG: *HTYPE*CANCEL*LINE*VOIP*",
			typ:    "END",
			log:    true,
			fields: fields{"HTYPE": "CANCEL", "LINE": "VOIP"},
		},
		{name: "replayed hang-up", in: "HUPLOG: *NMBR*1*", typ: "HUP", log: true, fields: fields{"NMBR": "1"}},
		{name: "replayed block", in: "BLKLOG: *NMBR*1*", typ: "BLK", log: true, fields: fields{"NMBR": "1"}},
		{name: "replayed outgoing", in: "OUTLOG: *NMBR*1*", typ: "OUT", log: true, fields: fields{"NMBR": "1"}},
		{name: "replayed message", in: "MSGLOG: hi ***NMBR*1*", typ: "MSG", log: true, text: "hi", fields: fields{"NMBR": "1"}},
		{name: "replayed comment", in: "LOG: # comment line", typ: "LOG", log: true, text: "# comment line"},
		{name: "greeting", in: "200 Server: ncidd (NCID) 1.0", typ: "200", text: "Server: ncidd (NCID) 1.0"},
		{name: "API version", in: "210 API: 1.12 Feature Set 1 2 3 4 5", typ: "210", text: "API: 1.12 Feature Set 1 2 3 4 5"},
		{name: "end of log", in: "250 End of call log", typ: "250", text: "End of call log"},
		{name: "no log sent", in: "251 Call log not sent: /var/log/cidcall.log", typ: "251", text: "Call log not sent: /var/log/cidcall.log"},
		{name: "end of start-up", in: "300 End of connection startup", typ: "300", text: "End of connection startup"},
		{name: "bare code", in: "300", typ: "300"},
		{name: "option", in: "OPT: hangup-1", typ: "OPT", text: "hangup-1"},
		{name: "acknowledgement", in: "ACK: REQ YO", typ: "ACK", text: "REQ YO"},
		{name: "forwarded lines keep their plus", in: "+CID: *NMBR*1*", typ: "+CID", fields: fields{"NMBR": "1"}},
		{name: "unknown line type", in: "XYZ: *JJJJ*data*", typ: "XYZ", fields: fields{"JJJJ": "data"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := ncid.ParseLine(tt.in)
			if !ok {
				t.Fatalf("ParseLine(%q) not ok", tt.in)
			}
			if l.Type != tt.typ || l.Log != tt.log || l.Text != tt.text {
				t.Errorf("got type %q log %v text %q, want %q %v %q", l.Type, l.Log, l.Text, tt.typ, tt.log, tt.text)
			}
			if !maps.Equal(l.Fields, tt.fields) {
				t.Errorf("fields\n got %v\nwant %v", l.Fields, tt.fields)
			}
			if want := trimEOL(tt.in); l.Raw != want {
				t.Errorf("Raw = %q, want %q", l.Raw, want)
			}
		})
	}
}

func TestParseLineRejectsWhatIsNoLine(t *testing.T) {
	for _, in := range []string{
		"",
		"\r\n",
		"no colon here",
		"two words: *NMBR*1*",
		": *NMBR*1*",
		"20 short code",
		"2000 four digits",
		"+: nothing after the plus",
	} {
		if l, ok := ncid.ParseLine(in); ok {
			t.Errorf("ParseLine(%q) = %+v, want not ok", in, l)
		}
	}
}

func trimEOL(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}
