// Callboard: a call-tracking dashboard for small businesses. With no
// subcommand it opens the window; `callboard decode` reads a modem capture.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/callboard-app/callboard/app"
	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/decode"
	"github.com/callboard-app/callboard/storage"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "decode" {
		os.Exit(runDecode(os.Args[2:]))
	}
	os.Exit(runApp(os.Args[1:]))
}

func runApp(args []string) int {
	fs := flag.NewFlagSet("callboard", flag.ContinueOnError)
	var cfg app.Config
	fs.StringVar(&cfg.DBPath, "db", "", "database file (default: Callboard's folder in your user data)")
	fs.StringVar(&cfg.Port, "port", "", "serial port of the caller-ID modem (default: the one USB modem found)")
	fs.IntVar(&cfg.Baud, "baud", 0, "serial speed (default 115200; USB modems accept any)")
	fs.BoolVar(&cfg.Demo, "demo", false, "run on a separate demo database with a simulated line")
	fs.DurationVar(&cfg.DemoEvery, "demo-every", 0, "mean time between the demo line's calls (default 90s)")
	fs.StringVar(&cfg.Region, "region", "", "your country for phone numbers, e.g. US, CA, GB (default US)")
	fs.StringVar(&cfg.AreaCode, "area-code", "", "area code put before seven-digit local numbers")
	fs.DurationVar(&cfg.RingGap, "ring-gap", 0, "quiet time after the last ring that ends a call (default 7s)")
	fs.IntVar(&cfg.NoAnswerRings, "no-answer-rings", 0, "rings from which an unanswered call counts as missed (default 4)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage:\n  callboard [flags]           open the window\n  callboard decode [FILE]     decode a modem capture to JSON (standard input without FILE)\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := app.Run(cfg, log); err != nil {
		fmt.Fprintln(os.Stderr, "callboard:", err)
		if errors.Is(err, storage.ErrAlreadyRunning) {
			return 3
		}
		return 1
	}
	return 0
}

func runDecode(args []string) int {
	fs := flag.NewFlagSet("callboard decode", flag.ContinueOnError)
	line := fs.String("line", "modem", "name of the line in the output")
	region := fs.String("region", "US", "country for phone numbers")
	areaCode := fs.String("area-code", "", "area code put before seven-digit local numbers")
	rings := fs.Int("no-answer-rings", 0, "rings from which a call counts as missed (default 4)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: callboard decode [flags] [FILE]\n\nReads a modem capture (standard input without FILE) and prints one JSON object per call.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
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
	n, err := decode.Decode(in, os.Stdout, decode.Options{
		Line:          *line,
		Normalizer:    callerid.Normalizer{Region: *region, AreaCode: *areaCode},
		NoAnswerRings: *rings,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "callboard decode:", err)
		return 1
	}
	if n == 0 {
		fmt.Fprintln(os.Stderr, "callboard decode: no calls found (expected RING and DATE/TIME/NMBR/NAME lines)")
	}
	return 0
}
