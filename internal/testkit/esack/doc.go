// Package esack is an ACKNOWLEDGE-ONLY bulk endpoint in front of which
// logstack's Elasticsearch store can be benchmarked: it speaks just enough
// of the documented Elasticsearch REST API for the store to open (GET /,
// index templates) and answers every _bulk action with a correct per-item
// 201 "created" response, parsed from the NDJSON action lines, without
// storing or indexing anything.
//
// It exists so that benchmarks measure logstack's own cost per event
// (queue, indexer, bulk encoding, HTTP, reading per-item results) rather
// than the cost of a cluster or of the protocol fake (internal/testkit/esfake),
// which really indexes and evaluates queries and is much slower. It is not
// a test double for behaviour: searches answer empty and nothing is kept.
package esack
