package storage

import (
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Each caller's call IDs are kept too, in callerCalls/<shard>/<key>: eight
// bytes per call, oldest first. Flagging a caller as spam (or clearing the
// flag) must take their calls out of every day they touched, and a
// telemarketer may have thousands; the list finds them without reading
// anybody else's calls. It lives apart from the caller record so that the
// pop-up still reads ~100 bytes, not a regular's 10 KB of IDs.
//
// Most callers called once, and their one call is the first call in their
// record: their list is stored empty, the key alone (so that the keys
// still list every caller), and read from the record (see onlyCall).
const callerCallsBucket = "callerCalls"

// callerBook gathers the caller records and call lists one transaction
// changes, and writes each once at the end: an import batch meets a
// regular caller many times.
type callerBook struct {
	tx    *bolt.Tx
	recs  map[string]*cachedCaller
	lists map[string]*callList
}

type cachedCaller struct {
	rec   callerRecord
	found bool // stored, or counted in this transaction
	dirty bool
	// onlyCall is the one call of a caller stored with one call: what
	// their empty list stands for.
	onlyCall int64
}

type callList struct {
	ids   []int64
	dirty bool
}

func newCallerBook(tx *bolt.Tx) *callerBook {
	return &callerBook{tx: tx, recs: map[string]*cachedCaller{}, lists: map[string]*callList{}}
}

func (k *callerBook) get(key string) (*cachedCaller, error) {
	if c := k.recs[key]; c != nil {
		return c, nil
	}
	c := &cachedCaller{}
	found, err := getRecord(bucketAt(k.tx, callersBucket, callerShard(key)), []byte(key), &c.rec)
	if err != nil {
		return nil, fmt.Errorf("read caller %s: %w", key, err)
	}
	c.found = found
	c.onlyCall = c.rec.onlyCall()
	k.recs[key] = c
	return c, nil
}

// onlyCall is the call of a caller with one call; 0 for any other.
func (r *callerRecord) onlyCall() int64 {
	if r.Now.Calls != 1 {
		return 0
	}
	return r.Now.FirstCallID
}

// count makes the caller records agree with rec, which replaces old (nil
// for a new call), and sets rec.FirstTime and rec.Spam from the caller. It
// returns the caller as they were before this call.
func (k *callerBook) count(id int64, rec, old *callRecord) (Caller, error) {
	key, oldKey := rec.callerKey(), ""
	if old != nil {
		oldKey = old.callerKey()
	}
	if oldKey != "" && oldKey != key {
		if err := k.uncount(oldKey, id); err != nil {
			return Caller{}, err
		}
	}
	rec.FirstTime, rec.Spam = false, false
	if key == "" {
		return Caller{}, nil
	}
	c, err := k.get(key)
	if err != nil {
		return Caller{}, err
	}
	r := &c.rec
	var before callerState
	if c.found && oldKey == key {
		rec.FirstTime = old.FirstTime
		before = r.before(id)
	} else {
		before = r.Now
		rec.FirstTime = r.Now.Calls == 0
		r.count(id, rec)
		if err := k.addCall(key, id); err != nil {
			return Caller{}, err
		}
	}
	c.found, c.dirty = true, true
	rec.Spam = r.Spam
	r.noteOutcome(id, rec)
	r.noteAttribution(id, rec)
	return r.view(before, key), nil
}

// uncount takes call id away from the caller it was counted for.
func (k *callerBook) uncount(key string, id int64) error {
	c, err := k.get(key)
	if err != nil || !c.found {
		return err
	}
	r := &c.rec
	if r.BeforeFor == id {
		r.Now, r.Before, r.BeforeFor = r.Before, callerState{}, 0
	} else {
		r.Now.Calls--
	}
	c.dirty = true
	if r.Now.Calls <= 0 {
		c.found = false // deleted at flush
	}
	return k.removeCall(key, id)
}

// noteAttribution follows a change of a call's line or campaign into its
// caller's original source.
func (k *callerBook) noteAttribution(id int64, rec *callRecord) error {
	key := rec.callerKey()
	if key == "" {
		return nil
	}
	c, err := k.get(key)
	if err != nil || !c.found {
		return err
	}
	was := c.rec
	c.rec.noteAttribution(id, rec)
	c.dirty = c.dirty || c.rec != was
	return nil
}

// calls returns the caller's call IDs, oldest first.
func (k *callerBook) calls(key string) (*callList, error) {
	if l := k.lists[key]; l != nil {
		return l, nil
	}
	l := &callList{}
	if b := bucketAt(k.tx, callerCallsBucket, callerShard(key)); b != nil {
		raw := b.Get([]byte(key))
		if raw != nil && len(raw) == 0 {
			id, err := k.storedOnlyCall(key)
			if err != nil {
				return nil, err
			}
			l.ids = []int64{id}
			k.lists[key] = l
			return l, nil
		}
		if len(raw)%8 != 0 {
			return nil, fmt.Errorf("calls of caller %s: %d bytes is not a list of IDs", key, len(raw))
		}
		l.ids = make([]int64, len(raw)/8, len(raw)/8+1)
		for i := range l.ids {
			l.ids[i] = int64(binary.BigEndian.Uint64(raw[i*8:]))
		}
	}
	k.lists[key] = l
	return l, nil
}

// storedOnlyCall is the one call of a caller whose list is stored empty,
// from their record as stored.
func (k *callerBook) storedOnlyCall(key string) (int64, error) {
	id := int64(0)
	if c := k.recs[key]; c != nil {
		id = c.onlyCall
	} else {
		var r callerRecord
		if _, err := getRecord(bucketAt(k.tx, callersBucket, callerShard(key)), []byte(key), &r); err != nil {
			return 0, fmt.Errorf("read caller %s: %w", key, err)
		}
		id = r.onlyCall()
	}
	if id == 0 {
		return 0, fmt.Errorf("calls of caller %s: stored as their one call, but they have none or several", key)
	}
	return id, nil
}

func (k *callerBook) addCall(key string, id int64) error {
	l, err := k.calls(key)
	if err != nil {
		return err
	}
	// Calls mostly arrive in order: the search is for the odd late one.
	if n := len(l.ids); n == 0 || l.ids[n-1] < id {
		l.ids = append(l.ids, id)
	} else if i, ok := slices.BinarySearch(l.ids, id); !ok {
		l.ids = slices.Insert(l.ids, i, id)
	}
	l.dirty = true
	return nil
}

func (k *callerBook) removeCall(key string, id int64) error {
	l, err := k.calls(key)
	if err != nil {
		return err
	}
	if i, ok := slices.BinarySearch(l.ids, id); ok {
		l.ids = slices.Delete(l.ids, i, i+1)
		l.dirty = true
	}
	return nil
}

func (k *callerBook) flush() error {
	for key, c := range k.recs {
		if !c.dirty {
			continue
		}
		b, err := bucketIn(k.tx, callersBucket, callerShard(key))
		if err != nil {
			return err
		}
		if c.found {
			err = putRecord(b, []byte(key), &c.rec)
		} else {
			err = b.Delete([]byte(key))
		}
		if err != nil {
			return fmt.Errorf("save caller %s: %w", key, err)
		}
	}
	for key, l := range k.lists {
		if !l.dirty {
			continue
		}
		b, err := bucketIn(k.tx, callerCallsBucket, callerShard(key))
		if err != nil {
			return err
		}
		switch c := k.recs[key]; {
		case len(l.ids) == 0:
			err = b.Delete([]byte(key))
		case c != nil && c.found && len(l.ids) == 1 && c.rec.onlyCall() == l.ids[0]:
			err = b.Put([]byte(key), []byte{})
		default:
			raw := make([]byte, 0, 8*len(l.ids))
			for _, id := range l.ids {
				raw = binary.BigEndian.AppendUint64(raw, uint64(id))
			}
			err = b.Put([]byte(key), raw)
		}
		if err != nil {
			return fmt.Errorf("save the calls of caller %s: %w", key, err)
		}
	}
	clear(k.recs)
	clear(k.lists)
	return nil
}
