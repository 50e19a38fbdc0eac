package indexer

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/store"
)

// Consumer is the queue side the indexer reads from.
type Consumer interface {
	Fetch(ctx context.Context, maxMsgs int, maxWait time.Duration) ([]*queue.Message, error)
}

// DeadLetters keeps what the store refused, with the reason.
type DeadLetters interface {
	DeadLetter(ctx context.Context, data []byte, reason string, msgID string) error
}

// Config tunes batching. A batch is written when it holds BatchEvents events
// or BatchWait has passed since its first message arrived.
type Config struct {
	BatchEvents int
	BatchWait   time.Duration
	// MaxMessages bounds how many queue messages one fetch asks for.
	MaxMessages int
	// StallAfter is how long pending work may go without a commit before
	// readiness fails.
	StallAfter time.Duration
	// AckWait is the queue consumer's acknowledgement deadline; while a
	// store write takes longer, the indexer tells the queue it is still
	// working every AckWait/3, so a slow but live indexer keeps its batch
	// and only a dead one's messages go to another indexer. 0 disables.
	AckWait time.Duration
	// Backlog, when set, says how many queue messages wait for the
	// indexer; readiness uses it to tell an idle indexer from one that
	// fetches nothing while work is waiting (a broken consumer).
	Backlog func(ctx context.Context) (uint64, error)
}

// Indexer runs the consume, write, acknowledge loop.
type Indexer struct {
	cfg   Config
	src   Consumer
	st    store.Store
	dlq   DeadLetters
	log   *slog.Logger
	m     metrics
	state state

	stopOnce sync.Once
	stop     chan struct{}
	done     chan struct{}
}

// state is what readiness and metrics read while the loop runs.
type state struct {
	lastCommit   atomic.Int64 // unix nanos of the last successful write
	lastProgress atomic.Int64 // unix nanos of the last fetch that returned or commit
	failing      atomic.Pointer[error]
	pending      atomic.Int64 // messages held but not yet acknowledged
}

