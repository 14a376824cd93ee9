// Callboard: a call-tracking dashboard for small businesses. With no
// subcommand it opens the window; `callboard decode` reads a modem capture.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/callboard-app/callboard/app"
	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/decode"
	"github.com/callboard-app/callboard/storage"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "decode":
			os.Exit(runDecode(os.Args[2:]))
		case "listen":
			os.Exit(runListen(os.Args[2:]))
		case "report":
			os.Exit(runReport(os.Args[2:]))
		case "seed":
			os.Exit(runSeed(os.Args[2:]))
		}
	}
	os.Exit(runApp(os.Args[1:]))
}

// lineFlags are the flags the window and `listen` share.
func lineFlags(fs *flag.FlagSet, cfg *app.Config) {
	fs.StringVar(&cfg.DBPath, "db", "", "database file (default: Callboard's folder in your user data)")
	fs.StringVar(&cfg.Port, "port", "", "serial port of the caller-ID modem (default: the one USB modem found)")
	fs.IntVar(&cfg.Baud, "baud", 0, "serial speed (default 115200; USB modems accept any)")
	fs.BoolVar(&cfg.Demo, "demo", false, "run on a separate demo database with a simulated line")
	fs.DurationVar(&cfg.DemoEvery, "demo-every", 0, "mean time between the demo line's calls (default 90s)")
	fs.StringVar(&cfg.Region, "region", "", "your country for phone numbers, e.g. US, CA, GB (default US)")
	fs.StringVar(&cfg.AreaCode, "area-code", "", "area code put before seven-digit local numbers")
	fs.DurationVar(&cfg.RingGap, "ring-gap", 0, "quiet time after the last ring that ends a call (default 7s)")
	fs.IntVar(&cfg.NoAnswerRings, "no-answer-rings", 0, "rings from which an unanswered call counts as missed (default 4)")
}

