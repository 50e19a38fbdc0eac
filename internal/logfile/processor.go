package logfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

// Processor turns log objects into delivered events. It is safe for
// concurrent use: every Process call has its own parser and batches.
type Processor struct {
	cfg    Config
	tokens chan struct{} // see workers.handle
	sink   Sink
	log    *slog.Logger
	m      metrics
}

// NewProcessor returns a Processor delivering to sink. Call cfg.Validate
// first: NewProcessor assumes a valid config.
func NewProcessor(cfg Config, sink Sink, logger *slog.Logger, reg prometheus.Registerer) *Processor {
	cfg = cfg.withDefaults()
	return &Processor{
		tokens: make(chan struct{}, cfg.Workers),
		cfg:    cfg,
		sink:   sink,
		log:    logger.With("component", "logfile"),
		m:      newMetrics(reg),
	}
}

// Process reads obj's body to the end and delivers its events. It returns
// nil only when every event is durable at the Sink. A skipped object (by
// key) is a Summary with Skipped 1 and no error. On error the Summary says
// how far it got; the error is permanent (see Permanent) or retryable, and a
// retry of the whole object is safe because event ids are deterministic.
func (p *Processor) Process(ctx context.Context, obj Object, body io.Reader) (Summary, error) {
	var sum Summary
	if reason := p.skipReason(obj); reason != "" {
		p.log.Info("object skipped", "object", obj.String(), "reason", reason)
		p.m.objects.WithLabelValues("skipped").Inc()
		sum.Skipped = 1
		return sum, nil
	}
	ctx, t := withTally(ctx)
	err := p.process(ctx, obj, body, &sum)
	sum.Retries, sum.ConnFailures = int(t.retries.Load()), int(t.connFailures.Load())
	if err != nil {
		err = fmt.Errorf("%s: %w", obj, err)
		sum.Failed = 1
		sum.addError(err.Error())
		p.m.objects.WithLabelValues("failed").Inc()
		return sum, err
	}
	sum.Objects = 1
	if sum.BadLines > 0 {
		p.log.Warn("object had lines that did not parse", "object", obj.String(), "bad_lines", sum.BadLines, "lines", sum.Lines)
	}
	p.m.objects.WithLabelValues("ok").Inc()
	return sum, nil
}

// process reads on the calling goroutine and hands chunks of lines to
// workers that parse and deliver them.
func (p *Processor) process(ctx context.Context, obj Object, body io.Reader, sum *Summary) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	w, err := p.startWorkers(ctx, cancel, obj)
	if err != nil {
		return err
	}
	readErr := p.read(ctx, body, w, sum)
	if deliverErr := w.finish(sum); deliverErr != nil {
		return fmt.Errorf("deliver: %w", deliverErr)
	}
	return readErr
}

// read streams body into chunks handed to w.
func (p *Processor) read(ctx context.Context, body io.Reader, w *workers, sum *Summary) error {
	r, err := decompress(body)
	if err != nil {
		return err
	}
	lines := newLineReader(r, p.cfg.MaxLineBytes)
	defer func() {
		sum.Bytes = lines.offset
		p.m.bytes.Add(float64(lines.offset))
		p.m.lines.Add(float64(sum.Lines))
	}()
	c := newChunk(1, p.cfg)
	for n := 1; ; n++ {
		l, err := lines.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return classifyRead(fmt.Errorf("line %d: %w", n, err))
		}
		sum.Lines++
		c.add(l)
		if c.full(p.cfg) {
			if !w.send(c) {
				return context.Cause(ctx)
			}
			c = newChunk(n+1, p.cfg)
		}
	}
	if c.len() > 0 && !w.send(c) {
		return context.Cause(ctx)
	}
	return nil
}

// skipReason applies the key rules to S3 objects only: a local file was
// named by the user, whatever its name.
func (p *Processor) skipReason(obj Object) string {
	if obj.Bucket == "" {
		return ""
	}
	return p.cfg.Keys.SkipReason(obj.Key)
}
