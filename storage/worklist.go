package storage

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/vmihailenco/msgpack/v5"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Missed calls waiting for a callback. When a caller's call is missed,
// goes to voicemail or is abandoned, the caller goes on the worklist; more
// such calls add to their item. The item is resolved when the caller calls
// again and is answered, or a callback reaches them, or the staff mark the
// caller booked. All of it follows from Record and Finish in the same
// transaction, so the list needs no scan of the calls:
//
//   - worklist/open/<caller key>: the open items, one per caller;
//   - worklist/recent/<last missed call ID><caller key>: the open items
//     by their latest missed call, so the list reads only the recent ones;
//   - worklist/done/<first missed call ID>: the resolved items, for the
//     recovery figures;
//   - worklist/unreachable/<call ID>: missed calls from callers who cannot
//     be called back (private, out of area...), counted apart.
//
// Spam callers' calls and the shop's own calls never enter it; flagging a
// caller as spam takes their item away.
const (
	worklistBucket = "worklist"
	openWork       = "open"
	recentWork     = "recent"
	doneWork       = "done"
	unreachable    = "unreachable"
)

// WorklistAge is how long after their latest missed call a caller who was
// never reached stays on the worklist. Past it they leave the list (the
// recovery figures count them as still waiting); a new missed call brings
// them back with their whole item.
const WorklistAge = 90 * 24 * time.Hour

// CallbackResult is how a callback went.
type CallbackResult uint8

const (
	CallbackReached CallbackResult = iota + 1
	CallbackNoAnswer
	CallbackLeftMessage
)

func (c CallbackResult) String() string {
	switch c {
	case CallbackReached:
		return "Reached"
	case CallbackNoAnswer:
		return "No answer"
	case CallbackLeftMessage:
		return "Left a message"
	}
	return "Unknown"
}

// Callback is one try at calling a caller back.
type Callback struct {
	At     time.Time
	Result CallbackResult
	Note   string
}

// WorkItem is a caller waiting for a callback.
type WorkItem struct {
	// Call is their latest missed call.
	Call   CallRow
	Caller Caller
	// Missed counts their missed, voicemail and abandoned calls since they
	// were last reached; FirstMissed is when the first of them rang, how
	// long they have waited.
	Missed      int
	FirstMissed time.Time
	// Callbacks are the tries so far, oldest first.
	Callbacks []Callback
}

// LastCallback is the latest try, if any.
func (w WorkItem) LastCallback() (Callback, bool) {
	if len(w.Callbacks) == 0 {
		return Callback{}, false
	}
	return w.Callbacks[len(w.Callbacks)-1], true
}

// How an item was resolved.
const (
	resolvedByCall = iota + 1
	resolvedByCallback
	resolvedByBooking
)

// workRecord is an item as stored, open or resolved.
type workRecord struct {
	Key string
	// Missed are the missed calls' IDs, oldest first.
	Missed    []int64
	Callbacks []callbackRecord
	// Resolved is when the caller was reached (UTC ns), How how, and By the
	// answered call that reached them, if it was one.
	Resolved int64
	How      int
	By       int64
	Booked   bool
}

func (w *workRecord) fields() []any {
	return []any{&w.Key, &w.Missed, &w.Callbacks, &w.Resolved, &w.How, &w.By, &w.Booked}
}

func (w *workRecord) first() int64 { return w.Missed[0] }
func (w *workRecord) last() int64  { return w.Missed[len(w.Missed)-1] }

type callbackRecord struct {
	At     int64
	Result int
	Note   string
}

func (c *callbackRecord) fields() []any { return []any{&c.At, &c.Result, &c.Note} }

// EncodeMsgpack writes a callback as an array that can grow like a record's.
func (c callbackRecord) EncodeMsgpack(enc *msgpack.Encoder) error {
	return encodeFields(enc, c.fields())
}

// DecodeMsgpack reads what EncodeMsgpack wrote, by any release.
func (c *callbackRecord) DecodeMsgpack(dec *msgpack.Decoder) error {
	return decodeFields(dec, c.fields())
}

// workKind is what a call means to the worklist.
type workKind int

const (
	workNone workKind = iota
	workMissed
	workAnswered
	workUnreachable // missed, from a caller who cannot be called back
)

