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
	cfg  Config
	sink Sink
	log  *slog.Logger
	m    metrics
}

// NewProcessor returns a Processor delivering to sink. Call cfg.Validate
// first: NewProcessor assumes a valid config.
func NewProcessor(cfg Config, sink Sink, logger *slog.Logger, reg prometheus.Registerer) *Processor {
	return &Processor{
		cfg:  cfg.withDefaults(),
		sink: sink,
		log:  logger.With("component", "logfile"),
		m:    newMetrics(reg),
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

// process reads and parses on the calling goroutine while a second one
// delivers the previous batch.
func (p *Processor) process(ctx context.Context, obj Object, body io.Reader, sum *Summary) error {
	parser, err := p.cfg.NewParser()
	if err != nil {
		return permanent(err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	d := startDelivery(ctx, p.sink, cancel, p.m)
	readErr := p.read(ctx, obj, body, parser, d, sum)
	delivered, deliverErr := d.finish()
	sum.Events = delivered
	switch {
	case deliverErr != nil:
		return fmt.Errorf("deliver: %w", deliverErr)
	case readErr != nil:
		return readErr
	}
	return nil
}

// read streams body into batches handed to d.
func (p *Processor) read(ctx context.Context, obj Object, body io.Reader, parser Parser, d *delivery, sum *Summary) error {
	r, err := decompress(body)
	if err != nil {
		return err
	}
	lines := newLineReader(r, p.cfg.MaxLineBytes)
	defer func() {
		sum.Bytes = lines.offset
		p.m.bytes.Add(float64(lines.offset))
	}()
	b := newBuilder(obj, parser, p.cfg.Keys.Fields(obj.Key), sum)
	batch := newBatch(p.cfg)
	for n := 1; ; n++ {
		l, err := lines.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return classifyRead(fmt.Errorf("line %d: %w", n, err))
		}
		sum.Lines++
		p.m.lines.Inc()
		if e := b.build(n, l); e != nil {
			if batch.add(e, len(l.text)) && !d.send(batch.take()) {
				return context.Cause(ctx)
			}
		}
	}
	if batch.len() > 0 && !d.send(batch.take()) {
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
