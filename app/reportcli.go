package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// ReportOptions are what `callboard report` was asked for.
type ReportOptions struct {
	// DBPath is the database (default: the shop's, or the demo's with Demo).
	DBPath string
	Demo   bool
	// Month is "2026-10"; empty means last month.
	Month string
	// Out is the PDF file to write.
	Out string
	// CSVDir, when set, receives every table as a CSV file.
	CSVDir string
	// Paper is "A4" or "Letter"; empty takes the shop's region's paper.
	Paper string
	// Compare adds the changes against the month before.
	Compare bool
	// Shop is the name at the top of the report.
	Shop string
	// Location is the shop's time zone (default time.Local), as the
	// window opens the database with.
	Location *time.Location
	// Now is the clock (default time.Now): "last month" and the footer.
	Now func() time.Time
}

// MonthlyReport writes the PDF of one month's report without a window,
// and tells out what it wrote. A database in use by a running Callboard
// is not touched: the error says so and wraps storage.ErrAlreadyRunning.
func MonthlyReport(opts ReportOptions, out io.Writer) error {
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Out == "" {
		return errors.New("say where to write the report: --out FILE.pdf")
	}
	p, err := reportMonth(opts.Month, opts.Now().In(opts.Location), opts.Location)
	if err != nil {
		return err
	}
	db, err := openExisting(opts.DBPath, opts.Demo, opts.Location)
	if err != nil {
		return err
	}
	defer db.Close()

	paper := opts.Paper
	if paper == "" {
		set, err := db.Settings()
		if err != nil {
			return err
		}
		paper = PaperFor(set.Region)
	}
	var compare *Period
	if opts.Compare {
		prev := Previous(p)
		compare = &prev
	}
	rep, raw, err := BuildReport(db, p, compare, opts.Shop)
	if err != nil {
		return err
	}
	rep.Generated = opts.Now()
	pdf, err := charts.MonthlyReportPDF(rep, paper)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(opts.Out, pdf); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s calls, report written to %s (%s)\n", p.Label, thousands(raw.Calls), opts.Out, paper)
	if opts.CSVDir != "" {
		if err := os.MkdirAll(opts.CSVDir, 0o755); err != nil {
			return err
		}
		for name, b := range ReportCSVs(raw) {
			if err := writeFileAtomic(filepath.Join(opts.CSVDir, name), b); err != nil {
				return err
			}
		}
		fmt.Fprintf(out, "tables written to %s\n", opts.CSVDir)
	}
	return nil
}

// reportMonth reads "2026-10"; empty is the month before now's.
func reportMonth(s string, now time.Time, loc *time.Location) (Period, error) {
	if strings.TrimSpace(s) == "" {
		return LastMonth.Period(now, loc), nil
	}
	m, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return Period{}, fmt.Errorf("month %q: write it as year-month, e.g. 2026-10", s)
	}
	return MonthPeriod(m.Year(), m.Month(), loc), nil
}

// openExisting opens a database that must already exist: a report of a
// mistyped path should not leave an empty database behind.
func openExisting(path string, demo bool, loc *time.Location) (*storage.DB, error) {
	if path == "" {
		var err error
		if path, err = storage.DefaultPath(demo); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no Callboard database at %s", path)
	}
	db, err := storage.Open(path, storage.Options{Location: loc})
	if errors.Is(err, storage.ErrAlreadyRunning) {
		return nil, &inUseError{path: path, err: err}
	}
	return db, err
}

// inUseError says what to do when the window holds the database: bolt
// locks the whole file, so not even a reader can share it.
type inUseError struct {
	path string
	err  error
}

func (e *inUseError) Error() string {
	return "Callboard is running: close it or use its Reports screen (database " + e.path + " is in use)"
}

func (e *inUseError) Unwrap() error { return e.err }

// PaperFor is the paper a region prints on: Letter in North America (and
// the few others that kept it), A4 everywhere else.
func PaperFor(region string) string {
	switch strings.ToUpper(region) {
	case "US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "GT", "CR", "DO", "SV", "NI", "PA":
		return "Letter"
	}
	return "A4"
}

// writeFileAtomic writes the whole file or leaves the old one: a report
// cut short by a full disk must not pass for a finished one.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
