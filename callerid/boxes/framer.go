package boxes

import "bytes"

// maxRecordLen caps a record: real ones are under 100 bytes, so anything
// longer is noise, and noise must not grow memory without bound.
const maxRecordLen = 256

// framer cuts a box's byte stream into records, however the reads split it.
// A record ends at CR or LF, right after NetCallerID's "+++", or where "###"
// starts the next NetCallerID record (the one before was cut short or lost
// its end). Control bytes are line noise and are dropped, which also keeps
// TCI's columns where they belong.
type framer struct {
	buf []byte
}

// feed takes the next bytes from the device and appends the records they
// complete to out.
func (f *framer) feed(p []byte, out []string) []string {
	for _, c := range p {
		if c == '\r' || c == '\n' {
			out = f.flush(out)
			continue
		}
		if c < 0x20 || c == 0x7f {
			continue
		}
		if len(f.buf) == maxRecordLen {
			f.buf = f.buf[:0]
		}
		f.buf = append(f.buf, c)
		switch {
		case c == '#' && len(f.buf) > 3 && bytes.HasSuffix(f.buf, []byte("###")):
			out = append(out, string(f.buf[:len(f.buf)-3]))
			f.buf = append(f.buf[:0], "###"...)
		case c == '+' && bytes.HasSuffix(f.buf, []byte("+++")):
			out = f.flush(out)
		}
	}
	return out
}

// flush appends the record gathered so far, if any, to out: the line went
// quiet or the stream ended.
func (f *framer) flush(out []string) []string {
	if len(f.buf) == 0 {
		return out
	}
	out = append(out, string(f.buf))
	f.buf = f.buf[:0]
	return out
}
