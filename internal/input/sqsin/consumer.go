package sqsin

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/input/s3notify"
)

// Consumer long-polls one SQS queue; see the package documentation.
// Start it once; Shutdown is idempotent and safe without Start.
type Consumer struct {
	cfg    Config
	client Client
	disp   *s3notify.Dispatcher
	log    *slog.Logger
	m      *metrics
	errLog input.Throttle
	excuse excuses

	mu       sync.Mutex
	pollErr  error // the last poll's error; nil after a successful poll
	stopPoll context.CancelFunc
	stopWork context.CancelFunc
	done     chan struct{}
	workers  sync.WaitGroup
}

// New returns a consumer that hands notifications to disp.
func New(cfg Config, client Client, disp *s3notify.Dispatcher, logger *slog.Logger, reg prometheus.Registerer) *Consumer {
	cfg.defaults()
	c := &Consumer{
		cfg:    cfg,
		client: client,
		disp:   disp,
		log:    logger.With("component", "input.sqs"),
		m:      newMetrics(reg),
	}
	c.errLog.Every = 10 * time.Second
	return c
}

// Start begins polling in the background; it does not block. Work on
// received messages continues after ctx ends until Shutdown.
func (c *Consumer) Start(ctx context.Context) error {
	base := context.WithoutCancel(ctx)
	pollCtx, stopPoll := context.WithCancel(base)
	workCtx, stopWork := context.WithCancel(base)
	c.mu.Lock()
	c.stopPoll, c.stopWork, c.done = stopPoll, stopWork, make(chan struct{})
	c.mu.Unlock()
	go c.run(pollCtx, workCtx)
	c.log.Info("polling sqs", "queue_url", c.cfg.QueueURL, "concurrency", c.cfg.Concurrency)
	return nil
}

// Shutdown stops polling and waits for the messages in progress. When ctx
// ends first their processing is cancelled; SQS redelivers them later.
func (c *Consumer) Shutdown(ctx context.Context) error {
	c.mu.Lock()
	stopPoll, stopWork, done := c.stopPoll, c.stopWork, c.done
	c.mu.Unlock()
	if done == nil {
		return nil
	}
	stopPoll()
	select {
	case <-done:
		stopWork()
		return nil
	case <-ctx.Done():
		stopWork()
		<-done
		return fmt.Errorf("sqs: messages in progress were abandoned for redelivery: %w", context.Cause(ctx))
	}
}

// Check is the readiness check: it fails while polling the queue fails.
func (c *Consumer) Check(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pollErr != nil {
		return fmt.Errorf("sqs poll failing: %w", c.pollErr)
	}
	return nil
}

func (c *Consumer) setPollErr(err error) {
	c.mu.Lock()
	c.pollErr = err
	c.mu.Unlock()
}

// run polls until pollCtx ends, keeping at most Concurrency messages in
// progress, then waits for them.
func (c *Consumer) run(pollCtx, workCtx context.Context) {
	defer close(c.done)
	defer c.workers.Wait()
	slots := make(chan struct{}, c.cfg.Concurrency)
	delay := c.cfg.RetryDelay
	for {
		select {
		case slots <- struct{}{}:
		case <-pollCtx.Done():
			return
		}
		// Only this loop takes slots, so the free ones stay free.
		msgs, err := c.receive(pollCtx, min(maxBatch, 1+cap(slots)-len(slots)))
		if err != nil {
			<-slots
			if pollCtx.Err() != nil {
				return
			}
			c.pollFailed(pollCtx, err, &delay)
			continue
		}
		c.setPollErr(nil)
		delay = c.cfg.RetryDelay
		if len(msgs) == 0 {
			<-slots
			continue
		}
		for i, m := range msgs {
			if i > 0 {
				slots <- struct{}{}
			}
			c.workers.Go(func() {
				defer func() { <-slots }()
				c.handle(workCtx, m)
			})
		}
	}
}

// pollFailed records a poll error and pauses, doubling the pause each time
// up to a minute.
func (c *Consumer) pollFailed(ctx context.Context, err error, delay *time.Duration) {
	c.m.pollErrors.Inc()
	c.setPollErr(err)
	c.errLog.Warn(c.log, "sqs receive failed", "err", err, "retry_in", *delay)
	t := time.NewTimer(*delay)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
	*delay = min(2**delay, time.Minute)
}
