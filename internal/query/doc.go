// Package query parses the Lucene query-string syntax that Kibana and
// ElastAlert users already write into a small AST that every store backend
// translates, so one query means the same thing on DuckDB and Elasticsearch.
// Parse documents the grammar and its precedence decisions; String renders
// an AST back into canonical query syntax.
package query
