package whozz

// fields walks a record word by word. Units separate fields with one
// space, but samples and firmware differ, so any run of blanks separates.
type fields struct {
	s string
	i int
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' }

// next returns the next word, or "" at the end.
func (f *fields) next() string {
	for f.i < len(f.s) && isBlank(f.s[f.i]) {
		f.i++
	}
	start := f.i
	for f.i < len(f.s) && !isBlank(f.s[f.i]) {
		f.i++
	}
	return f.s[start:f.i]
}

// peek returns the next word without moving past it.
func (f *fields) peek() string {
	at := f.i
	w := f.next()
	f.i = at
	return w
}

// rest is what follows the last word read, less the one space that
// separates fields: the caller fields are fixed-width and may start with
// padding of their own.
func (f *fields) rest() string {
	r := f.s[f.i:]
	if r != "" && r[0] == ' ' {
		r = r[1:]
	}
	return r
}