func runApp(args []string) int {
	fs := flag.NewFlagSet("callboard", flag.ContinueOnError)
	var cfg app.Config
	lineFlags(fs, &cfg)
	fs.BoolVar(&cfg.StartMinimized, "minimized", false, "start in the tray, without the window, where the desktop has a tray (as at login)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage:\n  callboard [flags]           open the window\n  callboard listen [flags]    listen without a window, print each call as JSON\n  callboard decode [FILE]     decode a caller-ID capture to JSON (standard input without FILE)\n  callboard report [flags]    write a month's report as a PDF\n  callboard seed [flags]      fill a new database with an invented shop's history\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	return exitCode(app.Run(cfg, log))
}

func runListen(args []string) int {
	fs := flag.NewFlagSet("callboard listen", flag.ContinueOnError)
	var cfg app.Config
	lineFlags(fs, &cfg)
	var ncidAddrs, whozzAddrs multiFlag
	fs.Var(&ncidAddrs, "ncid", "NCID server to listen to, HOST[:PORT] (port 3333 by default); may be repeated")
	fs.Var(&whozzAddrs, "whozz-udp", "listen for Whozz Calling Ethernet Link packets on this address, e.g. :3520; may be repeated")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: callboard listen [flags]\n\nListens to the devices set up in the app (or those named by flags) without a window,\nsaves every call in the database and prints each finished call as one JSON line.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	for _, a := range ncidAddrs {
		cfg.Sources = append(cfg.Sources, callerid.SourceConfig{Kind: callerid.SourceNCID, Name: "NCID " + a, Addr: a})
	}
	for _, a := range whozzAddrs {
		cfg.Sources = append(cfg.Sources, callerid.SourceConfig{Kind: callerid.SourceWhozzUDP, Name: "Whozz Calling " + a, Addr: a})
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	return exitCode(app.Listen(cfg, log, os.Stdout))
}

func runReport(args []string) int {
	fs := flag.NewFlagSet("callboard report", flag.ContinueOnError)
	var opts app.ReportOptions
	fs.StringVar(&opts.Month, "month", "", "the month to report, e.g. 2026-10 (default: last month)")
	fs.StringVar(&opts.DBPath, "db", "", "database file (default: Callboard's folder in your user data)")
	fs.BoolVar(&opts.Demo, "demo", false, "report on the demo database")
	fs.StringVar(&opts.Out, "out", "", "the PDF file to write")
	fs.StringVar(&opts.Paper, "paper", "", "A4 or Letter (default: Letter in the US and Canada, else A4)")
	fs.BoolVar(&opts.Compare, "compare", false, "show the changes against the month before")
	fs.StringVar(&opts.CSVDir, "csv", "", "also write every table as a CSV file into this folder")
	fs.StringVar(&opts.Shop, "shop", "", "the shop's name at the top of the report")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: callboard report --month 2026-10 --out FILE.pdf [flags]\n\nWrites a month's call report (key figures, campaigns, every chart) as a printable PDF.\nClose Callboard first: the window holds the database.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	if opts.Out == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	return exitCode(app.MonthlyReport(opts, os.Stdout))
}

func runSeed(args []string) int {
	fs := flag.NewFlagSet("callboard seed", flag.ContinueOnError)
	var opts app.SeedOptions
	var dbPath, region, areaCode string
	fs.IntVar(&opts.Calls, "calls", 1_000_000, "about how many calls to invent")
	fs.Float64Var(&opts.Years, "years", 0, "how many years back the calls go (default: ~270 calls a day)")
	fs.StringVar(&dbPath, "db", "", "the new database file (default: the demo database, which `callboard --demo` opens)")
	fs.Uint64Var(&opts.Seed, "seed", 1, "the same seed invents the same history")
	fs.IntVar(&opts.Contacts, "contacts", 0, "also add a phone book of this many contacts (most of them callers)")
	fs.StringVar(&region, "region", "US", "the shop's country for phone numbers")
	fs.StringVar(&areaCode, "area-code", "217", "the shop's area code")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: callboard seed [flags]\n\nFills a new, empty database with an invented shop's calls, tracking lines and campaigns,\nfor trying Callboard out and for benchmarks.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if dbPath == "" {
		var err error
		if dbPath, err = storage.DefaultPath(true); err != nil {
			return exitCode(err)
		}
	}
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		return exitCode(err)
	}
	opts.Normalizer = callerid.Normalizer{Region: region, AreaCode: areaCode}
	opts.Progress = os.Stderr
	began := time.Now()
	err = app.Seed(db, opts)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		fmt.Fprintf(os.Stderr, "seeded %s in %.0fs\n", dbPath, time.Since(began).Seconds())
	}
	return exitCode(err)
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	fmt.Fprintln(os.Stderr, "callboard:", err)
	if errors.Is(err, storage.ErrAlreadyRunning) {
		return 3
	}
	return 1
}

func formatNames() string {
	var names []string
	for _, f := range decode.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, "|")
}

// multiFlag collects a flag given several times.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runDecode(args []string) int {
	fs := flag.NewFlagSet("callboard decode", flag.ContinueOnError)
	line := fs.String("line", "modem", "name of the line in the output")
	region := fs.String("region", "US", "country for phone numbers")
	areaCode := fs.String("area-code", "", "area code put before seven-digit local numbers")
	rings := fs.Int("no-answer-rings", 0, "rings from which a call counts as missed (default 4)")
	format := fs.String("format", "auto", "what the capture holds: "+formatNames()+"; auto tells them apart line by line")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: callboard decode [flags] [FILE]\n\nReads a caller-ID capture (standard input without FILE) and prints one JSON object per call.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	f, err := decode.ParseFormat(*format)
	if err != nil {
		fmt.Fprintln(os.Stderr, "callboard decode:", err)
		return 2
	}
	in := os.Stdin
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	if fs.NArg() == 1 {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, "callboard decode:", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	res, err := decode.Transcript(in, os.Stdout, decode.Options{
		Format:        f,
		Line:          *line,
		Normalizer:    callerid.Normalizer{Region: *region, AreaCode: *areaCode},
		NoAnswerRings: *rings,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "callboard decode:", err)
		return 1
	}
	if res.Calls == 0 {
		fmt.Fprintln(os.Stderr, "callboard decode: no calls found")
	}
	if res.Stats.BadChecksums+res.Stats.UnknownLines > 0 {
		fmt.Fprintln(os.Stderr, "callboard decode:", res.Stats.String())
	}
	return 0
}

// parseFailed is the exit code for flags that did not parse: asking for
// help is not a failure.
func parseFailed(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
