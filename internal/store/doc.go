// Package store defines the backend-neutral contract between logstack and
// the places events are kept (the embedded DuckDB store, Elasticsearch and
// OpenSearch): write an idempotent batch, search, aggregate and expire.
package store
