package ship

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/logfile"
)

// TCPConfig says where to send json_lines.
type TCPConfig struct {
	// Addr is host:port of logstack's TCP input (or a Logstash tcp input
	// with the json_lines codec, which sends no receipt: see NoReceipt).
	Addr string
	// DialTimeout bounds connecting; default 10s.
	DialTimeout time.Duration
	// ReceiptTimeout bounds the wait for {"acknowledged":N} after the
	// half-close; default 2 minutes.
	ReceiptTimeout time.Duration
	Retry          Retry
}

// TCP sends each batch over its own connection: dial (waiting for the
// connection to be established), write and flush every line, half-close,
// then read logstack's receipt. One connection per batch is what makes the
// receipt mean "this batch is durable".
type TCP struct {
	cfg   TCPConfig
	log   *slog.Logger
	warn  *input.Throttle
	dial  func(ctx context.Context, network, addr string) (net.Conn, error)
	sleep sleeper
}

var _ logfile.LineSink = (*TCP)(nil)

// NewTCP returns a TCP sender for cfg.
func NewTCP(cfg TCPConfig, logger *slog.Logger) (*TCP, error) {
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return nil, fmt.Errorf("ship: tcp address %q: %w", cfg.Addr, err)
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 10 * time.Second
	}
	if cfg.ReceiptTimeout <= 0 {
		cfg.ReceiptTimeout = 2 * time.Minute
	}
	cfg.Retry = cfg.Retry.withDefaults()
	d := &net.Dialer{Timeout: cfg.DialTimeout}
	return &TCP{cfg: cfg, log: logger.With("component", "ship", "to", "tcp://"+cfg.Addr),
		warn: &input.Throttle{Every: 10 * time.Second}, dial: d.DialContext, sleep: sleep}, nil
}

// Deliver sends events and returns nil once the receipt covers all of them.
func (t *TCP) Deliver(ctx context.Context, events []event.Event) error {
	payload, err := encodeLines(events)
	if err != nil {
		return err
	}
	return t.deliver(ctx, payload, len(events))
}

// DeliverLines implements logfile.LineSink: the lines are sent as they are.
func (t *TCP) DeliverLines(ctx context.Context, data []byte, ids []string) error {
	return t.deliver(ctx, data, len(ids))
}

// deliver sends n events' lines until a receipt covers them or the
// attempts run out.
func (t *TCP) deliver(ctx context.Context, payload []byte, n int) error {
	var last error
	for attempt := 1; ; attempt++ {
		err := t.once(ctx, payload, n)
		if err == nil || ctx.Err() != nil {
			return err
		}
		last = err
		if attempt >= t.cfg.Retry.MaxAttempts {
			return fmt.Errorf("%w after %d attempts: %w", ErrGaveUp, attempt, last)
		}
		logfile.NoteRetry(ctx)
		wait := t.cfg.Retry.backoff(attempt)
		t.warn.Warn(t.log, "delivery failed, retrying", "attempt", attempt, "wait", wait, "error", last)
		if err := t.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%w (while waiting to retry after: %w)", err, last)
		}
	}
}

// once runs one connection: dial, write, flush, half-close, read receipt.
func (t *TCP) once(ctx context.Context, payload []byte, n int) error {
	conn, err := t.dial(ctx, "tcp", t.cfg.Addr)
	if err != nil {
		logfile.NoteConnFailure(ctx)
		return fmt.Errorf("connect %s: %w", t.cfg.Addr, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	w := bufio.NewWriterSize(conn, 64<<10)
	if _, err := w.Write(payload); err == nil {
		err = w.Flush()
	}
	if err != nil {
		logfile.NoteConnFailure(ctx)
		return fmt.Errorf("write to %s: %w", t.cfg.Addr, err)
	}
	if cw, ok := conn.(interface{ CloseWrite() error }); ok {
		if err := cw.CloseWrite(); err != nil {
			logfile.NoteConnFailure(ctx)
			return fmt.Errorf("half-close %s: %w", t.cfg.Addr, err)
		}
	}
	return t.receipt(conn, n)
}

// receipt reads {"acknowledged":N} and checks that N covers the batch.
func (t *TCP) receipt(conn net.Conn, n int) error {
	_ = conn.SetReadDeadline(time.Now().Add(t.cfg.ReceiptTimeout))
	line, err := bufio.NewReaderSize(conn, 512).ReadSlice('\n')
	if err != nil {
		return fmt.Errorf("%w from %s for %d events: %w", ErrNoReceipt, t.cfg.Addr, n, err)
	}
	var r struct{ Acknowledged *int }
	if json.Unmarshal(bytes.TrimSpace(line), &r) != nil || r.Acknowledged == nil {
		return fmt.Errorf("%w from %s: unexpected line %.100q", ErrNoReceipt, t.cfg.Addr, line)
	}
	if *r.Acknowledged != n {
		return fmt.Errorf("%w from %s: acknowledged %d of %d events", ErrNoReceipt, t.cfg.Addr, *r.Acknowledged, n)
	}
	return nil
}

// encodeLines encodes events as json_lines.
func encodeLines(events []event.Event) ([]byte, error) {
	var buf []byte
	for i, e := range events {
		var err error
		if buf, err = event.AppendJSON(buf, e); err != nil {
			return nil, fmt.Errorf("%w: encode event %d: %w", logfile.ErrPermanent, i, err)
		}
		buf = append(buf, '\n')
	}
	return buf, nil
}
