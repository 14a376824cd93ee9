package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/decode"
)

// Listen runs Callboard without a window — on a back-office PC or a small
// always-on box — storing every call in the same database as the app and
// writing each finished call to out as one JSON line, until SIGINT or
// SIGTERM.
func Listen(cfg Config, log *slog.Logger, out io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return listen(ctx, cfg, log, out)
}

func listen(ctx context.Context, cfg Config, log *slog.Logger, out io.Writer) error {
	s, err := OpenSession(cfg, log)
	if err != nil {
		return err
	}
	s.Start(&jsonSink{enc: json.NewEncoder(out), log: log})
	<-ctx.Done()
	log.Info("stopping")
	return s.Close()
}

// jsonSink prints finished calls the way `callboard decode` does, so that
// the same scripts read both.
type jsonSink struct {
	mu  sync.Mutex
	enc *json.Encoder
	log *slog.Logger
}

func (j *jsonSink) CallChanged(v CallView) {
	if v.Kind != callerid.CallEnded {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.enc.Encode(decode.RecordOf(v.Call)); err != nil {
		j.log.Error("writing call", "err", err)
	}
}

func (j *jsonSink) DeviceChanged(callerid.DeviceStatus) {} // the session logs it
func (j *jsonSink) DeviceGone(string)                   {}
func (j *jsonSink) Problem(err error)                   { j.log.Error("problem", "err", err) }
