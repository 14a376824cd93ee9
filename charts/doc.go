// Package charts turns report numbers into PNG images for the dashboard and
// the printed report.
//
// Every function here takes plain data and returns PNG bytes: no window, no
// database. Charts are drawn on go-chart's raster renderer with its embedded
// Roboto font, on a transparent background so the app's own theme shows
// through. A chart with nothing to show is drawn as an empty-state message,
// never returned as an error or a blank image.
package charts
