// Package duckdb is logstack's embedded store: one DuckDB database file
// holding a table per UTC day of events, so that a single binary can keep,
// search and expire logs without an external cluster.
//
// Each event is stored once as the JSON document it arrived as (returned
// verbatim by searches) plus typed copies of a few frequently queried fields
// (log.level, service.name, http.response.status_code, ...) in columns that
// DuckDB scans and compresses well. Writes are idempotent by event.id: a
// bloom filter per partition answers "certainly new" for almost every event
// and a single query per batch confirms the rest. Retention drops whole day
// tables, which is instant and leaves no tombstones behind.
//
// Query semantics follow docs/DESIGN.md: bare words match whole words of the
// message case-insensitively, field values compare exactly (numbers
// numerically), and fields without a column are read from the JSON document.
// Word searches first test a 128-bit signature of the message's words kept
// beside it, so the regular expression that decides only runs on the rows
// that may match; searches count all matches exactly but read documents
// only from the time slice that holds the hits.
package duckdb
