package devstatus

import (
	"slices"
	"testing"

	"github.com/callboard-app/callboard/callerid"
)

func TestADeviceThatKeepsFailingTheSameWayIsReportedOnce(t *testing.T) {
	var got []callerid.DeviceStatus
	r := NewReporter("Front desk", func(st callerid.DeviceStatus) { got = append(got, st) })
	r.Say(callerid.DeviceConnecting, "Opening /dev/ttyACM0.", "")
	for range 3 {
		r.Say(callerid.DeviceNotFound, "The modem is not plugged in.", "Plug it in.")
	}
	r.Say(callerid.DeviceListening, "Listening for calls.", "")
	if !r.Say(callerid.DeviceNotFound, "The modem is not plugged in.", "Plug it in.") {
		t.Error("unplugged again after listening was not reported")
	}

	want := []callerid.DeviceStatus{
		{Device: "Front desk", State: callerid.DeviceConnecting, Detail: "Opening /dev/ttyACM0."},
		{Device: "Front desk", State: callerid.DeviceNotFound, Detail: "The modem is not plugged in.", Hint: "Plug it in."},
		{Device: "Front desk", State: callerid.DeviceListening, Detail: "Listening for calls."},
		{Device: "Front desk", State: callerid.DeviceNotFound, Detail: "The modem is not plugged in.", Hint: "Plug it in."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("reported\n%+v\nwant\n%+v", got, want)
	}
}

func TestNewsInTheDetailIsNews(t *testing.T) {
	r := NewReporter("Modem", nil) // nobody listening: nothing breaks
	r.Say(callerid.DeviceConnecting, "Opening /dev/ttyACM0.", "")
	if !r.Say(callerid.DeviceConnecting, "Setting up the device on /dev/ttyACM0.", "") {
		t.Error("the same state with a new detail was not reported")
	}
}
