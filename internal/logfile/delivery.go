package logfile

import (
	"context"

	"github.com/logstack/logstack/internal/event"
)

// delivery hands batches to the Sink on its own goroutine, one at a time and
// in order, so that reading and parsing the next batch overlaps delivering
// the current one. The first failure cancels the reading side.
type delivery struct {
	ctx       context.Context
	sink      Sink
	cancel    context.CancelCauseFunc
	m         metrics
	batches   chan []event.Event
	done      chan struct{}
	delivered int
	err       error
}

func startDelivery(ctx context.Context, sink Sink, cancel context.CancelCauseFunc, m metrics) *delivery {
	d := &delivery{ctx: ctx, sink: sink, cancel: cancel, m: m,
		batches: make(chan []event.Event, 1), done: make(chan struct{})}
	go d.run()
	return d
}

func (d *delivery) run() {
	defer close(d.done)
	for b := range d.batches {
		if d.err != nil {
			continue
		}
		if err := d.sink.Deliver(d.ctx, b); err != nil {
			d.err = err
			d.cancel(err)
			continue
		}
		d.delivered += len(b)
		d.m.events.Add(float64(len(b)))
	}
}

// send queues b; false when delivery failed or ctx ended.
func (d *delivery) send(b []event.Event) bool {
	select {
	case d.batches <- b:
		return true
	case <-d.ctx.Done():
		return false
	}
}

// finish waits for queued batches and returns how many events were
// delivered and the first delivery error.
func (d *delivery) finish() (int, error) {
	close(d.batches)
	<-d.done
	return d.delivered, d.err
}
