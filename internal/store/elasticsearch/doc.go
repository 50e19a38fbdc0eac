// Package elasticsearch is the store backend that keeps events in an
// Elasticsearch (7.x, 8.x) or OpenSearch (1.x, 2.x) cluster, for
// deployments that outgrow the embedded DuckDB store (issue 4).
//
// It speaks the documented REST API over plain net/http, because the
// official go-elasticsearch client refuses to talk to OpenSearch and
// opensearch-go refuses Elasticsearch (Vector and Fluent Bit do the same).
// Open detects the flavour and version with GET /, installs a versioned
// index template with explicit mappings, and then:
//
//   - Write sends _bulk "create" actions with _id = event.id into
//     time-based indices named by a pattern (hourly by default) or into a
//     data stream, honouring every item's result;
//   - Search and Aggregate translate the query AST into a small subset of
//     the query DSL with the semantics of the DuckDB backend (see
//     translate.go and docs/ELASTICSEARCH.md);
//   - DeleteOlderThan deletes whole indices whose time, read back from
//     their names, is past the cutoff.
//
// It was verified against the protocol fake internal/testkit/esfake, not
// against a real cluster; TestRealCluster runs the same checks against one
// when LOGSTACK_TEST_ES_URL is set.
package elasticsearch
