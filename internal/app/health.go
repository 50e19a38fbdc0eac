package app

import (
	"context"
	"errors"

	"github.com/logstack/logstack/internal/queue"
)

// queueCheck is the queue's readiness: reachable, and, for a process
// with inputs, not full (a full queue is why its inputs answer 429). A
// full queue does not make an indexer unready: it is the one emptying it.
func (a *App) queueCheck(ctx context.Context) error {
	err := a.q.Ping(ctx)
	if errors.Is(err, queue.ErrFull) && !a.cfg.RunsInputs() {
		return nil
	}
	return err
}

// storePinger is a store that can tell cheaply whether it is reachable
// (a remote cluster); the embedded store has no such check.
type storePinger interface {
	Ping(ctx context.Context) error
}

// addStoreCheck makes readiness say when a remote store cannot be
// reached, even while nothing is being indexed (a search-only moment): by
// its Ping when it has one, else by its Stats; the embedded store is
// always there.
func (a *App) addStoreCheck() {
	if p, ok := a.st.(storePinger); ok {
		a.health.Add("store", p.Ping)
		return
	}
	if a.cfg.Store.Type != "duckdb" {
		a.health.Add("store", func(ctx context.Context) error {
			_, err := a.st.Stats(ctx)
			return err
		})
	}
}
