package logfile

import (
	"context"
	"sync"
	"time"

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

	mu    sync.Mutex
	count int // events delivered
	err   error
	sums  []Summary
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
	if ls, ok := w.sink.(LineSink); ok && b.writesLines() {
		w.handleLines(ls, b, c)
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
	w.delivered(len(events), w.sink.Deliver(w.ctx, events))
}

// handleLines is handle for a LineSink: the chunk's events are written
// straight into one buffer of JSON lines, with no map per event.
func (w *workers) handleLines(ls LineSink, b *builder, c *chunk) {
	data := make([]byte, 0, len(c.text)*lineGrowth+c.len()*lineOverhead)
	ids := make([]string, 0, c.len())
	now := time.Now()
	for i := range c.len() {
		n, l := c.line(i)
		var id string
		var ok bool
		if data, id, ok = b.buildLine(data, n, l, now); ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	w.delivered(len(ids), ls.DeliverLines(w.ctx, data, ids))
}

// lineGrowth is about how much larger an event's JSON is than its log line
// (field names, quotes, event.original), to size the buffer once.
const lineGrowth = 4

// delivered records the outcome of delivering n events.
func (w *workers) delivered(n int, err error) {
	if err != nil {
		w.fail(err)
		return
	}
	w.mu.Lock()
	w.count += n
	w.mu.Unlock()
	w.m.events.Add(float64(n))
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
	sum.Events = w.count
	return w.err
}