func (r *callRecord) forWorklist() (string, workKind) {
	if r == nil || !r.finished() || r.Outbound || r.Spam {
		return "", workNone
	}
	key := r.callerKey()
	if key == "" {
		return "", workNone
	}
	o := outcomeOf(r.Outcome)
	switch {
	case notPickedUp(o) && r.Special != "":
		return key, workUnreachable
	case notPickedUp(o):
		return key, workMissed
	case o == callerid.OutcomeAnswered:
		return key, workAnswered
	}
	return key, workNone
}

// followWorklist brings the worklist into line with call id's new version
// rec (old: the stored one, nil for a new call). Only a change counts: a
// call saved again as it was leaves its item alone, open or resolved.
// replay is a rebuild in time order, which must not look ahead at the
// caller's later answered calls.
func (t *txn) followWorklist(id int64, old, rec *callRecord, replay bool) error {
	oldKey, was := old.forWorklist()
	key, is := rec.forWorklist()
	if oldKey == key && was == is {
		return nil
	}
	w := worklist{t.tx}
	switch was {
	case workMissed:
		if err := w.forget(oldKey, id); err != nil {
			return err
		}
	case workUnreachable:
		if err := w.setUnreachable(id, false); err != nil {
			return err
		}
	}
	switch is {
	case workUnreachable:
		return w.setUnreachable(id, true)
	case workAnswered:
		return w.resolve(key, id, func(item *workRecord) {
			at := rec.Answered
			if at == 0 {
				at = rec.Started
			}
			item.Resolved, item.How, item.By = at, resolvedByCall, id
		})
	case workMissed:
		if !replay {
			c, err := t.callers.get(key)
			if err != nil {
				return err
			}
			if c.rec.Now.LastAnswered > rec.Started {
				return nil // a later call of theirs was answered: reached since
			}
		}
		return w.add(key, id)
	}
	return nil
}

// worklist reads and writes the worklist buckets in one transaction.
type worklist struct{ tx *bolt.Tx }

func (w worklist) open(key string) (*workRecord, error) {
	var item workRecord
	found, err := getRecord(bucketAt(w.tx, worklistBucket, openWork), []byte(key), &item)
	if err != nil || !found {
		if err != nil {
			err = fmt.Errorf("read the worklist item of %s: %w", key, err)
		}
		return nil, err
	}
	return &item, nil
}

func recentKey(last int64, key string) []byte { return append(intKey(last), key...) }

// put saves an open item (nil: none left), keeping its place among the
// recent ones; wasLast is its latest missed call as stored (0: new).
func (w worklist) put(key string, item *workRecord, wasLast int64) error {
	open, err := bucketIn(w.tx, worklistBucket, openWork)
	if err != nil {
		return err
	}
	recent, err := bucketIn(w.tx, worklistBucket, recentWork)
	if err != nil {
		return err
	}
	if wasLast != 0 && (item == nil || item.last() != wasLast) {
		if err := recent.Delete(recentKey(wasLast, key)); err != nil {
			return err
		}
	}
	if item == nil {
		return open.Delete([]byte(key))
	}
	if err := recent.Put(recentKey(item.last(), key), nil); err != nil {
		return err
	}
	return putRecord(open, []byte(key), item)
}

// add puts missed call id on the caller's item, opening one if needed.
func (w worklist) add(key string, id int64) error {
	item, err := w.open(key)
	if err != nil {
		return err
	}
	wasLast := int64(0)
	if item == nil {
		item = &workRecord{Key: key}
	} else {
		wasLast = item.last()
	}
	i, found := slices.BinarySearch(item.Missed, id)
	if found {
		return nil
	}
	item.Missed = slices.Insert(item.Missed, i, id)
	return w.put(key, item, wasLast)
}

// forget takes call id off the caller's open item: it was not missed
// after all, or the caller moved. An item left without calls goes.
func (w worklist) forget(key string, id int64) error {
	item, err := w.open(key)
	if err != nil || item == nil {
		return err
	}
	i, found := slices.BinarySearch(item.Missed, id)
	if !found {
		return nil // in a resolved item: it stays as it was resolved
	}
	wasLast := item.last()
	item.Missed = slices.Delete(item.Missed, i, i+1)
	if len(item.Missed) == 0 {
		item = nil
	}
	return w.put(key, item, wasLast)
}

