// Package storage keeps Callboard's calls, callers, tracking lines,
// campaigns, day rollups and settings in one bolt file, through storm.
//
// The shape is chosen for ten years of a busy shop: a million calls,
// a hundred thousand callers, reports over any period.
//
//   - calls/<UTC month>/<ID>: one bucket per month, keys in time order. A
//     save touches one month; a month's log, or today's, is a cursor walk.
//     Each call carries its attribution (tracking line, campaign), the
//     value the shop entered and its caller's spam flag.
//   - callers/<last two digits>/<key>: one small record per caller, updated
//     with each call, so the pop-up reads one record; callerCalls/<same> the
//     caller's call IDs, so that flagging a spammer finds their calls.
//   - days/<local date>: one rollup per day of the shop's clock, updated in
//     the same transaction as the call, so reports read days, not calls:
//     outcomes, hours, first-time callers, talk time, places, the day's
//     callers, and groups by line × campaign × outcome.
//   - lines, campaigns: the tracking lines and the campaigns run on them.
//     Changing either attributes the calls it touches again, with their
//     days, in the same transaction.
//   - settings, meta (the schema version): one record each.
//
// Times are UTC unix nanoseconds on disk and time.Time in the API; the
// shop's time zone (Options.Location) decides which day and hour a call
// counts in, and which campaign (campaigns run from date to date).
//
// Record and Finish are one operation underneath: they upsert the call and
// bring its caller and day into line with it, so repeating either, or
// correcting a call, never counts anything twice. Every rollup is a sum of
// each call's part, which depends on the call record alone; changing a
// call always takes its old part out and puts its new part in. See
// recordCodec for the encoding, which is fixed for the life of a database.
package storage
