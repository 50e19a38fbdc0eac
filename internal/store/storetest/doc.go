// Package storetest is the conformance suite every store.Store backend must
// pass, so that the embedded DuckDB store and the Elasticsearch store give
// the same answers for the same events: a user moving from one to the other
// must not see a query change meaning. A backend's tests call Run with a
// Harness that opens fresh stores; the suite writes a fixed set of
// load-balancer events (fixtures.go) and checks writes and deduplication,
// every query operator, aggregations, per-period metric statistics
// (store.MetricStore, which every backend must implement too), retention
// and stats against the
// reference semantics of docs/DESIGN.md, which the DuckDB backend defines.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, storetest.Harness{
//			Open:      func(t *testing.T) store.Store { return openFresh(t) },
//			Partition: 24 * time.Hour,
//		})
//	}
//
// The package is imported only by tests; it lives outside _test files so
// that every backend's package can share it, as telegraf's
// models/buffer_suite_test.go is shared by its buffer implementations.
package storetest