// resolve closes the caller's open item if it began before call id (an
// answered call, or any of theirs for a callback).
func (w worklist) resolve(key string, id int64, how func(*workRecord)) error {
	item, err := w.open(key)
	if err != nil || item == nil || item.first() >= id {
		return err
	}
	how(item)
	if err := w.put(key, nil, item.last()); err != nil {
		return err
	}
	return w.putDone(item)
}

func (w worklist) putDone(item *workRecord) error {
	done, err := bucketIn(w.tx, worklistBucket, doneWork)
	if err != nil {
		return err
	}
	return putRecord(done, intKey(item.first()), item)
}

func (w worklist) setUnreachable(id int64, missed bool) error {
	b, err := bucketIn(w.tx, worklistBucket, unreachable)
	if err != nil {
		return err
	}
	if missed {
		return b.Put(intKey(id), nil)
	}
	return b.Delete(intKey(id))
}

// Worklist returns the callers waiting for a callback, the one waiting
// longest first, leaving out those whose latest missed call is older than
// WorklistAge.
func (db *DB) Worklist() ([]WorkItem, error) {
	since := db.now().Add(-WorklistAge).UnixNano()
	var out []WorkItem
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		recent := bucketAt(tx, worklistBucket, recentWork)
		if recent == nil {
			return nil
		}
		w := worklist{tx}
		var months monthCache
		c := recent.Cursor()
		for k, _ := c.Seek(intKey(since)); k != nil; k, _ = c.Next() {
			key := string(k[8:])
			item, err := w.open(key)
			if err != nil {
				return err
			}
			if item == nil {
				continue
			}
			var caller callerRecord
			if _, err := getRecord(bucketAt(tx, callersBucket, callerShard(key)), []byte(key), &caller); err != nil {
				return fmt.Errorf("read caller %s: %w", key, err)
			}
			if caller.Spam {
				continue
			}
			call, err := months.load(tx, item.last())
			if err != nil {
				return err
			}
			out = append(out, item.view(call.row(item.last()), caller.view(caller.Now, key)))
		}
		return nil
	})
	slices.SortFunc(out, func(a, b WorkItem) int { return a.FirstMissed.Compare(b.FirstMissed) })
	return out, err
}

func (w *workRecord) view(call CallRow, caller Caller) WorkItem {
	item := WorkItem{Call: call, Caller: caller, Missed: len(w.Missed), FirstMissed: fromNanos(w.first())}
	for _, c := range w.Callbacks {
		item.Callbacks = append(item.Callbacks, Callback{At: fromNanos(c.At), Result: CallbackResult(c.Result), Note: c.Note})
	}
	return item
}

// LogCallback records a try at calling back the caller of call id (any of
// their calls). Reaching them resolves their item; no answer or a message
// left keeps it, with the try in its history.
func (db *DB) LogCallback(id int64, result CallbackResult, at time.Time, note string) error {
	if result < CallbackReached || result > CallbackLeftMessage {
		return fmt.Errorf("callback for call %d: no result %d", id, result)
	}
	return db.update(func(t *txn) error {
		key, err := t.workKey(id)
		if err != nil {
			return err
		}
		w := worklist{t.tx}
		item, err := w.open(key)
		if err != nil {
			return err
		}
		if item == nil {
			return fmt.Errorf("callback for call %d: nobody is waiting (%w)", id, ErrNotFound)
		}
		item.Callbacks = append(item.Callbacks, callbackRecord{At: nanos(at), Result: int(result), Note: note})
		if result != CallbackReached {
			return w.put(key, item, item.last())
		}
		item.Resolved, item.How = nanos(at), resolvedByCallback
		if err := w.put(key, nil, item.last()); err != nil {
			return err
		}
		return w.putDone(item)
	})
}

// MarkBooked records that the caller of call id booked (a job, an
// appointment). It resolves their open item as reached now; when they were
// already reached it marks the item that call id belongs to, or the last
// one before it.
func (db *DB) MarkBooked(id int64) error {
	return db.update(func(t *txn) error {
		key, err := t.workKey(id)
		if err != nil {
			return err
		}
		w := worklist{t.tx}
		item, err := w.open(key)
		if err != nil {
			return err
		}
		if item != nil {
			item.Resolved, item.How, item.Booked = nanos(db.now()), resolvedByBooking, true
			if err := w.put(key, nil, item.last()); err != nil {
				return err
			}
			return w.putDone(item)
		}
		done := bucketAt(t.tx, worklistBucket, doneWork)
		if done == nil {
			return fmt.Errorf("book call %d: nothing was missed (%w)", id, ErrNotFound)
		}
		// Walk back from the call over the resolved items of a few months.
		c := done.Cursor()
		var k, v []byte
		if k, _ = c.Seek(intKey(id + 1)); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && keyInt(k) > id-int64(WorklistAge); k, v = c.Prev() {
			var item workRecord
			if err := (recordCodec{}).Unmarshal(v, &item); err != nil {
				return fmt.Errorf("read a resolved worklist item: %w", err)
			}
			if item.Key == key {
				item.Booked = true
				return w.putDone(&item)
			}
		}
		return fmt.Errorf("book call %d: no missed call of theirs before it (%w)", id, ErrNotFound)
	})
}

