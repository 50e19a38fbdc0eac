// Package query parses the Lucene query-string syntax that Kibana and
// ElastAlert users already write into a small AST that every store backend
// translates, so one query means the same thing on DuckDB and Elasticsearch.
// Parse documents the grammar and its precedence decisions; String renders
// an AST back into canonical query syntax.
//
// What a value means once a backend compares it (the words of a text
// value, a number, the instants a date bound covers) is decided here too,
// in value.go, so that the backends share one definition instead of
// keeping copies in step.
package query