// New returns an indexer; Run starts it.
func New(cfg Config, src Consumer, st store.Store, dlq DeadLetters, logger *slog.Logger, reg prometheus.Registerer) *Indexer {
	if cfg.BatchEvents <= 0 {
		cfg.BatchEvents = 20000
	}
	if cfg.BatchWait <= 0 {
		cfg.BatchWait = 200 * time.Millisecond
	}
	if cfg.MaxMessages <= 0 {
		cfg.MaxMessages = 16
	}
	if cfg.StallAfter <= 0 {
		cfg.StallAfter = time.Minute
	}
	ix := &Indexer{
		cfg: cfg, src: src, st: st, dlq: dlq,
		log:  logger.With("component", "indexer"),
		m:    newMetrics(reg),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	now := time.Now().UnixNano()
	ix.state.lastCommit.Store(now)
	ix.state.lastProgress.Store(now)
	return ix
}

// Run consumes until ctx is cancelled or Stop is called, then returns after
// the batches in hand are written and acknowledged (or given back to the
// queue). Fetching and decoding the next batch overlaps with writing the
// current one, so the store, usually the slowest stage, never waits.
func (ix *Indexer) Run(ctx context.Context) {
	defer close(ix.done)
	ready := make(chan batch, 1)
	go ix.produce(ctx, ready)
	for b := range ready {
		if err := ix.commit(ctx, b); err != nil && ctx.Err() == nil {
			ix.log.Warn("indexing a batch failed; it stays queued", "err", err)
		}
		ix.state.pending.Store(0)
	}
}

// produce fetches and decodes batches for Run until ctx ends or Stop.
func (ix *Indexer) produce(ctx context.Context, out chan<- batch) {
	defer close(out)
	for {
		select {
		case <-ctx.Done():
			return
		case <-ix.stop:
			return
		default:
		}
		b, err := ix.next(ctx)
		if err != nil {
			if ctx.Err() == nil {
				ix.m.errors.WithLabelValues("fetch").Inc()
				ix.log.Warn("fetch from queue failed", "err", err)
				sleep(ctx, time.Second)
			}
			continue
		}
		if len(b.msgs) > 0 {
			out <- b
		}
	}
}

// Stop ends the loop after the batches in hand are written and
// acknowledged, leaving the rest of the queue to other indexers sharing
// the consumer (role indexer, issue 4), or returns ctx's cause first.
func (ix *Indexer) Stop(ctx context.Context) error {
	ix.stopOnce.Do(func() { close(ix.stop) })
	select {
	case <-ix.done:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// Drain keeps indexing until the queue has nothing more to give (a fetch
// returns empty) or ctx ends, then stops the loop. Shutdown calls it after
// the inputs have stopped so that what was accepted is also indexed.
func (ix *Indexer) Drain(ctx context.Context) error {
	if err := ix.Stop(ctx); err != nil {
		return err
	}
	for {
		n, err := ix.step(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
	}
}

// step fetches one batch and indexes it; it returns the number of messages.
func (ix *Indexer) step(ctx context.Context) (int, error) {
	b, err := ix.next(ctx)
	if err != nil || len(b.msgs) == 0 {
		return 0, err
	}
	defer ix.state.pending.Store(0)
	return len(b.msgs), ix.commit(ctx, b)
}

// next fetches and decodes one batch; an empty batch means the queue had
// nothing within the batch wait.
func (ix *Indexer) next(ctx context.Context) (batch, error) {
	msgs, err := ix.fetchBatch(ctx)
	if err != nil {
		return batch{}, err
	}
	ix.state.lastProgress.Store(time.Now().UnixNano())
	if len(msgs) == 0 {
		return batch{}, nil
	}
	ix.state.pending.Add(int64(len(msgs)))
	return ix.decode(ctx, msgs)
}

// fetchBatch gathers messages until the batch holds enough events or the
// batch wait has passed since the first message.
func (ix *Indexer) fetchBatch(ctx context.Context) ([]*queue.Message, error) {
	var msgs []*queue.Message
	var deadline time.Time
	events := 0
	for events < ix.cfg.BatchEvents {
		wait := ix.cfg.BatchWait
		if !deadline.IsZero() {
			wait = time.Until(deadline)
			if wait <= 0 {
				break
			}
		}
		got, err := ix.src.Fetch(ctx, ix.cfg.MaxMessages, wait)
		if err != nil {
			if len(msgs) > 0 && ctx.Err() == nil {
				break
			}
			return msgs, err
		}
		if len(got) == 0 {
			if deadline.IsZero() {
				return nil, nil
			}
			break
		}
		if deadline.IsZero() {
			deadline = time.Now().Add(ix.cfg.BatchWait)
		}
		for _, m := range got {
			events += countLines(m.Data)
			if m.Delivered > 1 {
				ix.m.redelivered.Inc()
			}
		}
		msgs = append(msgs, got...)
	}
	return msgs, nil
}

func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// Check is the readiness check: the indexer is committing. It fails while
// store writes keep failing, when fetching has stopped, or when messages
// wait in the queue and nothing has been committed for StallAfter.
func (ix *Indexer) Check(ctx context.Context) error {
	if p := ix.state.failing.Load(); p != nil {
		return fmt.Errorf("store writes failing: %w", *p)
	}
	idle := time.Since(time.Unix(0, ix.state.lastProgress.Load()))
	if idle > ix.cfg.StallAfter {
		return fmt.Errorf("no progress for %s", idle.Round(time.Second))
	}
	sinceCommit := time.Since(time.Unix(0, ix.state.lastCommit.Load()))
	if ix.cfg.Backlog == nil || sinceCommit <= ix.cfg.StallAfter {
		return nil
	}
	n, err := ix.cfg.Backlog(ctx)
	if err != nil {
		return fmt.Errorf("queue backlog unknown: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("%d queue messages waiting, nothing committed for %s", n, sinceCommit.Round(time.Second))
	}
	return nil
}
