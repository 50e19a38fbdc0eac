package duckdb

import (
	"time"

	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/timeexpr"
)

// nanos converts t to Unix nanoseconds, the unit of the ts column; a time
// outside 1677..2262 is a bad request.
func nanos(t time.Time) (int64, error) {
	n, err := timeexpr.UnixNano(t)
	return n, store.BadRequest(err)
}
