package duckdb

import (
	"context"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// DeleteOlderThan drops the day partitions that end at or before cutoff,
// so retention never rewrites data: events of the day that contains cutoff
// survive until a later call. It returns what it dropped; on an error the
// partitions dropped before it stay dropped and are counted.
func (s *Store) DeleteOlderThan(ctx context.Context, cutoff time.Time) (store.Deleted, error) {
	var del store.Deleted
	if s.closed.Load() {
		return del, ErrClosed
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	var old []*partition
	for _, p := range s.sortedParts(time.Time{}, time.Time{}) {
		if !p.end().After(cutoff) {
			old = append(old, p)
		}
	}
	s.mu.RUnlock()
	if len(old) == 0 {
		return del, nil
	}
	s.dropMu.Lock()
	defer s.dropMu.Unlock()
	for _, p := range old {
		if _, err := s.db.ExecContext(ctx, "DROP TABLE IF EXISTS "+ident(p.table)); err != nil {
			return del, s.classify(fmt.Errorf("drop partition %s: %w", p.table, err))
		}
		s.mu.Lock()
		delete(s.parts, p.table)
		del.Events += p.events
		s.mu.Unlock()
		del.Partitions++
	}
	if del.Partitions > 0 {
		// Let DuckDB reuse the freed blocks now rather than at the next
		// automatic checkpoint; running searches may make it fail, which
		// is harmless.
		if _, err := s.db.ExecContext(ctx, "CHECKPOINT"); err != nil {
			s.logger.Debug("checkpoint after retention", "err", err)
		}
		s.logger.Info("partitions dropped", "partitions", del.Partitions, "events", del.Events, "cutoff", cutoff)
	}
	return del, nil
}