// workKey is the caller of call id, who must be one that can be called.
func (t *txn) workKey(id int64) (string, error) {
	r, err := t.load(id)
	if err != nil {
		return "", err
	}
	key := r.callerKey()
	if key == "" || r.Special != "" {
		return "", fmt.Errorf("call %d: the caller cannot be called back", id)
	}
	return key, nil
}

// RecoveryFigures say how many of the callers missed in a period were
// reached. A caller counts once per wait (every missed call until they
// were reached), in the period their first missed call rang.
type RecoveryFigures struct {
	Missed int
	// Reached is by any way: they called again and were answered, a
	// callback reached them, or they booked. ReachedWithinDay and
	// ReachedWithinWeek count those reached within 24 hours and 7 days of
	// their first missed call (the week includes the day).
	Reached           int
	ReachedWithinDay  int
	ReachedWithinWeek int
	Booked            int
	StillWaiting      int
	// CannotCallBack counts the missed calls of callers without a number
	// to call (private, out of area...): they are in none of the above.
	CannotCallBack int
}

// ReachedShare is the share of missed callers reached, 0 to 1.
func (r RecoveryFigures) ReachedShare() float64 { return share(r.Reached, r.Missed) }

// Recovery counts what became of the callers whose wait began in
// [from, to).
func (db *DB) Recovery(from, to time.Time) (RecoveryFigures, error) {
	lo, hi := span(from, to)
	var fig RecoveryFigures
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		spam := func(key string) (bool, error) {
			var r callerRecord
			_, err := getRecord(bucketAt(tx, callersBucket, callerShard(key)), []byte(key), &r)
			return r.Spam, err
		}
		if done := bucketAt(tx, worklistBucket, doneWork); done != nil {
			c := done.Cursor()
			for k, v := c.Seek(intKey(lo)); k != nil && keyInt(k) < hi; k, v = c.Next() {
				var item workRecord
				if err := (recordCodec{}).Unmarshal(v, &item); err != nil {
					return fmt.Errorf("read a resolved worklist item: %w", err)
				}
				if s, err := spam(item.Key); err != nil || s {
					if err != nil {
						return err
					}
					continue
				}
				fig.Missed++
				fig.Reached++
				waited := time.Duration(item.Resolved - item.first())
				if waited <= 24*time.Hour {
					fig.ReachedWithinDay++
				}
				if waited <= 7*24*time.Hour {
					fig.ReachedWithinWeek++
				}
				if item.Booked {
					fig.Booked++
				}
			}
		}
		if open := bucketAt(tx, worklistBucket, openWork); open != nil {
			err := open.ForEach(func(_, v []byte) error {
				var item workRecord
				if err := (recordCodec{}).Unmarshal(v, &item); err != nil {
					return fmt.Errorf("read a worklist item: %w", err)
				}
				if first := item.first(); lo <= first && first < hi {
					fig.Missed++
					fig.StillWaiting++
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		if b := bucketAt(tx, worklistBucket, unreachable); b != nil {
			c := b.Cursor()
			for k, _ := c.Seek(intKey(lo)); k != nil && keyInt(k) < hi; k, _ = c.Next() {
				fig.CannotCallBack++
			}
		}
		return nil
	})
	return fig, err
}

// rebuildWorklist makes the worklist again from the calls, replayed oldest
// first; callbacks and bookings are lost. It is for a database written
// before the worklist existed.
func (t *txn) rebuildWorklist() error {
	if err := t.tx.DeleteBucket([]byte(worklistBucket)); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
		return err
	}
	return forEachMonth(t.tx, 0, math.MaxInt64, func(id int64, r *callRecord) error {
		return t.followWorklist(id, nil, r, true)
	}, nil)
}
