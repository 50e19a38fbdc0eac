package duckdb

import (
	"fmt"

	"github.com/logstack/logstack/internal/store"
)

// ErrClosed is returned by every method called after Close. It wraps
// store.ErrPermanent: the indexer must not retry a write on a closed store.
var ErrClosed = fmt.Errorf("duckdb store closed (%w)", store.ErrPermanent)

// Bad queries and requests are reported with store.ErrBadRequest, which
// the search API maps to 400; everything else DuckDB reports (I/O, memory)
// is left retryable.
