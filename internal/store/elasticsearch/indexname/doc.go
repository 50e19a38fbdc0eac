// Package indexname formats and parses the time-based index names of the
// Elasticsearch store ("logstack-%Y.%m.%d.%H"). It has no dependencies so
// that the config package can validate a pattern with the very code the
// store uses, and retention can read an index's time back from its name
// (see docs/ELASTICSEARCH.md).
package indexname
