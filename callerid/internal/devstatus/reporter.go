// Package devstatus passes a device's state on to whoever shows it.
package devstatus

import "github.com/callboard-app/callboard/callerid"

// Reporter passes on a device's state when it changes, under the device's
// name. A device that stays unplugged fails the same way at every retry:
// reporting that once keeps the shop's status line from flickering.
type Reporter struct {
	device string
	status func(callerid.DeviceStatus)
	last   callerid.DeviceStatus
}

// NewReporter reports to status (nil: nowhere) under the name device.
func NewReporter(device string, status func(callerid.DeviceStatus)) *Reporter {
	return &Reporter{device: device, status: status}
}

// Report passes st on, with the device's name, unless it is the state
// reported last; it reports whether it did.
func (r *Reporter) Report(st callerid.DeviceStatus) (changed bool) {
	st.Device = r.device
	if st == r.last {
		return false
	}
	r.last = st
	if r.status != nil {
		r.status(st)
	}
	return true
}

// Say reports a state in words: what is happening and, if the shop can do
// something about it, what.
func (r *Reporter) Say(state callerid.DeviceState, detail, hint string) (changed bool) {
	return r.Report(callerid.DeviceStatus{State: state, Detail: detail, Hint: hint})
}
