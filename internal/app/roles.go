package app

import (
	"context"

	"github.com/logstack/logstack/internal/config"
)

// step is one start-up stage of the process.
type step struct {
	name string
	fn   func(context.Context) error
}

// steps lists what the configured role starts, sinks before sources
// (store, queue, indexer, then the inputs), so nothing is accepted that
// cannot be kept; shutdown stops them the other way round. A broker opens
// no store and an indexer runs no inputs (issue 4, docs/SCALE-OUT.md); the
// alerter starts after the inputs, so it stops before them and its last
// evaluation still finds the store open.
func (a *App) steps() []step {
	c := a.cfg
	var s []step
	if c.OpensStore() {
		s = append(s, step{"store", a.startStore})
	}
	if c.OpensQueue() {
		s = append(s, step{"queue", a.startQueue})
	}
	if c.RunsIndexer() {
		s = append(s, step{"indexer", a.startIndexer})
	}
	if c.Role == config.RoleIndexer && c.Store.Type == "duckdb" {
		a.log.Warn("role indexer with store duckdb: this indexer's database is private, so run only one indexer (or use store.type elasticsearch)")
	}
	if c.OpensStore() {
		s = append(s, step{"retention", a.startRetention})
	}
	if c.RunsInputs() {
		s = append(s, step{"tcp input", a.startTCP}, step{"s3 inputs", a.startS3Inputs})
	}
	if c.RunsAlerter() {
		s = append(s, step{"alerter", a.startAlerter})
	}
	return append(s, step{"http server", a.startHTTP})
}
