// Package charts turns report numbers into PNG images for the dashboard and
// the printed report, the printed monthly report itself (PDF), and tables
// as CSV.
//
// Every function here takes plain data and returns bytes: no window, no
// database. Charts are drawn on go-chart's raster renderer with its embedded
// Roboto font — not with go-chart's chart types, which fail on empty or
// constant data — on a transparent background so the app's own theme
// shows through. A chart with nothing to show is drawn as an empty-state
// message, never returned as an error or a blank image.
//
// The report's charts: CallsOverTime, BarsBy, FirstTimeVsRepeat and
// Heatmap. MonthlyReportPDF prints them with the key figures and the
// per-campaign table; TableCSV and CampaignCSV export tables.
package charts
