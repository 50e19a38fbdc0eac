package alerter

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/alert"
)

// Evaluator is one source of firing alerts: the live rules or the alarms.
// Evaluate runs one evaluation at now and returns every key firing now; a
// key it stops returning is resolved by the alert engine. It returns an
// error when it could not decide (the store is unreachable, say): the
// service then keeps the evaluator's previous firing set rather than
// resolving it. The returned slice and its maps belong to the service
// afterwards (the evaluator must not change them). Evaluate is called from one goroutine at a time and must
// return when ctx ends.
type Evaluator interface {
	Evaluate(ctx context.Context, now time.Time) ([]alert.Match, error)
}

// EvaluatorFunc adapts a function to Evaluator, for tests and small
// adapters.
type EvaluatorFunc func(ctx context.Context, now time.Time) ([]alert.Match, error)

// Evaluate calls f(ctx, now).
func (f EvaluatorFunc) Evaluate(ctx context.Context, now time.Time) ([]alert.Match, error) {
	return f(ctx, now)
}
