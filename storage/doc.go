// Package storage keeps Callboard's calls, callers, day rollups and settings
// in one bolt file, through storm.
//
// The shape is chosen for ten years of a busy shop: a million calls,
// a hundred thousand callers, reports over any period.
//
//   - calls/<UTC month>/<ID>: one bucket per month, keys in time order. A
//     save touches one month; a month's log, or today's, is a cursor walk.
//   - callers/<last two digits>/<key>: one small record per caller, updated
//     with each call, so the pop-up reads one record.
//   - days/<local date>: one rollup per day of the shop's clock, updated in
//     the same transaction as the call, so reports read days, not calls.
//   - settings, meta (the schema version): one record each.
//
// Times are UTC unix nanoseconds on disk and time.Time in the API; the
// shop's time zone (Options.Location) only decides which day and hour a
// call counts in.
//
// Record and Finish are one operation underneath: they upsert the call and
// bring its caller and day into line with it, so repeating either, or
// correcting a call, never counts anything twice. See recordCodec for the
// encoding, which is fixed for the life of a database.
package storage
