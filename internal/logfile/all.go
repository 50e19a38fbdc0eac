package logfile

import (
	"context"
	"errors"
	"io"
	"sync"
)

// Opener opens an object's body for reading; the caller closes it.
type Opener func(ctx context.Context, obj Object) (io.ReadCloser, error)

// ProcessAll processes every object that list yields, parallel at a time,
// and carries on past failed objects so that one bad file does not stop a
// backfill: failures are counted and named in the Summary. It returns the
// list's own error, if any (objects yielded before it are processed). The
// returned error also wraps the first object failure, so that a caller
// (the Lambda function) can tell retryable from permanent.
func (p *Processor) ProcessAll(ctx context.Context, list func(yield func(Object) error) error, open Opener, parallel int) (Summary, error) {
	var (
		mu      sync.Mutex
		total   Summary
		first   error
		wg      sync.WaitGroup
		workers = make(chan struct{}, max(parallel, 1))
	)
	listErr := list(func(obj Object) error {
		select {
		case workers <- struct{}{}:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		wg.Go(func() {
			defer func() { <-workers }()
			sum, err := p.processOne(ctx, obj, open)
			mu.Lock()
			defer mu.Unlock()
			total.Add(sum)
			if first == nil {
				first = err
			}
		})
		return nil
	})
	wg.Wait()
	return total, errors.Join(listErr, first)
}

// processOne opens and processes one object.
func (p *Processor) processOne(ctx context.Context, obj Object, open Opener) (Summary, error) {
	if reason := p.skipReason(obj); reason != "" {
		return p.Process(ctx, obj, nil) // counts and logs the skip without opening
	}
	body, err := open(ctx, obj)
	if err != nil {
		p.m.objects.WithLabelValues("failed").Inc()
		sum := Summary{Failed: 1}
		sum.addError(err.Error())
		return sum, err
	}
	defer body.Close()
	return p.Process(ctx, obj, body)
}
