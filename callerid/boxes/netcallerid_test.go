package boxes_test

import (
	"testing"

	"github.com/callboard-app/callboard/callerid/boxes"
)

func TestParseNetCallerIDReadsTheBoxRecords(t *testing.T) {
	tests := []struct {
		name, in string
		want     boxes.Record
	}{
		{
			name: "a call (reference §4.6)",
			in:   "###DATE08082225...NMBR14075551212...NAMEJOHN+++\r",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "JOHN",
				Raw: "###DATE08082225...NMBR14075551212...NAMEJOHN+++"},
		},
		{
			name: "no number: the box says UNKNOWN CALLER, which is out of area",
			in:   "###DATE03301423...NMBR...NAME-UNKNOWN CALLER-+++\r",
			want: boxes.Record{Month: 3, Day: 30, Hour: 14, Minute: 23, Number: "UNKNOWN",
				Raw: "###DATE03301423...NMBR...NAME-UNKNOWN CALLER-+++"},
		},
		{
			name: "withheld number",
			in:   "###DATE01061252...NMBR...NAME-PRIVATE CALLER-+++",
			want: boxes.Record{Month: 1, Day: 6, Hour: 12, Minute: 52, Number: "PRIVATE",
				Raw: "###DATE01061252...NMBR...NAME-PRIVATE CALLER-+++"},
		},
		{
			name: "a number with UNKNOWN CALLER as the name keeps the number",
			in:   "###DATE03301423...NMBR4075551212...NAME-UNKNOWN CALLER-+++",
			want: boxes.Record{Month: 3, Day: 30, Hour: 14, Minute: 23, Number: "4075551212",
				Raw: "###DATE03301423...NMBR4075551212...NAME-UNKNOWN CALLER-+++"},
		},
		{
			name: "voicemail notice (reference §4.6)",
			in:   "###DATE...NMBR...NAME   -MSG OFF-+++\r",
			want: boxes.Record{Name: "-MSG OFF-", MessageWaiting: true, Raw: "###DATE...NMBR...NAME   -MSG OFF-+++"},
		},
		{
			name: "voicemail waiting",
			in:   "###DATE...NMBR...NAME   -MSG ON-+++",
			want: boxes.Record{Name: "-MSG ON-", MessageWaiting: true, Raw: "###DATE...NMBR...NAME   -MSG ON-+++"},
		},
		{
			name: "voicemail waiting, spelled out",
			in:   "###DATE...NMBR...NAME MESSAGE WAITING+++",
			want: boxes.Record{Name: "MESSAGE WAITING", MessageWaiting: true, Raw: "###DATE...NMBR...NAME MESSAGE WAITING+++"},
		},
		{
			name: "padding around the name",
			in:   "###DATE12151248...NMBR2021230002...NAMEBUSH GEORGE +++",
			want: boxes.Record{Month: 12, Day: 15, Hour: 12, Minute: 48, Number: "2021230002", Name: "BUSH GEORGE",
				Raw: "###DATE12151248...NMBR2021230002...NAMEBUSH GEORGE +++"},
		},
		{
			name: "a Dock-N-Talk sends the same record without a date",
			in:   "###DATE...NMBR5071234567...NAMEDock-N-Talk+++",
			want: boxes.Record{Number: "5071234567", Name: "Dock-N-Talk", Raw: "###DATE...NMBR5071234567...NAMEDock-N-Talk+++"},
		},
		{
			name: "lowercase",
			in:   "###date08082225...nmbr14075551212...namejohn+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "john",
				Raw: "###date08082225...nmbr14075551212...namejohn+++"},
		},
		{
			name: "no +++, ended by the line",
			in:   "###DATE08082225...NMBR14075551212...NAMEJOHN\r\n",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "JOHN",
				Raw: "###DATE08082225...NMBR14075551212...NAMEJOHN"},
		},
		{
			name: "one + lost",
			in:   "###DATE08082225...NMBR14075551212...NAMEJOHN++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "JOHN",
				Raw: "###DATE08082225...NMBR14075551212...NAMEJOHN++"},
		},
		{
			name: "junk before the record",
			in:   "\x00garbage###DATE08082225...NMBR14075551212...NAMEJOHN+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "JOHN",
				Raw: "\x00garbage###DATE08082225...NMBR14075551212...NAMEJOHN+++"},
		},
		{
			name: "fewer dots between fields",
			in:   "###DATE08082225.NMBR14075551212..NAMEJOHN+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "JOHN",
				Raw: "###DATE08082225.NMBR14075551212..NAMEJOHN+++"},
		},
		{
			name: "a name with dots and a tag word in it",
			in:   "###DATE08082225...NMBR14075551212...NAMEDR.DATE J.+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "DR.DATE J.",
				Raw: "###DATE08082225...NMBR14075551212...NAMEDR.DATE J.+++"},
		},
		{
			name: "a field the box added after the name is not part of it",
			in:   "###DATE08082225...NMBR14075551212...NAMEJOHN...LINE1+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "14075551212", Name: "JOHN",
				Raw: "###DATE08082225...NMBR14075551212...NAMEJOHN...LINE1+++"},
		},
		{
			name: "a date that cannot be one is dropped, the call is kept",
			in:   "###DATE13452225...NMBR14075551212...NAMEJOHN+++",
			want: boxes.Record{Number: "14075551212", Name: "JOHN", Raw: "###DATE13452225...NMBR14075551212...NAMEJOHN+++"},
		},
		{
			name: "a short date is dropped, the call is kept",
			in:   "###DATE0808222...NMBR14075551212...NAMEJOHN+++",
			want: boxes.Record{Number: "14075551212", Name: "JOHN", Raw: "###DATE0808222...NMBR14075551212...NAMEJOHN+++"},
		},
		{
			name: "special numbers pass raw",
			in:   "###DATE08082225...NMBRO...NAMEO+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 25, Number: "O", Name: "O", Raw: "###DATE08082225...NMBRO...NAMEO+++"},
		},
		{
			name: "the last of two starts wins: the first record was cut short",
			in:   "###DATE08082225...NMBR1407###DATE08082226...NMBR3125550000...NAMEMARY+++",
			want: boxes.Record{Month: 8, Day: 8, Hour: 22, Minute: 26, Number: "3125550000", Name: "MARY",
				Raw: "###DATE08082225...NMBR1407###DATE08082226...NMBR3125550000...NAMEMARY+++"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Format = boxes.FormatNetCallerID
			got, ok := boxes.ParseNetCallerID(tt.in)
			if !ok {
				t.Fatalf("ParseNetCallerID(%q) refused it", tt.in)
			}
			if got != tt.want {
				t.Errorf("ParseNetCallerID(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNetCallerIDRefusesWhatIsNotAWholeRecord(t *testing.T) {
	for _, in := range []string{
		"",
		"RING",
		"NMBR = 4075551212",
		"DATE08082225...NMBR14075551212...NAMEJOHN+++", // no start
		"###",
		"###+++",
		"###DATE08082225+++",                     // nobody in it
		"###DATE08082225...NMBR1407555",          // cut inside the number
		"###DATE08082225...NMBR14075551212",      // cut before the name: the number may be short
		"###DATE08082225...NMBR14075551212...NA", // cut inside the NAME tag
		"01      9/05     11:17 AM       702-555-1145           CARD SERVICES  ",
	} {
		if rec, ok := boxes.ParseNetCallerID(in); ok {
			t.Errorf("ParseNetCallerID(%q) = %+v, want it refused", in, rec)
		}
	}
}
