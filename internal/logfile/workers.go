package logfile

import (
	"context"
	"sync"

	"github.com/logstack/logstack/internal/event"
)

// workers parse chunks and deliver their events, several at a time: parsing
// is most of the CPU cost, and concurrent deliveries let the broker work on
// one batch while the next is on the wire. Order between batches does not
// matter (every event carries its own id and timestamp); completeness does,
// so the first failure cancels the rest and Process reports it.
type workers struct {
	tokens chan struct{}
	ctx    context.Context
	cancel context.CancelCauseFunc
	sink   Sink
	m      metrics
	chunks chan *chunk
	wg     sync.WaitGroup

	mu        sync.Mutex
	delivered int
	err       error
	sums      []Summary
}

func (p *Processor) startWorkers(ctx context.Context, cancel context.CancelCauseFunc, obj Object) (*workers, error) {
	n := p.cfg.Workers
	w := &workers{tokens: p.tokens, ctx: ctx, cancel: cancel, sink: p.sink, m: p.m, chunks: make(chan *chunk, n), sums: make([]Summary, n)}
	fields := p.cfg.Keys.Fields(obj.Key)
	for i := range n {
		parser, err := p.cfg.NewParser()
		if err != nil {
			close(w.chunks)
			w.wg.Wait()
			return nil, permanent(err)
		}
		b := newBuilder(obj, parser, fields, &w.sums[i])
		w.wg.Go(func() { w.run(b) })
	}
	return w, nil
}

func (w *workers) run(b *builder) {
	for c := range w.chunks {
		select {
		case w.tokens <- struct{}{}:
			w.handle(b, c)
			<-w.tokens
		case <-w.ctx.Done(): // drain after a failure
		}
	}
}

// handle parses and delivers one chunk while holding a token: the tokens,
// shared by every Process call of a Processor, bound how many parsed
// batches exist at once however many objects are processed in parallel.
func (w *workers) handle(b *builder, c *chunk) {
	if w.ctx.Err() != nil {
		return
	}
	events := make([]event.Event, 0, c.len())
	for i := range c.len() {
		if e := b.build(c.line(i)); e != nil {
			events = append(events, e)
		}
	}
	if len(events) == 0 {
		return
	}
	if err := w.sink.Deliver(w.ctx, events); err != nil {
		w.fail(err)
		return
	}
	w.mu.Lock()
	w.delivered += len(events)
	w.mu.Unlock()
	w.m.events.Add(float64(len(events)))
}

func (w *workers) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
	w.cancel(err)
}

// send queues c; false when a delivery failed or ctx ended.
func (w *workers) send(c *chunk) bool {
	select {
	case w.chunks <- c:
		return true
	case <-w.ctx.Done():
		return false
	}
}

// finish waits for the queued chunks and folds the workers' counts into
// sum; it returns the first delivery error.
func (w *workers) finish(sum *Summary) error {
	close(w.chunks)
	w.wg.Wait()
	for _, s := range w.sums {
		sum.BadLines += s.BadLines
		for _, e := range s.Errors {
			sum.addError(e)
		}
	}
	sum.Events = w.delivered
	return w.err
}
